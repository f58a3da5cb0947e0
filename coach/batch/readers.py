"""Reading a workshop's submissions: CSV, TSV, JSONL, XLSX or plain text, streamed row by row.

Every reader yields plain ``dict`` rows (column -> string) in file order and exposes the column
names, so that the objective column can be detected and every other column carried through.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import CoachError

INPUT_FORMATS = ("csv", "tsv", "jsonl", "xlsx", "txt")

#: Header names that name the objective column, in order of preference (lower case, stripped).
OBJECTIVE_HEADERS = ("objective", "networking objective", "goal", "networking goal", "response",
                     "answer", "text", "objectives", "your objective", "what is your networking objective?")

#: Column name used for plain text input (one objective a line).
TEXT_COLUMN = "objective"


class InputFileError(CoachError, ValueError):
    """The input cannot be read as a table of objectives; the message says why in one line."""


@dataclass
class Table:
    """Column names and a lazy iterator of rows; ``rows`` can be consumed once."""

    columns: list[str]
    rows: Iterator[dict[str, str]]
    format: str
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)


def format_of(path: Path | None, override: str | None = None) -> str:
    """Input format from ``--input-format`` or the file's extension."""
    if override:
        return override
    if path is None:
        raise InputFileError("reading standard input needs --input-format (csv, tsv, jsonl, xlsx or txt)")
    suffix = path.suffix.lower().lstrip(".")
    aliases = {"tab": "tsv", "ndjson": "jsonl", "json": "jsonl", "text": "txt", "xlsm": "xlsx"}
    fmt = aliases.get(suffix, suffix)
    if fmt not in INPUT_FORMATS:
        raise InputFileError(f"cannot tell the format of {path.name}: use --input-format "
                             f"({', '.join(INPUT_FORMATS)})")
    return fmt


def open_table(path: Path | None, fmt: str, stdin: IO[bytes] | None = None) -> Table:
    """Open ``path`` (or ``stdin`` when path is None) as a :class:`Table` of format ``fmt``."""
    if path is not None and not path.is_file():
        raise InputFileError(f"no such file: {path}")
    if fmt == "xlsx":
        return _open_xlsx(path, stdin)
    raw = _open_binary(path, stdin)
    text, encoding = _decode_stream(raw, path)
    if fmt == "txt":
        return Table([TEXT_COLUMN], _text_rows(text), fmt, encoding)
    if fmt == "jsonl":
        return _open_jsonl(text, encoding, path)
    return _open_csv(text, encoding, fmt, path)


def _open_binary(path: Path | None, stdin: IO[bytes] | None) -> IO[bytes]:
    if path is None:
        if stdin is None:
            raise InputFileError("no input")
        return stdin
    return open(path, "rb")


def _decode_stream(raw: IO[bytes], path: Path | None) -> tuple[io.TextIOBase, str]:
    """Pick the encoding from a BOM or the first 64 KiB: UTF-8 (with or without BOM), UTF-16, cp1252."""
    buffered = io.BufferedReader(raw, buffer_size=1 << 16) if not isinstance(raw, io.BufferedReader) else raw
    head = buffered.peek(1 << 16)[: 1 << 16]
    name = path.name if path else "standard input"
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        if b"\x00" in head:
            raise InputFileError(f"{name} looks binary, not a text table (use --input-format xlsx for Excel files)")
        try:
            head.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as err:
            # A cut multi-byte character at the end of the sample is still UTF-8.
            encoding = "utf-8" if err.start >= len(head) - 3 else "cp1252"
    if not head.strip():
        raise InputFileError(f"{name} is empty")
    # Undecodable bytes become U+FFFD; the row holding them gets an error instead of a crash.
    return io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline=""), encoding


def _text_rows(text: io.TextIOBase) -> Iterator[dict[str, str]]:
    for line in text:
        line = line.rstrip("\r\n")
        if line.strip():
            yield {TEXT_COLUMN: line}


def _open_jsonl(text: io.TextIOBase, encoding: str, path: Path | None) -> Table:
    name = path.name if path else "standard input"
    lines = (line for line in text if line.strip())
    first_line = next(lines, None)
    if first_line is None:
        raise InputFileError(f"{name} is empty")
    try:
        first = json.loads(first_line)
    except ValueError as err:
        raise InputFileError(f"{name}: line 1 is not JSON ({err})") from None
    if not isinstance(first, dict):
        raise InputFileError(f"{name}: expected one JSON object a line")
    columns = list(first)

    def rows() -> Iterator[dict[str, str]]:
        yield _stringify(first)
        for number, line in enumerate(lines, 2):
            try:
                obj = json.loads(line)
            except ValueError:
                obj = {"__error__": f"line {number} is not valid JSON"}
            if not isinstance(obj, dict):
                obj = {"__error__": f"line {number} is not a JSON object"}
            for key in obj:
                if key not in columns and key != "__error__":
                    columns.append(key)
            yield _stringify(obj)

    return Table(columns, rows(), "jsonl", encoding)


