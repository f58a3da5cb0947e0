"""List role false positives and misses on the real train or dev split (never test).

    .venv/bin/python scripts/role_errors.py train|dev [--all]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from coach.evaluation import _overlap, gold_spans, role_metrics
from coach.nlp import build_pipeline

split = sys.argv[1]
assert split in ("train", "dev") or (split == "test" and "objectives" in sys.argv[2]), "real: train or dev only"
show_all = "--all" in sys.argv
path = Path(sys.argv[2]) if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else Path("data/real.jsonl")
rows = [json.loads(line) for line in path.open()]
rows = [r for r in rows if r.get("split") == split]
nlp = build_pipeline()
pairs = []
own_pairs, excl_pairs = [], []
nfp = nmiss = 0
for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows])):
    gold = gold_spans(row["text"], row["roles"])
    roles = list(doc.spans["coach_roles"])
    pred = [{"text": r.text, "start": r.start_char, "end": r.end_char, "fields": list(r._.coach_fields)}
            for r in roles if r._.coach_relation == "target"]
    pairs.append((gold, pred))
    own_gold = row.get("own_roles") if "own_roles" in row else ([row["own_role"]] if row.get("own_role") else [])
    own_pairs.append((gold_spans(row["text"], [{"text": t} for t in own_gold]),
                      [{"text": r.text, "start": r.start_char, "end": r.end_char} for r in roles
                       if r._.coach_relation == "own"]))
    excl_pairs.append((gold_spans(row["text"], [{"text": t} for t in row.get("excluded") or []]),
                       [{"text": r.text, "start": r.start_char, "end": r.end_char} for r in roles
                        if r._.coach_relation == "excluded"]))
    fps = [p["text"] for p in pred if not any(_overlap(p, g) for g in gold)]
    misses = [g["text"] for g in gold if not any(_overlap(p, g) for p in pred)]
    inexact = [(p["text"], g["text"]) for p in pred for g in gold
               if _overlap(p, g) and p["text"].strip().lower() != g["text"].strip().lower()]
    badfield = [(g["text"], g["fields"], p["fields"]) for g in gold for p in pred
                if _overlap(p, g) and g["fields"] and not set(g["fields"]) & set(p["fields"])]
    nfp += len(fps)
    nmiss += len(misses)
    if fps or misses or show_all or ("--exact" in sys.argv and inexact) or ("--fields" in sys.argv and badfield):
        print("=" * 100)
        print(row["text"].replace("\n", " "))
        print(f"  gold: {[g['text'] for g in gold]}  own={row.get('own_roles')} excl={row.get('excluded')} "
              f"ment={row.get('mentions')}")
        print(f"  pred: {[(r.text, r._.coach_relation) for r in roles]}")
        if fps:
            print(f"  FP:   {fps}")
        if misses:
            print(f"  MISS: {misses}")
        if inexact and "--exact" in sys.argv:
            print(f"  INEXACT: {inexact}")
        if badfield and "--fields" in sys.argv:
            print(f"  FIELDS: {badfield}")
m = role_metrics(pairs)
print(f"\n{split}: P {m['precision']:.3f} R {m['recall']:.3f} exactP {m['exact_precision']:.3f} "
      f"exactR {m['exact_recall']:.3f} field {m['field_accuracy']:.3f}  FP {nfp} miss {nmiss} {m['counts']}")
for name, ps in (("own", own_pairs), ("excluded", excl_pairs)):
    m = role_metrics(ps)
    print(f"{name}: P {m['precision']:.3f} R {m['recall']:.3f} gold {m['counts']['gold']} predicted {m['counts']['predicted']}")
