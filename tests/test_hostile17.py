"""A new and a hostile user's inputs (pass hostile17), each reproduced, fixed behaviour asserted.

Earlier passes are in ``test_reliability.py`` and ``test_adversarial.py``; these are what was
still broken after them.
"""
from __future__ import annotations

import gc
import sys

import pytest

from coach.api import CheckResult
from coach.batch.summary import RoomSummary
from coach.batch.writers import XlsxWriter


class _ClosedPipe:
    """Standard output whose reader went away (``| head -c 100``) after ``room`` bytes."""

    def __init__(self, room: int):
        self.room = room

    def write(self, data) -> int:
        if len(data) > self.room:
            raise BrokenPipeError(32, "Broken pipe")
        self.room -= len(data)
        return len(data)

    def flush(self) -> None:
        pass


def test_xlsx_to_a_closed_pipe_fails_once_without_a_second_traceback(monkeypatch):
    # `coach grade in.csv --format xlsx | head -c 100` printed "Exception ignored in ZipFile.__del__"
    # and a traceback after the broken pipe: the half-written archive tried to write its end
    # record to the dead stream again when it was collected.
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    writer = XlsxWriter(_ClosedPipe(100), ["objective"])
    result = CheckResult(text="Meet CPAs", grade="improved", probabilities={"vague": 0.1, "improved": 0.8, "specific": 0.1})
    for _ in range(50):
        writer.write({"objective": "Meet CPAs"}, result)
    with pytest.raises(BrokenPipeError):
        writer.close(RoomSummary())
    del writer
    gc.collect()
    assert unraisable == []


# -- nothing from input is ever run: the plan's Markdown --------------------------------------

HOSTILE_ANSWERS = {
    "what": "learn which CRM they use [click](javascript:alert(1)) \\<b>bold</b>",
    "who": "<img src=x onerror=alert(1)> sales professionals",
    "narrow": "who use <script>alert(1)</script> Salesforce in Akron",
}


def test_plan_markdown_shows_participant_markup_as_text(coach_instance):
    # The plan quoted answers as written, so `plan.md` opened in a Markdown viewer ran the
    # participant's <img onerror> / <script> and made their [link](javascript:…) clickable.
    from coach.plan import PlanCoach

    _draft, plan = PlanCoach(coach_instance).run_scripted("Get <b>new</b> business", HOSTILE_ANSWERS)
    markdown = plan.to_markdown()
    assert "onerror=alert(1)" in markdown and "<script>alert(1)</script>" not in markdown
    import markdown_it
    html = markdown_it.MarkdownIt("commonmark").render(markdown)
    for tag in ("<img", "<script", "<b>", "<a "):
        assert tag not in html, tag
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown, as written
    assert "[click](javascript:alert(1))" in html


# -- the Python API used carelessly ------------------------------------------------------------

@pytest.mark.parametrize("n_process, error", [
    ("2", TypeError), (2.0, TypeError), (True, TypeError), (None, TypeError), (0, ValueError), (-2, ValueError),
])
def test_check_many_refuses_a_worker_count_that_is_not_a_positive_int(coach_instance, n_process, error):
    # n_process="2" failed inside the generator with "'>' not supported between instances of
    # 'str' and 'int'", and n_process=0 was passed on to spaCy's nlp.pipe.
    with pytest.raises(error, match="n_process"):
        coach_instance.check_many(["Meet CPAs in Akron"], n_process=n_process)


def test_check_many_takes_numpy_integers_for_the_worker_count(coach_instance):
    import numpy as np

    [result] = coach_instance.check_many(["Meet CPAs in Akron"], n_process=np.int64(1))
    assert result.grade == "specific"


def test_check_many_minus_one_worker_count_means_every_core(coach_instance, monkeypatch):
    # -1 is spaCy's "one process per core": the coach's own forked workers get that number too.
    import coach.api

    seen = []
    monkeypatch.setattr(coach.api.os, "cpu_count", lambda: 1)
    original = coach_instance._graded_chunks
    monkeypatch.setattr(coach_instance, "_graded_chunks",
                        lambda chunks, n: seen.append(n) or original(chunks, n))
    results = list(coach_instance.check_many(["Meet CPAs in Akron"], n_process=-1))
    assert [r.grade for r in results] == [coach_instance.check("Meet CPAs in Akron").grade] and seen == [1]


# -- coach evaluate on a spreadsheet someone made ----------------------------------------------

def test_evaluate_names_the_missing_grade_column(tmp_path):
    # A CSV without a grade column was reported as "row 1 has grade None".
    from coach.dataset import DatasetError, read_labeled

    path = tmp_path / "labeled.csv"
    path.write_text("objective,label\nMeet CPAs in Akron,specific\n")
    with pytest.raises(DatasetError, match=r"no 'grade' column; the columns are: objective, label"):
        read_labeled(path)
    path.write_text("name,grade\nAnn,specific\n")
    with pytest.raises(DatasetError, match=r"no 'text' \(or 'objective'\) column; the columns are: name, grade"):
        read_labeled(path)


