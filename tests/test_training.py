"""The data -> train -> evaluate workflow on a tiny labeled file, into a temporary folder."""
from __future__ import annotations

import json

from click.testing import CliRunner

from tiny_data import TINY_LABELED

from coach.cli import main


def write_tiny(path):
    rows = [{"text": t, "grade": g, "split": "train"} for t, g in TINY_LABELED]
    rows += [{"text": "Meet accountants in Akron who use Xero", "grade": "specific", "split": "test"},
             {"text": "Meet more people", "grade": "vague", "split": "test"},
             {"text": "Meet architects", "grade": "improved", "split": "test"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")


def test_train_then_evaluate_on_tiny_data(tmp_path):
    data, out = tmp_path / "tiny.jsonl", tmp_path / "model"
    write_tiny(data)
    runner = CliRunner()
    result = runner.invoke(main, ["train", "--data", str(data), "--out", str(out), "--seed", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "grader.joblib").is_file() and (out / "meta.json").is_file()
    meta = json.loads((out / "meta.json").read_text())
    assert meta["data"] == {"path": "tiny.jsonl", "hash": meta["data"]["hash"], "train": 18, "test": 3,
                            "files": {"tiny.jsonl": {"train": 18, "test": 3}}}
    assert "macro-F1" in result.output

    result = runner.invoke(main, ["evaluate", str(data), "--model", str(out), "--split", "test", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["grade"]["n"] == 3
    assert report["grade"]["confusion"]["labels"] == ["vague", "improved", "specific"]
    assert sum(map(sum, report["grade"]["confusion"]["matrix"])) == 3


def test_training_is_reproducible(tmp_path):
    data = tmp_path / "tiny.jsonl"
    write_tiny(data)
    runner = CliRunner()
    for name in ("a", "b"):
        assert runner.invoke(main, ["train", "--data", str(data), "--out", str(tmp_path / name)]).exit_code == 0
    meta_a = json.loads((tmp_path / "a" / "meta.json").read_text())
    meta_b = json.loads((tmp_path / "b" / "meta.json").read_text())
    assert meta_a["metrics"] == meta_b["metrics"]


def test_train_keeps_an_existing_grader_unless_forced(tmp_path):
    data, out = tmp_path / "tiny.jsonl", tmp_path / "model"
    write_tiny(data)
    out.mkdir()
    (out / "meta.json").write_text("{}")
    runner = CliRunner()
    result = runner.invoke(main, ["train", "--data", str(data), "--out", str(out), "--seed", "1"])
    assert result.exit_code == 2 and "--force" in result.output
    assert (out / "meta.json").read_text() == "{}"  # nothing written before the refusal
    result = runner.invoke(main, ["train", "--data", str(data), "--out", str(out), "--seed", "1", "--force"])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "meta.json").read_text())["data"]["train"] == 18


def test_train_rejects_bad_data(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Meet CFOs", "grade": "great"}\n')
    result = CliRunner().invoke(main, ["train", "--data", str(bad), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "grade 'great'" in result.output
