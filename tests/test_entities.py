"""coach_entities: the entities the coach reads, from gazetteers and patterns (no statistical recogniser)."""
from __future__ import annotations

import pytest

from coach.nlp import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def _ents(nlp, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents}


def test_the_base_recogniser_is_not_loaded(nlp):
    assert "ner" not in nlp.pipe_names
    assert nlp.pipe_names.index("coach_entities") < nlp.pipe_names.index("coach_roles")


@pytest.mark.parametrize("text, entity, label", [
    ("Meet CFOs in Denver who run SaaS firms", "Denver", "GPE"),
    ("Talk to crab fishermen in Washington, Oregon and California", "Oregon", "GPE"),
    ("I want to meet growers in the Central Valley", "the Central Valley", "LOC"),
    ("ESL coordinators at community colleges in the US", "the US", "GPE"),
    ("Meet three plant managers by March 2027", "March 2027", "DATE"),
    ("Interview two nurses next month", "next month", "DATE"),
    ("owners doing over $1M a year", "$1M a year", "MONEY"),
    ("Meet 20 to 50 sales reps", "20 to 50", "CARDINAL"),
    ("Meet Nigerian founders in fintech", "Nigerian", "NORP"),
    ("connect with brokers in columbus", "columbus", "GPE"),  # a town in lower case, where only a town fits
    ("Meet bankers in St. Louis", "St. Louis", "GPE"),
    ("Meet bankers in Saint Louis", "Saint Louis", "GPE"),       # the gazetteer spells it "st. louis"
    ("Meet nurses in Ft. Lauderdale", "Ft. Lauderdale", "GPE"),
    ("Meet nurses in São Paulo", "São Paulo", "GPE"),            # the gazetteer keeps ASCII names
    ("Meet nurses by 31/12/2027", "31/12/2027", "DATE"),
    ("Meet nurses by mid-2027", "mid-2027", "DATE"),
    ("Meet nurses by 2027-12-31", "2027-12-31", "DATE"),
    ("Meet 3 nurses by Dec. 31", "Dec. 31", "DATE"),
    ("Talk to people at Purdue University about soil labs", "Purdue University", "ORG"),
    ("Meet buyers at the Midwest Dental Conference", "the Midwest Dental Conference", "EVENT"),
    ("Meet bankers in Reading, PA", "Reading", "GPE"),             # an English word after "in": the town
    ("Meet Buffalo CPAs who audit nonprofits", "Buffalo", "GPE"),  # a proper noun before the people
])
def test_entities_the_coach_reads(nlp, text, entity, label):
    assert _ents(nlp, text).get(entity) == label


@pytest.mark.parametrize("text, word", [
    ("I need help in sales", "sales"),        # a word, not the town of Sale
    ("meet devs in mobile apps", "mobile"),   # a word before a noun, not Mobile, Alabama
    ("Mentor teachers who coach new staff", "Mentor"),  # the first word: not Mentor, Ohio
    ("Help us find a plumber", "us"),         # the pronoun, not the country
    ("May I meet a few brewers?", "May"),     # the modal, not the month
    ("Meet the first three buyers", "first"),  # an ordinal is no count
    ("Most inspectors have some background in building.", "Most"),  # the determiner, not Most, Czechia
    # a word opening an organisation's name, not Federal, Argentina
    ("The Federal Motor Carrier Safety Administration is seeking truck drivers.", "Federal"),
])
def test_words_are_not_entities(nlp, text, word):
    assert word not in _ents(nlp, text)


def test_text_in_capitals_has_no_organisation_names(nlp):
    doc = nlp("I WANT TO MEET BANK MANAGERS AT CREDIT UNIONS")
    assert not [e for e in doc.ents if e.label_ in ("ORG", "EVENT")]
    assert any(r.text == "BANK MANAGERS" for r in doc.spans["coach_roles"])


def test_a_place_narrows_the_people_and_is_not_the_role(nlp):
    doc = nlp("I'd like to meet marketing managers at craft breweries in Portland, Oregon.")
    assert [r.text for r in doc.spans["coach_roles"]] == ["marketing managers"]
    assert "Portland" in {q._.coach_place for q in doc.spans["coach_qualifiers"]}


def test_patterns_fit_the_stretches_matched_around_their_words():
    # The matcher runs only around numbers and date words, as far as the longest pattern reaches.
    from coach.components.entities import _LONGEST_PATTERN, entity_patterns
    from coach.lexicon import load_data

    patterns = entity_patterns(load_data().lists)
    assert max(len(p) for group in patterns.values() for p in group) <= _LONGEST_PATTERN


