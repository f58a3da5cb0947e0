"""Qualifiers (with kinds), needs, and the measurable / time-bound signals."""
from __future__ import annotations

import pytest

from coach.components import findings


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("", set()),
        ("Meet sales trainers", set()),
        ("Meeting sales professionals currently using a software-based contact management system", {"technology"}),
        ("Meet owners of family-run restaurants in Lakewood who cater corporate events",
         {"company", "place", "situation"}),
        ("Learn from HR directors at hospitals how they cut turnover", {"industry"}),
        ("Meet recruiters at the spring SHRM conference", {"event"}),
        ("CFOs at Ohio hospitals", {"place"}),
    ],
)
def test_qualifier_kinds(nlp, text, kinds):
    assert {q["kind"] for q in findings(nlp(text))["qualifiers"]} == kinds


@pytest.mark.parametrize(
    "text",
    [
        "Meet local accountants who might need my services",
        "Meet experienced sales managers in my area",
        "Connect with successful realtors who could help me",
    ],
)
def test_hopes_judgements_and_local_are_not_qualifiers(nlp, text):
    doc = nlp(text)
    assert findings(doc)["qualifiers"] == []
    assert findings(doc)["non_qualifiers"]


@pytest.mark.parametrize(
    ("text", "has_need"),
    [
        ("", False),
        ("Meet sales trainers", False),
        ("Meeting people who can point you in the direction of potential new business opportunities", True),
        ("Learn from HR directors how they cut nurse turnover", True),
        ("Ask brokers which industry groups they attend", True),
        ("Meet CPAs for introductions to CFOs", True),
    ],
)
def test_needs(nlp, text, has_need):
    assert bool(findings(nlp(text))["needs"]) is has_need


def test_measurable_and_time_bound_signals(nlp):
    signals = findings(nlp("Meet three CFOs by March"))
    assert [m["text"] for m in signals["measurable"]] == ["three"]
    assert any("March" in t["text"] for t in signals["time_bound"])
    empty = findings(nlp("Meet CFOs"))
    assert empty["measurable"] == [] and empty["time_bound"] == []


def test_components_are_registered_factories():
    import spacy

    import coach.components  # noqa: F401  (registers the factories)

    blank = spacy.blank("en")
    for name in ("coach_roles", "coach_qualifiers", "coach_needs"):
        assert name in spacy.registry.factories.get_all() or blank.has_factory(name)


def test_factory_config_is_validated(nlp):
    from coach.components.roles import RoleExtractor

    with pytest.raises(ValueError, match="max_fields: expected a positive int"):
        RoleExtractor(nlp, "roles", max_fields=0)
