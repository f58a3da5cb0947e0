"""Writing graded rows: CSV, JSONL, XLSX and the HTML report, each streamed row by row.

Every writer takes an open binary file, gets ``write(row, result)`` once per input row in input
order, and ``close(summary)`` at the end. Cells a spreadsheet would run as a formula are
neutralised in CSV and XLSX.
"""
from __future__ import annotations

import csv
import io
import json
from typing import IO

from ..errors import CoachError
from ..rubric import GRADES
from .summary import RoomSummary

OUTPUT_FORMATS = ("csv", "jsonl", "xlsx", "html")
ADDED_COLUMNS = ("grade", "p_vague", "p_improved", "p_specific", "roles", "occupations", "fields", "venues",
                 "feedback", "suggestion", "error")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("Meet CFOs")
    ('\\'=HYPERLINK("http://x")', 'Meet CFOs')
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def added_column_names(input_columns: list[str]) -> list[str]:
    """The coach's columns, prefixed ``coach_`` when the input already has a column of that name."""
    clash = any(c in input_columns for c in ADDED_COLUMNS)
    return [f"coach_{c}" if clash else c for c in ADDED_COLUMNS]


def flat_values(result) -> list[str]:
    """The coach's columns for one result, as strings (empty grade and the error for a bad row)."""
    if result.grade is None:
        return [""] * (len(ADDED_COLUMNS) - 1) + [result.error or ""]
    targets = [r for r in result.roles if r.target]
    return [
        result.grade,
        *(f"{result.probabilities[g]:.4f}" for g in GRADES),
        "; ".join(r.text for r in targets),
        "; ".join(f"{r.occupation.code} {r.occupation.title}" if r.occupation else "unknown" for r in targets),
        "; ".join(result.fields),
        " | ".join(v.name for v in result.venues[:3]),
        "; ".join(f.code for f in result.feedback),
        result.suggestion,
        "",
    ]


class CsvWriter:
    """CSV: every input column, then the coach's columns."""

    def __init__(self, fh: IO[bytes], columns: list[str]):
        self._text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=False)
        self._csv = csv.writer(self._text)
        self.columns = columns
        self._csv.writerow([neutralise(c) for c in columns + added_column_names(columns)])

    def write(self, row: dict[str, str], result) -> None:
        cells = [row.get(c, "") for c in self.columns] + flat_values(result)
        self._csv.writerow([neutralise(c) for c in cells])

    def close(self, summary: RoomSummary) -> None:
        self._text.flush()
        self._text.detach()


class JsonlWriter:
    """JSONL: the check object plus the input row under ``row``."""

    def __init__(self, fh: IO[bytes], columns: list[str]):
        self._fh = fh

    def write(self, row: dict[str, str], result) -> None:
        data = {"row": row, **result.to_dict()}
        self._fh.write((json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8"))

    def close(self, summary: RoomSummary) -> None:
        self._fh.flush()


class XlsxWriter:
    """XLSX in openpyxl's write-only mode (rows are streamed, not held)."""

    def __init__(self, fh: IO[bytes], columns: list[str]):
        import openpyxl

        self._fh = fh
        self._book = openpyxl.Workbook(write_only=True)
        self._sheet = self._book.create_sheet("graded")
        self.columns = columns
        self._sheet.append([neutralise(c) for c in columns + added_column_names(columns)])

    def write(self, row: dict[str, str], result) -> None:
        cells = [row.get(c, "") for c in self.columns] + flat_values(result)
        self._sheet.append([_xlsx_safe(neutralise(c)) for c in cells])

    def close(self, summary: RoomSummary) -> None:
        self._book.save(self._fh)


def _xlsx_safe(cell: str) -> str:
    # XML 1.0 forbids most control characters; openpyxl raises on them.
    return "".join(ch for ch in cell if ch >= " " or ch in "\t\n\r")


def make_writer(fmt: str, fh: IO[bytes], columns: list[str], name_column: str | None, objective_column: str):
    """The writer for ``fmt``."""
    if fmt == "csv":
        return CsvWriter(fh, columns)
    if fmt == "jsonl":
        return JsonlWriter(fh, columns)
    if fmt == "xlsx":
        return XlsxWriter(fh, columns)
    if fmt == "html":
        from .html_report import HtmlReportWriter

        return HtmlReportWriter(fh, columns, name_column=name_column, objective_column=objective_column)
    raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(OUTPUT_FORMATS)}")


OUTPUT_FORMATS = ("csv", "jsonl", "xlsx", "html")
_FORMAT_ALIASES = {"htm": "html", "ndjson": "jsonl", "json": "jsonl"}


def output_format_of(path) -> str:
    """The output format named by ``path``'s extension (CSV for standard output)."""
    if path is None:
        return "csv"
    suffix = path.suffix.lower().lstrip(".")
    fmt = _FORMAT_ALIASES.get(suffix, suffix)
    if fmt not in OUTPUT_FORMATS:
        raise CoachError(f"cannot tell the output format from {path.name}: use --format csv|jsonl|xlsx|html")
    return fmt
