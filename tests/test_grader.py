"""The grader: the source's ladder, saving and refusing bad models, and the estimator itself."""
from __future__ import annotations

import json

import pytest

from coach import paths
from coach.grader import GraderError, load_grader, make_estimator

LADDER = [
    ("Getting new business", "vague"),
    ("Meeting people who can point you in the direction of potential new business opportunities", "improved"),
    ("Meeting sales professionals currently using a software-based contact management system", "specific"),
]


@pytest.mark.parametrize(("text", "grade"), LADDER)
def test_source_ladder(coach_instance, text, grade):
    assert coach_instance.check(text).grade == grade


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Find new customers", "vague"),
        ("Build relationships", "vague"),
        ("I'm a web designer and I want more clients", "vague"),
        ("Meet sales trainers", "improved"),
        ("Talk to people in the restaurant industry", "improved"),
        ("Meet owners of family-run restaurants in Lakewood who cater corporate events", "specific"),
        ("Learn from HR directors at hospitals how they cut nurse turnover last year", "specific"),
    ],
)
def test_rubric_examples(coach_instance, text, grade):
    assert coach_instance.check(text).grade == grade


def test_probabilities_are_a_distribution(coach_instance):
    probs = coach_instance.check("Meet sales trainers").probabilities
    assert set(probs) == {"vague", "improved", "specific"}
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-3)


def test_saved_model_metadata_records_versions_data_and_metrics():
    meta = json.loads((paths.GRADER_DIR / "meta.json").read_text())
    assert meta["labels"] == ["improved", "specific", "vague"]
    assert len(meta["model_sha256"]) == len(meta["weights_sha256"]) == 64
    assert {"scikit-learn", "spacy", "coach", "features"} <= set(meta["versions"])
    assert meta["data"]["test"] > 0 and len(meta["data"]["hash"]) == 16
    assert meta["metrics"]["test"]["grade"]["macro_f1"] >= 0.85


def test_refuses_corrupt_model(model_copy):
    (model_copy / "grader.joblib").write_bytes(b"not a joblib file")
    with pytest.raises(GraderError, match="corrupt or replaced"):
        load_grader(model_copy)


def drop_checksum(model_dir, key):
    meta = json.loads((model_dir / "meta.json").read_text())
    del meta[key]
    (model_dir / "meta.json").write_text(json.dumps(meta))


def test_refuses_weights_without_checksum_that_do_not_load(model_copy):
    drop_checksum(model_copy, "weights_sha256")
    (model_copy / "grader-weights.npz").write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(GraderError, match="cannot load grader"):
        load_grader(model_copy)


def test_corrupt_sklearn_pipeline_is_refused_when_used(model_copy):
    drop_checksum(model_copy, "model_sha256")
    (model_copy / "grader.joblib").write_bytes(b"\x80garbage")
    grader = load_grader(model_copy, trusted=True)
    with pytest.raises(GraderError, match="cannot load grader"):
        _ = grader.pipeline


def test_numpy_scoring_equals_the_sklearn_pipeline(nlp):
    from coach.dataset import read_labeled
    from coach.training import featurize

    grader = load_grader(paths.GRADER_DIR)
    texts = [e.text for e in read_labeled(paths.data_file("objectives.jsonl")) if e.split == "test"][:150] + [""]
    features, _ = featurize(nlp, texts)
    fast = grader.predict_proba(features)
    reference = grader.pipeline.predict_proba(features)
    labels = [str(c) for c in grader.pipeline.classes_]
    for row_fast, row_ref in zip(fast, reference):
        for label, p in zip(labels, row_ref):
            assert row_fast[label] == pytest.approx(p, abs=1e-9)


def test_refuses_mismatched_versions(model_copy):
    meta = json.loads((model_copy / "meta.json").read_text())
    meta["versions"]["scikit-learn"] = "0.1.0"
    (model_copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(GraderError, match="scikit-learn 0.1.0"):
        load_grader(model_copy)


def test_refuses_missing_model(tmp_path):
    with pytest.raises(GraderError, match="coach train"):
        load_grader(tmp_path)


def test_estimator_is_a_plain_sklearn_pipeline_that_learns():
    rows = [{"has_target_role": 1.0, "has_qualifier": 1.0}] * 10 + [{"has_target_role": 1.0}] * 10 + [{}] * 10
    labels = ["specific"] * 10 + ["improved"] * 10 + ["vague"] * 10
    model = make_estimator().fit(rows, labels)
    assert list(model.predict([{"has_target_role": 1.0, "has_qualifier": 1.0}, {}])) == ["specific", "vague"]
