"""The coach's spaCy components. Importing this package registers their factories.

``coach_roles`` (who), ``coach_needs`` (what is wanted, and the measurable / time-bound
signals), ``coach_qualifiers`` (what narrows the people) and ``coach_non_qualifiers`` (what only
looks like it); ``coach_morphology`` stands in for the base pipeline's attribute ruler and
lemmatizer (their output, remembered per kind of token); ``coach_entities`` stands in for its
entity recogniser (places, dates, amounts, nationalities and organisations from gazetteers and patterns). Results are span groups; see :mod:`coach.components._shared`.
"""
from __future__ import annotations

from . import entities, morphology, needs, qualifiers, roles  # noqa: F401
from ._shared import findings, register_extensions  # noqa: F401

register_extensions()

#: The coach's components, in pipeline order.
COMPONENTS = ("coach_entities", "coach_roles", "coach_needs", "coach_qualifiers", "coach_non_qualifiers")
