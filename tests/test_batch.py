"""`coach grade` on messy real-world files: rows kept in order, errors, escaping, safety, formats."""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from coach.batch.readers import InputFileError, detect_column, open_table
from coach.batch.runner import atomic_output
from coach.cli import main

DATA = Path(__file__).parent / "data"


def grade(args, input=None):
    result = CliRunner().invoke(main, ["grade", *args], input=input)
    return result


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_form_export_keeps_every_row_in_order_with_errors():
    result = grade([str(DATA / "form_export.csv"), "--quiet"])
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["1"]["grade"] == "specific"  # quoted newline inside the cell
    assert "\n" in by_id["1"]["Your objective"]
    assert by_id["5"]["grade"] == "" and "empty objective" in by_id["5"]["error"]
    assert by_id["6"]["grade"] == "" and "too long" in by_id["6"]["error"]
    assert by_id["7"]["grade"] == by_id["8"]["grade"] == "improved"  # duplicates both kept
    assert by_id["8"]["column_8"] == "extra"  # a ragged row's extra cell is carried, not dropped
    assert by_id["9"]["Comment"] == ",quoted, commas,"


def test_formula_cells_are_neutralised_in_csv():
    rows = read_csv(grade([str(DATA / "form_export.csv"), "-q"]).stdout)
    by_id = {r["id"]: r for r in rows}
    assert by_id["2"]["Comment"] == "'=1+2"
    assert by_id["3"]["Your objective"].startswith("'=HYPERLINK")
    assert by_id["3"]["Comment"] == "'+44 20 7946 0000"
    assert by_id["4"]["Your objective"] == "'@SUM(A1:A2)"
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values() if v)


def test_formula_cells_are_neutralised_in_xlsx(tmp_path):
    out = tmp_path / "graded.xlsx"
    assert grade([str(DATA / "form_export.csv"), "-o", str(out), "-q"]).exit_code == 0
    sheet = openpyxl.load_workbook(out).active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=1+2" in values
    assert not any(v.startswith(("=", "+", "-", "@")) for v in values)
    assert sheet.max_row == 10  # header + 9 rows


def test_html_report_escapes_participant_text(tmp_path):
    out = tmp_path / "report.html"
    assert grade([str(DATA / "form_export.csv"), "-o", str(out), "-q"]).exit_code == 0
    html = out.read_text()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "<b>Bo</b>" not in html and "&lt;b&gt;Bo&lt;/b&gt;" in html
    assert html.count('<section class="card') == 9
    assert "<svg" in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "").replace(
        "http://evil.example", "")
    assert "<link" not in html and "<script" not in html  # self-contained, no CDN


@pytest.mark.parametrize(
    ("name", "column", "expected"),
    [
        ("bom_semicolon.csv", "Goal", ["improved", "vague", "specific"]),
        ("cp1252.csv", "objective", ["vague", "specific"]),
        ("utf16.tsv", "objective", ["improved", "vague"]),
        ("submissions.xlsx", "Networking objective", ["improved", "", "specific", ""]),
        ("submissions.jsonl", "objective", ["improved", "", "vague"]),
        ("objectives.txt", "objective", ["improved", "vague"]),
    ],
)
def test_input_formats_and_encodings(name, column, expected):
    result = grade([str(DATA / name)])
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    assert [r["grade"] for r in rows] == expected
    assert f"objective column '{column}'" in result.stderr


def test_cp1252_text_is_decoded_not_mangled():
    rows = read_csv(grade([str(DATA / "cp1252.csv"), "-q"]).stdout)
    assert rows[0]["participant"] == "Renée" and rows[0]["objective"].startswith("I’m a café owner")


def test_bad_json_line_gets_an_error_row():
    rows = read_csv(grade([str(DATA / "submissions.jsonl"), "-q"]).stdout)
    assert rows[1]["error"] == "line 2 is not valid JSON"


def test_jsonl_output_holds_check_object_and_row(tmp_path):
    out = tmp_path / "graded.jsonl"
    assert grade([str(DATA / "bom_semicolon.csv"), "-o", str(out), "-q"]).exit_code == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines[0]["row"] == {"id": "1", "Name": "Zoë", "Goal": "Meet sales trainers", "Email": "z@x.org"}
    assert lines[0]["grade"] == "improved" and lines[0]["venues"]


def test_stdin_with_input_format():
    result = grade(["-", "--input-format", "txt", "-q"], input="Meet sales trainers\nGetting new business\n")
    assert [r["grade"] for r in read_csv(result.stdout)] == ["improved", "vague"]


def test_existing_output_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "report.csv"
    out.write_text("precious")
    result = grade([str(DATA / "objectives.txt"), "-o", str(out)])
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_text() == "precious"
    assert grade([str(DATA / "objectives.txt"), "-o", str(out), "--force", "-q"]).exit_code == 0
    assert out.read_text().startswith("objective,grade")
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]  # no temporary left behind


def test_interrupted_write_leaves_nothing(tmp_path):
    out = tmp_path / "report.html"
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(out, force=False) as fh:
            fh.write(b"<html>half")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_output_file_gets_normal_permissions(tmp_path):
    out = tmp_path / "graded.csv"
    grade([str(DATA / "objectives.txt"), "-o", str(out), "-q"])
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_jobs_2_equals_jobs_1():
    one = grade([str(DATA / "form_export.csv"), "-q", "--jobs", "1"])
    two = grade([str(DATA / "form_export.csv"), "-q", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "no such file"),
        ([str(DATA / "bom_semicolon.csv"), "--column", "Objectiv"], "the columns are: id, Name, Goal, Email"),
        ([str(DATA / "objectives.txt"), "-o", "out.pdf"], "cannot tell the output format"),
        (["-"], "needs --input-format"),
    ],
)
def test_errors_are_one_line_exit_2(args, message):
    result = grade(args, input="")
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_empty_file_is_an_error(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = grade([str(empty)])
    assert result.exit_code == 2 and "is empty" in result.output


def test_header_only_file_is_an_error(tmp_path):
    only = tmp_path / "header.csv"
    only.write_text("name,objective\n")
    result = grade([str(only)])
    assert result.exit_code == 2 and "no rows" in result.output


def test_column_detection_by_header_then_length():
    assert detect_column(["Timestamp", "Name", "Your networking goal"], []) == "Your networking goal"
    rows = [{"a": "x", "b": "Meet sales trainers in Akron"}]
    assert detect_column(["a", "b"], rows) == "b"
    with pytest.raises(InputFileError, match="the columns are: a, b"):
        detect_column(["a", "b"], rows, "c")


def test_binary_input_is_refused(tmp_path):
    blob = tmp_path / "blob.csv"
    blob.write_bytes(b"\x00\x01\x02binary\x00")
    with pytest.raises(InputFileError, match="looks binary"):
        open_table(blob, "csv")


def test_bundled_workshop_file_grades_into_a_report(tmp_path):
    from coach import paths

    out = tmp_path / "workshop.html"
    result = grade([str(paths.data_file("workshop.csv")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert html.count('<section class="card') == 20
    assert "Maria Lopez" in html and "graded 20 rows" in result.stderr
