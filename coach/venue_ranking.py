"""Which venues fit an objective's people, in the order the source gives: the who drives the where.

:class:`~coach.venues.VenueBook` holds the knowledge; this module reads one objective and ranks:

1. **their own association**: an organisation whose members hold the role's job title, or whose
   members are the role's O*NET occupation (a title beats an occupation guess; an association
   tied to an industry, like healthcare HR, only where the objective names that industry);
   when none is known, "the professional association for <role>", said honestly;
2. **the industry they serve**, from the industry words of the objective (qualifiers and the
   role's own modifiers: "hospital HR directors", "controllers at construction companies");
3. **user groups and workshops on the tool or topic named** (whole-word, singular-or-plural
   matching, each topic guarded against other senses of its words);
4. **general business events**, only for owners, salespeople and other business-facing roles:
   BNI only for owners and independent sellers, angel groups only when funding is the topic.

At most :data:`MAX_VENUES` venues, then the ask line that names the role. Every line says why it
fits this objective. Text matching works on *stems*: lower case, hyphens as spaces, possessive
and plural endings dropped (see :func:`stems`), so "manufacturers' reps" meets the title
"manufacturer's rep". Everything here is per objective and cheap; the indexes are built once
with the book.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from .lexicon import plural_phrase, singular

#: Venues shown before the ask line.
MAX_VENUES = 5
#: Occupation guesses below this confidence do not pick associations.
MIN_CONFIDENCE = 0.5
#: A second own association must score at least this share of the best one.
SECOND_SHARE = 0.8

_SPLIT = re.compile(r"[\s\-–—/]+")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&+'’.]*[A-Za-z0-9&+]|[A-Za-z0-9]")


@functools.lru_cache(maxsize=1 << 16)  # venue keywords and objectives share their words
def stem(word: str) -> str:
    """The matching key of one word: lower case, possessive and plural dropped.

    >>> [stem(w) for w in ("Nurses", "midwives", "midwife", "manufacturers'", "CFOs", "sales")]
    ['nurse', 'midwive', 'midwive', 'manufacturer', 'cfo', 'sale']
    """
    w = word.lower().replace("’", "'").rstrip("'")
    if w.endswith("'s"):
        w = w[:-2]
    w = singular(w)
    if w.endswith("fe") and len(w) > 3:  # midwife ~ midwives
        w = w[:-2] + "ve"
    return w


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(raw word, start, end) for each word of ``text``; hyphens and slashes separate words."""
    out = []
    for m in _TOKEN.finditer(text.replace("-", " ").replace("/", " ")):
        word = m.group(0).rstrip(".")
        out.append((word, m.start(), m.start() + len(word)))
    return out


def stems(text: str) -> tuple[str, ...]:
    """The stems of ``text``'s words.

    >>> stems("Meet ICU nurses at Level-I trauma centers")
    ('meet', 'icu', 'nurse', 'at', 'level', 'i', 'trauma', 'center')
    """
    return tuple(stem(w) for w, _, _ in tokens(text))


@dataclass(frozen=True)
class Phrase:
    """A keyword as matched: its stems, or its exact words when ``exact`` ("=Epic", "=AI")."""

    words: tuple[str, ...]
    exact: bool = False
    label: str = ""

    @classmethod
    def parse(cls, keyword: str) -> Phrase:
        if keyword.startswith("="):
            return cls(tuple(w for w, _, _ in tokens(keyword[1:])), True, keyword[1:])
        return cls(stems(keyword), False, keyword)


class PhraseIndex:
    """Phrases with a payload, found in a stemmed text by their first word (built once)."""

    def __init__(self, items: Iterable[tuple[str, object]] = ()):
        # by first word: stemmed phrases by their first stem, exact ones ("=Epic") by the word
        self._stemmed: dict[str, list[tuple[Phrase, object]]] = {}
        self._exact: dict[str, list[tuple[Phrase, object]]] = {}
        for keyword, payload in items:
            self.add(keyword, payload)

    def add(self, keyword: str, payload: object) -> None:
        phrase = Phrase.parse(keyword)
        if phrase.words:
            table = self._exact if phrase.exact else self._stemmed
            table.setdefault(phrase.words[0], []).append((phrase, payload))

    def find(self, text: Text) -> list[tuple[int, int, object]]:
        """Every (start word, end word, payload) where a phrase occurs, longest first at each word."""
        found = []
        # (the stemmed phrases are appended before the exact ones; the sort is stable and keys on
        # the start, so at one word they still come first, as when both were looked up per word)
        for table, seq in ((self._stemmed, text.stems), (self._exact, text.raw)):
            if not table:
                continue
            get = table.get
            for k, key in enumerate(seq):
                entries = get(key)
                if entries:
                    for phrase, payload in entries:
                        n = len(phrase.words)
                        if seq[k:k + n] == phrase.words:
                            found.append((k, k + n, payload))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        return found

    def longest(self, text: Text) -> list[tuple[int, int, object]]:
        """Matches that do not overlap, the longest winning ("machine shop" over "shop")."""
        out: list[tuple[int, int, object]] = []
        for start, end, payload in sorted(self.find(text), key=lambda f: (-(f[1] - f[0]), f[0])):
            if not any(s < end and start < e for s, e, _ in out):
                out.append((start, end, payload))
        return sorted(out, key=lambda f: f[0])

    def payloads(self, text: Text) -> set:
        return {payload for _, _, payload in self.find(text)}


