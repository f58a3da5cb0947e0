"""Where the people are: venues for the people an objective names, their industry, tools and place.

The knowledge is package data, ``coach/resources/venues.toml`` (found through :mod:`coach.paths`):
real organisations keyed to the O*NET occupations and job titles of their members and to the
industries they serve, each with its source (provenance: ``data/venues/SOURCES.md``), plus
topic workshops and user groups and the industry vocabulary. :class:`VenueBook` loads and
indexes it once; :mod:`coach.venue_ranking` ranks it for one objective.

A facilitator can merge a file of their own venues with ``--venues FILE`` (TOML or JSON):

.. code-block:: toml

    [[venues]]
    name = "Akron Sales Breakfast{place}"
    kind = "business-event"
    why = "monthly breakfast of local sales managers"
    occupations = ["11-2022", "41-"]    # optional: O*NET-SOC codes or prefixes
    fields = ["sales"]                  # optional: rubric field ids
    keywords = ["crm"]                  # optional: only when the objective mentions one

A user venue applies when everything it is keyed to matches (a venue keyed to nothing applies to
every objective) and comes first. Malformed files fail with a one-line :class:`VenueFileError`.
"""
from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from . import paths
from .errors import CoachError
from .lexicon import load_data
from .venue_file import read_venue_file
from .venue_ranking import (
    DATA_KINDS,
    MAX_VENUES,
    VENUE_KINDS,
    Audiences,
    Entry,
    Industry,
    Person,
    PhraseSet,
    Ranker,
    Text,
    Topic,
    Venue,
    people_of,
    place_of,
    stems,
)

__all__ = ["VENUE_KINDS", "MAX_VENUES", "Venue", "VenueBook", "VenueFileError"]

#: Any field (old files used it for trade shows of every field).
ALL_FIELDS = "*"
_CODE = re.compile(r"^\d{2}(-(\d{1,4}(\.\d{2})?)?)?$")
_USER_KEYS = {"name", "kind", "why", "fields", "occupations", "industries", "keywords", "unless", "id", "show",
              "titles", "events", "source", "unit", "acronym", "scope"}
_TOPIC_KEYS = {"name", "kind", "why", "keywords", "unless", "fields", "id", "products", "generic"}


class VenueFileError(CoachError, ValueError):
    """A venue file is missing or malformed."""


class VenueBook:
    """The venue knowledge base, loaded and indexed once.

    >>> book = VenueBook.load()
    >>> [v.kind for v in book.suggest(["sales"], text="Meet sales trainers", roles=["sales trainers"])][-1]
    'ask-contacts'
    """

    def __init__(self, entries: list[Entry], topics: list[Topic], industries: list[Industry],
                 audiences: Audiences):
        data = load_data()
        self.fields = data.fields
        self.entries = entries
        self.topics = topics
        self._places = data.places
        self.ranker = Ranker(entries, topics, industries, audiences,
                             {fid: f.label for fid, f in self.fields.fields.items()}, self.fields.fields_in)

    @classmethod
    def load(cls, path: Path | None = None, extra: Path | None = None) -> VenueBook:
        """Load the built-in venues (or ``path``), merged with a user's ``extra`` file."""
        entries, topics, industries, audiences = _read_builtin(Path(path) if path else paths.VENUES_FILE)
        if extra is not None:
            user_entries, user_topics = _read_user(Path(extra), {i.id for i in industries})
            entries, topics = user_entries + entries, user_topics + topics
        return cls(entries, topics, industries, audiences)

    def for_objective(self, text: str, roles: Sequence = (), qualifiers: Sequence = (),
                      fields: Sequence[str] = ()) -> list[Venue]:
        """Venues for one objective: its roles (:class:`~coach.api.Role`), qualifiers
        (:class:`~coach.api.Qualifier`, for the place and the tools) and, when no role names a
        field, the objective's ``fields``. At most five venues, then the ask line."""
        people = people_of(text, roles) if roles else self.ranker.titled_people(text)
        place = place_of(text, qualifiers, self._places, self.ranker.audiences.regions)
        tools = [q.tool for q in qualifiers if getattr(q, "tool", None)]
        obj = self.ranker.objective(text, people, list(fields), place, tools)
        return self.ranker.rank(obj)

    def suggest(self, fields: list[str], text: str = "", place: str | None = None,
                roles: list[str] | None = None, limit: int = MAX_VENUES + 1) -> list[Venue]:
        """Venues from plain strings: role names as written, the objective's text, a named place.

        Roles given as text have no occupation, so only their job titles pick associations.
        """
        people = [Person(role, Text.of(role), fields=tuple(self.fields.fields_in(role) or fields[:1]))
                  for role in dict.fromkeys(roles or ())]
        obj = self.ranker.objective(text or " ".join(roles or ()), people, list(fields), place)
        venues = self.ranker.rank(obj)
        return venues[:max(limit - 1, 1)] + venues[-1:] if len(venues) > limit else venues


