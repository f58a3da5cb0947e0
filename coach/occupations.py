"""Occupations behind roles: O*NET-SOC codes, their fields, related occupations and tools.

The data is built from the O*NET 27.0 database by ``scripts/build_onet.py`` into
``coach/resources/onet/`` (CC BY 4.0; attribution in the README and ``data/onet/CROSSWALK.md``):

- ``occupations.tsv``: code, title, fields (the hand-reviewed crosswalk ``data/onet/occupation_fields.tsv``);
- ``titles.tsv.gz``: every O*NET title, alternate, short and reported title, normalised, with its code;
- ``related.tsv``: each occupation's related occupations, in O*NET's order (20 each);
- ``technology.tsv``: tool names from O*NET's technology skills with the occupations that use them;
- ``title_model.npz``: the fitted :class:`~coach.title_classifier.TitleClassifier` for titles no list holds.

:class:`OccupationBook` maps a role's text to an :class:`Occupation`: an exact title first
(longest ending of the role that is a known title, so "motel night auditors" is a night
auditor, "real estate attorneys" an attorney), else the title classifier when it is confident,
else nothing (the role still counts; the coach then says its occupation is unknown).
"""
from __future__ import annotations

import functools
import gzip
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from . import paths
from .lexicon import singular

_KEEP = re.compile(r"[^a-z0-9+#' -]")


def normalize_title(text: str) -> str:
    """Lower case, no brackets or punctuation, every word singular: the key titles are matched on.

    >>> normalize_title("Chief Financial Officers (CFOs)")
    'chief financial officer'
    >>> normalize_title("VPs of Sales & Marketing")
    'vp of sale and marketing'
    """
    text = re.sub(r"\([^)]*\)", " ", text.lower()).replace("&", " and ").replace("/", " ")
    text = text.replace("’", "'")
    words = _KEEP.sub(" ", text).replace(" - ", " ").split()
    return " ".join(singular(w) for w in words)


@dataclass(frozen=True)
class Occupation:
    """An O*NET-SOC occupation found for a role, with how sure the coach is (0 to 1)."""

    code: str
    title: str
    confidence: float

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class TitleMatch:
    """What :meth:`OccupationBook.find` found: the occupation (or None), the normalised title
    that matched, and the role's words before it."""

    occupation: Occupation | None
    title: str
    modifiers: str


@dataclass(frozen=True)
class OccupationInfo:
    code: str
    title: str
    fields: tuple[str, ...]


