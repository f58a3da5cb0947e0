"""A role's occupation and fields.

The occupation decides the field (rubric: "real estate attorneys" are legal, "lactation
consultants" healthcare): the O*NET occupation of the role's title (see
:mod:`coach.occupations`) gives the primary fields; an industry or field named by the role's
other words ("*hospital* HR directors", "*real estate* attorneys") may add its field after them,
never replace them. A role whose occupation is unknown falls back on the field keywords of its
words, else the head noun's BLS career category, else the sentence's industry words.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lexicon import CoachData, singular
from ..occupations import Occupation
from ._sentences import sentence_of
from .role_heads import HeadFinder


class FieldFinder:
    """Maps a role span to its occupation and at most ``max_fields`` of the rubric's field ids."""

    def __init__(self, data: CoachData, heads: HeadFinder, max_fields: int = 3):
        self.data = data
        self.fields = data.fields
        self.heads = heads
        self.max_fields = max_fields
        self.entrepreneur_heads = data.lists.words("entrepreneur_heads")

    def occupation_and_fields(self, span: Span, head: Token, doc: Doc) -> tuple[Occupation | None, list[str]]:
        """The role's occupation (None when unknown) and its field ids, most telling first."""
        book = self.data.occupations
        match = book.find(span.text)
        if match.occupation is None:
            listed = list(book.listed_fields(span.text))
            return None, list(dict.fromkeys(listed + self._fields_by_words(span, head, doc)))[: self.max_fields]
        found = list(book.fields_for(match))
        others = doc[span.start:head.i].text + " " + doc[head.i + 1:span.end].text
        found += self.fields.industries_in(others) + self.fields.fields_in(others)
        return match.occupation, list(dict.fromkeys(found))[: self.max_fields]

    def _fields_by_words(self, span: Span, head: Token, doc: Doc) -> list[str]:
        """Fields from the role's words when no occupation is known."""
        fields = self.fields
        modifiers = doc[span.start:head.i].text + " " + doc[head.i + 1:span.end].text
        head_word = (self.heads.corrected_head(head.lower_) if self.heads.fuzzy else None) or head.text
        found = fields.fields_in(modifiers) + fields.industries_in(modifiers)
        if not found:
            found = fields.fields_in(doc[span.start:head.i].text + " " + head_word)
        if not found:
            found = fields.fields_in(head_word)
            bls = fields.field_of_head(head_word)
            if bls and bls not in found:
                found = [bls] + found if len(found) != 1 else found + [bls]
        if singular(head.lower_) in self.entrepreneur_heads:
            found.append("entrepreneurship")
        if not found:
            # Nothing in the title: the sentence's industry words ("… in the restaurant trade").
            sentence = sentence_of(doc, head.i).text
            found = fields.industries_in(sentence) or fields.fields_in(sentence)
        return list(dict.fromkeys(found))[: self.max_fields]
