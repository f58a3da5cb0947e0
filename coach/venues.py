"""Where the people are: venue suggestions for an objective's roles, fields, topic and place.

The knowledge is data (``data/venues.toml``); a facilitator can merge their own file of local
events with ``--venues FILE`` (TOML or JSON, same schema). See the comments at the top of
``data/venues.toml`` for the schema.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from . import paths
from .errors import CoachError
from .lexicon import load_data

VENUE_KINDS = ("association", "business-event", "workshop", "trade-show", "meetup", "online",
               "ask-contacts")
ALL_FIELDS = "*"


class VenueFileError(CoachError, ValueError):
    """A venue file is missing or malformed."""


@dataclass(frozen=True)
class Venue:
    """A kind of place where many of the objective's people gather, and why it fits."""

    name: str
    kind: str
    fields: list[str]
    why: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Entry:
    name: str
    kind: str
    fields: tuple[str, ...]
    why: str
    keywords: tuple[str, ...] = ()
    user: bool = False


class VenueBook:
    """The venue knowledge base: field venues and topic venues.

    >>> book = VenueBook.load()
    >>> [v.kind for v in book.suggest(["sales"], text="Meet sales trainers")][-1]
    'ask-contacts'
    """

    def __init__(self, entries: list[_Entry], topics: list[_Entry]):
        self.entries = entries
        self.topics = topics
        self.fields = load_data().fields
        self._topic_patterns = [
            re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(t.keywords, key=len, reverse=True)) + r")s?\b", re.I)
            for t in topics
        ]

    @classmethod
    def load(cls, path: Path | None = None, extra: Path | None = None) -> VenueBook:
        """Load the built-in venues (or ``path``), merged with a user's ``extra`` file."""
        entries, topics = _read_file(Path(path) if path else paths.VENUES_FILE, user=False)
        if extra is not None:
            user_entries, user_topics = _read_file(Path(extra), user=True)
            entries, topics = user_entries + entries, user_topics + topics
        return cls(entries, topics)

    def suggest(self, fields: list[str], text: str = "", place: str | None = None,
                roles: list[str] | None = None, limit: int = 8) -> list[Venue]:
        """Venues for the given fields (most relevant first), the text's topics and a place.

        Always ends with asking people you know in the main field where they go.
        """
        roles = roles or []
        place_suffix = f" in or near {place}" if place else ""
        who = f"{roles[0]}" if roles else "people in this field"
        out: list[Venue] = []
        seen: set[str] = set()

        def add(entry: _Entry, field_ids: list[str], why: str) -> None:
            name = self._fill(entry.name, field_ids, place_suffix)
            if name.lower() not in seen:
                seen.add(name.lower())
                out.append(Venue(name, entry.kind, field_ids, why))

        # The user's own venues first: a facilitator's local events beat generic kinds.
        for entry in self.entries:
            if entry.user and (set(entry.fields) & set(fields) or not entry.fields):
                add(entry, [f for f in entry.fields if f in fields] or list(fields[:1]),
                    f"{entry.why} (added by your facilitator)")
        for field_id in fields:
            specific = [e for e in self.entries if not e.user and field_id in e.fields
                        and e.kind in ("association",)]
            for entry in specific[:2]:
                add(entry, [field_id], f"{entry.why}; your objective names {who} ({self._label(field_id)})")
        for topic, pattern in zip(self.topics, self._topic_patterns):
            hit = pattern.search(text)
            if hit:
                add(topic, list(fields[:1]), f"{topic.why}; your objective is about {hit.group(1).lower()}")
        primary = fields[0] if fields else None
        for entry in self.entries:
            if entry.user or entry.kind not in ("business-event",):
                continue
            if not entry.fields or (primary and primary in entry.fields):
                add(entry, list(fields[:1]), entry.why)
        if primary:
            for entry in self.entries:
                if not entry.user and ALL_FIELDS in entry.fields:
                    add(entry, [primary], entry.why)
        out = out[: max(limit - 1, 1)]
        label = self._label(primary).lower() if primary else "your field"
        out.append(Venue(
            f"Ask people you know in {label} which events and groups they attend",
            "ask-contacts", list(fields[:1]),
            "they know where their peers gather; asking them is itself a new, specific networking objective",
        ))
        return out

    def _label(self, field_id: str | None) -> str:
        if field_id and field_id in self.fields.fields:
            return self.fields.fields[field_id].label
        return field_id or ""

    def _fill(self, name: str, field_ids: list[str], place_suffix: str) -> str:
        label = self._label(field_ids[0]).lower() if field_ids else "your"
        return name.replace("{place}", place_suffix).replace("{field_label}", label)


def _read_file(path: Path, user: bool) -> tuple[list[_Entry], list[_Entry]]:
    if not path.is_file():
        raise VenueFileError(f"venue file not found: {path}")
    try:
        if path.suffix.lower() == ".json":
            raw = json.loads(path.read_text(encoding="utf-8"))
        else:
            with open(path, "rb") as fh:
                raw = tomllib.load(fh)
    except (ValueError, UnicodeDecodeError) as err:
        raise VenueFileError(f"{path}: not valid {'JSON' if path.suffix.lower() == '.json' else 'TOML'}: {err}") from err
    if not isinstance(raw, dict) or not (raw.get("venues") or raw.get("topics")):
        raise VenueFileError(f"{path}: expected a 'venues' list (and optionally 'topics'), got none")
    known = set(load_data().fields.ids) | {ALL_FIELDS}
    entries = [_entry(path, "venues", i, item, known, user, topic=False)
               for i, item in enumerate(raw.get("venues") or [], 1)]
    topics = [_entry(path, "topics", i, item, known, user, topic=True)
              for i, item in enumerate(raw.get("topics") or [], 1)]
    return entries, topics


def _entry(path: Path, section: str, number: int, item: object, known: set[str], user: bool,
           topic: bool) -> _Entry:
    where = f"{path}: {section} #{number}"
    if not isinstance(item, dict):
        raise VenueFileError(f"{where}: expected a table/object, got {type(item).__name__}")
    name, kind, why = item.get("name"), item.get("kind", "business-event"), item.get("why", "")
    if not isinstance(name, str) or not name.strip():
        raise VenueFileError(f"{where}: 'name' is required")
    if kind not in VENUE_KINDS:
        raise VenueFileError(f"{where}: kind {kind!r} is not one of {', '.join(VENUE_KINDS)}")
    fields = item.get("fields", [])
    if not isinstance(fields, list) or any(f not in known for f in fields):
        bad = [f for f in fields if f not in known] if isinstance(fields, list) else fields
        raise VenueFileError(f"{where}: unknown field ids {bad}; known: {', '.join(sorted(known - {ALL_FIELDS}))}")
    keywords = item.get("keywords", [])
    if topic and (not isinstance(keywords, list) or not keywords):
        raise VenueFileError(f"{where}: a topic needs a non-empty 'keywords' list")
    return _Entry(name.strip(), kind, tuple(fields), str(why), tuple(k.lower() for k in keywords), user)
