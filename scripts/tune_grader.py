"""Tune the grader's combination on real wording without the test split.

    python scripts/tune_grader.py [--weights 1,2,3] [--C 1,4]

Featurises the written train split and the real train and dev splits (never a test row), then
for each setting reports: grouped 5-fold cross-validation on the real train split (folds by
source site; each fold's model also sees all written train rows and the other folds), and the
dev split scored by a model fitted on both train splits.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.features import doc_features  # noqa: E402
from coach.grader import SEED, make_estimator  # noqa: E402
from coach.nlp import build_pipeline  # noqa: E402


def read(name: str, splits: set[str]) -> list[dict]:
    rows = []
    for line in (ROOT / "data" / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row.get("split") != "test" and row.get("split", "train") in splits:
                rows.append(row)
    return rows


def macro(gold, pred):
    from sklearn.metrics import f1_score
    labels = ["vague", "improved", "specific"]
    per = f1_score(gold, pred, labels=labels, average=None, zero_division=0)
    return float(np.mean(per)), dict(zip(labels, map(float, per)))


def featurise(nlp, rows):
    return [doc_features(d) for d in nlp.pipe([r["text"] for r in rows], batch_size=128)]


def fit_predict(train_feats, train_y, weights, test_feats, C):
    from coach.rubric import best_grade
    est = make_estimator(C=C, seed=SEED)
    est.fit(train_feats, train_y, classify__sample_weight=np.asarray(weights, dtype=float))
    proba = est.predict_proba(test_feats)
    classes = list(est.classes_)
    return [best_grade({c: p[k] for k, c in enumerate(classes)}) for p in proba], proba, classes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="1")
    parser.add_argument("--C", default="4")
    args = parser.parse_args()
    nlp = build_pipeline()
    written = read("objectives.jsonl", {"train"})
    real_train = read("real.jsonl", {"train"})
    real_dev = read("real.jsonl", {"dev"})
    fw, ft, fd = featurise(nlp, written), featurise(nlp, real_train), featurise(nlp, real_dev)
    yw, yt, yd = [r["grade"] for r in written], [r["grade"] for r in real_train], [r["grade"] for r in real_dev]
    hosts = sorted({r["host"] for r in real_train})
    rng = np.random.RandomState(SEED)
    rng.shuffle(hosts)
    fold_of = {h: k % 5 for k, h in enumerate(hosts)}
    folds = [fold_of[r["host"]] for r in real_train]
    for C in map(float, args.C.split(",")):
        for w in map(float, args.weights.split(",")):
            cv_pred = [None] * len(real_train)
            for k in range(5):
                tr = [i for i, f in enumerate(folds) if f != k]
                te = [i for i, f in enumerate(folds) if f == k]
                pred, _, _ = fit_predict(fw + [ft[i] for i in tr], yw + [yt[i] for i in tr],
                                         [1.0] * len(fw) + [w] * len(tr), [ft[i] for i in te], C)
                for i, p in zip(te, pred):
                    cv_pred[i] = p
            cv, cv_per = macro(yt, cv_pred)
            dev_pred, _, _ = fit_predict(fw + ft, yw + yt, [1.0] * len(fw) + [w] * len(ft), fd, C)
            dv, dv_per = macro(yd, dev_pred)
            fmt = lambda d: " ".join(f"{k[0]}{v:.2f}" for k, v in d.items())  # noqa: E731
            print(f"C={C:g} w_real={w:g}: real-train CV {cv:.3f} ({fmt(cv_per)}) | dev {dv:.3f} ({fmt(dv_per)})",
                  flush=True)


if __name__ == "__main__":
    main()
