"""Occupations behind roles: O*NET-SOC codes, their fields, related occupations and tools.

The data is built from the O*NET 27.0 database by ``scripts/build_onet.py`` into
``coach/resources/onet/`` (CC BY 4.0; attribution in the README and ``data/onet/CROSSWALK.md``):

- ``occupations.tsv``: code, title, fields (the hand-reviewed crosswalk ``data/onet/occupation_fields.tsv``);
- ``titles.tsv.gz``: every O*NET title, alternate, short and reported title, normalised, with its code;
- ``related.tsv``: each occupation's related occupations, in O*NET's order (20 each);
- ``technology.tsv``: tool names from O*NET's technology skills with the occupations that use them;
- ``title_model.npz``: the fitted :class:`~coach.title_classifier.TitleClassifier` for titles no list holds;
- ``field_model.npz``: the learned title -> field model (:class:`~coach.field_model.FieldModel`);
- ``field_combiner.json`` and ``context_model.npz``: the learned combiner of a role's field evidence
  (:mod:`coach.field_combiner`) and the context -> field model it reads (:mod:`coach.context_fields`),
  both read by the role finder (``components/role_fields.py``), not by this module.

:class:`OccupationBook` maps a role's text to an :class:`Occupation`: an exact title first
(longest ending of the role that is a known title, so "motel night auditors" is a night
auditor, "real estate attorneys" an attorney), else the title classifier when it is confident,
else nothing (the role still counts; the coach then says its occupation is unknown).
"""
from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .lexicon import singular

_KEEP = re.compile(r"[^a-z0-9+#' -]")
_ACRONYM_PLURAL = re.compile(r"\b([A-Z][A-Z&]{1,5})s\b")
_CAPITAL_S = re.compile(r"\b[A-Z]{1,3}S\b")
#: Endings that make an agent noun of a word ("fund" -> "funder", "wall" -> "waller"): such a
#: word is a derivation the dictionary may lack, not a typo to correct.
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "man", "men")
#: Below this share of a title's listings its occupation is contested, and the fields the role's
#: own words name may choose among the occupations listing it ("lineman": power or telecom lines).
_CONTESTED = 0.75


@functools.lru_cache(maxsize=65536)
def normalize_title(text: str) -> str:
    """Lower case, no brackets or punctuation, every word singular: the key titles are matched on.

    >>> normalize_title("Chief Financial Officers (CFOs)")
    'chief financial officer'
    >>> normalize_title("VPs of Sales & Marketing")
    'vp of sale and marketing'
    >>> normalize_title("QSs")
    'qs'
    """
    text = _ACRONYM_PLURAL.sub(r"\1", text)  # "QSs", "PIs": the s of an acronym's plural
    # An acronym in capitals that ends in S is no plural ("EMS", "IPS"), unless a whole phrase is
    # in capitals ("SALES MANAGERS").
    capitals = set() if text.isupper() and " " in text.strip() else {w.lower() for w in _CAPITAL_S.findall(text)}
    text = re.sub(r"\([^)]*\)", " ", text.lower()).replace("&", " and ").replace("/", " ")
    text = text.replace("’", "'")
    if not text.isascii():  # "maître d'" -> "maitre d'", "señor" -> "senor"
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _KEEP.sub(" ", text).replace(" - ", " ").split()
    return " ".join(w if w in capitals else singular(w) for w in words)


#: The letters a typo is corrected with.
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ASCII_LETTERS = frozenset(_LETTERS)
#: Words spelled letter by letter before the index of title words by halves is built (see ``spellings``).
_SPELLINGS_BEFORE_INDEX = 64


@dataclass(frozen=True)
class Occupation:
    """An O*NET-SOC occupation found for a role, with how sure the coach is (0 to 1)."""

    code: str
    title: str
    confidence: float

    def to_dict(self) -> dict:
        """The occupation as JSON output shows it: ``{"code", "title", "confidence"}``."""
        # (what ``dataclasses.asdict`` gives, without its recursive deep copy: every role's
        # occupation is written out, and the fields are a string, a string and a float)
        return {"code": self.code, "title": self.title, "confidence": self.confidence}


@dataclass(frozen=True)
class TitleMatch:
    """What :meth:`OccupationBook.find` found: the occupation (or None), the normalised title
    that matched, the role's words before it, and ``fields``: the fields the evidence agrees on
    when no single occupation wins (a title O*NET files under several occupations of one field,
    "nurse"; or the title classifier's field vote when its confidence is middling)."""

    occupation: Occupation | None
    title: str
    modifiers: str
    fields: tuple[str, ...] = ()
    #: Where ``fields`` come from: "title" (a known title's listings) or "classifier" (its vote);
    #: "neighbours" when the occupation itself is the title classifier's guess (no title matched).
    evidence: str = ""
    #: Index of the title's first word among the role's normalised words.
    start: int = 0


