"""Build the coach's spaCy pipeline: the base English pipeline plus the coach's components."""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from .base_model import load_base
from .base_ops import use_numpy_blas
from .base_parse import use_numpy_steps
from .components import COMPONENTS, morphology


def build_pipeline(base: str | None = None, data_dir: str | Path | None = None) -> Language:
    """Return the base pipeline with the coach's components added and initialized.

    ``base`` names the base pipeline (see :func:`coach.base_model.resolve_base_model`);
    ``data_dir`` is a folder laid out like ``coach/resources`` (default: the package's own data).
    The base pipeline's attribute ruler and lemmatizer run as one ``coach_morphology`` component
    that remembers their results per kind of token (same output, a tenth of the time); its entity
    recogniser is replaced by ``coach_entities`` (places, dates, amounts from data). Only the
    coach's components are initialized: ``nlp.initialize()`` would reset the trained
    base components.
    """
    return add_components(base_pipeline(base), data_dir)


def base_pipeline(base: str | None = None) -> Language:
    """The base pipeline as the coach runs it (see :func:`build_pipeline`), without its components."""
    # The base entity recogniser is not loaded: coach_entities (gazetteers and patterns, added with
    # the coach's components) gives the entities the coach reads, at a small part of its cost. The
    # matrix products go through NumPy's BLAS on one thread (see coach.base_ops), the parser's
    # step products too (see coach.base_parse).
    return use_numpy_steps(use_numpy_blas(morphology.replace_in(load_base(base, exclude=("ner",)))))


def add_components(nlp: Language, data_dir: str | Path | None = None) -> Language:
    """Add the coach's components to ``nlp`` and initialize them with ``data_dir``'s data."""
    for name in COMPONENTS:
        nlp.add_pipe(name).initialize(nlp=nlp, data_dir=data_dir)
    return nlp
