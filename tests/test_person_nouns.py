"""The learned person-noun model (coach/person_nouns.py) and where the role finder asks it: plural
words no list or dictionary holds, in a person slot ("meet X", "an intro to X", "coffee with X")."""
from __future__ import annotations

import numpy as np
import pytest

from coach import paths
from coach.components import findings
from coach.lexicon import load_data
from coach.person_nouns import (
    BUCKETS,
    PersonNounModel,
    bucket,
    person_vocabulary,
    save,
    word_features,
)

MODEL_FILE = paths.RESOURCES_DIR / "lexicon" / "person_nouns.npz"


@pytest.fixture(scope="module")
def model():
    return PersonNounModel(MODEL_FILE, person_vocabulary(load_data()))


def _targets(nlp, text: str) -> list[str]:
    return [r["text"] for r in findings(nlp(text))["roles"] if r["target"]]


def test_features_read_the_singular_and_the_compound_ending():
    assert word_features("cabbies") == word_features("cabby")
    assert "$hand" in word_features("kitchenhands")
    assert "+compound" in word_features("kitchenhands", {"hand"})
    assert "+compound" not in word_features("hands", {"hand"})  # the word itself is no compound


def test_buckets_are_stable_and_in_range():
    assert bucket("^ca") == bucket("^ca")
    assert all(0 <= bucket(f) < BUCKETS for f in word_features("toolpushers"))


def test_without_the_file_it_knows_nothing(tmp_path):
    empty = PersonNounModel(tmp_path / "missing.npz")
    assert not empty.fitted
    assert empty.probability("kitchenhands") == 0.0
    assert not empty.names_person("kitchenhands", known=False)


def test_saved_weights_round_trip(tmp_path):
    path = tmp_path / "p.npz"
    weights = np.zeros(BUCKETS)
    weights[bucket("$hand")] = 4.0
    save(path, weights, -2.0, 0.5, 0.9)
    loaded = PersonNounModel(path)
    assert loaded.fitted and loaded.threshold == 0.5 and loaded.known_threshold == 0.9
    assert loaded.probability("deckhands") > 0.5 > loaded.probability("decks")


def test_the_shipped_model_is_fitted_and_calibrated_on_clear_cases(model):
    assert model.fitted
    assert 0.0 < model.threshold < model.known_threshold <= 1.1
    # words for people rank above words for things, none of them in its training lists
    for person, thing in (("kitchenhands", "oppurtunities"), ("deckies", "rotations"),
                          ("homebrewers", "preceptorships")):
        assert model.probability(person) > model.probability(thing)
    assert not model.names_person("oppurtunities", known=False)


@pytest.mark.parametrize("text, role", [
    ("My goal is to sit down with two or three kitchenhands around Soho to learn how they cope.", "kitchenhands"),
    ("I'm hoping to meet deckies on prawn trawlers out of Cairns.", "deckies"),
    ("Would love an intro to GPSTs in Cleveland to ask which trusts offer good preceptorships.", "GPSTs"),
    ("Hoping to grab coffee with a few TLMs on software teams in Dublin.", "TLMs"),
    ("I'd like to meet FY1s on hospital rotations around Bristol.", "FY1s"),
])
def test_unknown_person_words_in_a_person_slot_are_roles(nlp, text, role):
    assert role in _targets(nlp, text)


@pytest.mark.parametrize("text", [
    "I want to find oppurtunities in Soho.",
    "Would love an intro to preceptorships in Cleveland.",
    "Hoping to grab coffee with a few folx from the meetup.",
])
def test_unknown_words_for_things_are_not(nlp, text):
    assert _targets(nlp, text) == []


@pytest.mark.parametrize("text, role", [
    ("I want to network with stockroom staff at department stores in San Antonio.", "stockroom staff"),
    ("I'd like to meet telesales staff in Glasgow who sell business energy.", "telesales staff"),
])
def test_staff_of_a_line_of_work_in_a_person_slot_are_roles(nlp, text, role):
    assert role in _targets(nlp, text)


def test_staff_alone_is_no_role(nlp):
    assert _targets(nlp, "I want to meet the staff at our office.") == []


@pytest.mark.parametrize("text, role", [
    ("Looking for CNC ops in Ohio who'd try a new tool holder.", "CNC ops"),
    ("Looking for warm intros to camera ops who shoot live sports broadcasts in Atlanta.", "camera ops"),
    ("I want to meet owner-ops hauling reefer loads out of the Central Valley.", "owner-ops"),
])
def test_clipped_operators_before_a_known_title_word_are_roles(nlp, text, role):
    assert role in _targets(nlp, text)


def test_ops_as_operations_is_no_role(nlp):
    assert _targets(nlp, "Our sales ops team needs help with forecasting.") == []
    assert _targets(nlp, "Meet the ops team at Acme.") == []


def test_a_clipped_operator_gets_the_operators_field(nlp):
    roles = findings(nlp("Looking for warm intros to camera ops who shoot live sports."))["roles"]
    assert roles[0]["fields"][0] == "media-creative"


@pytest.mark.parametrize("text, role", [
    ("Would love an intro to C&B specialists in Phoenix to ask which HR systems they use.", "C&B specialists"),
    ("I'd like to meet gumment workers in Essex to learn how they got in.", "gumment workers"),
])
def test_a_line_of_work_before_a_weak_head_in_a_contact_slot(nlp, text, role):
    assert role in _targets(nlp, text)


@pytest.mark.parametrize("text", ["I want to meet good workers.", "Would love an intro to senior specialists."])
def test_a_judgement_or_rank_before_a_weak_head_is_still_no_role(nlp, text):
    assert _targets(nlp, text) == []
