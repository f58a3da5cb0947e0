"""Train the role judge (``coach/resources/lexicon/role_judge.npz``): is a rule candidate a person to meet?

    python scripts/train_role_judge.py            # cross-validate, fit, save, print the figures
    python scripts/train_role_judge.py --no-save  # figures only
    python scripts/train_role_judge.py --out role_judge.npz          # elsewhere (a path of yours)

Training data (never a test split):
- ``data/objectives.jsonl`` train split (written to order);
- ``data/real.jsonl`` train split (real wording).
Every role candidate the rules propose (``RoleExtractor.candidates``: span, head, relation) is
labeled by its gold span (character overlap, as ``coach evaluate`` matches roles): ``target``
when it overlaps a role to meet, ``own`` the writer's own role, ``mention`` a mention or an
excluded role, ``none`` otherwise. Candidates the rules exclude ("not recruiters") are not
judged and left out.

Model selection and the two cut-offs (demote a rule target below ``demote``; promote an own or
mention role from ``promote``) come from 5-fold cross-validation grouped by source site on the
real train split (the written train rows are spread over the same five folds): each fold's model
is fitted on the other folds of both sets. The cut-offs (and C, the real rows' weight) maximise
cross-validated real-train role precision (then F1) with recall held at the rules' own recall on
the same rows or above. The real dev split is
only scored, after the choice, for the report.
"""
from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.components.role_judge import CLASSES, save_weights
from coach.evaluation import _overlap, gold_spans, role_metrics
from coach.nlp import build_pipeline

OUT = ROOT / "coach" / "resources" / "lexicon" / "role_judge.npz"
SEED = 13
FOLDS = 5
C_GRID = (0.1, 0.3, 1.0)
REAL_WEIGHT_GRID = (1.0, 3.0)
DEMOTE_GRID = tuple(np.round(np.arange(0.0, 0.71, 0.05), 2))
# 1.1: never promote. An own or mention role the rules read from explicit structure ("my fellow
# nurses and I", "consultants who train *sales managers*") is never promoted (RoleJudge.keeps_relation).
PROMOTE_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 1.1)


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _texts(values) -> list[dict]:
    return [{"text": v} for v in (values or []) if v]


def gold_of(row: dict) -> dict[str, list[dict]]:
    own = row.get("own_roles") if "own_roles" in row else [row.get("own_role")]
    mentions = [m.get("text") if isinstance(m, dict) else m for m in row.get("mentions") or []]
    return {"target": gold_spans(row["text"], row.get("roles") or []),
            "own": gold_spans(row["text"], _texts(own)),
            "mention": gold_spans(row["text"], _texts(mentions) + _texts(row.get("excluded")))}


def collect(nlp, rows: list[dict], source: str) -> list[dict]:
    """One record per objective: gold target spans and the judged candidates."""
    extractor = nlp.get_pipe("coach_roles")
    out = []
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows], batch_size=64)):
        gold = gold_of(row)
        found = []
        for span, head, relation in extractor.candidates(doc, list(doc.spans["coach_generic"])):
            occupation, _ = extractor.field_finder.occupation_and_fields(span, head, doc)
            found.append((span, head, relation, occupation))
        feats = extractor.judge_features(doc, found)
        cands = []
        spans = [span for span, _, _, _ in found]
        for (span, head, relation, _), f in zip(found, feats):
            pos = {"start": span.start_char, "end": span.end_char}
            label = next((c for c in ("target", "own", "mention") if any(_overlap(pos, g) for g in gold[c])), "none")
            cands.append({"text": span.text, **pos, "relation": relation, "feats": f, "label": label, "source": source,
                          "protected": extractor.keeps_target(span, head) if relation == "target"
                          else extractor.keeps_relation(span, relation, spans)})
        out.append({"text": row["text"], "gold": gold["target"], "cands": cands, "source": source,
                    "group": row.get("host") or row["text"]})
    return out


def matrix(records: list[dict], index: dict[str, int]):
    from scipy import sparse

    cands = [c for r in records for c in r["cands"] if c["relation"] != "excluded"]
    rows, cols = [], []
    for k, c in enumerate(cands):
        for f in c["feats"]:
            if f in index:
                rows.append(k)
                cols.append(index[f])
    X = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(cands), len(index)))
    y = np.array([CLASSES.index(c["label"]) for c in cands])
    return cands, X, y


def fit(records: list[dict], C: float, real_weight: float):
    from sklearn.linear_model import LogisticRegression

    names = sorted({f for r in records for c in r["cands"] if c["relation"] != "excluded" for f in c["feats"]})
    index = {n: k for k, n in enumerate(names)}
    cands, X, y = matrix(records, index)
    weights = np.array([real_weight if c["source"] == "real" else 1.0 for c in cands])
    model = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
    model.fit(X, y, sample_weight=weights)
    coef = np.zeros((len(CLASSES), len(names)))
    intercept = np.zeros(len(CLASSES))
    coef[model.classes_] = model.coef_
    intercept[model.classes_] = model.intercept_
    missing = sorted(set(range(len(CLASSES))) - set(model.classes_))
    intercept[missing] = -30.0
    return names, coef, intercept


