"""Writing graded rows: CSV, JSONL, XLSX and the HTML report, each streamed row by row.

Every writer takes an open binary file, gets ``write(row, result)`` once per input row in input
order, and ``close(summary)`` at the end. The tabular writers (CSV, XLSX) share one
:class:`Layout`: a header fixed before the first row is written, so a late row can never shift
the columns under it. Cells a spreadsheet would run as a formula are neutralised in CSV and XLSX.
"""
from __future__ import annotations

import contextlib

import csv
import io
import json
from pathlib import Path
from typing import IO

from ..rubric import GRADES
from ..safe_output import OutputError
from ..textio import dumps_json_line
from .summary import RoomSummary

OUTPUT_FORMATS = ("csv", "jsonl", "xlsx", "html")
#: The coach's columns, after the input's. ``overflow`` holds, as a JSON object, the cells of a
#: row under names that are not in the header (a ragged row or a new JSONL key after the rows
#: the header was fixed from), so that no cell is lost and none lands under another's name.
ADDED_COLUMNS = ("grade", "p_vague", "p_improved", "p_specific", "roles", "occupations", "fields", "venues",
                 "feedback", "suggestion", "error", "overflow")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters a spreadsheet may skip before it looks for a formula sign.
_LEADING_IGNORED = "".join(map(chr, range(33))) + "\x7f\xa0"
#: Longest text Excel keeps in a cell.
XLSX_CELL_LIMIT = 32767