# -- reading files --------------------------------------------------------------------------------------

def _load_raw(path: Path) -> dict:
    if not path.is_file():
        raise VenueFileError(f"venue file not found: {path}")
    is_json = path.suffix.lower() == ".json"
    try:
        if is_json:
            raw = json.loads(path.read_text(encoding="utf-8"))
        else:
            with open(path, "rb") as fh:
                raw = tomllib.load(fh)
    except (ValueError, UnicodeDecodeError) as err:
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise VenueFileError(f"{path}: not valid {'JSON' if is_json else 'TOML'}: {message}") from err
    if not isinstance(raw, dict):
        raise VenueFileError(f"{path}: expected a 'venues' list (and optionally 'topics'), got {type(raw).__name__}")
    return raw


def builtin_cache_path(path: Path) -> Path:
    """Where the parsed copy of a built-in venue file lives (``venues.toml`` -> ``venues.cache.json``)."""
    return path.with_suffix(".cache.json")


def _cached_builtin(path: Path) -> dict | None:
    """The built-in venue file as parsed JSON, when the cache was made from this very file.

    Parsing the TOML takes a tenth of a second at every start; the cache (written by
    ``scripts/build_venue_cache.py``, checked by a test) records the SHA-256 of the TOML it was
    made from, so an edited TOML is read directly until the cache is rebuilt.
    """
    cache = builtin_cache_path(path)
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("source_sha256") == hashlib.sha256(path.read_bytes()).hexdigest():
            return data["venues_file"]
    except (OSError, ValueError, KeyError, AttributeError):
        return None
    return None


def _read_builtin(path: Path) -> tuple[list[Entry], list[Topic], list[Industry], Audiences]:
    raw = _cached_builtin(path) or _load_raw(path)
    industries = [Industry(iid, spec.get("label", iid), spec.get("parent"), tuple(spec.get("words", ())),
                           spec.get("events", ""))
                  for iid, spec in (raw.get("industries") or {}).items()]
    entries = [_entry(item, user=False) for item in raw.get("venues") or []]
    topics = [_topic(item, user=False) for item in raw.get("topics") or []]
    return entries, topics, industries, Audiences.from_table(raw.get("audiences") or {})


def _read_user(path: Path, industries: set[str]) -> tuple[list[Entry], list[Topic]]:
    raw = read_venue_file(path)
    if not (raw.get("venues") or raw.get("topics")):
        raise VenueFileError(f"{path}: expected a 'venues' list (and optionally 'topics'), got none")
    known_fields = set(load_data().fields.ids)
    entries, topics = [], []
    for section, items in (("venues", raw.get("venues") or []), ("topics", raw.get("topics") or [])):
        if not isinstance(items, list):
            raise VenueFileError(f"{path}: '{section}' must be a list of tables/objects, got {type(items).__name__}")
        for number, item in enumerate(items, 1):
            where = f"{path}: {section} #{number}"
            try:
                _check_user(item, section, known_fields, industries)
                if section == "venues":
                    entries.append(_entry(item, user=True))
                else:
                    topics.append(_topic(item, user=True))
            except VenueFileError as err:
                raise VenueFileError(f"{where}: {err}") from None
    return entries, topics


