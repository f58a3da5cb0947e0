"""Sentence boundaries per token, computed once per Doc.

``token.sent`` rescans the Doc on every call; the components ask for it often, so the
boundaries are cached in ``doc.user_data`` (plain tuples, so the Doc stays serializable).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

_KEY = "coach_sentence_of_token"


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``, as a Span."""
    bounds = doc.user_data.get(_KEY)
    if bounds is None or len(bounds) != len(doc):
        bounds = []
        for sent in doc.sents:
            bounds.extend([(sent.start, sent.end)] * (sent.end - sent.start))
        doc.user_data[_KEY] = bounds
    start, end = bounds[i]
    return doc[start:end]