class PhraseSet(PhraseIndex):
    """Phrases without payload: does the text mention any of them?"""

    def __init__(self, keywords: Iterable[str] = ()):
        super().__init__((k, True) for k in keywords)
        self.empty = not (self._stemmed or self._exact)

    def hit(self, text: Text) -> bool:
        return not self.empty and bool(self.find(text))


@dataclass
class Text:
    """A text as the matchers read it: raw words, their stems and character offsets."""

    text: str
    raw: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, text: str) -> Text:
        toks = tokens(text)
        return cls(text, tuple(w for w, _, _ in toks), tuple(stem(w) for w, _, _ in toks),
                   tuple((s, e) for _, s, e in toks))

    def written(self, start: int, end: int) -> str:
        """The words start..end as written in the text."""
        return self.text[self.spans[start][0]:self.spans[end - 1][1]]


# -- the people -------------------------------------------------------------------------------------

#: Words that end a role's noun phrase on the left (verbs of meeting, prepositions, numbers …).
_LEFT_STOPS = frozenset(STOP_WORDS) | {"meet", "meeting", "connect", "talk", "learn", "ask", "find", "reach",
                                         "network", "introduce", "interview", "contact", "visit", "join", "want",
                                         "like", "need", "get", "two", "three", "four", "five", "ten", "dozen",
                                         "local", "other", "more", "new"}


@dataclass(frozen=True)
class Person:
    """A kind of person the objective names, as the venue ranking reads it."""

    text: str  # the role as written, over its whole noun phrase ("independent manufacturers' reps")
    words: Text
    code: str | None = None
    confidence: float = 0.0
    occupation_title: str = ""
    fields: tuple[str, ...] = ()

    @property
    def plural(self) -> str:
        """The role as several people, for the wording ("your product managers are among its members")."""
        return plural_phrase(self.text)


def people_of(text: str, roles: Sequence) -> list[Person]:
    """The people to meet: target roles, without organisations misread as people ("at
    commercial builders"), each widened over its whole noun phrase in ``text``."""
    out = []
    for role in roles:
        if isinstance(role, str):
            out.append(Person(role, Text.of(role)))
            continue
        if not getattr(role, "target", True):
            continue
        start, end = role.start, role.end
        if _after_at(text, start):
            continue
        start, end = _widen(text, start, end)
        written = text[start:end].strip(" ,;")
        occ = getattr(role, "occupation", None)
        out.append(Person(written, Text.of(written), occ.code if occ else None, occ.confidence if occ else 0.0,
                          occ.title if occ else "", tuple(role.fields)))
    unique: dict[str, Person] = {}
    for p in out:
        unique.setdefault(p.text.lower(), p)
    return list(unique.values())


def _after_at(text: str, start: int) -> bool:
    """True when the role stands in an "at …" phrase: "managers at investor-owned utilities"."""
    before = re.findall(r"[A-Za-z0-9'’-]+", text[max(0, start - 40):start])
    for word in reversed(before[-4:]):
        low = word.lower()
        if low == "at":
            return True
        if low in ("who", "that", "and", "or", "of", "with", "for", "to", "from", "meet"):
            return False
    return False


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a role span over hyphenated endings ("nurse" -> "nurse-midwives") and over the
    modifiers on its left that are part of the title ("gift officers" -> "major gift officers")."""
    m = re.match(r"-[A-Za-z]+", text[end:])
    while m:
        end += m.end()
        m = re.match(r"-[A-Za-z]+", text[end:])
    for _ in range(3):
        m = re.search(r"([A-Za-z0-9][A-Za-z0-9'’&-]*)\s+$", text[:start])
        if not m or m.group(1).lower().strip("'’") in _LEFT_STOPS or m.group(1)[0].isdigit():
            break
        start = m.start(1)
    return start, end


# -- the objective ------------------------------------------------------------------------------------

@dataclass
class Objective:
    """What the ranking reads from one objective."""

    text: Text
    people: list[Person]
    fields: list[str]
    place: str | None = None
    industries: list[str] = field(default_factory=list)  # ids, most specific first, in text order
    industry_words: dict[str, str] = field(default_factory=dict)  # id -> the words as written
    clients: set[str] = field(default_factory=set)  # industries named only as clients ("who help hospitals")
    tools: list[str] = field(default_factory=list)


def place_of(text: str, qualifiers: Sequence, places: frozenset[str], regions: frozenset[str]) -> str | None:
    """The first named place of the objective's place qualifiers, if it is a known place; two in a
    row become one ("Portland, Oregon"). Regions read with "the" ("the Midwest")."""
    named = []
    for q in qualifiers:
        place = getattr(q, "place", None)
        if not place or place.lower() not in places:
            continue
        at = text.find(place, getattr(q, "start", 0))
        named.append((place, at))
    if not named:
        return None
    place, at = named[0]
    if len(named) > 1 and at >= 0 and named[1][1] >= 0:
        between = text[at + len(place):named[1][1]]
        if between.strip() == ",":
            place = f"{place}, {named[1][0]}"
    return f"the {place}" if place.lower() in regions else place


# -- the knowledge, as the ranking reads it ----------------------------------------------------------

#: The venue kinds a result can have (``ask-contacts`` always last).
VENUE_KINDS = ("association", "user-group", "workshop", "business-event", "trade-show", "meetup", "online",
               "ask-contacts")
#: Kinds in the data; an industry body is shown as an association.
DATA_KINDS = ("association", "industry", "user-group", "workshop", "business-event", "trade-show", "meetup",
              "online")
AUDIENCES = ("owners", "ceo", "bni", "chamber", "founders", "funding", "filler", "any")
_SHOWN_KIND = {"industry": "association"}


@dataclass(frozen=True)
class Venue:
    """A kind of place where many of the objective's people gather, and why it fits."""

    name: str
    kind: str
    fields: list[str]
    why: str

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "fields": list(self.fields), "why": self.why}


