"""List role false positives and misses on the real train or dev split (never test).

    .venv/bin/python scripts/role_errors.py train|dev [--all] [--kinds-only]

Each false-positive target and each missed target is printed with its sentence and the coach's
relation, and at the end both are counted by kind (``--kinds-only`` prints only the counts):

- a false positive is ``gold-own``, ``gold-excluded`` or ``gold-mention`` when the labels give it
  another relation; otherwise ``other-sentence`` when it stands in a sentence holding no labeled
  target (background narrative) while the text has some, ``no-target-text`` when the text has no
  labeled target at all, ``same-sentence`` otherwise (a non-person head, a generic subject);
- a miss is ``coach-own``, ``coach-mention``, ``coach-excluded`` or ``coach-generic`` when the
  coach found it with that relation (or as a generic people word), else ``not-found``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from collections import Counter

from coach.evaluation import _overlap, gold_spans, role_metrics
from coach.nlp import build_pipeline

split = sys.argv[1]
assert split in ("train", "dev") or (split == "test" and "objectives" in sys.argv[2]), "real: train or dev only"
show_all = "--all" in sys.argv
quiet = "--kinds-only" in sys.argv
fp_kinds: Counter = Counter()
miss_kinds: Counter = Counter()
fp_heads: Counter = Counter()


def _spans(row: dict, key: str) -> list[dict]:
    values = row.get(key) or []
    if key == "own_roles" and not values and row.get("own_role"):
        values = [row["own_role"]]
    return gold_spans(row["text"], [{"text": v} if isinstance(v, str) else v for v in values])


def _sentence(doc, start: int):
    return next((s for s in doc.sents if s.start_char <= start < s.end_char), None)


def fp_kind(row: dict, doc, p: dict, gold: list[dict]) -> str:
    """The kind of a false-positive target (see the module docstring)."""
    for key, name in (("own_roles", "gold-own"), ("excluded", "gold-excluded"), ("mentions", "gold-mention")):
        if any(_overlap(p, g) for g in _spans(row, key)):
            return name
    if not gold:
        return "no-target-text"
    sent = _sentence(doc, p["start"])
    if sent is not None and not any(sent.start_char <= g["start"] < sent.end_char for g in gold):
        return "other-sentence"
    return "same-sentence"


def miss_kind(g: dict, roles, generic) -> str:
    """The kind of a missed target (see the module docstring)."""
    for r in roles:
        if _overlap({"start": r.start_char, "end": r.end_char}, g):
            return f"coach-{r._.coach_relation}"
    if any(_overlap({"start": s.start_char, "end": s.end_char}, g) for s in generic):
        return "coach-generic"
    return "not-found"
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
    fp_labels = []
    for p in pred:
        if not any(_overlap(p, g) for g in gold):
            kind = fp_kind(row, doc, p, gold)
            fp_kinds[kind] += 1
            fp_heads[p["text"].split()[-1].lower()] += 1
            fp_labels.append(f"{p['text']} <{kind}>")
    miss_labels = []
    generic = list(doc.spans["coach_generic"]) if "coach_generic" in doc.spans else []
    for g in gold:
        if not any(_overlap(p, g) for p in pred):
            kind = miss_kind(g, roles, generic)
            miss_kinds[kind] += 1
            miss_labels.append(f"{g['text']} <{kind}>")
    fps, misses = fp_labels, miss_labels
    if quiet:
        continue
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
print(f"false-positive kinds: {dict(fp_kinds.most_common())}")
print(f"missed kinds: {dict(miss_kinds.most_common())}")
print(f"most frequent false-positive last words: {fp_heads.most_common(25)}")
