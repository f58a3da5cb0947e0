"""Reading a workshop's submissions: CSV, TSV, JSONL, XLSX or plain text, streamed row by row.

Every reader yields :class:`Row` objects (a ``dict`` of column -> string) in file order and
exposes the column names, so that the objective column can be detected and every other column
carried through. Text formats are decoded and split into lines by :mod:`coach.textio`, the same
way for every command.

- **Columns**: ``Table.columns`` grows while reading when a row has more cells than the header
  (named ``column_N`` by position) or a JSONL line a new key. The output's header is fixed when
  writing starts (see :class:`coach.batch.writers.Layout`); later names go to its overflow column.
- **Errors** of a row the reader could not read travel out of band, in :attr:`Row.error`, never
  as a column: no input column or JSONL key can reach them.
- **CSV delimiter**: chosen from the header line (``,`` ``;`` tab or ``|``, whichever separates
  it into the most cells outside quotes; ties go to the one that splits the next rows into as
  many cells as the header), and named in ``Table.notes`` when it is not the format's usual one.
- **XLSX**: every worksheet whose header matches the first non-empty one is read, in order;
  others are named in ``Table.notes``. Archives that would unzip to more than
  :data:`MAX_XLSX_UNZIPPED` are refused.
- A repeated header line (concatenated exports) is skipped and counted in ``Table.notes``.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import CoachError
from ..textio import MAX_LINE_BYTES, TextInputError, TextLines, clean_text, content_lines, loads_json, unzipped_size

INPUT_FORMATS = ("csv", "tsv", "jsonl", "xlsx", "txt")

#: Header names that name the objective column, in order of preference (lower case, stripped).
OBJECTIVE_HEADERS = ("objective", "networking objective", "goal", "networking goal", "response",
                     "answer", "text", "objectives", "your objective", "what is your networking objective?")

#: Column name used for plain text input (one objective a line).
TEXT_COLUMN = "objective"
#: Delimiters a CSV header may use, in order of preference on a tie.
DELIMITERS = (",", ";", "\t", "|")
#: Lines after the header looked at to break a tie between delimiters.
DELIMITER_SAMPLE_LINES = 20
#: XLSX limits: everything unzipped, and the shared strings (held in memory by openpyxl).
MAX_XLSX_UNZIPPED = 256 << 20
MAX_XLSX_SHARED_STRINGS = 64 << 20
#: Largest XLSX read from standard input (it has to be held in memory to be unzipped).
MAX_XLSX_BYTES = 64 << 20


class InputFileError(CoachError, ValueError):
    """The input cannot be read as a table of objectives; the message says why in one line."""


class Row(dict):
    """One input row: column -> text, in column order.

    Out of band, where no input can reach them: ``error``, why the reader could not read the row
    (it is then empty, and gets an output row with that error), and ``line``, where it starts.
    """

    __slots__ = ("error", "line")

    def __init__(self, cells: Iterable = (), error: str | None = None, line: int = 0):
        super().__init__(cells)
        self.error = error
        self.line = line


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


def check_input_path(path: Path) -> None:
    """Raise :class:`InputFileError` unless ``path`` can be read as a file. A named pipe (the
    shell's ``<(…)``) or a device is read as it comes; a folder is not a file."""
    if path.is_dir():
        raise InputFileError(f"{path} is a folder, not a file")
    if not path.exists():
        raise InputFileError(f"no such file: {path}")


def open_table(path: Path | None, fmt: str, stdin: IO[bytes] | None = None) -> Table:
    """Open ``path`` (or ``stdin`` when path is None) as a :class:`Table` of format ``fmt``."""
    if path is not None:
        check_input_path(path)
    name = path.name if path else "standard input"
    if fmt == "xlsx":
        return _open_xlsx(path, stdin, name)
    raw = _open_binary(path, stdin)
    try:
        lines = TextLines(raw, name, binary_hint=" (use --input-format xlsx for Excel files)")
        first, rest = _first_content_line(lines, name)
        if fmt == "txt":
            table = Table([TEXT_COLUMN], _text_rows(itertools.chain([first], rest), lines, name), fmt,
                          lines.encoding)
        elif fmt == "jsonl":
            table = _open_jsonl(first, rest, lines, name)
        else:
            table = _open_csv(first, rest, lines, fmt, name)
    except TextInputError as err:
        raise InputFileError(str(err)) from None
    # One list: notes found while reading (cp1252 lines, skipped headers) land in the table's.
    table.notes[:0] = lines.notes
    lines.notes = table.notes
    return table


def _open_binary(path: Path | None, stdin: IO[bytes] | None) -> IO[bytes]:
    if path is None:
        if stdin is None:
            raise InputFileError("no input")
        return stdin
    try:
        return open(path, "rb")
    except OSError as err:
        raise InputFileError(f"cannot read {path}: {err.strerror or err}") from None


def _first_content_line(lines: TextLines, name: str) -> tuple[str, Iterator[str]]:
    """The first line holding more than whitespace, and an iterator over the lines after it."""
    iterator = iter(lines)
    for line in iterator:
        if line.strip():
            return line, iterator
    raise InputFileError(f"{name} is empty")


def _guarded(rows: Iterator[Row], lines: TextLines) -> Iterator[Row]:
    """Rows, with a read error (a line too long, a cut stream) turned into :class:`InputFileError`."""
    try:
        yield from rows
    except TextInputError as err:
        raise InputFileError(str(err)) from None


def _text_rows(raw_lines: Iterator[str], lines: TextLines, name: str) -> Iterator[Row]:
    def rows() -> Iterator[Row]:
        for line in content_lines(raw_lines):
            yield Row({TEXT_COLUMN: clean_text(line)}, line=lines.line_number)

    return _guarded(rows(), lines)


#: Lines a JSONL file may open with before its first JSON object (each becomes an error row);
#: a file with none among them is not JSONL at all.
JSONL_LEADING_BAD_LINES = 20


def _open_jsonl(first: str, rest: Iterator[str], lines: TextLines, name: str) -> Table:
    def parsed(line: str) -> Row:
        number = lines.line_number
        try:
            value = loads_json(line)
        except ValueError as err:
            deep = "nested" in str(err)
            return Row(error=f"line {number} is not valid JSON" + (f" ({err})" if deep else ""), line=number)
        if not isinstance(value, dict):
            return Row(error=f"line {number} is not a JSON object", line=number)
        return _json_row(value, number)

    # A damaged first line is a row error like any other, once a JSON object follows it.
    content = (line for line in rest if line.strip())
    leading = [parsed(first)]
    while leading[-1].error is not None:
        line = next(content, None) if len(leading) < JSONL_LEADING_BAD_LINES else None
        if line is None:
            if isinstance(_json_or_none(first), list):
                raise InputFileError(f"{name}: expected one JSON object a line (JSON Lines), not a JSON array")
            raise InputFileError(f"{name}: expected one JSON object a line; {leading[0].error}")
        leading.append(parsed(line))
    columns = list(leading[-1])

    def rows() -> Iterator[Row]:
        yield from leading
        for line in content:
            row = parsed(line)
            columns.extend(k for k in row if k not in columns)
            yield row

    return Table(columns, _guarded(rows(), lines), "jsonl", lines.encoding)


def _json_or_none(line: str) -> object:
    try:
        return loads_json(line)
    except ValueError:
        return None


def _json_row(obj: dict, line: int) -> Row:
    def text(value: object) -> str:
        if isinstance(value, str):
            return clean_text(value)
        if value is None:
            return ""
        if isinstance(value, (list, dict)):
            return json.dumps(value)  # ASCII: escaped surrogates stay harmless
        return str(value)

    return Row(((clean_text(str(k)), text(v)) for k, v in obj.items()), line=line)


def choose_delimiter(header: str, following: list[str], fmt: str = "csv") -> str:
    """The delimiter of a CSV (see the module docstring); always tab for TSV.

    >>> choose_delimiter('id;Name;Goal', ['1;Zoë;Meet CFOs, "the money people"'])
    ';'
    >>> choose_delimiter('"Name, first";Goal', [])
    ';'
    """
    if fmt == "tsv":
        return "\t"
    counts = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    best = max(counts.values())
    if best == 0:
        return ","  # one column
    tied = [d for d in DELIMITERS if counts[d] == best]
    if len(tied) == 1:
        return tied[0]

    def agreement(delimiter: str) -> int:
        width = best + 1
        return sum(len(cells) == width for cells in csv.reader(following, delimiter=delimiter))

    return max(tied, key=agreement)  # max keeps the first (preferred) of equals


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _open_csv(first: str, rest: Iterator[str], lines: TextLines, fmt: str, name: str) -> Table:
    following = list(itertools.islice(rest, DELIMITER_SAMPLE_LINES))
    delimiter = choose_delimiter(first.rstrip("\r\n"), [line.rstrip("\r\n") for line in following], fmt)
    source = _RowLines(itertools.chain([first], following, rest))
    reader = csv.reader(source, delimiter=delimiter)
    first_line = lines.line_number - len(following)
    try:
        header = _next_row(reader)
        if header is None:
            raise InputFileError(f"{name} is empty")
    except csv.Error as err:
        raise InputFileError(f"{name}: the header line cannot be read as CSV ({err})") from None
    source.check_quotes(delimiter, name, first_line)
    header = [clean_text(cell) for cell in header]
    columns = _unique_columns(header)
    if not columns:
        raise InputFileError(f"{name} has no header row")
    skipped: list[int] = []
    notes: list[str] = []
    first_row = None
    if len(columns) == 1 and reads_like_objective(columns[0]):
        # A list of objectives saved as .csv: its first line is an objective, not a header.
        first_row, columns = Row({TEXT_COLUMN: header[0]}, line=first_line), [TEXT_COLUMN]
        notes.append("no header line (the first line reads like an objective; graded as one)")
    names = _ColumnNamer(columns)
    header_key = None if first_row is not None else _header_key(header)
    if delimiter != ("\t" if fmt == "tsv" else ","):
        notes.append(f"delimiter {delimiter!r} (from the header line)")

    def rows() -> Iterator[Row]:
        if first_row is not None:
            yield first_row
        try:
            while (cells := _next_row(reader)) is not None:
                line = first_line + reader.line_num - 1
                source.check_quotes(delimiter, name, line - source.row_lines + 1)
                if not any(cell.strip() for cell in cells):
                    continue  # blank rows in form exports are not submissions
                cells = [clean_text(cell) for cell in cells]
                if _header_key(cells) == header_key:
                    skipped.append(line)  # the header again: exports concatenated
                    continue
                yield names.row(cells, line)
        except csv.Error as err:
            line = first_line + reader.line_num - 1
            if "field limit" in str(err):
                raise InputFileError(f"{name}: line {line}: a cell is larger than {MAX_LINE_BYTES >> 20} MiB; "
                                     "is this really a table of objectives?") from None
            raise InputFileError(f"{name}: line {line}: {err}") from None
        finally:
            if skipped:
                notes.append(f"skipped {len(skipped)} repeated header line{'s' if len(skipped) > 1 else ''} "
                             f"(line {', '.join(map(str, skipped[:3]))}{', …' if len(skipped) > 3 else ''})")

    return Table(columns, _guarded(rows(), lines), fmt, lines.encoding, notes)


def _next_row(reader) -> list[str] | None:
    """The reader's next row (None at the end), with cells up to the line limit.

    The csv module's own limit (128 KiB a cell) would stop a whole batch for one pasted
    document; the line limit still bounds memory, and an objective over 5,000 characters is a
    row error. The limit is process-wide, so it is raised only while a row is read.
    """
    previous = csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_BYTES))
    try:
        return next(reader, None)
    finally:
        csv.field_size_limit(previous)


