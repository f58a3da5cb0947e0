"""Named places, dates, times, amounts, nationalities and organisations, from gazetteers and patterns.

The coach reads entities in a few places only: a named place or event is a qualifier (rubric), a
date or time frame makes an objective time-bound, a number of people or meetings makes it
measurable, and a word that names a place, a date, a nationality or an organisation never heads
a role ("Akron CPAs", "Nigerian founders"). The base pipeline's statistical entity recogniser
gave those, at 40% of the base pipeline's time (it runs its own token-to-vector layer in
``en_core_web_sm``). This component gives the same labels from data the coach ships instead:

* ``GPE`` / ``LOC``: the GeoNames gazetteer (``lexicon/places.txt.gz``: cities of 15,000+
  people, countries, US states and counties) and ``vocab/place_names.txt`` (continents,
  provinces, regions, short forms), longest name first; a name that is also an English word
  ("Reading", "Mobile") only where the tagger reads it as a proper noun;
* ``DATE`` / ``TIME``: months, weekdays, holidays, years, "this/next/last …", "3 months",
  "the end of the year", "an hour", "3:15 p.m.";
* ``MONEY`` / ``PERCENT`` / ``CARDINAL``: numbers, with a currency or a per cent sign;
* ``NORP``: nationalities, peoples and religions written with a capital;
* ``ORG``: capitalised names holding an organisation word ("Purdue University", "the Ohio
  Department of Transportation") and the organisation acronyms the coach lists;
* ``EVENT``: capitalised names ending in an event word ("the Midwest Dental Conference").

Entities go to ``doc.ents`` (and ``token.ent_type_``), as the recogniser's did.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ._columns import column
from ._places import MAX_PLACE_TOKENS, PlaceMatcher, first_words, fold, spellings
from ._sentences import text_of
from ._shared import DataComponent
from ._token_patterns import Columns, TokenPatterns
from ._token_runs import is_capitalised, merged_windows

#: Places that are regions, not countries, states or towns (LOC; the coach reads both alike).
_REGION = re.compile(r"\b(?:africa|asia|europe|america|oceania|caribbean|balkans|middle east|valley|coast|belt|"
                     r"midwest|midlands|northeast|northwest|southeast|southwest|south|area|lakes|plains|rockies|west)$")
#: Dates written as one token: "31/12/2027", "12.31.27", "mid-2027".
_DATE_TOKEN = re.compile(r"^(?:\d{1,2}[/.]\d{1,2}[/.](?:\d\d){1,2}|(?:mid|early|late)-(?:19|20)\d\d)$", re.IGNORECASE)
#: A year people date things by.
_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: The number of a clock time, as one token or before "am"/"pm" ("3:15", "9am", "5" in "5 pm").
_CLOCK = re.compile(r"^\d{1,2}(?::\d\d)?(?:am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)
_CURRENCY = ("$", "£", "€", "¥", "us$", "usd", "eur", "gbp")
_CURRENCY_WORDS = ("dollars", "dollar", "euros", "euro", "pounds", "bucks", "usd", "eur", "gbp")
_MAGNITUDES = ("k", "m", "mm", "b", "bn", "thousand", "million", "billion", "mil")
#: A token that is a clock time on its own ("3:15", "9am"), unlike a bare number; and the words
#: after a clock number ("5 pm").
_CLOCK_TOKEN = re.compile(r"^\d{1,2}(?::\d\d|am|pm)", re.IGNORECASE)
_CLOCK_WORDS = ("am", "pm", "a.m.", "p.m.")
_DIGIT = re.compile(r"\d")
#: The most tokens any date, time or amount pattern spans.
_LONGEST_PATTERN = 7
_STANDALONE_DATES = ("today", "tomorrow", "yesterday", "annual", "annually", "weekly", "monthly", "quarterly",
                     "yearly", "tonight", "overnight")
_TOWN_PREPOSITIONS = frozenset({"in", "near", "around", "throughout", "outside"})
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_LOCATIVE = frozenset({"in", "near", "around", "across", "throughout", "from", "outside", "within", "to", "of", "at"})
# Before a bare state code: where a place is the only reading ("nurses in NJ", "across TX").
_STATE_PREPOSITIONS = _LOCATIVE - {"to", "of", "at"}  # "send it to ME", "the head of MS", "at OR level": words
# State codes that are also English words or common abbreviations (operating room, multiple sclerosis,
# physician assistant, medical doctor, Delaware/"DE" …): a place only after a town and a comma.
_AMBIGUOUS_STATE_CODES = frozenset({"IN", "OR", "ME", "OK", "HI", "MS", "MA", "PA", "MD", "DE", "ID", "CT", "CO",
                                    "AS", "GU", "MT", "AL", "SC", "VI", "MP"})
_RELATIVE = ("this", "next", "last", "past", "coming", "upcoming", "following", "previous", "current", "every", "each")


def _lower_in(words) -> dict:
    return {"LOWER": {"IN": sorted(words)}}


def entity_patterns(lists) -> dict[str, list[list[dict]]]:
    """Token patterns for dates, times and amounts, from the word lists."""
    months = set(lists.phrases("month_names")) - {"may", "mar", "mar."}
    month = {"LOWER": {"IN": sorted(months)}}
    capital_month = {"TEXT": {"IN": ["May", "MAY", "Mar", "MAR", "Mar.", "MAR."]}}
    one_word_units = [u for u in lists.phrases("date_units") if " " not in u]
    unit = _lower_in(one_word_units)
    time_unit = _lower_in(lists.phrases("time_units"))
    number = {"LIKE_NUM": True, "LOWER": {"NOT_IN": list(_ORDINALS)}, "TEXT": {"NOT_IN": ["-"]}}
    day_number = {"TEXT": {"REGEX": r"^\d{1,2}(?:st|nd|rd|th)?$"}}
    year = {"TEXT": {"REGEX": _YEAR.pattern}}
    relative = _lower_in(_RELATIVE)
    dates: list[list[dict]] = []
    for m in (month, capital_month):
        dates += [
            [m, {"TEXT": ".", "OP": "?"}, day_number, {"TEXT": ",", "OP": "?"}, year],
            [m, {"TEXT": ".", "OP": "?"}, day_number],
            [m, {"TEXT": ",", "OP": "?"}, year],
            [day_number, {"LOWER": "of", "OP": "?"}, m],
            [relative, m],
            [{"LOWER": "the"}, {"LOWER": "end"}, {"LOWER": "of"}, m],
        ]
    dates += [
        [month],
        [{**capital_month, "POS": "PROPN"}],  # "May I …" is no month
        [year],
        [{"LOWER": "the", "OP": "?"}, relative, number, unit],
        [{"LOWER": "the", "OP": "?"}, relative, unit],
        [{"LOWER": "the", "OP": "?"}, relative, {"LOWER": {"IN": ["school", "fiscal", "academic"]}}, {"LOWER": "year"}],
        [relative, {"LOWER": {"IN": ["few", "couple"]}}, {"LOWER": "of", "OP": "?"}, unit],
        [number, {"TEXT": "-", "OP": "?"}, unit],
        [{"LOWER": {"IN": ["a", "one", "per", "each"]}}, {"LOWER": {"IN": ["day", "week", "month", "year", "quarter"]}}],
        [{"LOWER": "the"}, {"LOWER": "end"}, {"LOWER": "of"}, {"LOWER": {"IN": ["the", "this", "next"]}, "OP": "?"},
         {"LOWER": {"IN": ["fiscal", "school", "academic"]}, "OP": "?"}, unit],
        [{"LOWER": {"IN": ["year", "month", "quarter"]}}, {"TEXT": "-", "OP": "?"}, {"LOWER": "end"}],
        [{"LOWER": {"IN": [w for w in _STANDALONE_DATES if w not in ("tonight", "overnight")]}}],
        [{"TEXT": {"REGEX": r"^[Qq][1-4]$"}}],
        [{"TEXT": {"REGEX": _DATE_TOKEN.pattern}}],  # "31/12/2027", "mid-2027"
        [year, {"TEXT": "-"}, {"TEXT": {"REGEX": r"^\d{1,2}$"}}, {"TEXT": "-"}, {"TEXT": {"REGEX": r"^\d{1,2}$"}}],
        [{"LOWER": {"IN": ["mid", "early", "late"]}}, {"TEXT": "-", "OP": "?"}, year],
        [{"LOWER": {"IN": ["spring", "summer", "autumn", "winter"]}, "POS": "NOUN"}],
    ]
    times = [
        [{"LOWER": {"IN": ["a", "an", "one", "half", "per"]}}, time_unit],
        [number, {"TEXT": "-", "OP": "?"}, time_unit],
        [{"TEXT": {"REGEX": _CLOCK.pattern}}, {"LOWER": {"IN": ["am", "pm", "a.m.", "p.m."]}}],
        [{"TEXT": {"REGEX": r"^\d{1,2}:\d\d$"}}],
        [{"TEXT": {"REGEX": r"^\d{1,2}(?:am|pm)$"}}],
        [{"LOWER": {"IN": ["tonight", "overnight"]}}],
    ]
    magnitude = _lower_in(_MAGNITUDES)
    rate = [{"LOWER": {"IN": ["a", "an", "per", "each"]}}, {"LOWER": {"IN": ["day", "week", "month", "year", "hour"]}}]
    money = [
        [{"LOWER": {"IN": list(_CURRENCY)}}, number, {**magnitude, "OP": "?"}, *rate],
        [number, {**magnitude, "OP": "?"}, _lower_in(_CURRENCY_WORDS), *rate],
        [{"LOWER": {"IN": list(_CURRENCY)}}, number, {**magnitude, "OP": "?"}],
        [number, {**magnitude, "OP": "?"}, _lower_in(_CURRENCY_WORDS)],
        [{"TEXT": {"REGEX": r"^[$£€]\d[\d,.]*[kKmMbB]?$"}}],
    ]
    percent = [[number, {"LOWER": {"IN": ["%", "percent", "per cent", "pct"]}}],
               [{"TEXT": {"REGEX": r"^\d+(?:\.\d+)?%$"}}]]
    # "one" alone is mostly a pronoun ("one of the …"); "one or two" is a count.
    some = {**number, "LOWER": {"NOT_IN": list(_ORDINALS) + ["one"]}, "TEXT": {"REGEX": r"^(?!.*(?:st|nd|rd|th)$)"}}
    cardinal = [[some, {**magnitude, "OP": "?"}],
                [number, {"LOWER": {"IN": ["to", "or", "-", "–"]}}, number, {**magnitude, "OP": "?"}]]
    return {"DATE": dates, "TIME": times, "MONEY": money, "PERCENT": percent, "CARDINAL": cardinal}


class EntityFinder(DataComponent):
    """Sets ``doc.ents`` from the coach's gazetteers and patterns (see the module docstring)."""

    #: Labels a match keeps when spans overlap: the longest span wins, then this order.
    PRIORITY = ("MONEY", "PERCENT", "DATE", "TIME", "EVENT", "ORG", "GPE", "LOC", "NORP", "CARDINAL")

    def __init__(self, nlp: Language, name: str):
        super().__init__()
        self.name = name
        self.vocab = nlp.vocab

    def set_data(self, data) -> None:
        super().set_data(data)
        lists = data.lists
        # Two matchers, each run only around the words its patterns need (see _pattern_matches):
        # dates and times around date and clock words, amounts around numbers. (Matched as spaCy's
        # Matcher would, over lists of the words: see ._token_patterns.)
        self.date_matcher, self.amount_matcher = TokenPatterns(), TokenPatterns()
        for label, patterns in entity_patterns(lists).items():
            (self.date_matcher if label in ("DATE", "TIME") else self.amount_matcher).add(label, patterns)
        self.places = PlaceMatcher(data)
        self.extra_places = lists.words("place_names")
        self.extra_starts = first_words(self.extra_places) | {"the"}
        # The words that put the date and time matcher to work (see _pattern_matches).
        self.date_words = frozenset(
            set(lists.phrases("month_names")) | {u.split()[0] for u in lists.phrases("date_units")}
            | set(lists.phrases("time_units")) | set(_STANDALONE_DATES) | {"q1", "q2", "q3", "q4"} | set(_CLOCK_WORDS))
        self.currency = frozenset(_CURRENCY)
        self.capital_dates = lists.words("weekday_names") | lists.words("holiday_names")
        self.demonyms = lists.words("demonyms")
        self.org_name_words = lists.words("org_name_words")
        self.event_words = lists.words("event_words")
        self.name_words = self.org_name_words | self.event_words
        self.org_words = lists.words("org_words")
        self.known_words = data.known_words
        self.state_codes = lists.words("us_state_codes")

    def __call__(self, doc: Doc) -> Doc:
        _ = self.data  # load the package data on first use
        lowers = column(doc, "lower")  # (the place look-ups join these many times over)
        found = [Span(doc, start, end, label=label) for label, start, end in self._pattern_matches(doc, lowers)]
        for k, low in enumerate(lowers):
            if (self.places.may_start(low) or fold(low) in self.extra_starts) and any(ch.isalpha() for ch in low):
                end = self._place_end(doc, k, lowers)
                if end > k:
                    key = " ".join(lowers[k:end])
                    found.append(Span(doc, k, end, label="LOC" if _REGION.search(key) else "GPE"))
            if low not in self.capital_dates and low not in self.demonyms:
                continue  # (neither branch below can hold: no Token needed)
            token = doc[k]
            if not (token.is_title or token.is_upper):
                continue
            if low in self.capital_dates:
                found.append(Span(doc, k, k + 1, label="DATE"))
            elif low in self.demonyms and token.pos_ in ("ADJ", "PROPN", "NOUN"):
                found.append(Span(doc, k, self._demonym_end(doc, k), label="NORP"))
        found.extend(self._state_codes(doc, lowers, found))
        found.extend(self._names(doc))
        found.sort(key=lambda s: (s.start, -(s.end - s.start), self.PRIORITY.index(s.label_)))
        doc.ents = filter_spans(found)
        return doc

    def _pattern_matches(self, doc: Doc, lowers: list[str] | None = None) -> set[tuple[str, int, int]]:
        """The date, time and amount patterns' matches, found only around the words they need.

        Every date or time pattern holds a date or clock word, a year or a clock time; every amount
        pattern a number or a currency; none is longer than ``_LONGEST_PATTERN`` tokens. So matching
        the stretches around those words finds every match (the matcher costs time per token and
        pattern, whether it matches or not). ``lowers``: the Doc's lower-case words, if known.
        """
        dates, amounts = [], []
        any_digits = _DIGIT.search(text_of(doc)) is not None
        if lowers is None:
            lowers = column(doc, "lower")
        for i, (text, low, like_num) in enumerate(zip(column(doc, "text"), lowers, column(doc, "like_num"))):
            digits = any_digits and _DIGIT.search(text) is not None
            if low in self.date_words or (digits and (_YEAR.match(text) or _CLOCK_TOKEN.match(text)
                                                      or _DATE_TOKEN.match(text))):
                dates.append(i)
            if like_num or digits or low in self.currency:
                amounts.append(i)
        found: set[tuple[str, int, int]] = set()
        if not dates and not amounts:
            return found
        columns = Columns.of(doc, self.date_matcher.columns | self.amount_matcher.columns, lowers)
        for matcher, triggers in ((self.date_matcher, dates), (self.amount_matcher, amounts)):
            for start, end in merged_windows(triggers, len(doc), _LONGEST_PATTERN, _LONGEST_PATTERN + 1):
                found.update(matcher(columns, start, end))
        return found

    def _place_end(self, doc: Doc, start: int, lowers: list[str] | None = None) -> int:
        """Index after the place named at ``start`` (gazetteer or extra list), else ``start``
        (``lowers``: the Doc's tokens in lower case, if the caller has them)."""
        if lowers is None:
            lowers = [t.lower_ for t in doc]
        token = doc[start]
        low = token.lower_
        if low == "the" and start + 1 < len(doc):
            # "the Bay Area", "the Southwest": the article only with a listed name
            for end in range(min(len(doc), start + 1 + MAX_PLACE_TOKENS), start + 1, -1):
                key = " ".join(lowers[start:end])
                if key in self.extra_places or key in self.places.places:
                    return end
            return start
        if token.is_lower and low in self.known_words and token.pos_ != "PROPN":
            return start + 1 if self._lower_town(doc, start) else start  # "in sales": a word first
        for end in range(min(len(doc), start + MAX_PLACE_TOKENS), start, -1):
            key = " ".join(lowers[start:end])
            if (not token.is_lower or " " in key) and any(k in self.extra_places for k in spellings(key)):
                return end
        end = self.places.end_of_place(doc, start, lowers)
        if end == start + 1 and (low in self.known_words or token.is_lower) and not (
                token.pos_ == "PROPN" and start > 0 and (doc[start - 1].lower_ in _LOCATIVE or not token.is_sent_start)):
            # A word that is also a town ("Mentor", "Reading", "Mobile") is the town as a proper
            # noun inside a sentence or after "in", "near", …; not as a sentence's first word.
            return start
        return end

    def _state_codes(self, doc: Doc, lowers: list[str], found: list[Span]) -> list[Span]:
        """US state codes in capitals where only a place fits: after a locative preposition ("nurses
        in NJ", "the state of NJ") or after a town and a comma ("Pittsburgh, PA"). Elsewhere "PA",
        "MD" or "IN" are titles or words."""
        towns_end = {s.end for s in found if s.label_ in ("GPE", "LOC")}
        texts = column(doc, "text")
        # In text written all in capitals every word looks like a code ("NURSES IN OR NEAR DALLAS").
        letters = [t for t in texts if t.isalpha()]
        shouting = sum(t.isupper() for t in letters) > 0.6 * len(letters)
        out = []
        for k in range(1, len(doc)):
            code = texts[k]
            if code not in self.state_codes:
                continue
            after_town = lowers[k - 1] == "," and k - 1 in towns_end
            after_preposition = (lowers[k - 1] in _STATE_PREPOSITIONS
                                 or (lowers[k - 1] == "of" and k > 1 and lowers[k - 2] == "state"))
            # Codes that are also words or common abbreviations ("in OR departments", "specialise in
            # MS", "PA programs", "to ME") count only after a town and a comma.
            if after_town or (after_preposition and not shouting and code not in _AMBIGUOUS_STATE_CODES):
                out.append(Span(doc, k, k + 1, label="GPE"))
        return out

    def _lower_town(self, doc: Doc, start: int) -> bool:
        """"in columbus", "near savannah": a town written in lower case that is also a word, where
        only a town fits: right after "in", "near", …, with no article, not naming a field
        ("in sales", "in construction") and not modifying a noun after it ("in mobile apps")."""
        token = doc[start]
        if start == 0 or doc[start - 1].lower_ not in _TOWN_PREPOSITIONS or token.lower_ not in self.places.places:
            return False
        if self.data.fields.fields_in(token.lower_) or token.lower_ in self.org_words:
            return False
        after = doc[start + 1] if start + 1 < len(doc) else None
        return after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ")

    def _demonym_end(self, doc: Doc, start: int) -> int:
        """"Puerto Rican", "South African": a two-word nationality ends after its second word."""
        if start + 1 < len(doc) and f"{doc[start].lower_} {doc[start + 1].lower_}" in self.demonyms:
            return start + 2
        return start + 1

    def _names(self, doc: Doc) -> list[Span]:
        """Capitalised names holding an organisation word (ORG) or ending in an event word (EVENT).

        The name's words must read as proper nouns, its organisation word must end it or come
        before "of" ("Department of Transportation"); text in capitals throughout has no such
        names to see ("MEET BANK MANAGERS").
        """
        found: list[Span] = []
        if self.name_words.isdisjoint(column(doc, "lower")):
            return found  # no organisation or event word: no such name
        letters = [t for t in doc if t.is_alpha]
        if letters and sum(t.is_upper for t in letters) > len(letters) / 2:
            return found
        k = 0
        while k < len(doc):
            if not _capitalised(doc[k]):
                k += 1
                continue
            end = k
            while end < len(doc) and (_capitalised(doc[end]) or (
                    doc[end].lower_ in ("of", "for", "and", "&") and end + 1 < len(doc) and _capitalised(doc[end + 1]))):
                end += 1
            while end > k and not _capitalised(doc[end - 1]):
                end -= 1
            words = [t.lower_ for t in doc[k:end]]
            start = k - 1 if k > 0 and doc[k - 1].lower_ == "the" else k
            proper = all(t.pos_ == "PROPN" or not t.is_alpha or t.lower_ in ("of", "for", "and") for t in doc[k:end])
            org_at = [j for j, w in enumerate(words) if w in self.org_name_words
                      and (j == len(words) - 1 or words[j + 1] == "of")]
            if end - k >= 2 and proper and words[-1] in self.event_words:
                found.append(Span(doc, start, end, label="EVENT"))
            elif end - k >= 2 and proper and org_at:
                found.append(Span(doc, start, end, label="ORG"))
            k = max(end, k + 1)
        return found


def _capitalised(token) -> bool:
    """A capitalised word, or "&" inside a name ("Smith & Sons")."""
    return is_capitalised(token) or token.text == "&"


@Language.factory("coach_entities", requires=["token.pos"], assigns=["doc.ents", "token.ent_type"])
def make_entity_finder(nlp: Language, name: str) -> EntityFinder:
    return EntityFinder(nlp, name)