@dataclass(frozen=True, eq=False)
class Entry:
    """One organisation or venue of the knowledge (or of a user's file, ``user=True``)."""

    id: str
    name: str
    kind: str
    show: str
    events: str
    occupations: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    when: PhraseSet = field(default_factory=PhraseSet)
    unless: PhraseSet = field(default_factory=PhraseSet)
    tools: tuple[str, ...] = ()
    audience: str = ""
    field_default: bool = False
    unit: str = ""
    source: str = ""
    user: bool = False

    @property
    def local(self) -> bool:
        return "{place}" in self.show


@dataclass(frozen=True, eq=False)
class Topic:
    """Workshops, user groups or meetups on a tool or topic the objective names."""

    id: str
    keywords: tuple[str, ...]
    name: str
    kind: str
    why: str
    unless: PhraseSet = field(default_factory=PhraseSet)
    products: frozenset[tuple[str, ...]] = frozenset()
    fields: tuple[str, ...] = ()
    generic: str = ""
    user: bool = False


@dataclass(frozen=True)
class Industry:
    id: str
    label: str
    parent: str | None
    words: tuple[str, ...]
    events: str = ""


@dataclass(frozen=True)
class Audiences:
    """Word lists that say who is business-facing and when funding is the topic."""

    owner: PhraseSet
    ceo: PhraseSet
    seller: PhraseSet
    independent: PhraseSet
    internal: PhraseSet
    funding: PhraseSet
    funding_unless: PhraseSet
    investor: PhraseSet
    seller_codes: tuple[str, ...] = ()
    independent_codes: tuple[str, ...] = ()
    regions: frozenset[str] = frozenset()

    @classmethod
    def from_table(cls, raw: dict) -> Audiences:
        def words(key: str) -> PhraseSet:
            return PhraseSet(raw.get(key, ()))

        return cls(words("owner_words"), words("ceo_words"), words("seller_words"), words("independent_words"),
                   words("internal_words"), words("funding_words"), words("funding_unless"),
                   words("investor_words"), tuple(raw.get("seller_codes", ())),
                   tuple(raw.get("independent_codes", ())), frozenset(w.lower() for w in raw.get("region_names", ())))


@dataclass
class _Pick:
    entry: Entry | None
    score: float
    how: str  # title | occupation | industry | topic | business | generic | field | user
    name: str = ""
    kind: str = ""
    why: str = ""
    fields: tuple[str, ...] = ()


def _code_weight(key: str) -> float:
    """How precise an occupation code or prefix is: a detailed code beats a minor group."""
    if len(key) >= 10:
        return 1.0
    return {7: 0.9, 5: 0.6, 4: 0.5}.get(len(key), 0.3)


def _code_keys(code: str) -> list[str]:
    keys = [code]
    if len(code) >= 7:
        keys.append(code[:7])
    keys += [code[:5], code[:4], code[:2]]
    return list(dict.fromkeys(keys))


