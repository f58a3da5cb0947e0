"""Target-role precision and recall per source on the real train and dev splits (never test).

A rule change is a gain only if it helps rows of many sources, not the few it was written for:
save the figures before a change, then compare after it (rows better or worse, and their hosts).

    python scripts/role_sources.py --save before.json       # per-row predictions of this checkout
    python scripts/role_sources.py --compare before.json    # per collection before -> after
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.evaluation import _overlap, gold_spans, role_metrics
from coach.nlp import build_pipeline


def predictions(path: Path) -> list[dict]:
    """Gold and predicted target spans of each train/dev row, with its host and collection."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r.get("split") in ("train", "dev")]
    nlp = build_pipeline()
    out = []
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows])):
        pred = [{"text": r.text, "start": r.start_char, "end": r.end_char, "fields": list(r._.coach_fields)}
                for r in doc.spans["coach_roles"] if r._.coach_relation == "target"]
        out.append({"host": row["host"], "collection": row["collection"], "split": row["split"],
                    "gold": gold_spans(row["text"], row["roles"]), "pred": pred})
    return out


def _pr(rows: list[dict]) -> tuple[float, float]:
    m = role_metrics([(r["gold"], r["pred"]) for r in rows])
    return m["precision"], m["recall"]


def _errors(row: dict) -> tuple[int, int]:
    """(false positives, gold roles found) of one row."""
    fp = sum(not any(_overlap(p, g) for g in row["gold"]) for p in row["pred"])
    found = sum(any(_overlap(p, g) for p in row["pred"]) for g in row["gold"])
    return fp, found


def compare(before: list[dict], after: list[dict]) -> None:
    """Print P/R per collection and split, then the rows and hosts made better or worse."""
    for key in ("collection", "split"):
        for name in sorted({r[key] for r in before}):
            b = [r for r in before if r[key] == name]
            a = [r for r in after if r[key] == name]
            (pb, rb), (pa, ra) = _pr(b), _pr(a)
            print(f"{name:12s} {len(b):4d}  P/R {pb:.3f}/{rb:.3f} -> {pa:.3f}/{ra:.3f}")
    better, worse = set(), set()
    for x, y in zip(before, after):
        (fx, tx), (fy, ty) = _errors(x), _errors(y)
        if fy > fx or ty < tx:
            worse.add(x["host"])
        elif fy < fx or ty > tx:
            better.add(x["host"])
    print(f"hosts with a row better: {len(better)}, worse: {len(worse)} {sorted(worse)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "real.jsonl")
    parser.add_argument("--save", type=Path, help="write this checkout's predictions here")
    parser.add_argument("--compare", type=Path, help="compare this checkout with saved predictions")
    args = parser.parse_args()
    after = predictions(args.data)
    if args.save:
        args.save.write_text(json.dumps(after), encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        assert len(before) == len(after), "saved with other data"
        compare(before, after)
    elif not args.save:
        compare(after, after)


if __name__ == "__main__":
    main()