def test_evaluate_reads_capitalised_csv_headers(tmp_path):
    # "Text,Grade" as a spreadsheet writes it was "row 1 has no text".
    from coach.dataset import read_labeled

    path = tmp_path / "labeled.csv"
    path.write_text("Objective , Grade,Split\nMeet CPAs in Akron,Specific,test\n")
    [example] = read_labeled(path)
    assert (example.text, example.grade, example.split) == ("Meet CPAs in Akron", "specific", "test")


# -- closed standard streams (`>&-`, `2>&-`) ---------------------------------------------------

def _run_with_closed(fd: int, *args: str):
    import subprocess

    # The shell closes the descriptor, as a user's `>&-` does. Not preexec_fn: in a process with
    # threads (BLAS, the test run's own) it can deadlock the child before exec, and the parent then
    # waits for ever, past any timeout.
    script = f'exec "$@" {fd}>&-'
    return subprocess.run(["sh", "-c", script, "sh", sys.executable, "-m", "coach", *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)


def test_closed_standard_output_is_one_error_line_and_exit_2():
    # `coach --version >&-` (and every command that writes results) ended in an AttributeError
    # traceback on None and exit 1: Python sets sys.stdout to None when descriptor 1 is closed.
    done = _run_with_closed(1, "--version")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == "Error: cannot write the output: standard output is closed"


def test_closed_standard_error_keeps_the_exit_status():
    # `coach check "" 2>&-` exited 1 instead of 2: the error message had nowhere to go.
    done = _run_with_closed(2, "check", "")
    assert done.returncode == 2 and done.stdout == ""


def test_plan_is_saved_even_when_printing_it_fails(tmp_path, monkeypatch, cli_uses_session_coach):
    # `coach plan … -o plan.md >&-` (or `| head -1` when the reader has gone) printed the plan
    # first and stopped there: the answers were lost, plan.md never written.
    import click
    from click.testing import CliRunner

    import coach.cli

    real_echo = click.echo

    def echo(message=None, *args, err=False, **kwargs):
        if not err and message and "# Networking plan" in message:
            raise BrokenPipeError(32, "Broken pipe")
        return real_echo(message, *args, err=err, **kwargs)

    monkeypatch.setattr(coach.cli.click, "echo", echo)
    answers = tmp_path / "answers.json"
    answers.write_text('{"what": "learn which CRM they use", "who": "sales professionals"}')
    out = tmp_path / "plan.md"
    result = CliRunner().invoke(coach.cli.main, ["plan", "--objective", "Getting new business",
                                                 "--answers", str(answers), "-o", str(out)])
    assert result.exit_code == 1  # click: the reader went away
    assert out.read_text().startswith("# Networking plan") and "sales professionals" in out.read_text()


# -- coach check at a terminal -----------------------------------------------------------------

def test_check_dash_among_texts_says_what_is_wrong():
    # `coach check - "Meet HR directors"` graded "-" itself: "objective 1: no words in the objective".
    from click.testing import CliRunner

    from coach.cli import main

    result = CliRunner().invoke(main, ["check", "-", "Meet HR directors"], input="Meet CPAs in Akron\n")
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: '-' (standard input) cannot be mixed with TEXT arguments: "
                                     "pass objectives either as TEXT or one a line on standard input")


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_latin1_standard_output_gets_every_result(cli_uses_session_coach, fmt):
    # PYTHONIOENCODING=latin-1 (or a Latin-1 terminal) ended every `coach check` in a
    # UnicodeEncodeError traceback: the coach's own text has "…", objectives have emoji.
    import json

    from click.testing import CliRunner

    from coach.cli import main

    result = CliRunner(charset="latin-1").invoke(main, ["check", "--format", fmt, "Meet CPAs in Zürich 🚀"])
    assert result.exit_code == 0, result.output
    if fmt == "text":
        assert "Meet CPAs in Zürich \\U0001f680" in result.stdout and "\\u2026" in result.stdout
    else:
        first = json.loads(result.stdout)
        first = first[0] if fmt == "json" else first
        assert first["text"] == "Meet CPAs in Zürich 🚀"


@pytest.mark.parametrize("kwargs, name", [
    ({"base": 123}, "base"), ({"model_dir": 123}, "model_dir"), ({"venues_file": 5}, "venues_file"),
    ({"model_dir": ["models"]}, "model_dir"),
])
def test_load_names_the_argument_of_the_wrong_type(kwargs, name):
    # coach.load(base=123) failed in importlib with "'int' object has no attribute 'startswith'";
    # model_dir=123 in pathlib with "expected str, bytes or os.PathLike object".
    import coach

    with pytest.raises(TypeError, match=rf"^{name}: expected"):
        coach.load(**kwargs)