class Ranker:
    """The venue knowledge with its indexes, built once; :meth:`rank` reads one objective."""

    def __init__(self, entries: list[Entry], topics: list[Topic], industries: list[Industry], audiences: Audiences,
                 field_labels: dict[str, str], fields_in=None):
        self.fields_in = fields_in
        self.entries = [e for e in entries if not e.user]
        self.user_entries = [e for e in entries if e.user]
        self.user_topics = [t for t in topics if t.user]
        self.topics = [t for t in topics if not t.user]
        self.industries = {i.id: i for i in industries}
        self.audiences = audiences
        self.field_labels = field_labels
        self._order = {id(e): k for k, e in enumerate(entries)}
        # The entries each pass reads, in book order (each pass used to scan every entry per objective).
        self._industry_entries = [e for e in self.entries if e.kind == "industry"]
        self._default_entries = [e for e in self.entries if e.field_default]
        self._audience_entries: dict[str, list[Entry]] = {}
        for e in self.entries:
            self._audience_entries.setdefault(e.audience, []).append(e)
        self._topic_entries = [e for e in self.entries if e.audience == "any" and not e.when.empty]
        self._titles = PhraseIndex((t, e) for e in entries for t in e.titles)
        self._codes: dict[str, list[tuple[Entry, int]]] = {}
        for e in entries:
            for pos, code in enumerate(e.occupations):
                self._codes.setdefault(code, []).append((e, pos))
        self._topics = PhraseIndex([(k, t) for t in topics for k in t.keywords]
                                   + [(k, e) for e in entries if e.kind == "user-group" for k in e.tools])
        self._industry_words = PhraseIndex((w, i.id) for i in industries for w in i.words)
        self._ancestors = {i.id: self._lineage(i.id) for i in industries}

    def _lineage(self, industry: str) -> tuple[str, ...]:
        chain = []
        while industry and industry not in chain:
            chain.append(industry)
            parent = self.industries.get(industry)
            industry = parent.parent if parent else None
        return tuple(chain)

    # -- reading the objective ---------------------------------------------------------------------

    def objective(self, text: str, people: list[Person], fields: list[str], place: str | None,
                  tools: Sequence[str] = ()) -> Objective:
        obj = Objective(Text.of(text), people, list(fields), place, tools=[t for t in tools if t])
        for start, end, industry in self._industry_words.longest(obj.text):
            if industry not in obj.industry_words:
                obj.industries.append(industry)
                obj.industry_words[industry] = obj.text.written(start, end)
                if _client_context(obj.text.stems, start):
                    obj.clients.add(industry)
            elif not _client_context(obj.text.stems, start):
                obj.clients.discard(industry)
        return obj

    def titled_people(self, text: str) -> list[Person]:
        """People named by a known job title when the role extractor found no role at all
        ("Meet paramedics at county EMS agencies …"); the longest title wins."""
        words = Text.of(text)
        out = []
        for start, end, e in self._titles.longest(words):
            char_start, char_end = _widen(text, words.spans[start][0], words.spans[end - 1][1])
            written = text[char_start:char_end]
            if written.lower() not in {p.text.lower() for p in out}:
                out.append(Person(written, Text.of(written), fields=tuple(e.fields[:1])))
        return out[:1]

    def _industry_ids(self, obj: Objective) -> set[str]:
        return {a for i in obj.industries for a in self._ancestors.get(i, (i,))}

    # -- ranking --------------------------------------------------------------------------------------

    def rank(self, obj: Objective) -> list[Venue]:
        """At most :data:`MAX_VENUES` venues for the objective, then the ask line."""
        picks: list[_Pick] = []
        used: set[int] = set()
        names: set[str] = set()

        def add(pick: _Pick) -> bool:
            key = pick.name.lower()
            if (pick.entry is not None and id(pick.entry) in used) or key in names:
                return False
            if pick.entry is not None:
                used.add(id(pick.entry))
            names.add(key)
            picks.append(pick)
            return True

        for pick in self._user_venues(obj):
            add(pick)
        own, spare = self._own(obj)
        for pick in own:
            add(pick)
        served = {i for p in own if p.entry is not None for i in p.entry.industries}
        for pick in self._industry(obj, used, served):
            add(pick)
        for pick in self._topics_of(obj)[:2]:
            add(pick)
        for pick in self._business(obj):
            add(pick)
        if len(picks) < 3:
            for pick in spare + self._fillers(obj):
                if len(picks) >= 3:
                    break
                add(pick)
        venues = [Venue(p.name, p.kind, list(p.fields), p.why) for p in picks[:MAX_VENUES]]
        venues.append(self._ask(obj))
        return venues

    # -- 0. the facilitator's own venues ------------------------------------------------------------

    def _user_venues(self, obj: Objective) -> list[_Pick]:
        out = []
        codes = [p.code for p in obj.people if p.code and p.confidence >= MIN_CONFIDENCE]
        people_fields = {f for p in obj.people for f in p.fields} | set(obj.fields)
        industries = self._industry_ids(obj)
        for e in self.user_entries:
            checks = []
            if e.occupations:
                checks.append(any(c.startswith(o) for c in codes for o in e.occupations)
                              or bool(self._titles_of(obj) & {id(e)}))
            if e.fields:
                checks.append(bool(set(e.fields) & people_fields))
            if e.industries:
                checks.append(bool(set(e.industries) & industries))
            if not e.when.empty:
                checks.append(e.when.hit(obj.text))
            if e.unless.hit(obj.text) or not all(checks):
                continue
            out.append(_Pick(e, 9.0, "user", self._fill(e.show, obj), _SHOWN_KIND.get(e.kind, e.kind),
                             f"{e.events} (added by your facilitator)" if e.events else "added by your facilitator",
                             tuple(f for f in e.fields if f in people_fields) or tuple(obj.fields[:1])))
        for t in self.user_topics:
            hit = next(((s, en) for s, en, topic in self._topics.find(obj.text) if topic is t), None)
            if hit and not t.unless.hit(obj.text):
                written = obj.text.written(*hit)
                out.append(_Pick(None, 9.0, "user", self._fill(t.name.replace("{match}", written), obj), t.kind,
                                 f"{t.why}; your objective names {written} (added by your facilitator)",
                                 tuple(obj.fields[:1])))
        return out

    def _titles_of(self, obj: Objective) -> set[int]:
        return {id(e) for p in obj.people for e in self._titles.payloads(p.words)}

    # -- 1. their own association --------------------------------------------------------------------

    def _matches(self, obj: Objective, person: Person) -> list[tuple[float, Entry, str]]:
        industries = self._industry_ids(obj)
        by_title: dict[int, tuple[Entry, int, int]] = {}
        for start, end, e in self._titles.find(person.words):
            if id(e) not in by_title or end - start > by_title[id(e)][1]:
                by_title[id(e)] = (e, end - start, start)
        by_code: dict[int, tuple[Entry, float]] = {}
        if person.code and person.confidence >= MIN_CONFIDENCE:
            for key in _code_keys(person.code):
                for e, pos in self._codes.get(key, ()):
                    # the first codes are its core members; an industry's own body has all of them
                    score = _code_weight(key) * (1.0 if pos < 2 or set(e.industries) & industries else 0.7)
                    if score > by_code.get(id(e), (e, 0.0))[1]:
                        by_code[id(e)] = (e, score)
        out = []
        runs = self._runs(person)
        if runs:
            own_industries = {a for i in runs for a in self._ancestors.get(i, (i,))}
            for e in self._industry_entries:
                if set(e.industries) & own_industries and not e.unless.hit(obj.text) and id(e) not in by_title:
                    out.append((1.15, e, "runs"))
        for key in by_title.keys() | by_code.keys():
            e = by_title[key][0] if key in by_title else by_code[key][0]
            if e.user or e.kind in ("business-event", "workshop") or e.unless.hit(obj.text):
                continue
            titled = key in by_title
            if not e.when.empty and not e.when.hit(obj.text):
                continue
            if not titled and e.fields and person.fields and not set(e.fields) & set(person.fields):
                continue  # the occupation guess and this body disagree on the field
            bonus = 0.0
            if e.industries:
                if not set(e.industries) & industries:
                    if e.kind != "industry" or not titled:
                        continue
                else:
                    bonus = 0.3
            if e.audience == "funding" and not titled:
                continue
            if not e.when.empty and e.when.hit(obj.text):
                bonus += 0.15  # a specialty body whose condition the objective meets (AILA, NAWIC)
            if titled:
                start, length = by_title[key][2], by_title[key][1]
                score = 1.2 + 0.05 * length
                if self._weak(person, e, start, start + length):
                    score *= 0.7
            elif e.kind == "industry":
                continue  # a trade body found only through a broad occupation: the industry tier decides
            else:
                score = by_code[key][1]
            out.append((score + bonus, e, "title" if titled else "occupation"))
        out.sort(key=lambda m: (-m[0], (len(m[1].occupations) or 99) if m[2] != "runs" else 0,
                                self._order[id(m[1])]))
        return out

    def _own(self, obj: Objective) -> tuple[list[_Pick], list[_Pick]]:
        """Their own associations (at most two), and lesser matches kept as spares."""
        ranked: list[list[_Pick]] = []
        spare: list[_Pick] = []
        for person in obj.people:
            matches = self._matches(obj, person)
            picks = []
            for score, e, how in matches:
                pick = self._own_pick(obj, person, e, score, how)
                if len(picks) < 2 and (not picks or score >= SECOND_SHARE * matches[0][0]):
                    picks.append(pick)
                elif how == "title" and score >= 1.0:
                    spare.append(pick)
            if not picks and person.code is None:
                spare += [self._field_pick(obj, person, e) for e in self._defaults(person.fields)][:1]
            ranked.append(picks)
        out: list[_Pick] = []
        first = obj.people[0] if obj.people else None
        if first is not None and not _OWNERS.hit(first.words) and not self._sure(first, ranked[0]):
            out.append(self._generic(obj, first))
        for level in range(2):
            for picks in ranked:
                if level < len(picks):
                    out.append(picks[level])
        return out[:2], out[2:] + spare

    @staticmethod
    def _sure(person: Person, picks: list[_Pick]) -> bool:
        """Is the best own association sure enough to come first without the honest generic line?
        A job title match is; an occupation match only when the occupation itself is sure (the
        role is a known title of it), since occupation guesses are often another job."""
        if not picks:
            return False
        best = picks[0]
        if best.how in ("title", "runs"):
            return best.score >= 1.0
        return best.score >= 0.85 and person.confidence >= 0.6

    def _runs(self, person: Person) -> list[str]:
        """Industries the person runs a business in: "owners of family-run restaurants",
        "restaurant owners", "hotel general managers" (not "construction safety managers")."""
        found = self._industry_words.longest(person.words)
        if not found:
            return []
        if _OWNERS.hit(person.words):
            return [i for _, _, i in found]
        stems_ = person.words.stems
        return [i for start, end, i in found
                if (end < len(stems_) and stems_[end] in _MANAGER_HEADS)
                or (start >= 2 and stems_[start - 1] == "of" and stems_[start - 2] in _MANAGER_HEADS)]

    def _weak(self, person: Person, e: Entry, start: int, end: int) -> bool:
        """A title match whose other words name another field: "energy efficiency program
        managers" are not the construction program managers CMAA gathers."""
        if self.fields_in is None:
            return False
        industry_words = {k for s_, e_, _ in self._industry_words.find(person.words) for k in range(s_, e_)}
        head = len(person.words.raw) - 1
        rest = [w for k, w in enumerate(person.words.raw)
                if not start <= k < end and k not in industry_words and k != head]
        named = set(self.fields_in(" ".join(rest))) if rest else set()
        return bool(named) and not named & set(e.fields)

    def _own_pick(self, obj: Objective, person: Person, e: Entry, score: float, how: str) -> _Pick:
        who = person.plural
        if how == "title":
            why = f"{e.events}; {who} are among its members"
        elif how == "runs":
            why = f"{e.events}; it is the trade association of the business your {who} run"
        else:
            title = person.occupation_title.lower() or "this occupation"
            why = f"{e.events}; its members include {title}, the occupation of your {who}"
        served = [obj.industry_words[i] for i in obj.industries
                  if set(self._ancestors.get(i, (i,))) & set(e.industries)]
        if e.industries and served and e.kind != "industry":
            why += f", in the industry your objective names ({served[0]})"
        return _Pick(e, score, how, self._fill(e.show, obj), _SHOWN_KIND.get(e.kind, e.kind), why,
                     self._fields(e, person.fields))

    def _defaults(self, fields: Iterable[str]) -> list[Entry]:
        out = []
        for f in fields:
            out += [e for e in self._default_entries if f in e.fields and e not in out]
        return out

    def _field_pick(self, obj: Objective, person: Person | None, e: Entry) -> _Pick:
        field_id = next((f for f in (person.fields if person else obj.fields) if f in e.fields), e.fields[0])
        label = self.field_labels.get(field_id, field_id).lower()
        who = f"your {person.plural}" if person else f"people in {label}"
        why = f"{e.events}; a broad association of {label} where {who} are likely to be found"
        return _Pick(e, 0.5, "field", self._fill(e.show, obj), _SHOWN_KIND.get(e.kind, e.kind), why, (field_id,))

    def _generic(self, obj: Objective, person: Person) -> _Pick:
        name = self._fill(f"the professional association for {person.plural}{{place}}", obj)
        why = (f"the coach knows no verified association for {person.plural}; ask one of them which association "
               f"they belong to: its local meetings are where most of them gather")
        return _Pick(None, 0.4, "generic", name, "association", why, tuple(person.fields[:1]))

    # -- 2. the industry they serve ------------------------------------------------------------------

    def _industry(self, obj: Objective, used: set[int], served: set[str]) -> list[_Pick]:
        people_fields = {f for p in obj.people for f in p.fields}
        who = obj.people[0].plural if obj.people else "the people you want to meet"
        for industry in obj.industries:
            lineage = self._ancestors.get(industry, (industry,))
            if served & set(lineage[:1]):
                continue  # their own association already belongs to this industry
            info = self.industries.get(industry)
            level = set(lineage[:1]) if info and info.parent else set(lineage)
            if industry in obj.clients:
                level = set()  # their clients' trade body is not theirs: only the industry's open events
            candidates = [e for e in self._industry_entries if id(e) not in used
                          and set(e.industries) & level and not e.unless.hit(obj.text)
                          and (e.when.empty or e.when.hit(obj.text))]
            candidates.sort(key=lambda e: (min(lineage.index(i) for i in e.industries if i in lineage),
                                           self._order[id(e)]))
            words = obj.industry_words[industry]
            if candidates:
                e = candidates[0]
                label = info.label if info else words
                why = f"{e.events}; it gathers {label}, the industry your objective names ({words})"
                return [_Pick(e, 0.8, "industry", self._fill(e.show, obj), _SHOWN_KIND.get(e.kind, e.kind), why,
                              tuple(e.fields[:1]))]
            root_field = lineage[-1]
            if info and info.events and obj.people and (info.parent or (root_field not in people_fields
                                                                        and root_field not in obj.fields)):
                name = info.events
                why = (f"your objective names {words}: {who} who work with {info.label} meet their customers "
                       f"and peers at the industry's own events")
                return [_Pick(None, 0.6, "industry", self._fill(name, obj), "trade-show", why, (root_field,))]
        return []

    # -- 3. tools and topics -------------------------------------------------------------------------------

    def _topics_of(self, obj: Objective) -> list[_Pick]:
        out: list[_Pick] = []
        covered: list[tuple[int, int]] = []
        people_fields = {f for p in obj.people for f in p.fields} | set(obj.fields)
        seen: set[int] = set()
        for start, end, item in self._topics.longest(obj.text):
            if id(item) in seen:
                continue
            seen.add(id(item))
            written = obj.text.written(start, end)
            if isinstance(item, Entry):
                if item.user or item.unless.hit(obj.text):
                    continue
                why = f"{item.events}; your objective names {written}"
                out.append(_Pick(item, 0.7, "topic", self._fill(item.show, obj), "user-group", why,
                                 tuple(item.fields[:1])))
                covered.append((start, end))
                continue
            topic: Topic = item
            if topic.user or topic.unless.hit(obj.text):
                continue
            if topic.fields and people_fields and not set(topic.fields) & people_fields:
                continue
            product = obj.text.stems[start:end] in topic.products
            if "{match}" in topic.name and (product or not topic.generic):
                name = topic.name.replace("{match}", written)
            else:
                name = topic.generic or topic.name
            why = f"{topic.why}; your objective names {written}"
            out.append(_Pick(None, 0.7, "topic", self._fill(name, obj), topic.kind, why, tuple(obj.fields[:1])))
            covered.append((start, end))
        for tool in obj.tools:
            pick = self._tool(obj, tool, covered)
            if pick:
                out.append(pick)
        return out

    def _tool(self, obj: Objective, tool: str, covered: list[tuple[int, int]]) -> _Pick | None:
        """A named tool no topic knows: its user groups, if it looks like a product name."""
        words = Text.of(tool)
        if not words.raw or len(tool) < 2 or tool.lower() in STOP_WORDS or tool.lower() in _NOT_TOOLS:
            return None
        if not any(ch.isupper() for ch in tool[1:]) and not tool[:1].isupper():
            return None
        n = len(words.raw)
        k = next((i for i in range(len(obj.text.raw)) if obj.text.raw[i:i + n] == words.raw), None)
        if k is None or any(s < k + n and k < e for s, e in covered):
            return None
        start, end = k, k + n
        while start > 1 and obj.text.raw[start - 1][:1].isupper() and obj.text.stems[start - 1] not in STOP_WORDS:
            start -= 1
        while end < len(obj.text.raw) and obj.text.raw[end][:1].isupper():
            end += 1
        tool = obj.text.written(start, end)
        name = self._fill(f"{tool} user groups and trainings{{place}}", obj)
        why = f"people who use {tool} meet there to compare how they use it; your objective names {tool}"
        return _Pick(None, 0.6, "topic", name, "user-group", why, tuple(obj.fields[:1]))

    # -- 4. general business events, for business-facing people ---------------------------------------------

    def _flags(self, obj: Objective) -> dict[str, bool]:
        a = self.audiences
        flags = dict(owner=False, ceo=False, seller=False, independent=False, investor=False, founder=False)
        for p in obj.people:
            words = p.words
            code = p.code if p.confidence >= MIN_CONFIDENCE else None
            owner = a.owner.hit(words)
            flags["owner"] |= owner
            flags["founder"] |= "founder" in words.stems
            flags["ceo"] |= a.ceo.hit(words)
            sells = a.seller.hit(words) or bool(code and code.startswith(a.seller_codes))
            flags["seller"] |= sells and not a.internal.hit(words)
            flags["independent"] |= (a.independent.hit(words) or bool(code and code.startswith(a.independent_codes))
                                     or owner)
            flags["investor"] |= a.investor.hit(words)
        flags["funding"] = flags["investor"] or (a.funding.hit(obj.text) and not a.funding_unless.hit(obj.text))
        flags["startup"] = flags["founder"] or (flags["owner"] and "startups" in obj.industries)
        return flags

    def _business(self, obj: Objective) -> list[_Pick]:
        f = self._flags(obj)
        if not obj.people and not f["funding"]:
            return []
        who = obj.people[0].plural if obj.people else "people"
        wanted: list[tuple[str, str]] = []
        if f["funding"]:
            wanted.append(("funding", "angel investors and founders meet at pitch and investor events, and your "
                                      "objective is about funding or investors"))
        if f["startup"]:
            wanted.append(("founders", f"founders present their startups to the local community there, and your {who} "
                                       "are founders"))
        if f["owner"] or f["seller"] or f["ceo"]:
            reason = ("they are full of owners and managers of local businesses, the people your "
                      f"{who} {'sell to' if f['seller'] else 'do business with'}")
            wanted.append(("chamber", reason))
        if f["owner"]:
            wanted.append(("owners", f"owners of small businesses take workshops and advice there, like your {who}"))
        if f["owner"] or (f["seller"] and f["independent"]):
            wanted.append(("bni", f"a weekly referral group where owners and independent sellers like your {who} "
                                  "trade introductions"))
        out = []
        industry_ids = None  # (the objective's industries with their ancestors, made once if needed)
        for audience, reason in wanted:
            for e in self._audience_entries.get(audience, ()):
                if e.unless.hit(obj.text) or not (e.when.empty or e.when.hit(obj.text)):
                    continue
                if e.industries:
                    if industry_ids is None:
                        industry_ids = self._industry_ids(obj)
                    if not set(e.industries) & industry_ids:
                        continue
                out.append(_Pick(e, 0.5, "business", self._fill(e.show, obj), _SHOWN_KIND.get(e.kind, e.kind),
                                 f"{e.events}; {reason}", tuple(obj.fields[:1])))
                break
        for e in self._topic_entries:  # venues tied to a topic (Toastmasters for speaking)
            if e.when.hit(obj.text) and not e.unless.hit(obj.text):
                out.append(_Pick(e, 0.5, "business", self._fill(e.show, obj), _SHOWN_KIND.get(e.kind, e.kind),
                                 f"{e.events}; your objective is about speaking",
                                 tuple(obj.fields[:1])))
        return out[:2]

    # -- fillers and the ask line ------------------------------------------------------------------------

    def _fillers(self, obj: Objective) -> list[_Pick]:
        out: list[_Pick] = []
        if not obj.people:
            out += [self._field_pick(obj, None, e) for e in self._defaults(obj.fields)]
            if obj.fields:
                label = self.field_labels.get(obj.fields[0], obj.fields[0]).lower()
                out.append(_Pick(None, 0.3, "generic", self._fill(f"a professional association of people in {label}"
                                                                  "{place}", obj), "association",
                                 f"people in {label} meet at their professional associations; name a job title "
                                 "and the coach can say which one", tuple(obj.fields[:1])))
        return out

    def _ask(self, obj: Objective) -> Venue:
        """The follow-up the source gives: ask people you know, naming the people to meet."""
        if obj.people:
            who = f"two {' or '.join(p.plural for p in obj.people[:2])} you know"
            fields = list(obj.people[0].fields[:1]) or obj.fields[:1]
        else:
            label = self.field_labels.get(obj.fields[0], obj.fields[0]).lower() if obj.fields else "your field"
            who = f"two people you know in {label}"
            fields = obj.fields[:1]
        return Venue(f"Ask {who} which associations and events they go to.", "ask-contacts", list(fields),
                     "they know where their peers gather; asking them is itself a new, specific networking objective")

    # -- wording ---------------------------------------------------------------------------------------------

    @staticmethod
    def _fill(template: str, obj: Objective) -> str:
        return template.replace("{place}", f" in or near {obj.place}" if obj.place else "").strip()

    @staticmethod
    def _fields(e: Entry, person_fields: Sequence[str]) -> tuple[str, ...]:
        return tuple(f for f in person_fields if f in e.fields) or tuple(e.fields[:1])


