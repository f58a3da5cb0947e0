"""Merge the writers' batches (``data/objectives/batch-*.jsonl``) into ``data/objectives.jsonl``.

Drops exact duplicates (case and spacing folded), keeps each row's batch as ``source`` and gives
it its fixed split (see :func:`coach.dataset.split_of`). Run after adding or fixing a batch.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from coach.dataset import split_of
from coach.features import GRADES

DATA = Path(__file__).resolve().parents[1] / "data"


def main() -> int:
    seen: set[str] = set()
    rows = []
    for batch in sorted((DATA / "objectives").glob("batch-*.jsonl")):
        for line in batch.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            key = " ".join(row["text"].lower().split())
            if key in seen or row.get("grade") not in GRADES:
                continue
            seen.add(key)
            row["source"] = batch.stem
            row["split"] = split_of(row["text"])
            rows.append(row)
    out = DATA / "objectives.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    test = sum(r["split"] == "test" for r in rows)
    print(f"{len(rows)} objectives ({len(rows) - test} train, {test} test) -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
