"""The role extractor on the rubric's examples and on real-world title shapes."""
from __future__ import annotations

import pytest

from coach.components import findings


def targets(doc):
    return [r["text"] for r in findings(doc)["roles"] if r["target"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("Find new customers", []),
        ("Get my name out there", []),
        ("Meet sales trainers", ["sales trainers"]),
        ("Connect with other small business owners", ["small business owners"]),
        ("Meet owners of family-run restaurants in Lakewood who cater corporate events",
         ["owners of family-run restaurants"]),
        ("Learn from HR directors at hospitals how they cut nurse turnover last year", ["HR directors"]),
        ("Ask two commercial real estate brokers in Columbus which industry groups they attend",
         ["commercial real estate brokers"]),
        ("Meet people who could introduce me to investors", ["investors"]),
        # abbreviations, plurals, lower case, typos
        ("I want to meet CFOs of mid-sized manufacturers and HR managers by March",
         ["CFOs of mid-sized manufacturers", "HR managers"]),
        ("get introduced to the VP of Sales at Acme", ["VP of Sales"]),
        ("coffee with icu nurses at cleveland clinic", ["icu nurses"]),
        ("connect w/ recruters who place nurses", ["recruters"]),
        ("talk to a few project manegers", ["project manegers"]),
        ("meet GMs of hotels in Lisbon", ["GMs"]),
        # a role no list holds, found from the parse
        ("meet homebrewers who sell at farmers markets", ["homebrewers"]),
        # titles from the lexicon that are not in the labeled data
        ("I want to meet scrum masters next month", ["scrum masters"]),
        ("I want to meet machine learning engineers", ["machine learning engineers"]),
        ("Talk to chief nursing officers", ["chief nursing officers"]),
        ("coffee with VPs of engineering", ["VPs of engineering"]),
        ("meet sommeliers and actuaries", ["sommeliers", "actuaries"]),
        # counts frame the people, they are not part of the title
        ("We do not have enough truck drivers to talk to", ["truck drivers"]),
        ("A panel of 20 percent public officials and 30 percent developers", ["public officials", "developers"]),
    ],
)
def test_target_roles(nlp, text, expected):
    assert targets(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("I'm a web designer and I want more clients", "web designer"),
        ("As a new PM, I want to meet product managers at fintech startups", "PM"),
        ("Bookkeeper here; I'd like to meet attorneys in Akron", "Bookkeeper"),
        ("I volunteer as treasurer of a small HOA and want to ask property managers how they budget", "treasurer"),
    ],
)
def test_writers_own_role_is_not_a_target(nlp, text, own):
    roles = findings(nlp(text))["roles"]
    assert [r["text"] for r in roles if r["relation"] == "own"] == [own]
    assert own not in targets(nlp(text))


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("connect w/ recruiters who place nurses", "nurses"),
        ("Learn from HR directors at trucking companies how they recruit CDL drivers", "CDL drivers"),
    ],
)
def test_people_inside_a_qualifier_are_mentions(nlp, text, mention):
    roles = {r["text"]: r for r in findings(nlp(text))["roles"]}
    assert roles[mention]["relation"] == "mention"
    assert roles[mention]["target"] is False


@pytest.mark.parametrize(
    "text",
    ["Meet decision makers and business leaders", "Make connections with people", "find partners",
     "Meet professionals"],
)
def test_generic_people_are_not_roles(nlp, text):
    doc = nlp(text)
    assert targets(doc) == []
    assert findings(doc)["generic_people"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Meet sales professionals", "sales"),
        ("Meet CFOs", "finance"),
        ("Meet ICU nurses", "healthcare"),
        ("Meet commercial real estate brokers", "real-estate"),
        ("Meet owners of family-run restaurants", "hospitality"),
        ("Meet software developers", "technology"),
        ("Meet grant writers", "nonprofit"),
        ("Meet sommeliers", "hospitality"),
    ],
)
def test_roles_map_to_rubric_fields(nlp, text, field):
    roles = [r for r in findings(nlp(text))["roles"] if r["target"]]
    assert roles and field in roles[0]["fields"]


def test_role_offsets_point_into_the_text(nlp):
    text = "I'm a CPA. Meet three CFOs of mid-sized manufacturers in Akron."
    for role in findings(nlp(text))["roles"]:
        assert text[role["start"]:role["end"]] == role["text"]


def test_fields_are_the_rubric_ids(nlp):
    from coach.lexicon import load_data

    ids = set(load_data().fields.ids)
    assert len(ids) == 25
    doc = nlp("Meet plant managers, ICU nurses, grant writers, realtors and solar installers")
    assert findings(doc)["roles"]
    for role in findings(doc)["roles"]:
        assert set(role["fields"]) <= ids
