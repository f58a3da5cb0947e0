"""Plain kinds of people in a seeking slot are roles (rubric: "a concrete kind of person: a job
title, profession or position"), with the modifiers that make them one; the rubric's generic
people words alone stay non-roles."""
from __future__ import annotations

import pytest

from coach.components import findings


def targets(doc):
    return [r["text"] for r in findings(doc)["roles"] if r["target"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind of partner: a position, not the generic word ("managing", "consulting" read as verbs)
        ("I want to meet managing partners.", ["managing partners"]),
        ("I want to meet consulting partners who still run projects.", ["consulting partners"]),
        # learners by the programme they are in
        ("I'd like to meet doctoral students in neuroscience who study sleep.", ["doctoral students"]),
        ("I want to meet graduate students.", ["graduate students"]),
        ("I want to meet internal medicine trainees.", ["internal medicine trainees"]),
        ("I'd like to sit down with core surgical trainees in Cleveland.", ["core surgical trainees"]),
        # a rank or a word for staff after a field or sector word
        ("I want to meet PE associates at lower-mid-market funds.", ["PE associates"]),
        ("I want to meet federal employees.", ["federal employees"]),
        ("Reckon I'd like to meet gumment employees in Canberra.", ["gumment employees"]),
        # positions and trades no list held
        ("I want to meet tenure-track faculty in physics.", ["tenure-track faculty"]),
        ("I want to meet goatherds.", ["goatherds"]),
        ("I want to meet locums who cover rural surgeries.", ["locums"]),
    ],
)
def test_plain_kinds_of_people_are_roles(nlp, text, expected):
    assert targets(nlp(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I want to meet partners.",
        "I want to meet influencers.",
        "I want to meet professionals.",
        "I want to meet working professionals.",
        "I want to meet students.",
        "I'd like to meet college students.",
        "We need to hire employees.",
        "We hired a full-time employee.",
        "I'd like to talk to veteran employees.",
        "I want to meet new trainees.",
        "I want to meet international students.",
        "I want to meet foreign students.",
        "I want to meet remote employees.",
        "I want to meet entry-level employees.",
        "I want to meet remote associates.",
    ],
)
def test_generic_people_words_alone_stay_non_roles(nlp, text):
    assert targets(nlp(text)) == []
