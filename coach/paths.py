"""Where the coach's files live. Used only for defaults; every path can be overridden.

Two homes:

- **Package resources** (``coach/resources/``): everything ``coach`` needs at run time (the
  trained grader, lexicons, vocabularies, fields, venues). They ship inside the wheel and are
  found with :mod:`importlib.resources`, so an installed ``coach`` works from any folder.
- **The checkout** (``data/``, ``models/`` beside the package): labeled data and model cards,
  only there when running from a clone. :func:`checkout_dir` says whether we are.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: The package's own data folder. Installed wheels unpack to the file system, so this is a
#: real directory (spaCy and NumPy want paths, not traversables).
RESOURCES_DIR = Path(str(files("coach") / "resources"))

FIELDS_FILE = RESOURCES_DIR / "fields.toml"
VENUES_FILE = RESOURCES_DIR / "venues.toml"
LEXICON_DIR = RESOURCES_DIR / "lexicon"
VOCAB_DIR = RESOURCES_DIR / "vocab"
#: The grader that ships with the package.
GRADER_DIR = RESOURCES_DIR / "grader"


def checkout_dir() -> Path | None:
    """The project checkout this package was imported from, or None when installed elsewhere.

    A checkout is recognised by its ``pyproject.toml`` naming this project next to ``coach/``.
    """
    root = RESOURCES_DIR.parent.parent
    pyproject = root / "pyproject.toml"
    try:
        if pyproject.is_file() and 'name = "objective-coach"' in pyproject.read_text(encoding="utf-8"):
            return root
    except OSError:
        return None
    return None


def data_file(name: str) -> Path:
    """A file in the checkout's ``data/`` folder (labeled data, examples); raises when not in a checkout."""
    root = checkout_dir()
    if root is None:
        raise FileNotFoundError(f"data/{name} is part of the project checkout, not the installed package")
    return root / "data" / name


def default_train_output() -> Path:
    """Where ``coach train`` writes when not told: the checkout's ``models/grader``, else ``./grader``."""
    root = checkout_dir()
    return root / "models" / "grader" if root is not None else Path("grader")