class _RowLines:
    """The lines fed to ``csv.reader``, remembering those of the row being read, so that a row
    spanning several lines can be checked for a quote that runs rows together."""

    def __init__(self, lines: Iterator[str]):
        self._lines = lines
        self._row: list[str] = []
        self._taken = 0

    def __iter__(self) -> "_RowLines":
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if self._taken:  # the reader has finished the previous row: start a new one
            self._row.clear()
            self._taken = 0
        self._row.append(line)
        return line

    @property
    def row_lines(self) -> int:
        return len(self._row)

    def check_quotes(self, delimiter: str, name: str, line: int) -> None:
        """Raise :class:`InputFileError` when the row just read (starting at ``line``) spans
        lines only because of a quote that is never closed, or closed with text after it.

        The reader is lenient (a stray quote inside one line is kept as written), but across
        lines that leniency silently merges every row up to the next quote into one cell.
        """
        self._taken = 1
        if len(self._row) < 2:
            return
        try:
            list(csv.reader(self._row, delimiter=delimiter, strict=True))
        except csv.Error:
            raise InputFileError(f"{name}: line {line}: a quoted cell is not closed where it should be "
                                 "(an unmatched quote), so the rows after it would run together; "
                                 "fix the quotes") from None


def reads_like_objective(header: str) -> bool:
    """Whether a lone header cell is rather an objective (a file without a header line): three
    words or more, not a known objective header or a question or label ("…?", "…:"), and no
    header word such as "objective" or "goal".

    >>> reads_like_objective("Meet CPAs in Akron"), reads_like_objective("Your networking goal")
    (True, False)
    >>> reads_like_objective("What do you want to learn?"), reads_like_objective("objectives")
    (False, False)
    """
    text = header.strip().lstrip("\ufeff").strip()
    lowered = text.lower()
    if lowered.rstrip(":") in OBJECTIVE_HEADERS or text.endswith(("?", ":")):
        return False
    if any(word in lowered for word in ("objective", "goal", "response", "answer")):
        return False
    return len(text.split()) >= 3