def test_a_date_far_into_a_long_text_is_found(nlp):
    text = "I run a small bakery and " + "we bake bread and cakes every morning for the town, " * 6 + "so by March 2027 I want to meet grocery buyers"
    assert _ents(nlp, text).get("March 2027") == "DATE"


def test_a_number_in_a_date_is_no_count_of_people(nlp):
    doc = nlp("Meet nurses by 31/12/2027")
    assert not list(doc.spans["coach_measurable"])


def test_a_doc_made_from_part_of_another_reads_its_own_text(nlp):
    from coach.components._sentences import text_of

    whole = nlp("Meet 3 bankers in Ohio by June 2027. Then meet nurses in Akron.")
    part = list(whole.sents)[1].as_doc(copy_user_data=True)  # carries the whole Doc's user data
    assert text_of(part) == part.text
    for _, component in nlp.pipeline:
        part = component(part)
    assert not list(part.spans["coach_measurable"])


@pytest.mark.parametrize("text, place", [
    ("Most inspectors have some background in building or engineering.", None),
    ("The Federal Motor Carrier Safety Administration is seeking truck drivers.", None),
    ("Meet the go-to caterers in Leeds", "Leeds"),
    # the writer's own role ("be known as the go-to caterer"): its place narrows no one to meet
    ("Be known as the go-to caterer in Leeds", None),
    ("Find mortgage brokers in Reading, PA", "Reading"),
])
def test_a_word_that_is_also_a_town_narrows_the_people_only_as_the_town(nlp, text, place):
    doc = nlp(text)
    places = [q._.coach_place for q in doc.spans["coach_qualifiers"] if q._.coach_kind == "place"]
    assert (places[0] if places else None) == place


def test_the_token_patterns_match_as_spacy_s_matcher_does(nlp):
    # The entity finder's date and amount patterns are matched over plain lists (see
    # coach.components._token_patterns); spaCy's Matcher with the same patterns finds the same
    # matches in every stretch of every bundled and real text, and of texts full of numbers and dates.
    import json
    from pathlib import Path

    from spacy.matcher import Matcher

    from coach.components._token_patterns import Columns, TokenPatterns
    from coach.components.entities import entity_patterns
    from coach.lexicon import load_data

    data = Path(__file__).resolve().parents[1] / "data"
    texts = [json.loads(line)["text"] for name in ("objectives.jsonl", "real.jsonl")
             for line in (data / name).open(encoding="utf-8")][::2]
    texts += ["Meet 3 to 5 CFOs by May 3, 2027 or the end of the fiscal year, at 5 pm or 3:15 p.m., for $5k a month",
              "May I meet 20 - 30 nurses next few weeks, Q3, 2027-12-31, mid-2027, 50% or 12 percent, 1.5 million dollars",
              "the next 3 months, a week, one or two, the first 2, 4th of July, early 2026, year-end, per hour"]
    ours, theirs = TokenPatterns(), Matcher(nlp.vocab)
    for label, patterns in entity_patterns(load_data().lists).items():
        ours.add(label, patterns)
        theirs.add(label, patterns)
    compared = matched = 0
    for doc in nlp.pipe(texts):
        columns = Columns.of(doc)
        for start in range(0, len(doc), 5):
            for end in (min(len(doc), start + 9), len(doc)):
                expected = {(nlp.vocab.strings[k], start + a, start + b) for k, a, b in theirs(doc[start:end])}
                assert ours(columns, start, end) == expected, doc[start:end].text
                compared += 1
                matched += bool(expected)
    assert compared > 1000 and matched > 200


def test_token_patterns_refuse_what_they_cannot_match_as_spacy_does():
    from coach.components._token_patterns import TokenPatterns

    for pattern in ([{"LOWER": "a", "OP": "+"}], [{"IS_ALPHA": True}], [{"LOWER": {"FUZZY": "nurse"}}],
                    [{"LOWER": "a", "OP": "?"}], [{"LOWER": "a"}, {"OP": "{2,}"}], [{"OP": "{0,2}"}]):
        with pytest.raises(ValueError):
            TokenPatterns().add("X", [pattern])
    # bounded repeats are written out as spaCy reads them
    patterns = TokenPatterns()
    patterns.add("X", [[{"LOWER": "a"}, {"OP": "{1,2}"}, {"LOWER": "b", "OP": "{2}"}]])
    from coach.components._token_patterns import Columns

    words = "a x b b a x y b b b".split()
    columns = Columns([words, words, [False] * 10, [""] * 10, None, None])
    assert patterns(columns, 0, 10) == {("X", 0, 4), ("X", 4, 9)}