def neutralise(cell: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula, also when spaces or control
    characters come before the formula sign.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("Meet CFOs"), neutralise("\\x01=1+2")
    ('\\'=HYPERLINK("http://x")', 'Meet CFOs', "'\\x01=1+2")
    """
    if cell.startswith(_FORMULA_START) or cell.lstrip(_LEADING_IGNORED).startswith(_FORMULA_START[:4]):
        return "'" + cell
    return cell


def xlsx_text(cell: str) -> str:
    """A cell as XLSX can hold it: characters XML 1.0 forbids removed *first*, then neutralised
    (so ``\\x01=HYPERLINK(…)`` cannot turn into a formula once the ``\\x01`` is gone), then cut at
    Excel's cell limit.

    >>> xlsx_text("\\x01=1+2")
    "'=1+2"
    """
    clean = "".join(ch for ch in cell if _xml_char(ch))
    clean = neutralise(clean)
    if len(clean) > XLSX_CELL_LIMIT:
        clean = clean[: XLSX_CELL_LIMIT - 1] + "…"
    return clean


def _xml_char(ch: str) -> bool:
    return (ch >= " " or ch in "\t\n\r") and not ("\ud800" <= ch <= "\udfff") and ch not in "\ufffe\uffff"


def added_column_names(input_columns: list[str]) -> list[str]:
    """The coach's columns, all prefixed ``coach_`` when the input already has a column of one of
    their names (``coach_2_``, ``coach_3_``, … if those clash too): never a duplicate header.

    >>> added_column_names(["grade", "coach_grade"])[0]
    'coach_2_grade'
    """
    taken = set(input_columns)
    prefix, k = "", 1
    while any(prefix + c in taken for c in ADDED_COLUMNS):
        k += 1
        prefix = "coach_" if k == 2 else f"coach_{k - 1}_"
    return [prefix + c for c in ADDED_COLUMNS]


def flat_values(result) -> list[str]:
    """The coach's columns for one result, as strings (empty grade and the error for a bad row);
    without ``overflow``, which comes from the row."""
    if result.grade is None:
        return [""] * (len(ADDED_COLUMNS) - 2) + [result.error or ""]
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


class Layout:
    """The fixed header of a tabular output and how a row maps onto it.

    >>> layout = Layout(["id", "grade"])
    >>> layout.header[:3], layout.header[-1]
    (['id', 'grade', 'coach_grade'], 'coach_overflow')
    >>> layout.overflow({"id": "1", "grade": "A", "column_9": "late"})
    '{"column_9": "late"}'
    """

    def __init__(self, input_columns: list[str]):
        self.input_columns = tuple(input_columns)
        self._known = frozenset(self.input_columns)
        self.header = list(self.input_columns) + added_column_names(list(self.input_columns))

    def overflow(self, row: dict[str, str]) -> str:
        extra = {k: v for k, v in row.items() if k not in self._known and v != ""}
        return json.dumps(extra, ensure_ascii=False) if extra else ""

    def cells(self, row: dict[str, str], result) -> list[str]:
        """One output row: the input's cells by header name, the coach's, then the overflow."""
        return [row.get(c, "") for c in self.input_columns] + flat_values(result) + [self.overflow(row)]


class CsvWriter:
    """CSV: every input column, then the coach's columns (see :class:`Layout`)."""

    def __init__(self, fh: IO[bytes], columns: list[str]):
        self._text = io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline="", write_through=False)
        self._csv = csv.writer(self._text)
        self.layout = Layout(columns)
        self._csv.writerow([neutralise(c) for c in self.layout.header])

    def write(self, row: dict[str, str], result) -> None:
        self._csv.writerow([neutralise(c) for c in self.layout.cells(row, result)])

    def close(self, summary: RoomSummary) -> None:
        self._text.flush()
        self._text.detach()


class JsonlWriter:
    """JSONL: the check object plus the input row under ``row`` (every key the row has)."""

    def __init__(self, fh: IO[bytes], columns: list[str]):
        self._fh = fh

    def write(self, row: dict[str, str], result) -> None:
        data = {"row": dict(row), **result.to_dict()}
        self._fh.write((dumps_json_line(data) + "\n").encode("utf-8", "replace"))

    def close(self, summary: RoomSummary) -> None:
        self._fh.flush()


class XlsxWriter:
    """XLSX in openpyxl's write-only mode (rows are streamed, not held); every cell a string."""

    def __init__(self, fh: IO[bytes], columns: list[str]):
        import openpyxl
        from openpyxl.cell import WriteOnlyCell

        self._cell = WriteOnlyCell
        self._fh = fh
        self._book = openpyxl.Workbook(write_only=True)
        self._sheet = self._book.create_sheet("graded")
        self.layout = Layout(columns)
        self._sheet.append(self._cells(self.layout.header))

    def _cells(self, values: list[str]) -> list:
        cells = []
        for value in values:
            cell = self._cell(self._sheet, value=xlsx_text(value))
            cell.data_type = "s"  # a string, whatever it looks like: never a formula or a number
            cells.append(cell)
        return cells

    def write(self, row: dict[str, str], result) -> None:
        self._sheet.append(self._cells(self.layout.cells(row, result)))

    def close(self, summary: RoomSummary) -> None:
        try:
            self._book.save(_QuietAfterFailure(self._fh))
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """End the sheet's row stream now, on a stopped run: left to the garbage collector, it
        would write to a closed file and print a traceback."""
        rows = getattr(self._sheet, "_rows", None)
        if rows is not None:
            with contextlib.suppress(Exception):
                rows.close()
            self._sheet._rows = None


class _QuietAfterFailure:
    """A binary stream that, once a write or flush has failed, ignores the later ones.

    openpyxl's archive is left half-written when the stream fails (``| head -c 100``, a full
    disk); collected later, it writes its end record again and prints a second traceback after
    the one-line error. The first failure is raised as it is.
    """

    def __init__(self, fh: IO[bytes]):
        self._fh = fh
        self._failed = False

    def write(self, data) -> int:
        if self._failed:
            return len(data)
        try:
            return self._fh.write(data)
        except BaseException:
            self._failed = True
            raise

    def flush(self) -> None:
        if not self._failed:
            try:
                self._fh.flush()
            except BaseException:
                self._failed = True
                raise

    def __getattr__(self, name):  # tell, seek, seekable: the stream's own
        return getattr(self._fh, name)


def output_format_of(path: Path | None, override: str | None = None) -> str:
    """Output format from ``--format`` or the output file's extension (CSV for standard output)."""
    if override:
        return override
    if path is None:
        return "csv"
    suffix = path.suffix.lower().lstrip(".")
    fmt = {"htm": "html", "ndjson": "jsonl", "json": "jsonl"}.get(suffix, suffix)
    if fmt not in OUTPUT_FORMATS:
        raise OutputError(f"cannot tell the output format from {path.name or str(path)!r}: "
                          "use --format csv|jsonl|xlsx|html")
    return fmt


def make_writer(fmt: str, fh: IO[bytes], columns: list[str], name_column: str | None, objective_column: str):
    """The writer for ``fmt``; ``columns`` are the input columns the output's header is fixed to."""
    columns = list(columns)
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

