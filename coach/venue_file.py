"""Checking a user's venues file (``--venues FILE``) before :mod:`coach.venues` reads it.

:mod:`coach.venues` checks what its entries mean (known kinds and field ids); this checks what
they are: a TOML or JSON document of bounded nesting whose ``venues`` and ``topics`` are lists
of tables with string ``name``, ``kind`` and ``why`` and lists of strings ``fields`` and
``keywords``. Anything else is one :class:`~coach.venues.VenueFileError` line, never a
``TypeError`` or ``RecursionError`` from deep inside the loader.
"""
from __future__ import annotations

import io
import tomllib
from pathlib import Path

from .textio import TextInputError, TextLines, loads_json

#: Largest venues file read: a facilitator's local events, not a database.
MAX_VENUE_FILE_BYTES = 4 << 20
_STRING_KEYS = ("name", "kind", "why")
_LIST_KEYS = ("fields", "keywords")


def read_venue_file(path: Path | str) -> dict:
    """A user's venues file, parsed; :class:`~coach.venues.VenueFileError` (one line) when it is
    missing, too large, not UTF-8, not valid TOML/JSON, nested too deeply or wrongly typed."""
    from .venues import VenueFileError

    path = Path(path)
    if path.is_dir():
        raise VenueFileError(f"venue file {path} is a folder; name the TOML or JSON file in it")
    if not path.exists():
        raise VenueFileError(f"venue file not found: {path}")
    kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
    try:
        # Read with a cap, not by its size: a named pipe (`--venues <(…)`) or a device has none.
        with open(path, "rb") as fh:
            raw = fh.read(MAX_VENUE_FILE_BYTES + 1)
        if len(raw) > MAX_VENUE_FILE_BYTES:
            raise VenueFileError(f"{path}: larger than {MAX_VENUE_FILE_BYTES >> 20} MiB; is it a venues file?")
        # Decoded as every other input is (a byte-order mark decides, UTF-16 and UTF-32 too).
        # No cap per line beyond the file's own: a minified JSON export is one long line.
        text = "".join(TextLines(io.BytesIO(raw), str(path), max_line=MAX_VENUE_FILE_BYTES + 1))
    except TextInputError as err:
        raise VenueFileError(f"not valid {kind}: {err}") from None
    except OSError as err:
        raise VenueFileError(f"cannot read venue file {path}: {err.strerror or err}") from None
    try:
        data = loads_json(text) if kind == "JSON" else tomllib.loads(text)
    except RecursionError:
        raise VenueFileError(f"{path}: not valid {kind}: nested too deeply") from None
    except ValueError as err:  # tomllib.TOMLDecodeError and JSON errors are ValueErrors
        raise VenueFileError(f"{path}: not valid {kind}: {err}") from None
    problem = venue_data_problem(data)
    if problem:
        raise VenueFileError(f"{path}: {problem}")
    return data


def venue_data_problem(data: object) -> str | None:
    """What is wrong with the shape of a parsed venues document, or None.

    >>> venue_data_problem({"venues": 5})
    "'venues' must be a list of tables, got int"
    >>> venue_data_problem({"topics": [{"name": "CRM", "keywords": 5}]})
    "topics #1: 'keywords' must be a list of strings, got int"
    >>> venue_data_problem({"venues": [{"name": "Akron Sales Breakfast", "fields": ["sales"]}]})
    """
    if not isinstance(data, dict):
        return f"expected a table/object with a 'venues' list, got {type(data).__name__}"
    for section in ("venues", "topics"):
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            return f"{section!r} must be a list of tables, got {type(items).__name__}"
        for number, item in enumerate(items, 1):
            where = f"{section} #{number}"
            if not isinstance(item, dict):
                return f"{where}: expected a table/object, got {type(item).__name__}"
            for key in _STRING_KEYS:
                if key in item and not isinstance(item[key], str):
                    return f"{where}: {key!r} must be a string, got {type(item[key]).__name__}"
            for key in _LIST_KEYS:
                value = item.get(key)
                if value is None:
                    continue
                if not isinstance(value, list):
                    return f"{where}: {key!r} must be a list of strings, got {type(value).__name__}"
                odd = next((v for v in value if not isinstance(v, str)), None)
                if odd is not None or any(v is None for v in value):
                    return f"{where}: {key!r} must be a list of strings, not holding {type(odd).__name__}"
    return None
