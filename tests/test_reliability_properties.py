"""Property-based tests (Hypothesis) of issue 13's areas: encodings, table shapes, cell contents,
line splitting, JSON and answers. No spaCy here: grading goes through a stand-in coach, so
hundreds of examples run in seconds."""
from __future__ import annotations

import csv
import io
import json
import re
import string
import unicodedata

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coach.api import CheckResult
from coach.batch.readers import open_table
from coach.batch.runner import SAMPLE_ROWS, GradeOptions, grade_table
from coach.batch.writers import ADDED_COLUMNS, Layout, neutralise, xlsx_text
from coach.plan import clean_answer
from coach.textio import MAX_JSON_DEPTH, TextLines, loads_json

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMULA = ("=", "+", "-", "@")
IGNORED = "".join(map(chr, range(33))) + "\x7f\xa0"


class EchoCoach:
    """Grades any non-blank text 'vague', like the real coach's batch interface does."""

    def check_many(self, texts, errors="keep", n_process=1):
        for text in texts:
            if text.strip():
                yield CheckResult(text=text, grade="vague",
                                  probabilities={"vague": 1.0, "improved": 0.0, "specific": 0.0})
            else:
                yield CheckResult(text=text, grade=None, probabilities={}, error="empty objective")


# Cell text: anything a form could hold, except what the format itself reserves (NUL, a BOM).
cell_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"), max_size=30)
header_names = st.lists(st.sampled_from(["id", "Name", "objective", "Comment", "Email", "Team"]),
                        min_size=1, max_size=5, unique=True)