def probabilities(names, coef, intercept, feats: list[str]) -> np.ndarray:
    index = {n: k for k, n in enumerate(names)}
    idx = [index[f] for f in feats if f in index]
    z = intercept + coef[:, idx].sum(axis=1)
    z = np.exp(z - z.max())
    return z / z.sum()


def decide(relation: str, probs: np.ndarray, protected: bool, demote: float, promote: float) -> str | None:
    p = float(probs[0])
    if relation == "target" and p < demote and not protected:
        other = CLASSES[1 + int(np.argmax(probs[1:]))]
        return None if other == "none" else other
    if relation in ("own", "mention") and p >= promote and not protected:
        return "target"
    return relation


def scores(records: list[dict], demote: float, promote: float, key: str = "probs") -> dict:
    pairs = []
    for r in records:
        pred = []
        for c in r["cands"]:
            relation = c["relation"] if key is None or c["relation"] == "excluded" else \
                decide(c["relation"], c[key], c["protected"], demote, promote)
            if relation == "target":
                pred.append({"text": c["text"], "start": c["start"], "end": c["end"]})
        pairs.append((r["gold"], pred))
    m = role_metrics(pairs)
    return {"P": m["precision"], "R": m["recall"], "F1": m["f1"]}


def fold_of(record: dict) -> int:
    return zlib.crc32(record["group"].encode("utf-8")) % FOLDS


def cross_validate(records: list[dict], C: float, real_weight: float) -> None:
    """Out-of-fold probabilities on every candidate, in ``c["probs"]``."""
    for fold in range(FOLDS):
        train = [r for r in records if fold_of(r) != fold]
        names, coef, intercept = fit(train, C, real_weight)
        for r in records:
            if fold_of(r) == fold:
                for c in r["cands"]:
                    c["probs"] = probabilities(names, coef, intercept, c["feats"])


def best_cutoffs(real: list[dict], floor: float) -> tuple[float, float, dict]:
    best = None
    for demote in DEMOTE_GRID:
        for promote in PROMOTE_GRID:
            s = scores(real, demote, promote)
            if s["R"] + 1e-9 < floor:
                continue
            key = (round(s["P"], 4), round(s["F1"], 4), -demote, -promote)
            if best is None or key > best[0]:
                best = (key, float(demote), float(promote), s)
    return best[1], best[2], best[3]


def fmt(s: dict) -> str:
    return f"P {s['P']:.3f} R {s['R']:.3f} F1 {s['F1']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the weights (default: the package's)")
    args = parser.parse_args()
    nlp = build_pipeline()
    extractor = nlp.get_pipe("coach_roles")
    extractor.judge.vocabulary = {}  # the rules alone: every candidate, unjudged
    written = collect(nlp, [r for r in read(ROOT / "data" / "objectives.jsonl") if r["split"] == "train"], "written")
    real_rows = read(ROOT / "data" / "real.jsonl")
    real = collect(nlp, [r for r in real_rows if r["split"] == "train"], "real")
    dev = collect(nlp, [r for r in real_rows if r["split"] == "dev"], "real")
    records = written + real
    n = sum(len(r["cands"]) for r in records)
    labels = {c: sum(1 for r in records for x in r["cands"] if x["label"] == c) for c in CLASSES}
    print(f"{len(written)} written + {len(real)} real train objectives, {n} candidates {labels}")
    rules_real, rules_written = scores(real, 0, 1.1, key=None), scores(written, 0, 1.1, key=None)
    print(f"rules alone: real train {fmt(rules_real)}; written train {fmt(rules_written)}")
    results = []
    for C in C_GRID:
        for weight in REAL_WEIGHT_GRID:
            cross_validate(records, C, weight)
            demote, promote, s = best_cutoffs(real, rules_real["R"])
            w = scores(written, demote, promote)
            print(f"C={C} real_weight={weight}: demote {demote} promote {promote}: "
                  f"real train CV {fmt(s)}; written train CV {fmt(w)}")
            results.append(((round(s["P"], 4), round(s["F1"], 4)), C, weight, demote, promote, s, w))
    _, C, weight, demote, promote, s, w = max(results, key=lambda x: x[0])
    cross_validate(records, C, weight)
    print(f"chosen: C={C} real_weight={weight} demote={demote} promote={promote}")
    print("real train CV by demote cut-off (promote as chosen):")
    for d in DEMOTE_GRID[::2]:
        print(f"  {d:.3f}: {fmt(scores(real, d, promote))}")
    names, coef, intercept = fit(records, C, weight)
    for r in dev:
        for c in r["cands"]:
            c["probs"] = probabilities(names, coef, intercept, c["feats"])
    print(f"real dev: rules {fmt(scores(dev, 0, 1.1, key=None))}; judged {fmt(scores(dev, demote, promote))}")
    summary = {"candidates": n, "labels": labels, "C": C, "real_weight": weight, "demote": demote,
               "promote": promote, "features": len(names),
               "real_train_cv": {"rules": rules_real, "judge": s},
               "written_train_cv": {"rules": rules_written, "judge": w}}
    print(json.dumps(summary, indent=1))
    if not args.no_save:
        save_weights(args.out, names, coef, intercept, demote, promote)
        print(f"{len(names)} features -> {args.out}")


if __name__ == "__main__":
    main()
