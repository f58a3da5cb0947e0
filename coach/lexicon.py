"""The knowledge the components read: job titles, role head nouns, fields, places, rule words.

Everything here is plain data in a folder laid out like ``coach/resources/`` (the package's own
data, the default; or a component's folder written by ``nlp.to_disk``). :class:`CoachData` bundles
one folder's data; :func:`load_data` caches it per folder, so several components share one copy.
See ``scripts/build_lexicon.py`` for how the title files were derived.
"""
from __future__ import annotations

import functools
import gzip
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import paths, vocab


@functools.lru_cache(maxsize=1 << 16)  # the same words recur across objectives, and it is called per token
def singular(word: str) -> str:
    """Return a cheap singular of a lower-case word ("nurses" -> "nurse", "CFOs" -> "cfo").

    >>> singular("managers"), singular("agencies"), singular("business")
    ('manager', 'agency', 'business')
    """
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    if word.endswith(("sses", "ches", "shes", "xes")) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        return word[:-1]
    return word


# Words for a group of people that take no plural ending ("sales staff", "the faculty").
_COLLECTIVE = frozenset({"staff", "personnel", "people", "folk", "folks", "crew", "faculty", "clergy", "alumni",
                         "police", "management", "leadership", "team", "men", "women", "children", "gentry"})
_IRREGULAR_PLURALS = {"person": "people", "man": "men", "woman": "women", "child": "children"}


def is_plural_word(word: str) -> bool:
    """A plural noun by its form ("nurses", "CFOs", "salesmen"), or a word for a group ("staff").

    >>> [is_plural_word(w) for w in ("nurses", "CNAs", "boss", "staff", "manager", "salesmen")]
    [True, True, False, True, False, True]
    """
    low = word.lower()
    return low in _COLLECTIVE or (low.endswith("men") and len(low) > 4) or (
        low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 2)


def plural_phrase(text: str) -> str:
    """The role as a plural, for wording that speaks of several ("how many product managers").

    The head is the last word, or the word before "of" ("heads of sales"); a head already plural
    or a word for a group is left as it is.

    >>> [plural_phrase(t) for t in ("product manager", "nurses", "head of sales", "CFO", "attorney",
    ...                             "sales staff", "boss", "business owner", "salesperson")]
    ['product managers', 'nurses', 'heads of sales', 'CFOs', 'attorneys', 'sales staff', 'bosses', \
'business owners', 'salespeople']
    """
    words = text.split(" ")
    k = words.index("of", 1) - 1 if "of" in words[1:] else len(words) - 1
    word = words[k]
    low = word.lower()
    if not word or not word[-1].isalpha() or is_plural_word(word):
        return text
    for singular_end, plural_end in _IRREGULAR_PLURALS.items():
        if low.endswith(singular_end) and (low == singular_end or singular_end != "man" or len(low) > 5):
            # (a compound of five letters or more: "salesperson", "chairwoman"; not "human")
            words[k] = word[:len(word) - len(singular_end)] + (plural_end.upper() if word.isupper() else plural_end)
            return " ".join(words)
    if word.isupper() and len(word) > 1:
        ending = "s"  # "CFOs", "RNs"
    elif low.endswith("y") and len(low) > 2 and low[-2] not in "aeiou":
        word, ending = word[:-1], "ies"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        ending = "es"
    else:
        ending = "s"
    words[k] = word + (ending.upper() if word.isupper() and ending != "s" else ending)
    return " ".join(words)


@dataclass(frozen=True)
class Field:
    """One field of the rubric with the words that point to it."""

    id: str
    label: str
    keywords: tuple[str, ...]
    industries: tuple[str, ...] = ()
    example_roles: tuple[str, ...] = ()