def _stringify(obj: dict) -> dict[str, str]:
    return {str(k): v if isinstance(v, str) else ("" if v is None else json.dumps(v) if isinstance(v, (list, dict)) else str(v))
            for k, v in obj.items()}


def _open_csv(text: io.TextIOBase, encoding: str, fmt: str, path: Path | None) -> Table:
    name = path.name if path else "standard input"
    sample = text.read(1 << 15)
    if not sample.strip():
        raise InputFileError(f"{name} is empty")
    if fmt == "tsv":
        delimiter = "\t"
    else:
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    stream = _chain(sample, text)
    reader = csv.reader(stream, delimiter=delimiter)
    header = next(reader, None)
    while header is not None and not any(cell.strip() for cell in header):
        header = next(reader, None)  # blank lines above the header
    if header is None:
        raise InputFileError(f"{name} has no header row")
    columns = _unique_columns(header)

    def rows() -> Iterator[dict[str, str]]:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue  # blank rows in form exports are not submissions
            if len(cells) > len(columns):
                extra = cells[len(columns):]
                if any(c.strip() for c in extra):
                    for k in range(len(columns), len(cells)):
                        columns.append(f"column_{k + 1}")
                else:
                    cells = cells[: len(columns)]
            yield {col: (cells[k] if k < len(cells) else "") for k, col in enumerate(columns)}

    table = Table(columns, rows(), fmt, encoding)
    if delimiter != ("\t" if fmt == "tsv" else ","):
        table.notes.append(f"delimiter {delimiter!r}")
    return table


def _chain(first: str, rest: io.TextIOBase) -> Iterator[str]:
    # Re-join the sniffed sample with the rest of the stream, line by line, so csv sees one stream.
    buffer = io.StringIO(first)
    pending = ""
    for line in buffer:
        if line.endswith(("\n", "\r")):
            yield pending + line
            pending = ""
        else:
            pending += line
    for line in rest:
        yield pending + line
        pending = ""
    if pending:
        yield pending


def _unique_columns(header: list[str]) -> list[str]:
    columns, seen = [], {}
    for k, raw in enumerate(header):
        name = raw.strip() or f"column_{k + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        columns.append(name)
    # Trailing empty header cells (form exports) become column_N; drop them if all are unnamed at the end.
    while columns and columns[-1].startswith("column_") and not header[len(columns) - 1].strip():
        columns.pop()
    return columns


def _open_xlsx(path: Path | None, stdin: IO[bytes] | None) -> Table:
    try:
        import openpyxl
    except ImportError as err:  # pragma: no cover - openpyxl is a dependency
        raise InputFileError("reading XLSX needs openpyxl (pip install openpyxl)") from err
    source = path if path is not None else io.BytesIO(stdin.read() if stdin else b"")
    name = path.name if path else "standard input"
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises zipfile, KeyError and others for a non-workbook
        raise InputFileError(f"{name} is not a readable XLSX workbook ({type(err).__name__})") from None
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = next(values, None)
    while header is not None and not any(c not in (None, "") for c in header):
        header = next(values, None)
    if header is None:
        raise InputFileError(f"{name} is empty")
    columns = _unique_columns(["" if c is None else str(c) for c in header])

    def rows() -> Iterator[dict[str, str]]:
        for cells in values:
            if not any(c not in (None, "") for c in cells):
                continue
            yield {col: ("" if k >= len(cells) or cells[k] is None else str(cells[k]))
                   for k, col in enumerate(columns)}
        book.close()

    return Table(columns, rows(), "xlsx")


def detect_column(columns: list[str], sample_rows: list[dict[str, str]], wanted: str | None = None) -> str:
    """The objective column: ``wanted`` (case-insensitive), a known header, else the longest text."""
    if wanted is not None:
        for col in columns:
            if col == wanted or col.strip().lower() == wanted.strip().lower():
                return col
        raise InputFileError(f"no column {wanted!r}; the columns are: {', '.join(columns)}")
    lowered = {col.strip().lower().rstrip(":"): col for col in columns}
    for header in OBJECTIVE_HEADERS:
        if header in lowered:
            return lowered[header]
    for col in columns:
        if "objective" in col.lower() or "goal" in col.lower():
            return col
    if not columns:
        raise InputFileError("the input has no columns")

    def mean_length(col: str) -> float:
        cells = [row.get(col, "") for row in sample_rows]
        return sum(len(c) for c in cells) / max(len(cells), 1)

    return max(columns, key=mean_length)
