"""Write ``coach/resources/venues.cache.json``: the built-in venue file, parsed, for a fast start.

    python scripts/build_venue_cache.py

The TOML stays the file to edit; the cache records its SHA-256 and is used only while it matches.
"""
from __future__ import annotations

import hashlib
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.paths import VENUES_FILE  # noqa: E402
from coach.venues import builtin_cache_path  # noqa: E402


def main() -> None:
    raw = VENUES_FILE.read_bytes()
    data = {"source_sha256": hashlib.sha256(raw).hexdigest(), "venues_file": tomllib.loads(raw.decode("utf-8"))}
    out = builtin_cache_path(VENUES_FILE)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out} ({out.stat().st_size:,} bytes) from {VENUES_FILE.name}")


if __name__ == "__main__":
    main()