@dataclass(eq=False)
class FieldLexicon:
    """Maps words and phrases to the rubric's field ids.

    >>> fields = load_fields()
    >>> fields.fields_in("ICU nurses")
    ['healthcare']
    """

    fields: dict[str, Field]
    head_fields: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._keyword_index = _phrase_index({fid: f.keywords for fid, f in self.fields.items()})
        self._industry_index = _phrase_index({fid: f.industries for fid, f in self.fields.items()})
        self._order = {fid: k for k, fid in enumerate(self.fields)}

    @property
    def ids(self) -> list[str]:
        return list(self.fields)

    def fields_in(self, text: str) -> list[str]:
        """Field ids whose keywords occur in ``text`` (whole words, plural allowed), in field order."""
        return list(self._matching(text, "_keyword_index"))

    def industries_in(self, text: str) -> list[str]:
        """Field ids whose kinds of organisation ("restaurants", "hospitals") occur in ``text``."""
        return list(self._matching(text, "_industry_index"))

    def fields_in_prose(self, text: str) -> list[str]:
        """:meth:`fields_in` and :meth:`industries_in` of running text as written, where a keyword
        that is also an everyday function word counts only in capitals: "IT managers" and "in IT"
        name technology, the pronoun "it" / "its" in "it takes me ten minutes" names nothing.

        >>> fields = load_fields()
        >>> fields.fields_in_prose("It is a gift to find someone who gets it"), fields.fields_in_prose("new to IT")
        ([], ['technology'])
        """
        words = _WORD_RX.findall(text)
        if any(w.lower() in _FUNCTION_KEYWORDS and not w.isupper() for w in words):
            text = _WORD_RX.sub(lambda m: " " * len(m.group(0)) if m.group(0).lower() in _FUNCTION_KEYWORDS
                                and not m.group(0).isupper() else m.group(0), text)
        return list(dict.fromkeys(self.fields_in(text) + self.industries_in(text)))

    # The same short texts (role heads, modifiers) come back constantly in a batch: remember.
    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process, cached on purpose
    def _matching(self, text: str, table: str) -> tuple[str, ...]:
        index = getattr(self, table)
        words = [w.lower() for w in _WORD_RX.findall(text)]
        found: set[str] = set()
        for k, word in enumerate(words):
            # Plurals are allowed on every word: keywords also head longer phrases ("CFOs of …").
            for first in _plural_variants(word):
                for phrase, fid in index.get(first, ()):
                    if len(phrase) == 1:
                        found.add(fid)
                        continue
                    tail = words[k + 1:k + len(phrase)]
                    if len(tail) == len(phrase) - 1 and tail[:-1] == list(phrase[1:-1]) \
                            and phrase[-1] in _plural_variants(tail[-1]):
                        found.add(fid)
        return tuple(sorted(found, key=self._order.__getitem__))

    def field_of_head(self, head: str) -> str | None:
        """The field of a role's head noun from the BLS career categories, if one clearly wins."""
        return self.head_fields.get(singular(head.lower()))


# Words as the keyword lists write them: hyphens, ampersands and apostrophes inside a word
# ("family-run", "r&d", "fp&a"), so "family" does not match inside "family-run".
_WORD_RX = re.compile(r"[\w][\w&'’+-]*[\w+]|\w")
#: Field keywords that are also everyday function words ("IT": "it", with its "plural" "its"):
#: in running text they name a field only when written in capitals (:meth:`FieldLexicon.fields_in_prose`).
_FUNCTION_KEYWORDS = frozenset({"it", "its"})


def _plural_variants(word: str) -> tuple[str, ...]:
    """The word and the singulars it may be a plural of ("brokers" -> "broker", "businesses" -> "business")."""
    variants = [word]
    if word.endswith("es") and len(word) > 3:
        variants.append(word[:-2])
    if word.endswith("s") and len(word) > 2:
        variants.append(word[:-1])
    return tuple(variants)


