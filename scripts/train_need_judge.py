"""Train the need judgement (``coach/resources/lexicon/need_judge.npz``): does the objective state a need?

    python scripts/train_need_judge.py
    python scripts/train_need_judge.py --out need_judge.npz   # elsewhere (a path of yours)

Training data (never a test split): the train splits of ``data/real.jsonl`` (what people
actually wrote) and ``data/objectives.jsonl`` (written to order, weighing less: its wording is
not real writers'), each row labelled ``need`` true or false by the rubric.

Out of fold: the real train rows are cut into five folds by source site (a site's posts share
wording), the written rows into five at random; each fold is scored by a model fitted on the
other four. Those probabilities give the figures printed here (agreement with the gold ``need``
on the real train split, beside the patterns alone; the judge's figures count the patterns it
cannot overrule, ``SURE_PATTERNS``, as the need finder does) and the cut-off (the one with the best
out-of-fold accuracy on the real rows), and they are saved with the model so that the grader,
which is trained on the same rows, reads what the judge says of texts it has not seen (see
``coach.components.needs.out_of_fold``). Then it fits on all the train rows and scores the real
dev split.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.components.need_judge import SURE_PATTERNS, NeedJudge, need_features, save_weights, text_key  # noqa: E402
from coach.nlp import build_pipeline  # noqa: E402

OUT = ROOT / "coach" / "resources" / "lexicon" / "need_judge.npz"
SEED = 13
#: Inverse regularisation and the written rows' weight, chosen by the out-of-fold accuracy on the
#: real train split (C 0.1-3, weight 0-1 tried: all within about two points).
C = 0.3
WRITTEN_WEIGHT = 0.3
FOLDS = 5


def read(name: str, split: str) -> list[dict]:
    rows = [json.loads(line) for line in (ROOT / "data" / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [dict(r, file=name) for r in rows if r.get("split") == split]


def featurise(nlp, rows: list[dict]) -> list[dict[str, float]]:
    """Each row's features, from the need patterns' hits before any judgement."""
    out = []
    for doc in nlp.pipe([r["text"] for r in rows], batch_size=128):
        out.append(dict.fromkeys(need_features(doc, [n.label_ for n in doc.spans["coach_needs"]]), 1.0))
    return out


def rule_found(nlp, rows: list[dict], sure: bool = False) -> np.ndarray:
    """Whether the patterns find a need in each row (``sure``: one the judge cannot overrule)."""
    docs = nlp.pipe([r["text"] for r in rows], batch_size=128)
    return np.array([any(not sure or n.label_ in SURE_PATTERNS for n in doc.spans["coach_needs"]) for doc in docs])


def agreement(gold: np.ndarray, pred: np.ndarray) -> str:
    tp = int((gold & pred).sum())
    p = tp / max(int(pred.sum()), 1)
    r = tp / max(int(gold.sum()), 1)
    return f"P {p:.3f} R {r:.3f} accuracy {np.mean(gold == pred):.3f}"


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the weights (default: the package's)")
    args = parser.parse_args()
    nlp = build_pipeline()
    finder = nlp.get_pipe("coach_needs")
    _ = finder.data
    finder.judge = NeedJudge(None)  # the patterns' hits, unjudged
    real, written, dev = read("real.jsonl", "train"), read("objectives.jsonl", "train"), read("real.jsonl", "dev")
    rows = real + written
    feats = featurise(nlp, rows)
    y = np.array([bool(r["need"]) for r in rows])
    weight = np.array([1.0 if r["file"] == "real.jsonl" else WRITTEN_WEIGHT for r in rows])
    rng = np.random.RandomState(SEED)
    hosts = sorted({r["host"] for r in real})
    rng.shuffle(hosts)
    fold_of_host = {h: k % FOLDS for k, h in enumerate(hosts)}
    folds = np.array([fold_of_host[r["host"]] for r in real] + list(rng.randint(0, FOLDS, len(written))))

    def fit(index: np.ndarray):
        vectorizer = DictVectorizer()
        X = vectorizer.fit_transform([feats[i] for i in index])
        model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced", random_state=SEED)
        model.fit(X, y[index], sample_weight=weight[index])
        return vectorizer, model

    oof = np.zeros(len(rows))
    for k in range(FOLDS):
        vectorizer, model = fit(np.flatnonzero(folds != k))
        held = np.flatnonzero(folds == k)
        oof[held] = model.predict_proba(vectorizer.transform([feats[i] for i in held]))[:, 1]
    is_real = np.array([r["file"] == "real.jsonl" for r in rows])
    cutoffs = np.round(np.arange(0.3, 0.71, 0.05), 2)
    cutoff = float(max(cutoffs, key=lambda t: (np.mean((oof[is_real] >= t) == y[is_real]), -abs(t - 0.5))))
    vectorizer, model = fit(np.arange(len(rows)))
    names = vectorizer.get_feature_names_out().tolist()
    save_weights(args.out, names, model.coef_[0], float(model.intercept_[0]), cutoff,
                 {text_key(r["text"]): float(p) for r, p in zip(rows, oof)})

    rules_real = rule_found(nlp, real)
    dev_feats = featurise(nlp, dev)
    dev_p = model.predict_proba(vectorizer.transform(dev_feats))[:, 1]
    dev_y = np.array([bool(r["need"]) for r in dev])
    print(f"{len(real)} real + {len(written)} written train rows, {len(names)} features, cut-off {cutoff:.2f} -> {args.out}")
    print(f"real train, patterns alone:    {agreement(y[is_real], rules_real)}")
    sure_real, sure_dev = rule_found(nlp, real, sure=True), rule_found(nlp, dev, sure=True)
    print(f"real train, judge out of fold: {agreement(y[is_real], (oof[is_real] >= cutoff) | sure_real)}")
    print(f"real dev, patterns alone:      {agreement(dev_y, rule_found(nlp, dev))}")
    print(f"real dev, judge:               {agreement(dev_y, (dev_p >= cutoff) | sure_dev)}")


if __name__ == "__main__":
    main()