#: Words before an industry that make it the people's clients rather than their workplace.
_CLIENT_WORDS = frozenset({"help", "serve", "sell", "advise", "lend", "place", "supply", "for", "to", "call",
                           "clear", "represent", "insure", "recruit", "hire", "consult"})
_WORK_WORDS = frozenset({"at", "of", "in", "within", "inside", "run", "own", "manage"})


def _client_context(stems_: Sequence[str], start: int) -> bool:
    """Is the industry at word ``start`` named as the people's clients ("who help hospitals",
    "for furniture retailers") rather than where they work ("at hospitals", "owners of …")?"""
    for k in range(start - 1, max(start - 6, -1), -1):
        if stems_[k] in _WORK_WORDS:
            return False
        if stems_[k] in _CLIENT_WORDS:
            return True
    return False


#: Words of a role that owns or runs a business ("owners of family-run restaurants").
_OWNERS = PhraseSet(["owner", "co-owner", "operator", "proprietor", "founder", "co-founder", "president", "ceo",
                     "innkeeper", "restaurateur", "hotelier"])
#: Heads that, right after an industry word, say the person runs one ("restaurant managers").
_MANAGER_HEADS = frozenset({"manager", "owner", "operator", "gm", "director"})

#: Words a tool qualifier may carry that name no product.
_NOT_TOOLS = frozenset({"software", "software-based", "cloud", "records", "record", "trials", "app", "apps", "saas",
                        "tool", "tools", "system", "systems", "platform", "technology", "data", "online", "digital",
                        "computer", "internet", "email", "phone", "website", "web", "for", "and", "crm", "erp"})
