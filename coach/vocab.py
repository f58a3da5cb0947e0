"""The rule words, one list per concept, as data (``coach/resources/vocab/*.txt``).

Each file holds one entry a line (a word or a phrase, lower case); ``#`` starts a comment. The
components read their lists from here, so a word added to ``need_verbs.txt`` reaches the need
finder and the qualifier finder alike: no copies to drift apart.

>>> "steer" in words("need_verbs")
True
"""
from __future__ import annotations

import functools
from pathlib import Path

from . import paths


def read_list(path: Path) -> tuple[str, ...]:
    """Entries of one list file, in file order, without comments, blanks or duplicates."""
    entries: dict[str, None] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            entry = line.split("#", 1)[0].strip()
            if entry:
                entries[entry] = None
    return tuple(entries)


@functools.lru_cache(maxsize=None)
def phrases(name: str, directory: Path | None = None) -> tuple[str, ...]:
    """The list ``name`` in file order (for lists whose order matters, e.g. longest match first)."""
    path = Path(directory or paths.VOCAB_DIR) / f"{name}.txt"
    if not path.is_file():
        raise KeyError(f"no word list {name!r} in {path.parent}")
    return read_list(path)


@functools.lru_cache(maxsize=None)
def words(name: str, directory: Path | None = None) -> frozenset[str]:
    """The list ``name`` as a set, for membership tests."""
    return frozenset(phrases(name, directory))

