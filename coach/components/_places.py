"""Named places the entity recogniser misses: "in dayton", "IN COLUMBUS", "Akron CPAs".

A gazetteer (``lexicon/places.txt.gz``) checked token by token, longest name first. A
lower-case word that is also an English word ("reading", "sale", "mobile") counts only when it
is written with a capital, so "in sales" is never a place.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..lexicon import CoachData

MAX_PLACE_TOKENS = 4


class PlaceMatcher:
    """Finds gazetteer places at a token position."""

    def __init__(self, data: CoachData):
        self.places = data.places
        self.known_words = data.known_words
        self.first_words = first_words(self.places)

    def end_of_place(self, doc: Doc, start: int) -> int:
        """Index after the longest place starting at ``start``, or ``start`` when there is none."""
        first = doc[start] if start < len(doc) else None
        if first is None or not first.is_alpha or first.lower_ not in self.first_words:
            return start
        # WordNet knows cities too ("dayton"), so a known lower-case word counts only where the
        # tagger reads it as a proper noun.
        if first.is_lower and first.lower_ in self.known_words and first.pos_ != "PROPN":
            return start
        for end in range(min(len(doc), start + MAX_PLACE_TOKENS), start, -1):
            words = doc[start:end]
            if words[-1].is_punct:
                continue
            if " ".join(t.lower_ for t in words).replace(" - ", "-") in self.places:
                return end
        return start


def first_words(names) -> frozenset[str]:
    """The words a name can start with as a token ("winston" and "winston-salem" for
    "winston-salem"): a token that is none of these starts no name, so it needs no look-up."""
    found: set[str] = set()
    for name in names:
        head = name.split(" ", 1)[0]
        found.add(head)
        found.add(head.split("-", 1)[0])
    return frozenset(found)
