"""Sentence boundaries per token and the Doc's text, computed once per Doc.

``token.sent`` rescans the Doc on every call; the components ask for it often, so the
boundaries are cached in ``doc.user_data`` (plain tuples, so the Doc stays serializable).
"""
from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span

_KEY = "coach_sentence_of_token"
_TEXT_KEY = "coach_text"
_TEXT_OWNER_KEY = "coach_text_owner"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc (spaCy joins the tokens' texts on every call)."""
    user_data = doc.user_data
    text = user_data.get(_TEXT_KEY)
    # (A copy of the Doc, or a Doc made from part of it, may carry its user data: the text is
    # kept with the identity and length of the Doc it was joined from, which cost no Token to
    # check, unlike the text's length.)
    owner = (id(doc), len(doc))
    if text is None or user_data.get(_TEXT_OWNER_KEY) != owner:
        text = user_data[_TEXT_KEY] = doc.text
        user_data[_TEXT_OWNER_KEY] = owner
    return text


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``, as a Span."""
    start, end = sentence_bounds(doc, i)
    return doc[start:end]


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """(start, end) of the sentence holding token ``i`` (no Span made, for callers that need only these)."""
    bounds = doc.user_data.get(_KEY)
    if bounds is None or len(bounds) != len(doc):
        bounds = []
        for start, end in _sentence_spans(doc):
            bounds.extend([(start, end)] * (end - start))
        doc.user_data[_KEY] = bounds
    return bounds[i]


def _sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each sentence, as ``doc.sents`` gives them, read from the array of
    sentence starts (``doc.sents`` makes a Token object for every token to ask it)."""
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return [(s.start, s.end) for s in doc.sents]  # (raises as doc.sents does, or asks a sentencizer's hook)
    starts = [k for k in (doc.to_array(SENT_START) == 1).nonzero()[0].tolist() if k > 0]
    edges = [0, *starts, len(doc)]
    return [(a, b) for a, b in zip(edges, edges[1:]) if b > a]