def csv_bytes(rows: list[list[str]], encoding: str, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def blank(cells) -> bool:
    return not any(c.strip() for c in cells)


@st.composite
def tables(draw, alphabet=cell_text):
    header = draw(header_names)
    rows = draw(st.lists(st.lists(alphabet, min_size=len(header), max_size=len(header)), max_size=8))
    rows = [r for r in rows if not blank(r) and [c.strip() for c in r] != header]
    return header, rows


@SETTINGS
@given(tables(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_unicode_encodings_round_trip(table, encoding):
    header, rows = table
    read = open_table(None, "csv", stdin=io.BytesIO(csv_bytes([header, *rows], encoding)))
    assert read.columns == header
    assert [list(r.values()) for r in read.rows] == rows


# cp1252 text whose bytes cannot be mistaken for UTF-8: ASCII and letters whose cp1252 bytes
# are UTF-8 lead bytes (a UTF-8 sequence needs continuation bytes 0x80-0xBF after them).
CP1252_SAFE = st.text(st.sampled_from(string.ascii_letters + string.digits + " ,;\"'.-éèàüöñçßÉÀÜÖÑÇ"), max_size=20)


@SETTINGS
@given(tables(CP1252_SAFE), st.integers(0, 400))
def test_cp1252_lines_anywhere_decode_as_cp1252(table, padding):
    header, rows = table
    # UTF-8 lines first (long enough to push the cp1252 ones past any sample), then cp1252 ones.
    head = csv_bytes([header] + [["José"] * len(header)] * padding, "utf-8")
    read = open_table(None, "csv", stdin=io.BytesIO(head + csv_bytes(rows, "cp1252")))
    got = [list(r.values()) for r in read.rows]
    assert got[padding:] == rows and all(r == ["José"] * len(header) for r in got[:padding])


@SETTINGS
@given(tables(st.text(st.sampled_from("ab ;,\"'\t|é\n"), max_size=12)), st.sampled_from([",", ";", "\t", "|"]))
def test_delimiter_comes_from_the_header(table, delimiter):
    header, rows = table
    assume(len(header) > 1)
    read = open_table(None, "csv", stdin=io.BytesIO(csv_bytes([header, *rows], "utf-8", delimiter)))
    assert read.columns == header
    assert [list(r.values()) for r in read.rows] == rows
    assert (f"delimiter {delimiter!r}" in " ".join(read.notes)) == (delimiter != ",")


class Trickle(io.RawIOBase):
    """A stream returning at most ``size`` bytes a read: line endings fall across chunks."""

    def __init__(self, data: bytes, size: int):
        self._data, self._size = data, size

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self._size, len(self._data))
        buffer[:n], self._data = self._data[:n], self._data[n:]
        return n

    def read1(self, n=-1):
        return self.read(min(self._size, n if n > 0 else self._size))


@SETTINGS
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"), max_size=200),
       st.integers(1, 7))
def test_lines_split_only_at_cr_lf_and_crlf_whatever_the_chunks(text, size):
    lines = list(TextLines(Trickle(text.encode("utf-8"), size), "t"))
    assert lines == re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


@st.composite
def ragged_csv(draw):
    header = draw(header_names)
    n = draw(st.integers(0, SAMPLE_ROWS + 15))
    rows = []
    for k in range(n):
        width = draw(st.integers(1, len(header) + 3))
        rows.append([f"r{k}c{j}" for j in range(width)])
    return header, rows


@settings(max_examples=25, deadline=None)
@given(ragged_csv(), st.sampled_from(["csv", "xlsx"]))
def test_ragged_rows_never_shift_columns(table, fmt):
    header, rows = table
    source = open_table(None, "csv", stdin=io.BytesIO(csv_bytes([header, *rows], "utf-8")))
    out = io.BytesIO()
    if not rows:
        with pytest.raises(ValueError, match="no rows"):
            grade_table(EchoCoach(), source, out, GradeOptions(column=header[0], output_format=fmt))
        assert out.getvalue() == b""
        return
    grade_table(EchoCoach(), source, out, GradeOptions(column=header[0], output_format=fmt))
    if fmt == "csv":
        written = list(csv.reader(io.StringIO(out.getvalue().decode())))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
        written = [[c.value or "" for c in row] for row in sheet.iter_rows()]
    out_header = written[0]
    assert len(written) == len(rows) + 1  # one output row per input row
    assert {len(r) for r in written} == {len(out_header)}  # fixed width: nothing shifted
    position = {name: k for k, name in enumerate(out_header)}
    for cells, out_row in zip(rows, written[1:]):
        for j, name in enumerate(header):  # every header cell under its own name
            assert out_row[position[name]] == (cells[j] if j < len(cells) else "")
        overflow = out_row[position[out_header[-1]]]
        extra = {name: out_row[k] for name, k in position.items() if name.startswith("column_") and out_row[k]}
        if overflow:
            extra.update(json.loads(overflow))
        assert sorted(extra.values()) == sorted(cells[len(header):])  # extra cells kept, named


@SETTINGS
@given(st.lists(st.dictionaries(st.sampled_from(["objective", "name", "a", "b", "__error__", "error"]),
                                cell_text, min_size=1), min_size=1, max_size=SAMPLE_ROWS + 5))
def test_jsonl_keys_stay_under_their_names(records):
    data = "\n".join(json.dumps(r) for r in records).encode() + b"\n"
    source = open_table(None, "jsonl", stdin=io.BytesIO(data))
    out = io.BytesIO()
    grade_table(EchoCoach(), source, out, GradeOptions(output_format="csv"))
    written = list(csv.reader(io.StringIO(out.getvalue().decode())))
    out_header = written[0]
    assert len(written) == len(records) + 1 and {len(r) for r in written} == {len(out_header)}
    position = {name: k for k, name in enumerate(out_header)}
    input_columns = out_header[: len(out_header) - len(ADDED_COLUMNS)]
    for record, out_row in zip(records, written[1:]):
        overflow = json.loads(out_row[-1]) if out_row[-1] else {}
        for key, value in record.items():
            shown = out_row[position[key]] if key in input_columns else overflow.get(key, "")
            assert shown == (neutralise(value) if key in input_columns else value)


@SETTINGS
@given(cell_text)
def test_no_cell_reaches_a_spreadsheet_as_a_formula(text):
    csv_cell = neutralise(text)
    assert csv_cell.startswith("'") or not csv_cell.lstrip(IGNORED).startswith(FORMULA)
    assert not csv_cell.startswith(("\t", "\r"))
    xlsx_cell = xlsx_text(text)
    assert xlsx_cell.startswith("'") or not xlsx_cell.lstrip(IGNORED).startswith(FORMULA)
    assert all(ch >= " " or ch in "\t\n\r" for ch in xlsx_cell)


@settings(max_examples=20, deadline=None)
@given(st.lists(cell_text, min_size=1, max_size=5))
def test_xlsx_output_cells_are_strings_never_formulas(texts):
    rows = [["objective", "note"]] + [[f"Meet CFOs {k}", t] for k, t in enumerate(texts)]
    source = open_table(None, "csv", stdin=io.BytesIO(csv_bytes(rows, "utf-8")))
    out = io.BytesIO()
    grade_table(EchoCoach(), source, out, GradeOptions(output_format="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type == "s" or cell.value is None
            assert not str(cell.value or "").startswith(FORMULA)


@SETTINGS
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=30), st.integers(0, 3000))
def test_json_loader_raises_only_value_error(value, depth):
    text = "[" * depth + json.dumps(value) + "]" * depth
    try:
        parsed = loads_json(text)
    except ValueError:
        assert depth + nesting(value) > MAX_JSON_DEPTH  # refused only for nesting
    else:
        assert parsed == json.loads(text)


def nesting(value) -> int:
    if isinstance(value, list):
        return 1 + max(map(nesting, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(nesting, value.values()), default=0)
    return 0


@SETTINGS
@given(st.text(max_size=300))
def test_answer_sanitiser_output_is_printable_and_stable(text):
    from coach.inputs import InputError

    try:
        clean = clean_answer(text)
    except InputError:
        return
    assert not any(unicodedata.category(ch) == "Cc" for ch in clean)  # no ESC, BEL, CSI, line breaks
    assert not set(clean) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert clean_answer(clean) == clean and len(clean) <= 1000


def test_layout_header_has_no_duplicates_for_any_clash():
    names = list(ADDED_COLUMNS) + [f"coach_{c}" for c in ADDED_COLUMNS] + [f"coach_2_{c}" for c in ADDED_COLUMNS]
    for k in range(len(names) + 1):
        header = Layout(names[:k]).header
        assert len(header) == len(set(header))
