"""Where the project's bundled files live. Used only for defaults; every path can be overridden."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PROJECT_DIR / "data"
MODELS_DIR = PROJECT_DIR / "models"

FIELDS_FILE = DATA_DIR / "fields.toml"
VENUES_FILE = DATA_DIR / "venues.toml"
LEXICON_DIR = DATA_DIR / "lexicon"
OBJECTIVES_FILE = DATA_DIR / "objectives.jsonl"
EXAMPLES_FILE = DATA_DIR / "examples.txt"
GRADER_DIR = MODELS_DIR / "grader"