@dataclass(frozen=True)
class OccupationInfo:
    code: str
    title: str
    fields: tuple[str, ...]


#: British, Irish and Australian spellings -> the American ones O*NET titles use, tried only when
#: the word as written is no known title ("councillor", "paediatrician", "labourer", "organiser").
_US_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{3})our(?=s?$|er|ers|ist|ists|ite|ites|ing|master)"), "or"),  # labourer, harbourmaster
    (re.compile(r"(?<=[a-z])tre(?=s?$)"), "ter"),  # theatre, centre
    (re.compile(r"(?<=[a-z])ae(?=[a-z])"), "e"),  # paediatrician, anaesthetist, gynaecologist
    (re.compile(r"(?<=[a-z])oe(?=[a-z]{2})"), "e"),  # oesophageal, foetal
    (re.compile(r"(?<=[a-z])is(?=e$|er$|ers$|ing$|ation$)"), "iz"),  # organiser, specialising
    (re.compile(r"(?<=[a-z])ys(?=e$|er$|ers$)"), "yz"),  # analyser
    (re.compile(r"(?<=[aeiou])ll(?=or$|ors$|er$|ers$|ing$)"), "l"),  # councillor, counsellor, jeweller
    (re.compile(r"ogue(?=r?s?$)"), "og"),  # cataloguer
    (re.compile(r"programme"), "program"),
    (re.compile(r"icence"), "icense"),
)


def us_spelling(word: str) -> str:
    """The American spelling of a British one, or the word unchanged.

    >>> us_spelling("councillor"), us_spelling("paediatrician"), us_spelling("labourer")
    ('councilor', 'pediatrician', 'laborer')
    """
    for rx, repl in _US_SPELLINGS:
        word = rx.sub(repl, word)
    return word


