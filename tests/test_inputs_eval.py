"""Input checks, the lexicon helpers, and the evaluation helpers (role matching, the peer)."""
from __future__ import annotations

import pytest

from coach.evaluation import gold_spans, role_metrics, title_list_matcher
from coach.inputs import MAX_CHARS, InputError, check_text
from coach.lexicon import load_data, singular


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty objective"),
        ("  \n\t ", "empty objective"),
        ("x" * (MAX_CHARS + 1), "too long"),
        ("Meet\x00 CFOs", "binary"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
        ("我想认识销售经理", "does not look like English"),
        ("Quiero conocer a los directores de ventas de la ciudad", "does not look like English"),
        ("12345 678", "no words"),
    ],
)
def test_bad_input_is_refused_with_a_reason(text, message):
    with pytest.raises(InputError, match=message):
        check_text(text)


@pytest.mark.parametrize("text", ["Meet CFOs", "meet ppl w/ the la county bar", "Rencontrer? no: meet Akron CPAs"])
def test_good_input_passes(text):
    assert check_text(text) == text.strip()


@pytest.mark.parametrize(("word", "expected"), [("managers", "manager"), ("agencies", "agency"),
                                                ("business", "business"), ("salesmen", "salesman"), ("", "")])
def test_singular(word, expected):
    assert singular(word) == expected


def test_field_keywords_match_whole_words():
    fields = load_data().fields
    assert fields.fields_in("HR directors") == ["hr"]
    assert "hr" not in fields.fields_in("three hours")


def test_role_metrics_overlap_exact_and_fields():
    text = "Meet sales trainers and CFOs"
    gold = gold_spans(text, [{"text": "sales trainers", "fields": ["sales"]}, {"text": "CFOs", "fields": ["finance"]}])
    predicted = [{"text": "trainers", "start": 11, "end": 19, "fields": ["sales"]},
                 {"text": "Meet", "start": 0, "end": 4, "fields": []}]
    m = role_metrics([(gold, predicted)])
    assert m["precision"] == 0.5 and m["recall"] == 0.5
    assert m["exact_precision"] == 0.0 and m["field_accuracy"] == 1.0


def test_role_metrics_count_a_labeled_role_named_again_only_in_the_with_repeats_figures():
    text = "I want to meet nurses. Ask nurses about night shifts, not managers."
    gold = gold_spans(text, [{"text": "nurses", "fields": ["healthcare"]}])
    predicted = [{"text": "nurses", "start": 15, "end": 21, "fields": ["healthcare"]},
                 {"text": "nurses", "start": 27, "end": 33, "fields": ["healthcare"]},
                 {"text": "managers", "start": 58, "end": 66, "fields": []}]
    m = role_metrics([(gold, predicted)])
    assert m["precision"] == 1 / 3 and m["precision_with_repeats"] == 2 / 3
    assert m["recall"] == 1.0 and m["recall_with_repeats"] == 1.0
    # Found only where it is named again: found with repeats, missed without.
    only_repeat = role_metrics([(gold, predicted[1:2])])
    assert only_repeat["precision"] == 0.0 and only_repeat["recall"] == 0.0
    assert only_repeat["precision_with_repeats"] == 1.0 and only_repeat["recall_with_repeats"] == 1.0


def test_repeats_inside_another_labeled_role_belong_to_that_role():
    text = "Meet nurses, especially ICU nurses."
    gold = gold_spans(text, [{"text": "nurses"}, {"text": "ICU nurses"}])
    assert gold[0]["repeats"] == []
    predicted = [{"text": "ICU nurses", "start": 24, "end": 34, "fields": []}]
    m = role_metrics([(gold, predicted)])
    assert m["recall_with_repeats"] == 0.5 and m["precision_with_repeats"] == 1.0


def test_peer_matcher_folds_case_and_plurals():
    match = title_list_matcher(["Sales Manager", "Nurse"])
    assert [m["text"] for m in match("meet SALES MANAGERS and nurses")] == ["SALES MANAGERS", "nurses"]
