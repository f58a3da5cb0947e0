"""A hostile or careless user's inputs (adversarial pass adv13), each reproduced, fixed behaviour asserted.

Earlier passes are in ``test_reliability.py``; these are what was still broken after them.
"""
from __future__ import annotations

import csv
import io
import os
import threading

import pytest
from click.testing import CliRunner

from coach.cli import main

pytestmark = pytest.mark.usefixtures("cli_uses_session_coach")


def invoke(args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def grade_file(tmp_path, content, name: str = "in.csv"):
    """`coach grade FILE -q` on a file holding ``content`` (text, or bytes written as they are)."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return invoke(["grade", path, "-q"])


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


WORKSHOP = "name,objective\nAnn,Meet CPAs in Akron\nBob,Get new business\n"


# -- nothing the user gave is overwritten --------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_output_that_is_the_input_file_is_refused_even_with_force(tmp_path, fmt):
    source = tmp_path / "submissions.csv"
    source.write_text(WORKSHOP)
    result = invoke(["grade", source, "-o", source, "--format", fmt, "--force", "-q"])
    assert result.exit_code == 2
    assert "input" in result.output and len(result.output.strip().splitlines()) == 1
    assert source.read_text() == WORKSHOP


def test_output_that_is_the_input_through_another_name_is_refused(tmp_path):
    source = tmp_path / "submissions.csv"
    source.write_text(WORKSHOP)
    (tmp_path / "link.csv").symlink_to(source)
    result = invoke(["grade", source, "-o", tmp_path / "link.csv", "--force", "-q"])
    assert result.exit_code == 2 and source.read_text() == WORKSHOP


def test_plan_output_that_is_the_answers_file_is_refused(tmp_path):
    answers = tmp_path / "answers.json"
    original = '{"what": "learn which CRM they use", "who": "CPAs", "narrow": "in Akron"}'
    answers.write_text(original)
    result = invoke(["plan", "--objective", "Get new business", "--answers", answers,
                     "-o", answers, "--force"])
    assert result.exit_code == 2 and "answers" in result.output
    assert answers.read_text() == original


def test_output_that_is_the_venues_file_is_refused(tmp_path):
    venues = tmp_path / "venues.toml"
    original = '[[venues]]\nname = "Akron CPA breakfast"\nkind = "meetup"\nwhy = "monthly"\n'
    venues.write_text(original)
    source = tmp_path / "in.csv"
    source.write_text(WORKSHOP)
    result = invoke(["grade", source, "-o", venues, "--format", "csv", "--force", "--venues", venues, "-q"])
    assert result.exit_code == 2 and venues.read_text() == original


# -- `-` means standard output -------------------------------------------------------------------

def test_dash_output_is_standard_output_not_a_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "in.csv"
    source.write_text(WORKSHOP)
    result = invoke(["grade", source, "-o", "-", "-q"])
    assert result.exit_code == 0, result.output
    assert [r[0] for r in rows_of(result.stdout)] == ["name", "Ann", "Bob"]
    assert not (tmp_path / "-").exists()
    result = invoke(["grade", source, "-o", "-", "--format", "jsonl", "-q"])
    assert result.exit_code == 0 and result.stdout.count("\n") == 2
    assert not (tmp_path / "-").exists()


def test_plan_dash_output_saves_no_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(["plan", "--objective", "Get new business", "--answers", "-", "-o", "-"],
                    input='{"what": "", "who": "CPAs", "narrow": "in Akron"}')
    assert result.exit_code == 0, result.output
    assert "# Networking plan" in result.stdout
    assert not (tmp_path / "-").exists()


# -- input paths that are not regular files ------------------------------------------------------

@pytest.mark.parametrize("name", ["folder", "folder.csv"])
def test_folder_as_input_says_it_is_a_folder(tmp_path, name):
    (tmp_path / name).mkdir()
    result = invoke(["grade", tmp_path / name, "-q"])
    assert result.exit_code == 2
    assert "is a folder" in result.output and "no such file" not in result.output


def _unblock_writer(fifo, writer) -> None:
    """Let the feeding thread end if the coach never opened the pipe. The pipe is opened without
    waiting (a blocking open would wait for ever for a writer that has just finished and closed)."""
    writer.join(timeout=5)
    if writer.is_alive():
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        try:
            while writer.is_alive():
                try:
                    os.read(fd, 65536)
                except BlockingIOError:
                    pass
                writer.join(timeout=0.1)
        finally:
            os.close(fd)
    writer.join()


def _grade_from_pipe(tmp_path, payload: bytes, input_format: str):
    """``coach grade PIPE``: the payload fed through a named pipe by a thread, as the shell's <(…) does."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "wb") as fh:
            fh.write(payload)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        return invoke(["grade", fifo, "--input-format", input_format, "-q"])
    finally:
        _unblock_writer(fifo, writer)


def test_named_pipe_input_is_read(tmp_path):
    # `coach grade <(cut -d, -f2- export.csv) --input-format csv`: the shell passes /dev/fd/N, a pipe.
    result = _grade_from_pipe(tmp_path, WORKSHOP.encode("utf-8"), "csv")
    assert result.exit_code == 0, result.output
    assert [r[0] for r in rows_of(result.stdout)] == ["name", "Ann", "Bob"]


def test_named_pipe_xlsx_input_is_read(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["name", "objective"])
    book.active.append(["Ann", "Meet CPAs in Akron"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = _grade_from_pipe(tmp_path, buffer.getvalue(), "xlsx")
    assert result.exit_code == 0, result.output
    assert rows_of(result.stdout)[1][:3] == ["Ann", "Meet CPAs in Akron", "specific"]


# -- the Python API --------------------------------------------------------------------------------

@pytest.mark.parametrize("texts", ["Meet CPAs in Akron", b"Meet CPAs in Akron"])
def test_check_many_of_one_string_is_a_clear_type_error(coach_instance, texts):
    # Iterating a string grades it letter by letter ("M", "e", …) and fails on the first space.
    with pytest.raises(TypeError, match="check"):
        coach_instance.check_many(texts)


# -- a batch never silently loses a row ----------------------------------------------------------

@pytest.mark.parametrize("content, line", [
    # An opening quote never closed: every later row became part of Ann's cell.
    ('name,objective\nAnn,"Meet CPAs in Akron\nBob,Meet nurses in Ohio\nCid,Meet lawyers\n', 2),
    # A quote closed only on a later row, followed by more text: the rows between ran together.
    ('name,objective\nAnn,"Meet CPAs in Akron\nBob,Meet nurses\nCid,"Meet lawyers" in Ohio\n', 2),
    ('name,"objective\nAnn,Meet CPAs in Akron\nBob,Meet nurses\n', 1),
])
def test_unclosed_quote_is_an_error_not_merged_rows(tmp_path, content, line):
    result = grade_file(tmp_path, content)
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert len(message.splitlines()) == 1 and f"line {line}" in message and "quote" in message


def test_quoted_newlines_and_doubled_quotes_still_read(tmp_path):
    result = grade_file(tmp_path, 'name,objective\nAnn,"Meet CPAs\nin ""Akron"",\nOhio"\nBob,Meet nurses 5" tall\n'
                                  'Cid,"Meet lawyers"\n')
    assert result.exit_code == 0, result.output
    assert [r[:2] for r in rows_of(result.stdout)[1:]] == [
        ["Ann", 'Meet CPAs\nin "Akron",\nOhio'], ["Bob", 'Meet nurses 5" tall'], ["Cid", "Meet lawyers"]]


# -- odd but valid text is read like plain text ----------------------------------------------------

PLAIN = "Meet CPAs in Akron"


@pytest.mark.parametrize("text", [
    "Meet CPAs in Akron\u200b",                      # a zero-width space after the last word
    "Meet\u200bCPAs\u200bin\u200bAkron",             # zero-width spaces between words
    "Meet\u00a0CPAs\u00a0in\u00a0Akron",             # no-break spaces
    "\u200eMeet CPAs in Akron\u200f",                # direction marks
    "Meet <b>CPAs</b> in <i>Akron</i>",              # HTML from a rich-text form
    "Meet **CPAs** in _Akron_",                      # Markdown emphasis
    "Meet CPAs in Akron 😀🇺🇸",                       # emoji and a flag after the place
    "Meet 👩\u200d💼 CPAs in Akron",                  # an emoji with a joiner before the role
])
def test_markup_and_invisible_characters_do_not_change_what_is_found(coach_instance, text):
    plain = coach_instance.check(PLAIN)
    odd = coach_instance.check(text)
    assert odd.grade == plain.grade == "specific"
    assert [r.text for r in odd.roles] == ["CPAs"]
    assert [(q.kind, q.place) for q in odd.qualifiers] == [("place", "Akron")]
    for found in odd.roles + odd.qualifiers:  # offsets point into the text as written
        assert text[found.start:found.end] == found.text
    assert [v.name for v in odd.venues] == [v.name for v in plain.venues]


def test_a_list_of_objectives_saved_as_csv_keeps_its_first_line(tmp_path):
    # No header line: the first objective was taken as the column's name and never graded.
    result = grade_file(tmp_path, "Meet CPAs in Akron who use QuickBooks\nGet new business\nGet new business\n",
                        "objectives.csv")
    assert result.exit_code == 0, result.output
    rows = rows_of(result.stdout)
    assert [r[0] for r in rows] == ["objective", "Meet CPAs in Akron who use QuickBooks",
                                    "Get new business", "Get new business"]
    assert rows[1][1] == "specific"


@pytest.mark.parametrize("header", ["objective", "Your networking goal", "What do you want to learn?",
                                    "Objectives:"])
def test_a_one_column_csv_with_a_header_still_reads_it_as_the_header(tmp_path, header):
    result = grade_file(tmp_path, f"{header}\nMeet CPAs in Akron\n", "objectives.csv")
    assert result.exit_code == 0, result.output
    assert [r[0] for r in rows_of(result.stdout)] == [header, "Meet CPAs in Akron"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, encoding):
    result = grade_file(tmp_path, "name,objective\r\nZoë,Meet café owners in Akron\r\n".encode(encoding))
    assert result.exit_code == 0, result.output
    assert rows_of(result.stdout)[1][:3] == ["Zoë", "Meet café owners in Akron", "specific"]
    result = invoke(["check", "--format", "jsonl"], input="Meet café owners in Akron\n".encode(encoding))
    assert result.exit_code == 0 and '"text": "Meet café owners in Akron"' in result.stdout


def test_binary_with_nul_bytes_is_still_refused(tmp_path):
    result = grade_file(tmp_path, bytes(range(256)) * 20)
    assert result.exit_code == 2 and "binary" in result.output


def test_a_folder_as_venues_file_says_it_is_a_folder(tmp_path):
    result = invoke(["check", "--venues", tmp_path, "Meet CPAs in Akron"])
    assert result.exit_code == 2 and "is a folder" in result.output and "not found" not in result.output


def test_a_damaged_first_jsonl_line_is_a_row_error_like_any_other(tmp_path):
    result = grade_file(tmp_path, 'oops\n[1]\n{"name": "Ann", "objective": "Meet CPAs in Akron"}\nnope\n'
                                  '{"name": "Bob", "objective": "Get new business"}\n', "in.jsonl")
    assert result.exit_code == 0, result.output
    rows = rows_of(result.stdout)
    header = rows[0]
    got = [(r[header.index("name")], r[header.index("grade")], r[header.index("error")]) for r in rows[1:]]
    assert got == [("", "", "line 1 is not valid JSON"), ("", "", "line 2 is not a JSON object"),
                   ("Ann", "specific", ""), ("", "", "line 4 is not valid JSON"), ("Bob", "vague", "")]


@pytest.mark.parametrize("content, message", [
    ("Meet CPAs in Akron\nGet new business\n", "line 1 is not valid JSON"),
    ('[{"objective": "Meet CPAs in Akron"}]\n', "not a JSON array"),
])
def test_a_file_that_is_not_jsonl_at_all_is_still_refused(tmp_path, content, message):
    result = grade_file(tmp_path, content, "in.jsonl")
    assert result.exit_code == 2 and message in result.output


def test_a_huge_cell_is_shown_in_part_in_the_report(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("name,objective\nAnn,\"" + "x" * 200_000 + "\"\nBob,Meet CPAs in Akron\n")
    result = invoke(["grade", source, "-o", tmp_path / "r.html", "-q"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text()
    assert len(html) < 100_000 and "200,000 characters" in html and "too long" in html
    assert "Meet CPAs in Akron" in html


@pytest.mark.parametrize("text", [
    "Ｍｅｅｔ ＣＰＡｓ ｉｎ Ａｋｒｏｎ",                     # fullwidth letters (CJK keyboards)
    "Meet 𝗖𝗣𝗔𝘀 in 𝘈𝘬𝘳𝘰𝘯",                             # "bold" and "italic" letters of styled posts
])
def test_styled_letters_are_read_as_letters(coach_instance, text):
    # They were refused as "does not look like English".
    from coach.surface import fold_letters

    result = coach_instance.check(text)
    assert result.grade == "specific"
    assert [(q.kind, fold_letters(q.place)) for q in result.qualifiers] == [("place", "Akron")]
    assert all(text[r.start:r.end] == r.text for r in result.roles)


@pytest.mark.parametrize("wrap", ["\n", "\r\n", " \n  ", "\u2028", "\x0c"])
def test_a_line_wrapped_by_hand_keeps_what_follows_the_break(coach_instance, wrap):
    # A form's text box wrapped mid-sentence: the parser ended the sentence at the break and the
    # qualifier after it was lost.
    plain = coach_instance.check("Meet HR directors at hospitals who use Workday")
    wrapped = coach_instance.check(f"Meet HR directors at hospitals{wrap}who use Workday")
    assert [(q.kind, q.text.split()) for q in wrapped.qualifiers] == [(q.kind, q.text.split()) for q in plain.qualifiers]
    assert [q.kind for q in plain.qualifiers] == ["industry", "technology"]


@pytest.mark.parametrize("text", [
    "Meet HR directors  at hospitals who use Workday",        # a double space
    "Meet  HR  directors  at  hospitals  who  use  Workday",
    "  Meet HR directors at hospitals\twho use Workday\t",
    "Meet HR directors at hospitals\r\nwho use Workday",       # a wrapped cell of a Windows export
])
def test_extra_spaces_do_not_lose_what_follows_them(coach_instance, text):
    # Every extra space was a token the parser read as a boundary: improved, no qualifier.
    plain = coach_instance.check("Meet HR directors at hospitals who use Workday")
    odd = coach_instance.check(text)
    assert odd.grade == plain.grade == "specific"
    assert [q.kind for q in odd.qualifiers] == [q.kind for q in plain.qualifiers] == ["industry", "technology"]
    for found in odd.roles + odd.qualifiers:  # quoted as written
        assert odd.text[found.start:found.end] == found.text
    assert [q.text.split() for q in odd.qualifiers] == [q.text.split() for q in plain.qualifiers]


def test_a_folder_as_labeled_data_says_it_is_a_folder(tmp_path):
    result = invoke(["evaluate", tmp_path])
    assert result.exit_code == 2 and "is a folder" in result.output


def test_jsonl_output_is_one_line_a_record_for_every_reader(tmp_path):
    # U+2028, U+2029 and NEL are allowed raw in JSON strings, but str.splitlines() and many
    # editors break lines there: a record split in two shifts every later row.
    import json

    source = tmp_path / "in.csv"
    source.write_bytes("name,objective\nAnn,Meet CPAs\u2028in Akron\nBob,Meet nurses\x85in Ohio\nCid,Get business\n"
                      .encode("utf-8"))
    result = invoke(["grade", source, "--format", "jsonl", "-q"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [json.loads(line)["row"]["name"] for line in lines] == ["Ann", "Bob", "Cid"]
    assert json.loads(lines[0])["text"] == "Meet CPAs\u2028in Akron"
    result = invoke(["check", "--format", "jsonl", "Meet CPAs\u2029in Akron"])
    assert len(result.stdout.splitlines()) == 1


def test_xlsx_to_a_terminal_is_refused(tmp_path, monkeypatch, capsys):
    # `coach grade in.csv --format xlsx` without -o poured a ZIP file onto the terminal.
    from coach import cli

    class Terminal(io.BytesIO):
        def isatty(self):
            return True

    source = tmp_path / "in.csv"
    source.write_text(WORKSHOP)
    terminal = io.TextIOWrapper(Terminal())
    monkeypatch.setattr(cli.sys, "stdout", terminal)
    with pytest.raises(SystemExit) as stop:
        main(["grade", str(source), "--format", "xlsx", "-q"])
    assert stop.value.code == 2 and terminal.buffer.getvalue() == b""
    assert "-o FILE.xlsx" in capsys.readouterr().err


def test_check_of_a_file_name_says_how_to_read_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "objectives.txt").write_text("Meet CPAs in Akron\n")
    result = invoke(["check", "objectives.txt"])
    assert result.exit_code == 2 and "coach check < objectives.txt" in result.output
    assert invoke(["check", "Meet CPAs in Akron"]).exit_code == 0


@pytest.mark.parametrize(("text", "plain"), [
    ("Meet CPAs in Akron https://t.co/abc", "Meet CPAs in Akron"),  # a link after the place was read as part of it
    ("Meet CPAs in Akron\\n", "Meet CPAs in Akron"),                  # a line break written as an escape hid the place
    # (a parenthesis between the people and the place makes it a borderline case either way)
    ("Meet CPAs (see www.example.com) in Akron", "Meet CPAs (see) in Akron"),
])
def test_links_and_written_escapes_are_not_read_as_words(coach_instance, text, plain):
    result = coach_instance.check(text)
    assert result.grade == coach_instance.check(plain).grade  # as if the link or escape were not there
    assert coach_instance.check("Meet CPAs in Akron").grade == "specific"
    assert [(q.kind, q.place) for q in result.qualifiers] == [("place", "Akron")]
    assert all("http" not in v.name and "www" not in v.name for v in result.venues)
