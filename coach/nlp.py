"""Build the coach's spaCy pipeline: the base English pipeline plus the coach's components."""
from __future__ import annotations

from spacy.language import Language

from .base_model import load_base
from .components import COMPONENTS

#: Base components the coach's rules read: tags and lemmas, the parse, entities.
#: The rest would be loaded for nothing.
UNUSED_BASE_COMPONENTS: tuple[str, ...] = ()


def build_pipeline(base: str | None = None) -> Language:
    """Return the base pipeline with ``coach_roles``, ``coach_qualifiers`` and ``coach_needs`` added.

    ``base`` names the base pipeline (see :func:`coach.base_model.resolve_base_model`).
    """
    nlp = load_base(base, exclude=UNUSED_BASE_COMPONENTS)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
