"""Word lists the components read: job titles, role head nouns, field keywords, people words.

Everything here is plain data loaded from ``data/`` (see ``scripts/build_lexicon.py`` for how the
title files were derived), cached per process so that several pipelines share one copy.
"""
from __future__ import annotations

import functools
import gzip
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import paths

#: The rubric's generic people words: never a role on their own.
GENERIC_PEOPLE = frozenset("""
people person persons contact contacts someone somebody anyone anybody folk folks individual
individuals connection connections influencer influencers peer peers
colleague colleagues guy guys others everyone network audience crowd community
""".split())

#: Heads that name a role only with a field word before them: "sales professionals" is a role,
#: "professionals" alone is generic (rubric).
WEAK_HEADS = frozenset("""
professional professionals leader leaders expert experts member members worker workers
specialist specialists person people executive executives player players staff partner partners
tech techs admin admins
""".split())

#: Multi-word generic phrases the rubric names.
GENERIC_PHRASES = ("decision makers", "decision-makers", "the right people", "key players",
                   "movers and shakers", "like-minded people", "industry people")

#: Outcome words: what people want from networking, not people to meet ("find more clients").
OUTCOME_PEOPLE = frozenset("""
client clients customer customers prospect prospects lead leads referral referrals buyer_
sale sales business opportunity opportunities job jobs
""".split())

#: Judgement or hope words that look like qualifiers but narrow nothing checkable (rubric).
JUDGEMENT_WORDS = frozenset("""
experienced successful good great top best key important influential powerful right potential
prospective possible interesting interested relevant useful helpful senior-level high-level
amazing awesome nice smart passionate motivated savvy knowledgeable seasoned established
well-connected connected like-minded other more new many several some few various local
big major leading prominent respected reputable talented skilled qualified
""".split())

#: Agent nouns that are not people, or that the title lists lack, are handled in the build
#: script; these short forms are upper-case titles whose plural the lemmatizer may miss.
ABBREVIATIONS = frozenset("""
ceo cfo cto cio cmo coo chro ciso cpo cro cdo vp svp evp avp rn lpn np pa cpa cfa cfp pm
bdr sdr vc gc md dds emt hr gm sre csm dba
""".split())


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


@dataclass(frozen=True)
class Field:
    """One field of the rubric with the words that point to it."""

    id: str
    label: str
    keywords: tuple[str, ...]
    industries: tuple[str, ...] = ()
    example_roles: tuple[str, ...] = ()


@dataclass
class FieldLexicon:
    """Maps words and phrases to the rubric's field ids.

    >>> fields = load_fields()
    >>> fields.fields_in("ICU nurses")
    ['healthcare']
    """

    fields: dict[str, Field]
    head_fields: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._keyword_patterns = {
            fid: _phrase_regex(f.keywords) for fid, f in self.fields.items() if f.keywords
        }
        self._industry_patterns = {
            fid: _phrase_regex(f.industries) for fid, f in self.fields.items() if f.industries
        }

    @property
    def ids(self) -> list[str]:
        return list(self.fields)

    def fields_in(self, text: str) -> list[str]:
        """Field ids whose keywords occur in ``text``, in the order of the field list."""
        return [fid for fid, rx in self._keyword_patterns.items() if rx.search(text)]

    def industries_in(self, text: str) -> list[str]:
        """Field ids whose kinds of organisation ("restaurants", "hospitals") occur in ``text``."""
        return [fid for fid, rx in self._industry_patterns.items() if rx.search(text)]

    def field_of_head(self, head: str) -> str | None:
        """The field of a role's head noun from the BLS career categories, if one clearly wins."""
        return self.head_fields.get(singular(head.lower()))


def _phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first so that "real estate agent" wins over "agent"; a plural s or es is allowed.
    alternatives = sorted((re.escape(p.lower()) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?:e?s)?(?![\w-])", re.I)


@dataclass(frozen=True)
class RoleLexicon:
    """Job titles and the head nouns of job titles, lower case and singular."""

    titles: frozenset[str]
    heads: frozenset[str]
    max_title_tokens: int

    def is_head(self, word: str) -> bool:
        """True when ``word`` (any case, singular or plural) heads job titles."""
        low = word.lower()
        return low in self.heads or singular(low) in self.heads

    def is_title(self, words: list[str]) -> bool:
        """True when the lower-case tokens, the last one singularised, form a known title."""
        if not words:
            return False
        key = " ".join(words[:-1] + [singular(words[-1])])
        return key in self.titles or " ".join(words) in self.titles


@functools.lru_cache(maxsize=4)
def load_fields(path: Path | None = None) -> FieldLexicon:
    """Load the field lexicon (``data/fields.toml`` plus ``data/lexicon/head_fields.tsv``)."""
    path = Path(path) if path else paths.FIELDS_FILE
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    fields = {
        fid: Field(fid, spec.get("label", fid), tuple(spec.get("keywords", ())),
                   tuple(spec.get("industries", ())), tuple(spec.get("example_roles", ())))
        for fid, spec in raw.items()
    }
    head_fields = dict(_read_tsv(paths.LEXICON_DIR / "head_fields.tsv"))
    return FieldLexicon(fields, head_fields)


@functools.lru_cache(maxsize=2)
def load_roles(lexicon_dir: Path | None = None) -> RoleLexicon:
    """Load the title and head-noun lists from ``data/lexicon``."""
    lexicon_dir = Path(lexicon_dir) if lexicon_dir else paths.LEXICON_DIR
    with gzip.open(lexicon_dir / "titles.txt.gz", "rt", encoding="utf-8") as fh:
        titles = frozenset(line for line in fh.read().split("\n") if line)
    heads = frozenset(head for head, _ in _read_tsv(lexicon_dir / "role_heads.tsv"))
    longest = max((t.count(" ") + 1 for t in titles), default=1)
    return RoleLexicon(titles, heads | ABBREVIATIONS - {"hr"}, min(longest, 8))


def _read_tsv(path: Path) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh]
    return [(r[0], r[1]) for r in rows[1:] if len(r) >= 2]
