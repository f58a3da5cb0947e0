"""Assemble ``data/real.jsonl`` from the gathered real objectives (``data/real/*.jsonl``).

Each line keeps its source address; the split is by *source site* (the address's host), so
no site has objectives on two sides: ``test`` about a quarter of sites, ``dev`` about a sixth,
``train`` the rest, from a hash of the host (stable when rows are added). Duplicated texts are
kept once. See ``data/README.md`` (real wording) for provenance and labeling rules.

    python scripts/assemble_real.py
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urlparse

DATA = Path(__file__).resolve().parents[1] / "data"
SOURCES = ("forums", "career", "recruiting")


def host_of(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def split_of_host(host: str) -> str:
    bucket = int(hashlib.sha256(host.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if bucket < 0.25 else "dev" if bucket < 0.42 else "train"


def main() -> None:
    seen: set[str] = set()
    rows = []
    for name in SOURCES:
        for line in (DATA / "real" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            key = " ".join(row["text"].lower().split())
            if key in seen:
                continue
            seen.add(key)
            row["collection"] = name
            row["host"] = host_of(row["source_url"])
            row["split"] = split_of_host(row["host"])
            row["own_role"] = row["own_roles"][0] if row.get("own_roles") else None
            rows.append(row)
    out = DATA / "real.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    counts = {s: sum(r["split"] == s for r in rows) for s in ("train", "dev", "test")}
    hosts = {s: len({r["host"] for r in rows if r["split"] == s}) for s in counts}
    print(f"{len(rows)} objectives -> {out}: {counts}; sites {hosts}")


if __name__ == "__main__":
    main()
