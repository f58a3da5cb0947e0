"""Labeled objectives: reading them, and the fixed train / test split.

The bundled set is ``data/objectives.jsonl`` (one JSON object a line, at least ``text`` and
``grade``; ``split`` is ``train`` or ``test``). :func:`read_labeled` also reads a CSV or TSV with
``text`` (or ``objective``) and ``grade`` columns, so users can evaluate on their own files.
"""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CoachError
from .rubric import GRADES
from .textio import TextInputError, TextLines, has_surrogates, loads_json

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
    """Read labeled objectives from JSONL, CSV or TSV; raise :class:`DatasetError` on bad input.

    The file is decoded and split into lines like every other input (:mod:`coach.textio`).
    Each row needs a string ``text`` (or ``objective``) and ``grade``; ``split``, if given, is a
    string; ``roles``, if given, a list of strings or objects with a string ``text`` and a list
    of string ``fields``.
    """
    path = Path(path)
    if path.is_dir():
        raise DatasetError(f"{path} is a folder, not a file")
    if not path.is_file():
        raise DatasetError(f"no such file: {path}")
    try:
        with open(path, "rb") as fh:
            lines = list(TextLines(fh, str(path)))
    except (OSError, TextInputError) as err:
        raise DatasetError(f"cannot read {path}: {getattr(err, 'strerror', None) or err}") from None
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        rows = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                rows.append(loads_json(line))
            except ValueError as err:
                raise DatasetError(f"{path}:{number}: not a JSON object ({err})") from None
    else:
        dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
        try:
            reader = csv.DictReader(lines, dialect=dialect)
            _known_columns(path, reader)
            rows = list(reader)
        except csv.Error as err:
            raise DatasetError(f"{path}: not readable as CSV ({err})") from None
    examples = [_example(path, number, row) for number, row in enumerate(rows, 1)]
    if not examples:
        raise DatasetError(f"{path} holds no labeled objectives")
    return examples


def _known_columns(path: Path, reader: csv.DictReader) -> None:
    """Read the header; name the known columns as the rows use them (a spreadsheet's "Text " or
    "Grade" is ``text`` or ``grade``), or say which one is missing and what the columns are."""
    columns = reader.fieldnames or []
    known = ("text", "objective", "grade", "split", "roles")
    reader.fieldnames = [c.strip().lower() if c and c.strip().lower() in known else c for c in columns]
    shown = ", ".join(str(c) for c in columns)
    if columns and not {"text", "objective"} & set(reader.fieldnames):
        raise DatasetError(f"{path}: no 'text' (or 'objective') column; the columns are: {shown}")
    if columns and "grade" not in reader.fieldnames:
        raise DatasetError(f"{path}: no 'grade' column; the columns are: {shown}")


def _example(path: Path, number: int, row: object) -> Example:
    where = f"{path}: row {number}"
    if not isinstance(row, dict):
        raise DatasetError(f"{where} is not an object")
    text = row.get("text") or row.get("objective")
    if text is not None and not isinstance(text, str):
        raise DatasetError(f"{where}: text must be a string, got {type(text).__name__}")
    if not text or not text.strip():
        raise DatasetError(f"{where} has no text")
    if has_surrogates(text):
        raise DatasetError(f"{where}: text is not valid Unicode")
    grade = row.get("grade")
    grade = grade.strip().lower() if isinstance(grade, str) else grade
    if grade not in GRADES:
        raise DatasetError(f"{where} has grade {grade!r}; expected one of {', '.join(GRADES)}")
    split = row.get("split")
    if split is not None and not isinstance(split, str):
        raise DatasetError(f"{where}: split must be a string, got {type(split).__name__}")
    roles = row.get("roles") or []
    if not isinstance(roles, list):
        roles = []
    for role in roles:
        if isinstance(role, str):
            continue
        if not isinstance(role, dict) or not isinstance(role.get("text", ""), str) \
                or not isinstance(role.get("fields", []), list) \
                or not all(isinstance(f, str) for f in role.get("fields", [])):
            raise DatasetError(f"{where}: each role must be a string or an object with a string "
                               "'text' and a list of string 'fields'")
    meta = {k: v for k, v in row.items() if k not in ("text", "objective", "grade", "split", "roles")}
    return Example(text, grade, split or split_of(text), roles, meta)
