"""Labeled objectives: reading them, and the fixed train / test split.

The bundled set is ``data/objectives.jsonl`` (one JSON object a line, at least ``text`` and
``grade``; ``split`` is ``train`` or ``test``). :func:`read_labeled` also reads a CSV or TSV with
``text`` (or ``objective``) and ``grade`` columns, so users can evaluate on their own files.
"""
from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CoachError
from .rubric import GRADES

#: Share of objectives in the fixed test split.
TEST_SHARE = 0.2


class DatasetError(CoachError, ValueError):
    """A labeled file is missing, unreadable or has bad rows."""


@dataclass
class Example:
    """One labeled objective."""

    text: str
    grade: str
    split: str = "train"
    roles: list[dict] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


def split_of(text: str, test_share: float = TEST_SHARE) -> str:
    """Deterministic split from a hash of the normalised text: the same text always lands alike.

    >>> split_of("Meet sales trainers") in ("train", "test")
    True
    """
    key = " ".join(text.lower().split()).encode("utf-8")
    bucket = int(hashlib.sha256(key).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if bucket < test_share else "train"


def read_labeled(path: Path) -> list[Example]:
    """Read labeled objectives from JSONL, CSV or TSV; raise :class:`DatasetError` on bad input."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"no such file: {path}")
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise DatasetError(f"{path} is not UTF-8 text ({err.reason} at byte {err.start})") from err
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        rows = []
        for number, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as err:
                raise DatasetError(f"{path}:{number}: not a JSON object ({err})") from err
    else:
        dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
        rows = list(csv.DictReader(raw.splitlines(), dialect=dialect))
    examples = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise DatasetError(f"{path}: row {number} is not an object")
        text = row.get("text") or row.get("objective")
        grade = (row.get("grade") or "").strip().lower()
        if not text or not str(text).strip():
            raise DatasetError(f"{path}: row {number} has no text")
        if grade not in GRADES:
            raise DatasetError(f"{path}: row {number} has grade {grade!r}; expected one of {', '.join(GRADES)}")
        roles = row.get("roles") or []
        if not isinstance(roles, list):
            roles = []
        meta = {k: v for k, v in row.items() if k not in ("text", "objective", "grade", "split", "roles")}
        examples.append(Example(str(text), grade, row.get("split") or split_of(str(text)), roles, meta))
    if not examples:
        raise DatasetError(f"{path} holds no labeled objectives")
    return examples