class OccupationBook:
    """O*NET occupations, their titles, fields, related occupations and tools."""

    def __init__(self, directory: Path, aliases: dict[str, str], title_fields: dict[str, str] | None = None,
                 rank_words: frozenset[str] = frozenset(), min_confidence: float = 0.5,
                 classifier_threshold: float = 0.5):
        self.directory = Path(directory)
        self.rank_words = rank_words
        self.aliases = aliases
        self.title_fields = {t: tuple(f.split(",")) for t, f in (title_fields or {}).items()}
        self.min_confidence = min_confidence
        self.classifier_threshold = classifier_threshold
        self.occupations: dict[str, OccupationInfo] = {}
        with open(self.directory / "occupations.tsv", encoding="utf-8") as fh:
            next(fh)
            for line in fh:
                code, title, fields = line.rstrip("\n").split("\t")[:3]
                self.occupations[code] = OccupationInfo(code, title, tuple(f for f in fields.split(",") if f))
        # title -> its codes, one per O*NET listing ("code code code"); counted when looked up,
        # so loading stays a dict of strings (cold start).
        self.titles: dict[str, str] = {}
        with gzip.open(self.directory / "titles.tsv.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                title, code = line.rstrip("\n").split("\t")[:2]
                previous = self.titles.get(title)
                self.titles[title] = code if previous is None else f"{previous} {code}"
        self._classifier = None
        self._related: dict[str, list[str]] | None = None

    # -- lookups ----------------------------------------------------------------------------------

    def fields_of(self, code: str) -> tuple[str, ...]:
        info = self.occupations.get(code)
        return info.fields if info else ()

    def title_of(self, code: str) -> str:
        info = self.occupations.get(code)
        return info.title if info else code

    def exact(self, key: str) -> Occupation | None:
        """The occupation of a normalised title found in the O*NET lists, if one clearly wins."""
        listed = self.titles.get(key)
        if not listed:
            return None
        counts = Counter(listed.split())
        code, n = counts.most_common(1)[0]
        return Occupation(code, self.title_of(code), round(n / sum(counts.values()), 3))

    def exact_word(self, word: str) -> Occupation | None:
        """The occupation of one word as a title, or of its formal form; no guessing."""
        key = normalize_title(word)
        if key in self.rank_words:
            return None
        return self.exact(key) or self.exact(self.expand(key))

    def expand(self, key: str) -> str:
        """Informal words and short forms replaced by the words titles use ("dev" -> "developer")."""
        return " ".join(self.aliases.get(w, w) for w in key.split())

    @property
    def classifier(self):
        if self._classifier is None:
            from .title_classifier import TitleClassifier

            self._classifier = TitleClassifier.load(self.directory / "title_model.npz")
        return self._classifier

    def classify(self, key: str) -> Occupation | None:
        """The title classifier's best occupation for a normalised title, with its confidence."""
        (code, confidence), = self.classifier.top(key, k=1)
        return Occupation(code, self.title_of(code), round(float(confidence), 3))

    def find(self, role_text: str) -> TitleMatch:
        """The occupation of a role, the title that matched and the words before it (modifiers).

        The longest ending of the role that is a known title wins ("hospital HR directors" -> HR
        director, modifiers "hospital"; "tech recruiters" -> recruiter); informal words are tried
        in their formal form ("react devs" -> developer), short forms first in it ("AEs" ->
        account executive). Only when no ending is a known title does the title classifier
        guess, and only a guess above ``classifier_threshold`` counts.
        """
        words = normalize_title(role_text).split()
        for start, end in _title_parts(words):
            key = " ".join(words[start:end])
            expanded = self.expand(key)
            short_form = len(words[end - 1]) <= 4
            for candidate in dict.fromkeys((expanded, key) if short_form else (key, expanded)):
                if candidate in self.rank_words:
                    continue  # "directors" alone could be anyone's
                found = self.exact(candidate)
                if found is not None and found.confidence >= self.min_confidence:
                    return TitleMatch(found, candidate, " ".join(words[:start] + words[end:]))
        if words:
            key = self.expand(" ".join(words))
            guess = self.classify(key)
            if guess.confidence >= self.classifier_threshold:
                return TitleMatch(guess, key, "")
        return TitleMatch(None, "", "")

    def fields_for(self, match: TitleMatch) -> tuple[str, ...]:
        """Fields of a matched title: its own line in ``title_fields.tsv``, else its occupation's."""
        if match.occupation is None:
            return ()
        return self.title_fields.get(match.title) or self.fields_of(match.occupation.code)

    def listed_fields(self, role_text: str) -> tuple[str, ...]:
        """Fields ``title_fields.tsv`` gives the role's longest listed ending (for titles O*NET lacks)."""
        words = self.expand(normalize_title(role_text)).split()
        for start in range(len(words)):
            fields = self.title_fields.get(" ".join(words[start:]))
            if fields:
                return fields
        return ()

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

    def related_titles(self, code: str, limit: int = 4) -> list[str]:
        """The closest related occupations as people to name ("nurse practitioners")."""
        return [_people_words(self.title_of(c)) for c in self.related(code, limit)]

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


@functools.lru_cache(maxsize=4)
def load_book(root: Path | None = None) -> OccupationBook:
    """The occupation book of a data folder laid out like ``coach/resources`` (default: the package's)."""
    root = Path(root) if root else paths.RESOURCES_DIR
    from .vocab import words

    return OccupationBook(root / "onet", read_pairs(root / "vocab" / "title_aliases.tsv"),
                          read_pairs(root / "vocab" / "title_fields.tsv"), words("rank_words", root / "vocab"))


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


@functools.lru_cache(maxsize=4)
def load_tools(root: Path | None = None) -> ToolIndex:
    """The tool index of a data folder laid out like ``coach/resources``."""
    return ToolIndex((Path(root) if root else paths.RESOURCES_DIR) / "onet" / "technology.tsv")