class OccupationBook:
    """O*NET occupations, their titles, fields, related occupations and tools."""

    def __init__(self, directory: Path, aliases: dict[str, str], title_fields: dict[str, str] | None = None,
                 rank_words: frozenset[str] = frozenset(), min_confidence: float = 0.5,
                 classifier_threshold: float = 0.5, known_words: frozenset[str] = frozenset(),
                 vote_threshold: float = 0.2, seniority: frozenset[str] = frozenset(),
                 senses: dict[str, str] | None = None):
        self.directory = Path(directory)
        self.rank_words = rank_words
        # One-word aliases apply word by word; phrase aliases ("legal eagle") to whole words first.
        # The formal side as titles are normalised ("sales representative" -> "sale representative");
        # the keys are written normalised already ("ips" stays: "ip" is another short form).
        aliases = {k: normalize_title(v) or v for k, v in aliases.items()}
        self.aliases = {k: v for k, v in aliases.items() if " " not in k}
        # "tradies" singularises to "trady": an "-ie" word is also found under its "-y" form.
        for key, full in list(self.aliases.items()):
            if key.endswith("ie") and len(key) > 4:
                self.aliases.setdefault(key[:-2] + "y", full)
        self.phrase_aliases = {k: v for k, v in aliases.items() if " " in k}
        # Short forms with several senses ("pm": product, project or portfolio manager), each
        # normalised; the role's field words choose among them (see ``_sense_for``).
        self.senses = {k: [normalize_title(v) for v in vs.split("|")] for k, vs in (senses or {}).items()}
        self.title_fields = {normalize_title(t) or t: tuple(f.split(",")) for t, f in (title_fields or {}).items()}
        for title, fields in list(self.title_fields.items()):
            if title.endswith("ie") and len(title) > 4:
                self.title_fields.setdefault(title[:-2] + "y", fields)  # "techies" -> "techy"
        self.min_confidence = min_confidence
        self.classifier_threshold = classifier_threshold
        self.vote_threshold = vote_threshold
        self.known_words = known_words
        self.seniority = seniority
        self.occupations: dict[str, OccupationInfo] = {}
        with open(self.directory / "occupations.tsv", encoding="utf-8") as fh:
            next(fh)
            for line in fh:
                code, title, fields = line.rstrip("\n").split("\t")[:3]
                self.occupations[code] = OccupationInfo(code, title, tuple(f for f in fields.split(",") if f))
        # title -> "code:weight code:weight" (weighted O*NET listings); parsed when looked up, so
        # loading stays a dict of strings (cold start).
        self.titles: dict[str, str] = {}
        with gzip.open(self.directory / "titles.tsv.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                title, code, weight = (line.rstrip("\n").split("\t") + ["1"])[:3]
                previous = self.titles.get(title)
                entry = f"{code}:{weight}"
                self.titles[title] = entry if previous is None else f"{previous} {entry}"
        self._classifier = None
        self._field_model = None
        self._related: dict[str, list[str]] | None = None
        self._title_words: dict[str, tuple[int, int]] | None = None
        self._half_index: tuple[dict, dict] | None = None
        self._spelling_calls = 0
        self._spelled: dict[tuple[str, int, bool], list[str]] = {}  # (word, keep, slips_only) -> spellings
        self._found: dict[tuple, TitleMatch] = {}  # (text, context, hint) -> what find() gave
        self._guesses: dict[str, tuple] = {}  # title -> what the title classifier guessed

    def forget(self) -> None:
        """Forget what was remembered per role, title and word (found occupations, the classifier's
        guesses, spellings, normalised titles, the field model's predictions): a benchmark's cold
        run starts with none. The tables built on first use (title words, their halves, the
        classifier) stay."""
        self._found.clear()
        self._guesses.clear()
        self._spelled.clear()
        normalize_title.cache_clear()
        if self._field_model:
            self._field_model.forget()

    # -- lookups ----------------------------------------------------------------------------------

    def fields_of(self, code: str) -> tuple[str, ...]:
        info = self.occupations.get(code)
        return info.fields if info else ()

    def title_of(self, code: str) -> str:
        info = self.occupations.get(code)
        return info.title if info else code

    def listings(self, key: str) -> Counter:
        """The weighted O*NET listings of a normalised title, by occupation code."""
        counts: Counter = Counter()
        for item in self.titles.get(key, "").split():
            code, _, weight = item.partition(":")
            counts[code] += int(weight or 1)
        return counts

    def exact(self, key: str) -> Occupation | None:
        """The occupation of a normalised title found in the O*NET lists, with its share of the
        title's weighted listings as confidence (see :meth:`choose`)."""
        counts = self.listings(key)
        if not counts:
            return None
        code, confidence = self.choose(counts)
        return Occupation(code, self.title_of(code), round(confidence, 3))

    @staticmethod
    def choose(counts: Counter) -> tuple[str, float]:
        """The occupation a title's weighted listings point to, and their share that agrees.

        Listings are pooled by SOC occupation first (the code without its O*NET suffix): "plant
        manager" is listed under Industrial Production Managers (11-3051.00) and its biofuels,
        biomass and geothermal variants (11-3051.01-04), so it is an industrial production manager
        with all of its listings behind it; within the SOC occupation the general code (".00")
        wins when it lists the title at all ("physician" is no sports medicine physician), else
        the most listed one.
        """
        families: Counter = Counter()
        for code, n in counts.items():
            families[code[:7]] += n
        family, n = families.most_common(1)[0]
        general = family + ".00"
        code = general if general in counts else max((c for c in counts if c[:7] == family), key=lambda c: (counts[c], c))
        return code, n / sum(counts.values())

    def field_vote(self, votes: dict[str, float], threshold: float = 0.5) -> tuple[str, ...]:
        """Fields that occupations holding at least ``threshold`` of the votes share, best first
        ("nurse": registered, licensed practical and nurse practitioners are all healthcare)."""
        total = sum(votes.values())
        if total <= 0:
            return ()
        score: Counter = Counter()
        for code, vote in votes.items():
            for rank, fid in enumerate(self.fields_of(code)):
                score[fid] += vote * (1.0 if rank == 0 else 0.5)
        return tuple(f for f, s in score.most_common() if s / total >= threshold)

    def field_plurality(self, votes: dict[str, float]) -> tuple[str, ...]:
        """The field with the most votes, if it has over a third of them and twice the next one's."""
        total = sum(votes.values())
        score: Counter = Counter()
        for code, vote in votes.items():
            for fid in self.fields_of(code)[:1]:
                score[fid] += vote
        ranked = score.most_common(2) + [("", 0.0)]
        (best, top), (_, second) = ranked[0], ranked[1]
        return (best,) if total > 0 and top / total > 1 / 3 and top >= 2 * second else ()

    def expand(self, key: str) -> str:
        """Informal words and short forms replaced by the words titles use ("dev" -> "developer",
        "legal eagle" -> "lawyer", "mortgage advisers" -> "mortgage loan officer")."""
        words = key.split()
        if self.phrase_aliases and len(words) > 1:
            out: list[str] = []
            k = 0
            while k < len(words):
                for n in (3, 2):
                    if len(words) - k < n:
                        continue
                    raw = " ".join(words[k:k + n])
                    formal = " ".join(self.aliases.get(w, w) for w in words[k:k + n])
                    phrase = raw if raw in self.phrase_aliases else formal if formal in self.phrase_aliases else None
                    if phrase:
                        out.append(self.phrase_aliases[phrase])
                        k += n
                        break
                else:
                    out.append(self.aliases.get(words[k], words[k]))
                    k += 1
            return " ".join(out)
        return " ".join(self.aliases.get(w, w) for w in words)

    def is_phrase_alias_end(self, previous: str, word: str) -> bool:
        """True when ``previous word`` (lower case, the word singular) is a phrase alias ("legal eagle")."""
        return f"{previous} {singular(word)}" in self.phrase_aliases

    # -- spelling --------------------------------------------------------------------------------

    def _vocabulary(self) -> dict[str, tuple[int, int]]:
        # Every word of 4+ letters in an O*NET title, an alias or a listed title, with how many
        # titles end with it and how many hold it: what a typo is corrected to, a person's word
        # first ("lawyer", not "layer"), then the commoner. Built on the first title that needs it.
        if self._title_words is None:
            ends: Counter = Counter()
            holds: Counter = Counter()
            for title in (*self.titles, *self.title_fields):
                words = title.split()
                ends[words[-1]] += 1
                holds.update(words)
            for word in self.aliases:
                holds[word] += 1
            self._title_words = {w: (ends[w], n) for w, n in holds.items() if len(w) >= 4 and w.isalpha()}
        return self._title_words

    def spellings(self, word: str, keep: int = 1, slips_only: bool = False) -> list[str]:
        """Title words one edit from ``word`` keeping its first ``keep`` letters, likeliest typo
        first: two letters swapped ("laywer" -> lawyer, not layer), a letter dropped ("enginer" ->
        engineer), a letter changed, a letter added; within each, the word more titles end with.
        ``slips_only``: only swapped or dropped letters.

        >>> book = load_book()
        >>> book.spellings("laywer", 2)[0], book.spellings("enginer", 2)[0]
        ('lawyer', 'engineer')
        """
        if len(word) < 5 or not word.isalpha():
            return []
        # A word is spelled again for each ending of a role that holds it ("civil enginer",
        # "enginer") and in each role it appears in: remembered per word (a copy is handed out).
        key = (word, keep, slips_only)
        found = self._spelled.get(key)
        if found is None:
            found = self._spellings(word, keep, slips_only)
            if len(self._spelled) > 50000:
                self._spelled.clear()
            self._spelled[key] = found
        return list(found)

    def _spellings(self, word: str, keep: int, slips_only: bool) -> list[str]:
        vocabulary = self._vocabulary()
        n = len(word)
        # A swap keeps the letters, so it may move the last kept one ("nuerologist" -> neurologist,
        # not the numerologist a letter added would make); the first letter always stays.
        swapped = [word[:k] + word[k + 1] + word[k] + word[k + 2:] for k in range(max(1, keep - 1), n - 1)]
        self._spelling_calls += 1
        if self._spelling_calls <= _SPELLINGS_BEFORE_INDEX:
            # A single check spells a word or two: trying every letter at every place (0.2 ms a
            # word) is cheaper than building the index of halves (about 15 ms) it would then not use.
            cuts = [(word[:k], word[k:]) for k in range(keep, n + 1)]
            kinds = [swapped, [a + c + b for a, b in cuts for c in _LETTERS]]  # dropped
            if not slips_only:
                kinds += [[a + c + b[1:] for a, b in cuts if b for c in _LETTERS],  # changed
                          [a + b[1:] for a, b in cuts if b]]  # added
            return self._likeliest(word, kinds, vocabulary)
        prefixes, suffixes = self._halves()
        # The other kinds are read from the title words of the right length that share the first
        # or the last half of the typo (one edit leaves one of the halves whole) instead of trying
        # every letter at every place (the same words in the same order: each kind is listed as
        # its letter-by-letter enumeration would list it, by place, then letter).
        dropped = []  # a letter dropped from a title word: the word is one longer
        m = n + 1
        for w in {*prefixes.get((m, word[:m // 2]), ()), *suffixes.get((m, word[m // 2 - 1:]), ())}:
            for k in range(keep, n + 1):  # (the first place the letter can go, as listed first)
                if w[k] in _ASCII_LETTERS and w[:k] == word[:k] and w[k + 1:] == word[k:]:
                    dropped.append((k, w[k], w))
                    break
        kinds = [swapped, [w for _, _, w in sorted(dropped)]]
        if not slips_only:
            changed = []  # a letter changed: the same length, one place differs
            for w in {*prefixes.get((n, word[:n // 2]), ()), *suffixes.get((n, word[n // 2:]), ())}:
                places = [k for k in range(n) if w[k] != word[k]]
                if len(places) == 1 and places[0] >= keep and w[places[0]] in _ASCII_LETTERS:
                    changed.append((places[0], w[places[0]], w))
            kinds += [[w for _, _, w in sorted(changed)],
                      [word[:k] + word[k + 1:] for k in range(keep, n)]]  # added
        return self._likeliest(word, kinds, vocabulary)

    @staticmethod
    def _likeliest(word: str, kinds: list[list[str]], vocabulary: dict[str, tuple[int, int]]) -> list[str]:
        """The title words among ``kinds`` of edits, kind by kind; within a kind, one ending like
        ``word`` first, then the word more titles end with, then the one more titles hold."""
        found: dict[str, None] = {}
        for edits in kinds:
            hits = [e for e in edits if e != word and e in vocabulary and e not in found]
            hits.sort(key=lambda e: (e[-1] != word[-1], -vocabulary[e][0], -vocabulary[e][1]))
            found.update(dict.fromkeys(hits))
        return list(found)

    def _halves(self) -> tuple[dict[tuple[int, str], list[str]], dict[tuple[int, str], list[str]]]:
        """The title words by (length, first half) and by (length, last half), built once (a few
        milliseconds): a word one edit from a typo shares one of its halves whole."""
        if self._half_index is None:
            prefixes: dict[tuple[int, str], list[str]] = {}
            suffixes: dict[tuple[int, str], list[str]] = {}
            for w in self._vocabulary():
                m = len(w)
                prefixes.setdefault((m, w[:m // 2]), []).append(w)
                suffixes.setdefault((m, w[m // 2:]), []).append(w)
            self._half_index = (prefixes, suffixes)
        return self._half_index

    def corrected(self, key: str) -> str | None:
        """A title one typo from ``key``: in a one-word key only a word no dictionary knows
        ("electrican"), or a made-up agent noun missing a letter of a common title word
        ("plumer"); in a longer key any word of 5+ letters, since the title around it confirms
        the fix ("urban planer" -> "urban planner")."""
        words = key.split()
        for k, word in enumerate(words):
            alone = len(words) == 1
            if word in self.aliases or (alone and (word in self.known_words or word in self.titles)):
                continue
            derived = alone and self._is_derived(word)  # "funder", "waller": maybe a real word
            # Alone, a word must keep its first two letters, as typos do ("agrologist" is no "aerologist").
            for candidate in self.spellings(word, keep=1 if len(words) > 1 else 2, slips_only=derived):
                if derived and self._vocabulary()[candidate][0] < 10:
                    continue
                fixed = " ".join(words[:k] + [candidate] + words[k + 1:])
                if fixed in self.titles or fixed in self.title_fields:
                    return fixed
                if alone:
                    break  # the likeliest word or none ("mangaer" is a manager, never a mangler)
        return None

    def _is_derived(self, word: str) -> bool:
        """An agent noun made from a known word ("funder", "waller"): not a typo."""
        for ending in _AGENT_ENDINGS:
            stem = word[: -len(ending)]
            if not word.endswith(ending) or len(stem) < 3:
                continue
            if stem in self.known_words or (stem[-1] == stem[-2] and stem[:-1] in self.known_words):
                return True  # "funder", "waller"; "planner" (plan)
        return False

    def split_compound(self, word: str) -> str | None:
        """A closed compound written as the open title O*NET lists ("farmhand" -> "farm hand",
        "signwriter" -> "sign writer", "mudlogger" -> "mud logger")."""
        if len(word) < 7 or not word.isalpha():
            return None
        for k in range(3, len(word) - 2):
            key = f"{word[:k]} {word[k:]}"
            if key in self.titles:
                return key
        return None

    # -- the classifier -----------------------------------------------------------------------------

    @property
    def classifier(self):
        if self._classifier is None:
            from .title_classifier import TitleClassifier

            self._classifier = TitleClassifier.load(self.directory / "title_model.npz")
        return self._classifier

    @property
    def field_model(self):
        """The learned title -> field model (:mod:`coach.field_model`), loaded on first use."""
        if self._field_model is None:
            from .field_model import FieldModel

            path = self.directory / "field_model.npz"
            self._field_model = FieldModel.load(path) if path.exists() else False  # (a data folder without it)
        return self._field_model or None

    def field_guess(self, role_text: str) -> tuple[str, float]:
        """The field the learned model gives a role's title (informal words in their formal form,
        leading rank words dropped) and its probability, or ("", 0.0)."""
        key = self.field_key(role_text)
        model = self.field_model
        ranked = model.predict(key, 1) if key and model else ()
        return ranked[0] if ranked else ("", 0.0)

    def field_key(self, role_text: str) -> str:
        """A role's title as the learned field model reads it: normalised, informal words in their
        formal form, misspelled words as titles spell them, leading rank words dropped ("senior
        react devs" -> "react software developer", "engagment managers" -> "engagement manager")."""
        return " ".join(self.drop_ranks(self.respelled(self.expand(normalize_title(role_text))).split()))

    def respelled(self, key: str) -> str:
        """``key`` (normalised) with each word that no dictionary, title or alias knows written as
        the likeliest title word one typo from it, keeping its first letter ("engagment manager"
        -> "engagement manager", "pharama rep" -> "pharma rep"). A word that is in no O*NET title
        can match none and only misleads the models' letter n-grams, so fixing it takes nothing
        a title match would have found. Only in a title of two or more words, where the words
        around it show it is a title ("formworkers" alone is a trade O*NET lacks, no farmworker);
        the head keeps its first two letters, as :meth:`corrected` does."""
        words = key.split()
        if len(words) < 2:
            return key
        for k, word in enumerate(words):
            if word in self.known_words or word in self.aliases or not word.isalpha() or len(word) < 5:
                continue
            if word in self._vocabulary() or self._is_derived(word):
                continue  # a title word, or an agent noun made from a known word ("funder")
            # Not a letter changed: the words one changed letter from a title word are mostly
            # jargon O*NET lacks ("wirehouse" advisors are no warehouse's), and typos mostly swap,
            # drop or double a letter.
            fixes = [w for w in self.spellings(word, keep=2 if k == len(words) - 1 else 1)
                     if len(w) != len(word) or sorted(w) == sorted(word)]
            if fixes:
                words[k] = fixes[0]
        return " ".join(words)

    def drop_ranks(self, words: list[str]) -> list[str]:
        """``words`` without their leading rank words ("senior", "principal", "head"), unless the
        rank over a function is itself a known title ("head of year", "chief of staff")."""
        while len(words) > 1 and words[0] in self.seniority:
            if words[1] == "of" and self._known_title(" ".join(words)):
                break
            words = words[1:]
        return words

    def _known_title(self, title: str) -> bool:
        # Only a listed "head of X" keeps its rank: kept for any function, "heads of partnerships"
        # or "heads of content" were read by the models as the school kind of head (education).
        return title in self.titles or title in self.title_fields

    def guess(self, key: str) -> tuple[str, float, list[tuple[str, float]]]:
        """The title classifier's best occupation, confidence and 8 best votes for a normalised,
        expanded title, remembered per title (different role texts come to the same title: "senior
        podcast producers", "podcast producers"; scoring one takes about 2 ms)."""
        found = self._guesses.get(key)
        if found is None:
            found = self.classifier.guess(key, k=8)
            if len(self._guesses) > 50000:
                self._guesses.clear()
            self._guesses[key] = found
        return found

    # -- finding a role's occupation ----------------------------------------------------------------

    def candidates(self, key: str, short_form: bool) -> list[str]:
        """The forms of a title to look up, in order: as written, the formal form of its informal
        words ("react dev" -> "react software developer"; first for short forms, "AE"), the
        American spelling ("councillor")."""
        expanded = self.expand(key)
        # The formal form first for short forms, and where the written form is only a slight or
        # contested O*NET listing ("coppers": a textile job once, police officers in slang).
        weak = sum(self.listings(key).values()) <= 2 or (key in self.titles and self.exact(key).confidence < 0.5)
        forms = [expanded, key] if short_form or (weak and expanded != key) else [key, expanded]
        american = " ".join(us_spelling(w) for w in expanded.split())
        return list(dict.fromkeys(forms + [american]))

    def find(self, role_text: str, context: tuple[str, ...] = (), hint: tuple[str, ...] = ()) -> TitleMatch:
        """The occupation of a role, the title that matched and the words before it (modifiers).

        The longest ending of the role that is a known title wins ("hospital HR directors" -> HR
        director, modifiers "hospital"; "tech recruiters" -> recruiter); informal words are tried
        in their formal form ("react devs" -> developer), short forms first in it ("AEs" ->
        account executive), British spellings in American ones, a closed compound as the open
        title O*NET lists ("farmhands"), and a title one typo away ("civil enginers") before a
        shorter ending.

        A title O*NET files under several occupations goes to the one most of its listings name;
        when none holds ``min_confidence`` of them, ``context`` (the fields the role's own words
        name: "*reinsurance* brokers", "*brand* strategists") picks among them, also when the top
        one holds less than three quarters ("lineman", an energy keyword); else the role gets
        no occupation but the fields its occupations share. When no ending is a known title the
        title classifier guesses: a guess above ``classifier_threshold`` counts, except for a title of
        acronyms only ("PDs", "UCOs": their character n-grams match titles by chance, so the role
        keeps no occupation and falls back on its words); a middling one (above ``vote_threshold``)
        gives only the field most of its nearest titles agree on.
        ``hint`` (the fields the title's own words name: "lineman" is an energy word) only breaks
        ties between occupations.
        """
        cached = self._found.get((role_text, context, hint))
        if cached is None:
            cached = self._find(role_text, context, hint)
            if len(self._found) > 50000:
                self._found.clear()
            self._found[(role_text, context, hint)] = cached
        return cached

    def _find(self, role_text: str, context: tuple[str, ...], hint: tuple[str, ...] = ()) -> TitleMatch:
        words = normalize_title(role_text).split()
        if context and self.senses and any(w in self.senses for w in words):
            words = " ".join(self._sense_for(words, k, context) if w in self.senses else w
                             for k, w in enumerate(words)).split()
        split: TitleMatch | None = None
        for start, end in _title_parts(words):
            key = " ".join(words[start:end])
            short_form = len(words[end - 1]) <= 4
            forms = self.candidates(key, short_form)
            if not any(f in self.titles or f in self.title_fields for f in forms):
                formal = self.expand(key)  # (not the American spelling: "waller" is no "waler")
                fixed = self.split_compound(formal) if end - start == 1 else None
                if fixed is None and end - start == 1 and us_spelling(formal) != formal:
                    fixed = self.split_compound(us_spelling(formal))  # "harbourmaster": "harbor master"
                fixed = fixed or self.corrected(formal)
                forms += [fixed] if fixed else []
            modifiers = " ".join(words[:start] + words[end:])
            for candidate in forms:
                if candidate in self.rank_words:
                    continue  # "directors" alone could be anyone's
                counts = self.listings(candidate)
                if not counts:
                    if candidate in self.title_fields:  # a title O*NET lacks ("angel investor")
                        return TitleMatch(None, candidate, modifiers, self.title_fields[candidate], "title", start)
                    continue
                code, confidence = self.choose(counts)
                if confidence <= 0.5 and hint and not context:
                    context = hint  # a tie: the title's own words decide
                if confidence < _CONTESTED and context:
                    agreeing = Counter({c: n for c, n in counts.items() if set(self.fields_of(c)) & set(context)})
                    if agreeing:
                        code, _ = self.choose(agreeing)
                        confidence = sum(agreeing.values()) / sum(counts.values())
                        return TitleMatch(Occupation(code, self.title_of(code), round(confidence, 3)), candidate,
                                          modifiers, start=start)
                    if not self.field_vote(counts, threshold=_CONTESTED):
                        # None of its occupations fits the role's field words and they disagree on
                        # the field ("reinsurance brokers": real estate, securities, advertising).
                        return TitleMatch(None, candidate, modifiers, tuple(dict.fromkeys(
                            context + self.field_vote(counts))), "title", start)
                if confidence >= self.min_confidence:
                    return TitleMatch(Occupation(code, self.title_of(code), round(confidence, 3)), candidate, modifiers,
                                      start=start)
                if split is None:
                    split = TitleMatch(None, candidate, modifiers,
                                       self.title_fields.get(candidate) or self.field_vote(counts), "title", start)
        if split is not None:
            return split
        fixed = self.respelled(" ".join(words))
        if fixed != " ".join(words):
            # No ending is a title as written: again with the misspelled words fixed ("engagment
            # managers", "parlimentary assistants"); their letters would mislead the classifier.
            return self._find(fixed, context, hint)
        words = self.drop_ranks(words)  # "principal engineers": a rank, not the education kind of principal
        if words:
            key = self.expand(" ".join(words))
            # Not for acronyms alone: their character n-grams match titles by chance ("PDs" ->
            # medical equipment preparers) and say nothing of the field ("VCs", "EDs").
            if any(len(w) >= 4 for w in key.split()):
                code, confidence, votes = self.guess(key)
                if confidence >= self.classifier_threshold:
                    return TitleMatch(Occupation(code, self.title_of(code), round(float(confidence), 3)), key, "",
                                      evidence="neighbours")
                if confidence >= self.vote_threshold:
                    return TitleMatch(None, "", "", self.field_plurality(dict(votes)), "classifier")
        return TitleMatch(None, "", "")

    def _sense_for(self, words: list[str], k: int, context: tuple[str, ...]) -> str:
        """The sense of the short form ``words[k]`` ("pm") that the role's field words point to:
        the first that makes the words before it a longer known title ("construction PMs":
        construction project managers), else the first with an O*NET listing (or a line in
        ``title_fields.tsv``) in one of the ``context`` fields ("hedge fund PMs": portfolio
        managers), else the usual first sense."""
        senses = self.senses[words[k]]
        for sense in senses:
            for start in range(k):
                longer = " ".join(words[start:k] + [sense])
                if longer in self.titles or longer in self.title_fields:
                    return sense
        for sense in senses:
            fields = set(self.title_fields.get(sense, ()))
            for code in self.listings(sense):
                fields.update(self.fields_of(code))
            if fields & set(context):
                return sense
        return senses[0]

    def fields_for(self, match: TitleMatch) -> tuple[str, ...]:
        """Fields of a matched title: its own line in ``title_fields.tsv``, else its occupation's,
        else the fields its evidence agrees on."""
        if match.occupation is None:
            return match.fields
        return self.title_fields.get(match.title) or self.fields_of(match.occupation.code)

    def listed_fields(self, role_text: str) -> tuple[str, ...]:
        """Fields ``title_fields.tsv`` gives the role's longest listed ending (for titles O*NET lacks)."""
        return self.listed_title(role_text)[1]

    def listed_title(self, role_text: str) -> tuple[str, tuple[str, ...]]:
        """The role's longest ending listed in ``title_fields.tsv`` and its fields, or ("", ())."""
        words = self.expand(normalize_title(role_text)).split()
        for start in range(len(words)):
            title = " ".join(words[start:])
            fields = self.title_fields.get(title)
            if fields:
                return title, fields
        return "", ()

    # -- who else can help --------------------------------------------------------------------------

    def related(self, code: str, limit: int = 5) -> list[str]:
        """Codes of the occupations related to ``code``, closest first (O*NET's order)."""
        if self._related is None:
            self._related = {}
            with open(self.directory / "related.tsv", encoding="utf-8") as fh:
                next(fh)
                for line in fh:
                    source, targets = line.rstrip("\n").split("\t")
                    self._related[source] = targets.split(",")
        return self._related.get(code, [])[:limit]

    def partner_titles(self, code: str, limit: int = 4) -> list[str]:
        """Related occupations in *other* job families: people who serve the same clients and can
        refer or advise (a bookkeeper's: accountants and auditors, financial managers, tax
        preparers …), not peers in the same job family (billing clerks)."""
        family = code[:2]
        others = [c for c in self.related(code, limit=20) if c[:2] != family]
        return [_people_words(self.title_of(c)) for c in others[:limit]]


def _people_words(title: str) -> str:
    """An O*NET title as running text: lower case but for acronyms, ", All Other" dropped."""
    title = title.replace(", All Other", "")
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in title.split())


def load_book(root: Path | None = None) -> OccupationBook:
    """The occupation book of a data folder laid out like ``coach/resources`` (default: the package's)."""
    return _load_book(Path(root) if root else paths.RESOURCES_DIR)


@functools.lru_cache(maxsize=4)
def _load_book(root: Path) -> OccupationBook:
    from .lexicon import load_data
    from .vocab import words

    return OccupationBook(root / "onet", read_pairs(root / "vocab" / "title_aliases.tsv"),
                          read_pairs(root / "vocab" / "title_fields.tsv"), words("rank_words", root / "vocab"),
                          known_words=load_data(root).known_words, seniority=words("seniority_words", root / "vocab"),
                          senses=read_pairs(root / "vocab" / "title_senses.tsv"))


def read_pairs(path: Path) -> dict[str, str]:
    """``key<TAB>value`` lines; ``#`` starts a comment."""
    aliases = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].rstrip()
            if "\t" in line:
                short, full = line.split("\t", 1)
                aliases[short.strip()] = full.strip()
    return aliases


def _title_parts(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) word ranges to try as the title, longest first: endings of the whole role,
    then, for "owners of family-run restaurants", endings of the part before "of" (never what
    follows "of" alone: "restaurants" is not the title)."""
    parts = [(start, len(words)) for start in range(len(words))]
    if "of" in words:
        of_at = words.index("of")
        parts = [(s, e) for s, e in parts if s < of_at] + [(start, of_at) for start in range(of_at)]
    return parts


class ToolIndex:
    """Named tools from O*NET's technology skills, found token by token ("AutoCAD", "Revit",
    "Procore"): the technology qualifier's open vocabulary beside its word list."""

    def __init__(self, path: Path):
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        with open(path, encoding="utf-8") as fh:
            next(fh)
            for line in fh:
                key, name = line.rstrip("\n").split("\t")[:2]
                words = tuple(key.split())
                self.by_first.setdefault(words[0], []).append((words, name))
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def find(self, words: list[str], start: int) -> tuple[int, str] | None:
        """(end, display name) of the longest tool starting at ``words[start]`` (lower case), if any."""
        for key, name in self.by_first.get(words[start], ()):
            if tuple(words[start:start + len(key)]) == key:
                return start + len(key), name
        return None


def load_tools(root: Path | None = None) -> ToolIndex:
    """The tool index of a data folder laid out like ``coach/resources``."""
    return _load_tools(Path(root) if root else paths.RESOURCES_DIR)


@functools.lru_cache(maxsize=4)
def _load_tools(root: Path) -> ToolIndex:
    return ToolIndex(root / "onet" / "technology.tsv")
