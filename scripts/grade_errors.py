"""Grade errors on real wording, with the coach's evidence, for error analysis (train / dev only).

    python scripts/grade_errors.py --split dev          # shipped grader on the dev split
    python scripts/grade_errors.py --split train --rule # the rubric's rule grade on the evidence
    python scripts/grade_errors.py --split dev --refit  # a grader fitted on both train splits now

Never reads the test split: rows whose split is "test" are dropped as the file is read.
(The shipped grader is fitted on the train split, so ``--rule`` is the useful view there.)
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.features import doc_features  # noqa: E402
from coach.nlp import build_pipeline  # noqa: E402
from coach.rubric import Evidence, best_grade, rule_grade  # noqa: E402


def read_real(splits: set[str]) -> list[dict]:
    rows = []
    for line in (ROOT / "data" / "real.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("split") == "test":
            continue  # never looked at
        if row.get("split") in splits:
            rows.append(row)
    return rows


def describe(doc, ev: Evidence) -> str:
    def spans(group, attr=None):
        return [s.text + (f"<{getattr(s._, attr)}>" if attr else "") for s in group]
    rejected = list(doc.spans["coach_rejected_qualifiers"]) if "coach_rejected_qualifiers" in doc.spans else []
    parts = [f"targets={spans(ev.targets)}", f"own={spans(ev.own)}", f"mentions={spans(ev.mentions)}",
             f"excluded={spans(ev.excluded)}", f"quals={spans(ev.qualifiers, 'coach_kind')}",
             f"rejected={[s.text for s in rejected]}", f"nonq={spans(ev.non_qualifiers, 'coach_flag')}",
             f"needs={spans(ev.needs)}", f"generic={spans(ev.generic)}", f"fields={ev.field_words}"]
    return "\n    ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["train", "dev"], default="dev")
    parser.add_argument("--rule", action="store_true", help="the rubric's rule grade, not the model")
    parser.add_argument("--refit", action="store_true", help="fit a grader on both train splits first (dev only)")
    parser.add_argument("--all", action="store_true", help="print correct rows too")
    args = parser.parse_args()
    nlp = build_pipeline()
    rows = read_real({args.split})
    docs = list(nlp.pipe([r["text"] for r in rows], batch_size=64))
    evs = [Evidence.from_doc(d) for d in docs]
    feats = [doc_features(d, e) for d, e in zip(docs, evs)]
    if args.refit:
        import numpy as np

        from coach.grader import SEED, make_estimator
        from coach.training import FILE_WEIGHTS
        written = [json.loads(line) for line in (ROOT / "data" / "objectives.jsonl").read_text().splitlines()
                   if line.strip() and json.loads(line).get("split") == "train"]
        real = read_real({"train"})
        train = written + real
        weights = [1.0] * len(written) + [FILE_WEIGHTS.get("real.jsonl", 1.0)] * len(real)
        est = make_estimator(seed=SEED)
        est.fit([doc_features(d) for d in nlp.pipe([r["text"] for r in train], batch_size=128)],
                [r["grade"] for r in train], classify__sample_weight=np.asarray(weights))
        classes = list(est.classes_)
        probs = [dict(zip(classes, map(float, p))) for p in np.asarray(est.predict_proba(feats))]
    elif args.rule:
        probs = [{g: float(g == rule_grade(e)) for g in ("vague", "improved", "specific")} for e in evs]
    else:
        from coach.paths import GRADER_DIR
        from coach.grader import load_grader
        probs = load_grader(GRADER_DIR).predict_proba(feats)
    for row, doc, ev, p in zip(rows, docs, evs, probs):
        pred = best_grade(p)
        if pred == row["grade"] and not args.all:
            continue
        gold_roles = [r["text"] for r in row["roles"]]
        print(f"[{row['grade']} -> {pred}] rule={rule_grade(ev)} "
              f"p=({', '.join(f'{g[0]}{v:.2f}' for g, v in p.items())}) {row['host']}")
        print(f"  {row['text']!r}")
        print(f"  gold: roles={gold_roles} quals={row.get('qualifiers')} need={row.get('need')} "
              f"own={row.get('own_roles')} border={row.get('borderline')} {row.get('note', '')}")
        print("    " + describe(doc, ev))


if __name__ == "__main__":
    main()