def _phrase_index(phrases_by_field: dict[str, tuple[str, ...]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> [(all words of the phrase, field id)], for matching whole-word phrases fast."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for fid, phrases in phrases_by_field.items():
        for phrase in phrases:
            words = tuple(w.lower() for w in _WORD_RX.findall(phrase))
            if words:
                index.setdefault(words[0], []).append((words, fid))
    return index


@dataclass(frozen=True)
class RoleLexicon:
    """Job titles and the head nouns of job titles, lower case and singular."""

    titles: frozenset[str]
    heads: frozenset[str]
    #: O*NET titles, every word singular (``coach.occupations.normalize_title``).
    onet_titles: frozenset[str] = frozenset()

    def is_head(self, word: str) -> bool:
        """True when ``word`` (any case, singular or plural) heads job titles."""
        low = word.lower()
        # (any "-preneur" coinage is a kind of entrepreneur: "edupreneurs", "micropreneurs")
        return low in self.heads or singular(low) in self.heads or singular(low).endswith("preneur")

    def is_title(self, words: list[str]) -> bool:
        """True when the lower-case tokens, the last one singularised, form a known title."""
        if not words:
            return False
        key = " ".join(words[:-1] + [singular(words[-1])])
        return key in self.titles or " ".join(words) in self.titles \
            or " ".join(singular(w) for w in words) in self.onet_titles


@dataclass(frozen=True)
class WordLists:
    """The rule word lists of one data folder (``vocab/*.txt``), by name.

    >>> "people" in load_data().lists.words("generic_people")
    True
    """

    directory: Path

    def words(self, name: str) -> frozenset[str]:
        """The list ``name`` as a set."""
        return vocab.words(name, self.directory)

    def phrases(self, name: str) -> tuple[str, ...]:
        """The list ``name`` in file order."""
        return vocab.phrases(name, self.directory)


@dataclass(frozen=True, eq=False)
class CoachData:
    """Everything the components know, read from one folder laid out like ``coach/resources``."""

    root: Path
    fields: FieldLexicon
    roles: RoleLexicon
    places: frozenset[str]
    known_words: frozenset[str]
    lists: WordLists

    #: The files (relative to ``root``) a component's ``to_disk`` copies.
    FILES = ("fields.toml", "lexicon/titles.txt.gz", "lexicon/role_heads.tsv", "lexicon/head_fields.tsv",
             "lexicon/places.txt.gz", "lexicon/known_words.txt.gz", "lexicon/onet_heads.txt.gz",
             "lexicon/onet_titles.txt.gz", "lexicon/qualifier_judge.npz", "lexicon/role_judge.npz",
             "lexicon/person_nouns.npz", "lexicon/need_judge.npz", "vocab", "onet")

    @functools.cached_property  # (read per role: looked up once, not through the loader's cache key)
    def tools(self):
        """Named tools from O*NET's technology skills (loaded on first use)."""
        from .occupations import load_tools

        return load_tools(self.root)

    @functools.cached_property
    def occupations(self):
        """The O*NET occupation book of this folder (loaded on first use)."""
        from .occupations import load_book

        return load_book(self.root)

    @functools.cached_property
    def people_words(self) -> frozenset[str]:
        """Words for people that are not roles: the generic, informal and other people nouns."""
        lists = self.lists
        return lists.words("generic_people") | lists.words("informal_people") | lists.words("people_nouns")

    @functools.cached_property
    def title_endings(self) -> dict[str, int]:
        """How many multi-word titles (O*NET's and the lexicon's) end with each word (built on first use)."""
        counts: dict[str, int] = {}
        for title in (*self.occupations.titles, *self.roles.titles):
            last = title.rpartition(" ")[2]
            if last != title:
                counts[last] = counts.get(last, 0) + 1
        return counts


def load_data(root: Path | None = None) -> CoachData:
    """Load (once per folder) the data bundle from ``root`` (default: the package's resources)."""
    # Resolved before the cache: ``None`` and the package folder are the same bundle.
    return _load_data(Path(root) if root else paths.RESOURCES_DIR)


@functools.lru_cache(maxsize=8)
def _load_data(root: Path) -> CoachData:
    lists = WordLists(root / "vocab")
    fields = load_fields(root / "fields.toml", root / "lexicon" / "head_fields.tsv")
    return CoachData(root, fields, load_roles(root / "lexicon", lists), _read_gz_lines(root / "lexicon" / "places.txt.gz"),
                     _read_gz_lines(root / "lexicon" / "known_words.txt.gz"), lists)


@functools.lru_cache(maxsize=8)
def load_fields(path: Path | None = None, head_fields_path: Path | None = None) -> FieldLexicon:
    """Load the field lexicon (``fields.toml`` plus ``lexicon/head_fields.tsv``)."""
    path = Path(path) if path else paths.FIELDS_FILE
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    fields = {
        fid: Field(fid, spec.get("label", fid), tuple(spec.get("keywords", ())),
                   tuple(spec.get("industries", ())), tuple(spec.get("example_roles", ())))
        for fid, spec in raw.items()
    }
    head_fields = dict(_read_tsv(Path(head_fields_path) if head_fields_path else paths.LEXICON_DIR / "head_fields.tsv"))
    return FieldLexicon(fields, head_fields)


def load_roles(lexicon_dir: Path, lists: WordLists) -> RoleLexicon:
    """Load the title and head-noun lists from a ``lexicon`` folder (and O*NET's beside it)."""
    titles = _read_gz_lines(Path(lexicon_dir) / "titles.txt.gz")
    heads = frozenset(head for head, _ in _read_tsv(Path(lexicon_dir) / "role_heads.tsv"))
    onet_heads = _read_gz_lines(Path(lexicon_dir) / "onet_heads.txt.gz")
    onet_titles = _read_gz_lines(Path(lexicon_dir) / "onet_titles.txt.gz")
    people = onet_heads | lists.words("onet_person_words") | lists.words("abbreviations")
    return RoleLexicon(titles, (heads | people) - {"hr"} - lists.words("not_people_heads"), onet_titles)


def _read_gz_lines(path: Path) -> frozenset[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = set(fh.read().split("\n"))
    lines.discard("")
    return frozenset(lines)


def _read_tsv(path: Path) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh]
    return [(r[0], r[1]) for r in rows[1:] if len(r) >= 2]
