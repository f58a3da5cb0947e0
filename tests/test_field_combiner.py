"""The learned combiner of field evidence (``coach/field_combiner.py``, fitted by
``scripts/build_field_combiner.py``): features, ranking, persistence, and the shipped weights."""
from __future__ import annotations

import pytest

from coach import paths
from coach.field_combiner import FieldCombiner, candidate_features

SHIPPED = paths.RESOURCES_DIR / "onet" / "field_combiner.json"


def evidence(**given) -> dict:
    ev = {"kind": "", "rules": [], "occupation_fields": [], "confidence": 0.0, "slight": False, "listed": [],
          "match_fields": [], "model": {}, "model_top": "", "title_model": {}, "named": [], "head_words": [],
          "title_words": [], "phrase": [], "function": [], "bls": "", "sentence": [], "founder": False}
    ev.update(given)
    ev["candidates"] = list(dict.fromkeys(ev["rules"] + ev["occupation_fields"] + list(ev["model"]) + ev["named"]))
    return ev


def test_features_say_which_source_names_the_field_and_where():
    ev = evidence(rules=["legal", "real-estate"], occupation_fields=["legal"], confidence=0.9,
                  named=["real-estate"], model={"legal": 0.7, "real-estate": 0.2}, model_top="legal")
    legal = candidate_features("legal", ev)
    estate = candidate_features("real-estate", ev)
    assert legal["rule_0"] == 1 and legal["occ_exact_0"] == 1 and legal["model_top"] == 1
    assert legal["occ_confidence"] == 0.9 and legal["model_p_exact"] == 0.7
    assert "occ_exact_0" not in estate and estate["named_0"] == 1 and estate["rule_1"] == 1
    assert "model_top" not in estate and estate["prior_real-estate"] == 1


def test_choose_ranks_by_probability_and_keeps_the_likely_ones():
    combiner = FieldCombiner({"occ_exact_0": 4.0, "named_0": 2.0, "model_p_exact": 2.0}, bias=-2.0, keep=0.3)
    ev = evidence(rules=["real-estate", "legal"], occupation_fields=["legal"], named=["real-estate"],
                  model={"legal": 0.8, "retail": 0.1}, model_top="legal")
    ranked = combiner.rank(ev)
    assert [f for f, _ in ranked][:2] == ["legal", "real-estate"]
    assert combiner.choose(ev) == ["legal", "real-estate"]  # retail: p < keep
    strict = FieldCombiner(combiner.weights, -2.0, keep=0.9)
    assert strict.choose(ev) == ["legal", "real-estate"]  # the modifier's industry the rules give is added
    assert strict.choose({**ev, "rules": ["legal"]}) == ["legal"]  # the first always stays


def test_a_field_phrase_or_listed_title_keeps_the_rules_first_field():
    combiner = FieldCombiner({"model_p_title": 6.0}, bias=-2.0)
    ev = evidence(kind="title", rules=["entrepreneurship"], occupation_fields=["entrepreneurship"],
                  model={"investment": 0.8, "entrepreneurship": 0.1}, model_top="investment")
    assert combiner.choose(ev)[0] == "investment"
    assert combiner.choose({**ev, "listed": ["entrepreneurship"]})[0] == "entrepreneurship"  # "sole traders"
    assert combiner.choose({**ev, "phrase": ["entrepreneurship"]})[0] == "entrepreneurship"


def test_round_trip(tmp_path):
    combiner = FieldCombiner({"rule_0": 1.5, "named_0": -0.25}, bias=-1.0, keep=0.25)
    combiner.save(tmp_path / "c.json", {"note": "test"})
    again = FieldCombiner.load(tmp_path / "c.json")
    ev = evidence(rules=["hr"], named=["healthcare"])
    assert again.rank(ev) == combiner.rank(ev)


@pytest.mark.skipif(not SHIPPED.exists(), reason="no shipped combiner")
def test_shipped_weights_let_the_occupation_decide_and_a_modifier_add():
    """The rubric's "real estate attorneys": the occupation (legal) first, the industry after it."""
    combiner = FieldCombiner.load(SHIPPED)
    ev = evidence(rules=["legal", "real-estate"], occupation_fields=["legal"], confidence=0.9,
                  named=["real-estate"], model={"legal": 0.6, "real-estate": 0.3}, model_top="legal",
                  title_model={"legal": 0.9})
    assert combiner.choose(ev)[0] == "legal"
    assert 0 < combiner.keep < 1 and combiner.max_fields == 3


@pytest.mark.skipif(not SHIPPED.exists(), reason="no shipped combiner")
def test_prepared_evidence_scores_as_the_whole_evidence():
    """The role finder remembers :meth:`FieldCombiner.prepare`'s small summary per role text and adds
    the context of each occurrence: the same probabilities as the whole evidence with the context."""
    combiner = FieldCombiner.load(SHIPPED)
    ev = evidence(kind="neighbours", rules=["retail", "sales"], occupation_fields=["retail"], confidence=0.4,
                  model={"retail": 0.5, "sales": 0.2, "marketing": 0.1}, model_top="retail",
                  title_model={"retail": 0.6, "media-creative": 0.05}, named=["sales"])
    context = {"media-creative": 0.8, "retail": 0.1, "sales": 0.05, "hr": 0.05}
    whole = {**ev, "context": context, "candidates": ev["candidates"] + ["media-creative"]}
    prepared = combiner.prepare(ev)
    assert "media-creative" not in prepared.candidates
    fast = combiner.rank_prepared(prepared, context, ["media-creative"])
    slow = combiner.rank(whole)
    assert [f for f, _ in fast] == [f for f, _ in slow]
    assert all(abs(p - q) < 1e-9 for (_, p), (_, q) in zip(fast, slow))
    assert combiner.choose_prepared(prepared, context, ["media-creative"]) == combiner.choose(whole)
    assert combiner.choose_prepared(prepared) == combiner.choose(ev)  # no context: as before it
