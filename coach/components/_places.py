"""Named places the entity recogniser misses: "in dayton", "IN COLUMBUS", "Akron CPAs".

A gazetteer (``lexicon/places.txt.gz``) checked token by token, longest name first. A
lower-case word that is also an English word ("reading", "sale", "mobile") counts only when it
is written with a capital, so "in sales" is never a place.
"""
from __future__ import annotations

import functools
import unicodedata

from spacy.tokens import Doc

from ..lexicon import CoachData
from ._columns import column

MAX_PLACE_TOKENS = 4
#: Short forms that start place names, and the spellings the gazetteer may use for them instead.
SHORT_FORMS = {"st": ("st.", "saint"), "st.": ("saint", "st"), "saint": ("st.",), "ste.": ("sainte",),
               "ft": ("ft.", "fort"), "ft.": ("fort",), "fort": ("ft.",), "mt": ("mt.", "mount"), "mt.": ("mount",),
               "mount": ("mt.",)}


class PlaceMatcher:
    """Finds gazetteer places at a token position."""

    def __init__(self, data: CoachData):
        self.places = data.places
        self.known_words = data.known_words
        self.first_words = _place_first_words(data)
        self.org_name_words = data.lists.words("org_name_words")

    def may_start(self, word: str) -> bool:
        """Whether a place name can start with ``word`` (lower case): no look-up is needed otherwise."""
        return word in self.first_words or word in SHORT_FORMS or (not word.isascii() and fold(word) in self.first_words)

    def end_of_place(self, doc: Doc, start: int, lowers: list[str] | None = None) -> int:
        """Index after the longest place starting at ``start``, or ``start`` when there is none
        (``lowers``: the Doc's tokens in lower case, if the caller has them)."""
        if lowers is None:
            lowers = column(doc, "lower")
        if start >= len(lowers):
            return start
        low = lowers[start]
        if not self.may_start(low):
            return start  # (most words: decided without a Token)
        first = doc[start]
        if not (first.is_alpha or low in SHORT_FORMS):
            return start
        # WordNet knows cities too ("dayton"), so a known lower-case word counts only where the
        # tagger reads it as a proper noun.
        if first.is_lower and first.lower_ in self.known_words and first.pos_ != "PROPN":
            return start
        for end in range(min(len(doc), start + MAX_PLACE_TOKENS), start, -1):
            if doc[end - 1].is_punct:
                continue
            if any(key in self.places for key in spellings(" ".join(lowers[start:end]).replace(" - ", "-"))):
                if end == start + 1 and low in self.known_words and \
                        not _stands_alone_as_place(doc, start, self.org_name_words):
                    return start
                return end
        return start


def _stands_alone_as_place(doc: Doc, i: int, org_name_words: frozenset[str]) -> bool:
    """Whether a capitalised English word that is also a place name ("Reading", "Mobile",
    "Most", "Federal") reads as the place: after a locative preposition it does ("in Leeds"); else
    the tagger must take it for a noun ("Most inspectors" is no place) and it must not open a
    capitalised organisation name ("the Federal Motor Carrier Safety Administration")."""
    if i > 0 and doc[i - 1].lower_ in _LOCATIVE:
        return True
    if doc[i].pos_ not in ("PROPN", "NOUN"):
        return False  # "Most inspectors", "Best regards" (a capitalised noun may be a town the tagger does not know)
    for token in doc[i + 1:i + 1 + _LONGEST_NAME_RUN]:
        if not (token.is_title and token.is_alpha):
            break
        if token.lower_ in org_name_words:
            return False
    return True


#: Prepositions after which a capitalised word names where someone is.
_LOCATIVE = frozenset({"in", "near", "around", "across", "throughout", "from", "at", "outside", "within", "to"})
#: How far a capitalised name is read for its organisation word.
_LONGEST_NAME_RUN = 6


def first_words(names) -> frozenset[str]:
    """The words a name can start with as a token ("winston" and "winston-salem" for
    "winston-salem"): a token that is none of these starts no name, so it needs no look-up."""
    found: set[str] = set()
    for name in names:
        head = name.split(" ", 1)[0]
        found.add(head)
        found.add(head.split("-", 1)[0])
    return frozenset(found)


@functools.lru_cache(maxsize=4)
def _place_first_words(data: CoachData) -> frozenset[str]:
    # Three components each hold a matcher over the same gazetteer: its first words are read once.
    return first_words(data.places)


def fold(text: str) -> str:
    """``text`` without accents ("são paulo" -> "sao paulo"): the gazetteer keeps ASCII names."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def spellings(key: str) -> list[str]:
    """A lower-case place key as written, without accents, and with its short first word spelled
    the gazetteer's other ways ("st. louis", "saint louis"; "ft. lauderdale", "fort lauderdale").

    >>> spellings("ft. lauderdale")
    ['ft. lauderdale', 'fort lauderdale']
    """
    found = [key]
    plain = fold(key).replace(" . ", ". ")  # "Ft. Lauderdale" may come as "Ft", ".", "Lauderdale"
    if plain != key:
        found.append(plain)
    first, _, rest = plain.partition(" ")
    if rest:
        found += [f"{other} {rest}" for other in SHORT_FORMS.get(first, ())]
    return found