def _check_user(item: object, section: str, known_fields: set[str], industries: set[str]) -> None:
    if not isinstance(item, dict):
        raise VenueFileError(f"expected a table/object, got {type(item).__name__}")
    allowed = _USER_KEYS if section == "venues" else _TOPIC_KEYS
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise VenueFileError(f"unknown key {unknown[0]!r}; allowed: {', '.join(sorted(allowed))}")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise VenueFileError("'name' is required")
    kind = item.get("kind", "business-event")
    if kind not in DATA_KINDS:
        raise VenueFileError(f"kind {kind!r} is not one of {', '.join(k for k in VENUE_KINDS if k != 'ask-contacts')}")
    for key in ("fields", "occupations", "industries", "keywords", "unless"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise VenueFileError(f"{key!r} must be a list of strings, got {value!r}")
    bad = [f for f in item.get("fields", []) if f not in known_fields | {ALL_FIELDS}]
    if bad:
        raise VenueFileError(f"unknown field ids {bad}; known: {', '.join(sorted(known_fields))}")
    bad = [i for i in item.get("industries", []) if i not in industries | known_fields]
    if bad:
        raise VenueFileError(f"unknown industry ids {bad}; known: {', '.join(sorted(industries))}")
    for code in item.get("occupations", []):
        if not _CODE.match(code):
            raise VenueFileError(f"occupation {code!r} is not an O*NET-SOC code or prefix like '29-1141' or '41-'")
        if not _known_code(code):
            raise VenueFileError(f"occupation {code!r} matches no O*NET-SOC 27.0 occupation")
    if section == "topics" and not item.get("keywords"):
        raise VenueFileError("a topic needs a non-empty 'keywords' list")
    if "why" in item and not isinstance(item["why"], str):
        raise VenueFileError(f"'why' must be text, got {item['why']!r}")


def _known_code(code: str) -> bool:
    from .occupations import load_book

    return any(c.startswith(code) for c in load_book().occupations)


def _entry(item: dict, user: bool) -> Entry:
    name = item["name"].strip()
    fields = tuple(f for f in item.get("fields", ()) if f != ALL_FIELDS)
    kind = item.get("kind", "business-event")
    if user:
        show = item.get("show") or name
        events = item.get("why", "") or item.get("events", "")
        when = item.get("keywords", ())
    else:
        show = item.get("show") or _default_show(item)
        events = item.get("events", "")
        when = item.get("when", ())
    return Entry(
        id=item.get("id") or name.lower(), name=name, kind=kind, show=show, events=events,
        occupations=tuple(item.get("occupations", ())), titles=tuple(item.get("titles", ())), fields=fields,
        industries=tuple(item.get("industries", ())), when=PhraseSet(when), unless=PhraseSet(item.get("unless", ())),
        tools=tuple(item.get("tools", ())), audience=item.get("audience", ""),
        field_default=bool(item.get("field_default", False)), unit=item.get("unit", ""),
        source=item.get("source", ""), user=user)


def _default_show(item: dict) -> str:
    name, acronym, unit = item["name"], item.get("acronym", ""), item.get("unit", "")
    label = f"{name} ({acronym})" if acronym and acronym not in name else name
    return f"{label} {unit} meetings{{place}}" if unit else f"{label} events"


def _topic(item: dict, user: bool) -> Topic:
    return Topic(
        id=item.get("id") or item["name"].lower(), keywords=tuple(item.get("keywords", ())), name=item["name"],
        kind=item.get("kind", "workshop"), why=item.get("why", ""), unless=PhraseSet(item.get("unless", ())),
        products=frozenset(stems(p) for p in item.get("products", ())), fields=tuple(item.get("fields", ())),
        generic=item.get("generic", ""), user=user)

