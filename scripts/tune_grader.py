"""Tune the grader's combination on real wording without the test split.

    python scripts/tune_grader.py [--weights 1,2,3] [--C 1,4] [--grade-weights 1,1,1/1.2,1,0.8]
                                  [--written-cv] [--with-ner] [--ordinal]

Featurises the written train split and the real train and dev splits (never a test row), then
for each setting reports: grouped 5-fold cross-validation on the real train split (folds by
source site; each fold's model also sees all written train rows and the other folds; with the
standard deviation of the five folds' macro-F1), and the dev split scored by a model fitted on both
train splits.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.components.needs import out_of_fold  # noqa: E402
from coach.features import doc_features  # noqa: E402
from coach.grader import DEFAULT_C, SEED, make_estimator  # noqa: E402
from coach.rubric import GRADES  # noqa: E402
from coach.training import FILE_WEIGHTS, GRADE_WEIGHTS  # noqa: E402
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


def featurise(nlp, rows, held_out_needs: bool = False):
    """Feature dicts of ``rows``; ``held_out_needs``: rows the need judge was trained on, judged
    out of fold (as ``coach train`` does)."""
    with out_of_fold(nlp) if held_out_needs else contextlib.nullcontext():
        return [doc_features(d) for d in nlp.pipe([r["text"] for r in rows], batch_size=128)]


def fit_predict(train_feats, train_y, weights, test_feats, C):
    from coach.rubric import best_grade
    if ORDINAL:
        return ordinal_fit_predict(train_feats, train_y, weights, test_feats, C)
    est = make_estimator(C=C, seed=SEED)
    est.fit(train_feats, train_y, classify__sample_weight=np.asarray(weights, dtype=float))
    proba = est.predict_proba(test_feats)
    classes = list(est.classes_)
    return [best_grade({c: p[k] for k, c in enumerate(classes)}) for p in proba], proba, classes


#: Set by ``--ordinal``: grade with two cumulative binary models instead of one three-class model.
ORDINAL = False


def ordinal_fit_predict(train_feats, train_y, weights, test_feats, C):
    """The grades are ordered: fit P(grade >= improved) and P(grade >= specific), each a calibrated
    binary copy of the grader's estimator, and read the three probabilities off them (an
    experiment, not what ``coach train`` fits)."""
    from coach.rubric import GRADES, best_grade
    rank = np.array([GRADES.index(g) for g in train_y])
    at_least = []
    for step in (1, 2):
        est = make_estimator(C=C, seed=SEED)
        est.fit(train_feats, (rank >= step).astype(int), classify__sample_weight=np.asarray(weights, dtype=float))
        at_least.append(est.predict_proba(test_feats)[:, 1])
    up, top = at_least[0], np.minimum(at_least[1], at_least[0])
    proba = np.stack([1 - up, up - top, top], axis=1)
    return [best_grade(dict(zip(GRADES, p))) for p in proba], proba, list(GRADES)


def scaled(feats: list[dict], scale: float) -> list[dict]:
    """The word n-gram features multiplied by ``scale`` (a smaller value regularises them more)."""
    if scale == 1:
        return feats
    return [{k: (v * scale if k.startswith(("w=", "b=")) else v) for k, v in f.items()} for f in feats]


def pipeline_with_ner():
    """The coach's pipeline with the base pipeline's entity recogniser instead of coach_entities."""
    from coach.base_model import load_base
    from coach.components import COMPONENTS, morphology

    nlp = morphology.replace_in(load_base())
    for name in COMPONENTS:
        if name != "coach_entities":
            nlp.add_pipe(name).initialize(nlp=nlp)
    return nlp


def written_cv(feats: list[dict], gold: list[str], C: float) -> float:
    """Macro-F1 of 5-fold cross-validation (shuffled with the grader's seed) on the written rows."""
    order = np.random.RandomState(SEED).permutation(len(gold))
    predicted: list[str | None] = [None] * len(gold)
    for k in range(5):
        test = order[k::5]
        train = np.setdiff1d(order, test)
        pred, _, _ = fit_predict([feats[i] for i in train], [gold[i] for i in train], [1.0] * len(train),
                                 [feats[i] for i in test], C)
        for i, p in zip(test, pred):
            predicted[i] = p
    return macro(gold, predicted)[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default=f"{FILE_WEIGHTS.get('real.jsonl', 1.0):g}",
                        help="weights of the real train rows (written rows weigh 1)")
    parser.add_argument("--C", default=f"{DEFAULT_C:g}")
    parser.add_argument("--grade-weights", default=",".join(f"{GRADE_WEIGHTS[g]:g}" for g in GRADES),
                        help="factors on the rows' weights by gold grade, vague,improved,specific; "
                             "several settings separated by /")
    parser.add_argument("--ngram-scale", default="1",
                        help="multiplies the word n-gram features (already coach.features.NGRAM_WEIGHT)")
    parser.add_argument("--cache", help="pickle of the features, reused if it exists")
    parser.add_argument("--with-ner", action="store_true",
                        help="spaCy's statistical entity recogniser in place of coach_entities (what it was worth)")
    parser.add_argument("--written-cv", action="store_true",
                        help="also 5-fold cross-validation on the written train split alone")
    parser.add_argument("--ordinal", action="store_true",
                        help="two cumulative binary models (grade >= improved, >= specific) instead of one")
    parser.add_argument("--save-probabilities", help="path prefix: write each setting's CV and dev probabilities")
    args = parser.parse_args()
    global ORDINAL
    ORDINAL = args.ordinal
    import pickle
    written = read("objectives.jsonl", {"train"})
    real_train = read("real.jsonl", {"train"})
    real_dev = read("real.jsonl", {"dev"})
    if args.cache and Path(args.cache).is_file():
        fw0, ft0, fd0 = pickle.loads(Path(args.cache).read_bytes())
    else:
        nlp = pipeline_with_ner() if args.with_ner else build_pipeline()
        fw0, ft0 = featurise(nlp, written, True), featurise(nlp, real_train, True)
        fd0 = featurise(nlp, real_dev)
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps((fw0, ft0, fd0)))
    yw, yt, yd = [r["grade"] for r in written], [r["grade"] for r in real_train], [r["grade"] for r in real_dev]
    if args.written_cv:
        print(f"written train 5-fold CV macro-F1 {written_cv(fw0, yw, float(args.C.split(',')[0])):.3f}", flush=True)
    hosts = sorted({r["host"] for r in real_train})
    rng = np.random.RandomState(SEED)
    rng.shuffle(hosts)
    fold_of = {h: k % 5 for k, h in enumerate(hosts)}
    folds = [fold_of[r["host"]] for r in real_train]
    settings = [(sc, c, w, gw) for sc in map(float, args.ngram_scale.split(","))
                for c in map(float, args.C.split(",")) for w in map(float, args.weights.split(","))
                for gw in args.grade_weights.split("/")]
    for scale, C, w, gw in settings:
        fw, ft, fd = scaled(fw0, scale), scaled(ft0, scale), scaled(fd0, scale)
        by_grade = dict(zip(GRADES, map(float, gw.split(","))))
        ww = [by_grade[g] for g in yw]  # the written rows' weights (their file weighs 1)
        wt = [w * by_grade[g] for g in yt]
        if True:
            cv_pred = [None] * len(real_train)
            cv_proba = [None] * len(real_train)
            fold_scores = []
            for k in range(5):
                tr = [i for i, f in enumerate(folds) if f != k]
                te = [i for i, f in enumerate(folds) if f == k]
                pred, proba, classes = fit_predict(fw + [ft[i] for i in tr], yw + [yt[i] for i in tr],
                                                   ww + [wt[i] for i in tr], [ft[i] for i in te], C)
                for i, p, pr in zip(te, pred, proba):
                    cv_pred[i] = p
                    cv_proba[i] = dict(zip(classes, map(float, pr)))
                fold_scores.append(macro([yt[i] for i in te], pred)[0])
            cv, cv_per = macro(yt, cv_pred)
            dev_pred, dev_proba, classes = fit_predict(fw + ft, yw + yt, ww + wt, fd, C)
            if args.save_probabilities:
                Path(f"{args.save_probabilities}-{scale:g}-{C:g}-{w:g}-{gw.replace(',', '_')}.pkl").write_bytes(pickle.dumps({
                    "cv": cv_proba, "cv_gold": yt, "dev": [dict(zip(classes, map(float, p))) for p in dev_proba],
                    "dev_gold": yd}))
            dv, dv_per = macro(yd, dev_pred)
            fmt = lambda d: " ".join(f"{k[0]}{v:.2f}" for k, v in d.items())  # noqa: E731
            print(f"ngram x{scale:g} C={C:g} w_real={w:g} grades={gw}: real-train CV {cv:.3f} ({fmt(cv_per)}; "
                  f"fold sd {np.std(fold_scores):.3f}) | dev {dv:.3f} ({fmt(dv_per)})",
                  flush=True)


if __name__ == "__main__":
    main()