def _header_key(cells: list[str]) -> tuple[str, ...]:
    key = [c.strip().lstrip("\ufeff").strip() for c in cells]
    while key and not key[-1]:
        key.pop()
    return tuple(key)


class _ColumnNamer:
    """Cells to a :class:`Row`: by header position, extra non-empty cells as ``column_N``."""

    def __init__(self, columns: list[str]):
        self.columns = columns
        self._header = tuple(columns)
        self._extra: dict[int, str] = {}

    def row(self, cells: list, line: int) -> Row:
        row = Row(((col, cells[k] if k < len(cells) else "") for k, col in enumerate(self._header)), line=line)
        for k in range(len(self._header), len(cells)):
            if cells[k].strip():
                row[self._name(k)] = cells[k]
        return row

    def _name(self, position: int) -> str:
        if position not in self._extra:
            name = f"column_{position + 1}"
            while name in self.columns:
                name += "_"
            self._extra[position] = name
            self.columns.append(name)
        return self._extra[position]


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


def _open_xlsx(path: Path | None, stdin: IO[bytes] | None, name: str) -> Table:
    try:
        import openpyxl
    except ImportError as err:  # pragma: no cover - openpyxl is a dependency
        raise InputFileError("reading XLSX needs openpyxl (pip install openpyxl)") from err
    if path is not None and path.is_file():
        source = path
    else:
        # Standard input or a pipe (the shell's <(…)): a ZIP must be seekable, so read it in.
        if path is not None:
            with _open_binary(path, None) as raw:
                data = raw.read(MAX_XLSX_BYTES + 1)
        else:
            data = stdin.read(MAX_XLSX_BYTES + 1) if stdin else b""
        if len(data) > MAX_XLSX_BYTES:
            raise InputFileError(f"{name}: an XLSX workbook over {MAX_XLSX_BYTES >> 20} MiB is not read "
                                 "from standard input or a pipe; pass the file's name")
        source = io.BytesIO(data)
    try:
        unzipped_size(source, name, MAX_XLSX_UNZIPPED, {"xl/sharedStrings.xml": MAX_XLSX_SHARED_STRINGS},
                      kind="XLSX workbook")
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except TextInputError as err:
        raise InputFileError(str(err)) from None
    except Exception as err:  # openpyxl raises zipfile, KeyError, XML errors and others
        raise InputFileError(f"{name} is not a readable XLSX workbook ({type(err).__name__})") from None
    sheets = []  # (title, header, rows iterator) of the sheets to read
    notes: list[str] = []
    try:
        for sheet in book.worksheets:
            values = sheet.iter_rows(values_only=True)
            header = next((_xlsx_cells(c) for c in values if any(x not in (None, "") for x in c)), None)
            if header is None:
                continue
            if sheets and _header_key(header) != _header_key(sheets[0][1]):
                notes.append(f"sheet {sheet.title!r} not read: its header differs from sheet {sheets[0][0]!r}")
                continue
            sheets.append((sheet.title, header, values))
    except Exception as err:
        book.close()
        raise InputFileError(f"{name}: a worksheet is damaged ({type(err).__name__})") from None
    if not sheets:
        book.close()
        raise InputFileError(f"{name} is empty")
    if len(sheets) > 1:
        notes.append("read sheets " + ", ".join(repr(title) for title, _, _ in sheets))
    columns = _unique_columns(sheets[0][1])
    names = _ColumnNamer(columns)
    header_key = _header_key(sheets[0][1])

    def rows() -> Iterator[Row]:
        title = sheets[0][0]
        try:
            for sheet_title, _, values in sheets:
                title = sheet_title  # for the message if the sheet turns out damaged
                for number, raw in enumerate(values, 2):
                    cells = _xlsx_cells(raw)
                    if not any(c.strip() for c in cells) or _header_key(cells) == header_key:
                        continue
                    yield names.row(cells, number)
        except Exception as err:
            raise InputFileError(f"{name}: sheet {title!r} is damaged ({type(err).__name__})") from None
        finally:
            book.close()

    return Table(columns, rows(), "xlsx", notes=notes)


def _xlsx_cells(values: tuple) -> list[str]:
    return [("" if v is None else clean_text(str(v))) for v in values]


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
