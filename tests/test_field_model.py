"""The learned title -> field model (``coach/field_model.py``, built by
``scripts/build_field_model.py``): loads without pickle, scores deterministically, knows clear titles."""
from __future__ import annotations

import numpy as np
import pytest

from coach import paths
from coach.field_model import FieldModel, field_features
from coach.occupations import load_book, normalize_title

MODEL = paths.RESOURCES_DIR / "onet" / "field_model.npz"


@pytest.fixture(scope="module")
def model():
    return FieldModel.load(MODEL)


def test_loads_without_pickle_and_is_small():
    with np.load(MODEL, allow_pickle=False) as data:
        assert all(data[name].dtype != object for name in data.files)
    # stored uncompressed (read at every cold start: inflating cost more than reading 2 MB more)
    assert MODEL.stat().st_size < 4_000_000


def test_deterministic(model):
    again = FieldModel.load(MODEL)
    for title in ("site labourer", "trawlerman", "registered nurse", "xyzzy"):
        assert model.predict(title) == again.predict(title)
        np.testing.assert_array_equal(model.decision(title), again.decision(title))


def test_probabilities(model):
    p = model.proba("registered nurse")
    assert p.shape == (len(model.classes),) and abs(p.sum() - 1) < 1e-6


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("registered nurses", "healthcare"),
        ("paramedics", "healthcare"),
        ("plumbers", "construction"),
        ("crane operators", "construction"),
        ("estate agents", "real-estate"),
        ("software developers", "technology"),
        ("paediatricians", "healthcare"),
        ("primary school teachers", "education"),
        ("truck drivers", "supply-chain"),
        ("trawlermen", "agriculture"),
    ],
)
def test_clear_titles(model, title, field):
    assert model.predict(normalize_title(title), 1)[0][0] == field


def test_unknown_features_give_nothing(model):
    assert model.predict("") == ()
    assert field_features("rn", (2, 3))["w:rn"] == 1


def test_book_guess_expands_short_forms():
    book = load_book()
    field, p = book.field_guess("devs")
    assert field == "technology" and p > 0.5
