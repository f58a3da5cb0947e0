"""A role's fields: from its title's words, else its head noun, else the sentence's industry."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lexicon import CoachData, singular
from ._sentences import sentence_of
from .role_heads import HeadFinder


class FieldFinder:
    """Maps a role span to at most ``max_fields`` of the rubric's field ids."""

    def __init__(self, data: CoachData, heads: HeadFinder, max_fields: int = 3):
        self.fields = data.fields
        self.heads = heads
        self.max_fields = max_fields
        self.entrepreneur_heads = data.lists.words("entrepreneur_heads")

    def fields_for(self, span: Span, head: Token, doc: Doc) -> list[str]:
        """Field ids of the role, most telling first."""
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