def test_base_pipeline_may_be_given_as_a_path(tmp_path):
    # A pathlib.Path that is not a folder reached importlib.util.find_spec(Path): AttributeError.
    from coach.base_model import BaseModelError, load_base

    with pytest.raises(BaseModelError, match="cannot load base spaCy pipeline"):
        load_base(tmp_path / "no-such-pipeline")


@pytest.mark.parametrize("args, message", [
    (["check"], "Error: no objectives given: pass TEXT or one objective a line on standard input"),
    (["plan", "--objective", "Get new business", "--answers", "-"], "Error: answers are not JSON"),
])
def test_closed_standard_input_reads_as_empty(args, message):
    # `coach check <&-` ended in "'NoneType' object has no attribute 'buffer'" and exit 1.
    done = _run_with_closed(0, *args)
    assert done.returncode == 2 and done.stderr.startswith(message), done.stderr


# -- encodings ---------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be"])
def test_utf32_with_its_mark_is_read_as_utf32(tmp_path, encoding, cli_uses_session_coach):
    # UTF-32's little-endian mark starts with UTF-16's, so the file was read as UTF-16: every row
    # "looks binary", the header was garbled, and a stray NUL became an extra row.
    import codecs
    import csv
    import io

    from click.testing import CliRunner

    from coach.cli import main

    text = "name,objective\r\nAnn,Meet CPAs in Akron\r\nBob,Get new business\r\n"
    data = text.encode(encoding)
    if encoding == "utf-32-be":
        data = codecs.BOM_UTF32_BE + data
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["grade", str(path), "-q"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["name"], r["objective"], r["grade"]) for r in rows] == [
        ("Ann", "Meet CPAs in Akron", "specific"), ("Bob", "Get new business", "vague")]


VENUES_TOML = '[[venues]]\nname = "Akron Nurses\' Breakfast"\nkind = "meetup"\nwhy = "monthly breakfast"\n'


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_venue_file_saved_with_a_byte_order_mark_is_read(tmp_path, encoding):
    # Notepad's "UTF-8 with BOM" or "Unicode" venues.toml was "not valid TOML" or "not UTF-8 text
    # (byte 0)", though every other input reads these encodings.
    from coach.venue_file import read_venue_file

    path = tmp_path / "venues.toml"
    path.write_text(VENUES_TOML, encoding=encoding)
    assert read_venue_file(path)["venues"][0]["name"] == "Akron Nurses' Breakfast"


def test_venue_file_as_one_long_json_line_is_read(tmp_path):
    # A minified JSON export over 1 MiB (under the 4 MiB cap of a venue file) is one line: it was
    # refused by the per-line cap of text input ("line 1 is longer than 1 MiB").
    import json

    from coach.venue_file import read_venue_file

    venue = {"name": "Akron Nurses' Breakfast", "kind": "meetup", "why": "monthly breakfast " + "x" * 150}
    path = tmp_path / "venues.json"
    path.write_text(json.dumps({"venues": [venue] * 9000}, separators=(",", ":")))
    assert 1 << 20 < path.stat().st_size < 4 << 20 and path.read_text().count("\n") == 0
    assert len(read_venue_file(path)["venues"]) == 9000


def test_venue_file_from_a_pipe_is_read(tmp_path):
    # `--venues <(…)` (a named pipe) was "venue file not found"; /dev/zero too.
    import os
    import threading

    from coach.venue_file import read_venue_file
    from coach.venues import VenueFileError

    fifo = tmp_path / "venues.toml"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(VENUES_TOML))
    writer.start()
    try:
        assert read_venue_file(fifo)["venues"][0]["kind"] == "meetup"
    finally:
        if writer.is_alive():
            fifo.read_bytes()  # the reader never came: let the writer finish
        writer.join()
    with pytest.raises(VenueFileError, match="larger than 4 MiB"):
        read_venue_file("/dev/zero")


def test_answers_file_too_large_says_nothing_about_coach_grade(tmp_path):
    # The cap's message ended "split it, or use `coach grade` for large batches", which is advice
    # for `coach check` on standard input, not for a plan's answers.
    from coach.inputs import InputError
    from coach.plan import read_answers

    path = tmp_path / "answers.json"
    path.write_text('{"what": "' + "x" * (2 << 20) + '"}')
    with pytest.raises(InputError) as caught:
        read_answers(path)
    assert "larger than 1 MiB" in str(caught.value) and "coach grade" not in str(caught.value)
