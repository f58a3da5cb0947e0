"""The learned context -> field model (``coach/context_fields.py``, fitted by
``scripts/build_context_model.py``) and what it changes in a role's fields (issue #9): the
sentence says the field where the title's own words mislead, and the title still outweighs an
industry the sentence names only as the industry served."""
from __future__ import annotations

import numpy as np
import pytest

from coach import paths
from coach.components import findings
from coach.context_fields import ContextModel, context_features, sentence_around
from coach.field_combiner import candidate_features

SHIPPED = paths.RESOURCES_DIR / "onet" / "context_model.npz"


def target_roles(doc):
    return [(r["text"], r["fields"]) for r in findings(doc)["roles"] if r["target"]]


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("", (0, 0), ("", "")),
        ("Meet camera assistants", (5, 22), ("Meet ", "")),
        # only the role's own sentence: the post around it is about other things as often as not
        ("I run a bakery. Meet casting assistants on TV shows! Thanks all", (21, 39), ("Meet ", " on TV shows!")),
        ("First line\nMeet RBTs at autism clinics", (16, 20), ("Meet ", " at autism clinics")),
    ],
)
def test_the_context_is_the_roles_sentence_outside_the_role(text, span, expected):
    assert sentence_around(text, *span) == expected


def test_features_are_content_words_and_the_nearest_ones_apart():
    features = context_features("I'd like to meet the ", " at law firms in Boston")
    assert features["law"] == 1 and features["firm"] == 1 and features["a:firm"] == 1
    assert "to" not in features and "the" not in features and "in" not in features and features["b:meet"] == 1
    assert context_features("", "") == {}


def tiny_model() -> ContextModel:
    vocabulary = {"film": 0, "hospital": 1}
    weights = np.array([[3.0, 0.0], [0.0, 3.0]], dtype=np.float32)
    classes = ["media-creative", "healthcare"]
    return ContextModel(vocabulary, np.ones(2, dtype=np.float32), weights, np.zeros(2), classes)


def test_probabilities_follow_the_words_and_none_without_known_words():
    model = tiny_model()
    p = model.proba("Meet camera assistants on film sets", 5, 22)
    assert next(iter(p)) == "media-creative" and abs(sum(p.values()) - 1) < 1e-3
    assert next(iter(model.proba("Meet discharge coordinators at the hospital", 5, 27))) == "healthcare"
    assert model.proba("Meet camera assistants", 5, 22) == {}  # no context: no evidence


def test_round_trip(tmp_path):
    model = tiny_model()
    model.save(tmp_path / "c.npz")
    again = ContextModel.load(tmp_path / "c.npz")
    text = "Meet camera assistants on film sets near the hospital"
    assert again.proba(text, 5, 22) == model.proba(text, 5, 22)


def test_the_combiner_sees_the_contexts_probability_and_whether_the_title_is_sure():
    ev = {"kind": "neighbours", "rules": ["retail"], "occupation_fields": ["retail"], "confidence": 0.4,
          "slight": False, "listed": [], "match_fields": [], "model": {"retail": 0.4}, "model_top": "retail",
          "title_model": {}, "named": [], "head_words": [], "title_words": [], "phrase": [], "function": [],
          "bls": "", "sentence": [], "founder": False, "context": {"media-creative": 0.7, "retail": 0.1}}
    media = candidate_features("media-creative", ev)
    assert media["context_p"] == 0.7 and media["context_top"] == 1 and media["context_top_neighbours"] == 1
    assert abs(media["context_p_title_unsure"] - 0.7 * 0.6) < 1e-9
    assert "context_top" not in candidate_features("retail", ev)
    assert "context_p" not in candidate_features("retail", {**ev, "context": {}})


# -- the shipped models -----------------------------------------------------------------------------

shipped = pytest.mark.skipif(not SHIPPED.exists(), reason="no shipped context model")


@shipped
@pytest.mark.parametrize(
    ("text", "first", "also"),
    [
        # the title's words mislead, the sentence says the field (each wrong before the context model)
        ("Looking to meet A1s who mix live sound for TV broadcasts.", "media-creative", None),
        ("Meet monitor engineers who mix in-ear sound for touring bands.", "media-creative", None),
        ("Meet animal wranglers who supply trained dogs for film and TV shoots.", None, "media-creative"),
        # the sentence names an industry served, and the occupation decides (rubric; modifier traps)
        ("Meet hospital accountants who handle billing at hospitals in Ohio.", "finance", None),
        ("Meet real estate attorneys who close commercial property deals in Dayton.", "legal", None),
        ("Learn from HR directors at hospitals how they cut nurse turnover last year", "hr", None),
    ],
)
def test_the_sentence_says_the_field_where_the_title_misleads_but_never_over_the_occupation(nlp, text, first, also):
    roles = target_roles(nlp(text))
    assert roles
    if first:
        assert roles[0][1][0] == first
    if also:
        assert also in roles[0][1]


@shipped
def test_a_law_firms_summer_associates_are_not_hospitality(nlp):
    """Before the context model the title's "summer" added hospitality (dev8's errors)."""
    text = "Hoping to meet summer associates at Manhattan law firms to hear about their first weeks."
    roles = target_roles(nlp(text))
    assert roles[0][1] == ["legal"]


@shipped
def test_the_same_title_is_read_in_each_sentence_not_from_memory(nlp):
    """The finder remembers a role text's evidence across a batch; the context is read each time."""
    bands = target_roles(nlp("Meet monitor engineers who mix in-ear sound for touring bands."))
    wards = target_roles(nlp("Meet monitor engineers who maintain patient monitoring equipment in hospitals."))
    assert bands[0][1][0] == "media-creative" and wards[0][1][0] == "engineering"
