"""Assemble ``data/real.jsonl`` from the gathered real objectives (``data/real/*.jsonl``).

Each line keeps its source address; the split is by *source site* (the address's host), so
no site has objectives on two sides: ``test`` about a quarter of sites, ``dev`` about a sixth,
``train`` the rest, from a hash of the host (stable when rows are added). Duplicated texts are
kept once. See ``data/README.md`` (real wording) for provenance and labeling rules.

    python scripts/assemble_real.py               # write data/real.jsonl
    python scripts/assemble_real.py --agreement   # first vs blind second labels on the sample
    python scripts/assemble_real.py --agreement more_second_labels.jsonl   # the same for real/more.jsonl
    python scripts/assemble_real.py --agreement extra_second_labels.jsonl  # the same for real/extra.jsonl

Collections in ``TRAIN_DEV_ONLY`` (gathered after the test split was fixed) put each site in train
or dev only (about 70/30 by a hash of the host), so they never add to the test split.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

DATA = Path(__file__).resolve().parents[1] / "data"
SOURCES = ("forums", "career", "recruiting", "more", "extra", "batch6a", "batch6b", "batch6c", "batch7", "batch8a", "batch8b", "batch9b", "batch9a", "batch10a", "batch10b", "batch11a", "batch11b", "batch12a", "batch12b", "batch13a", "batch13b", "batch14a", "batch14b", "batch15a", "batch16a", "batch16b", "batch17a", "batch17b", "batch18a", "batch18b", "batch19a", "batch19b", "batch20b", "batch20a", "batch21a", "batch21b", "batch22a", "batch22b", "batch23b", "batch23a", "batch24a", "batch24b")
# Collections gathered after the test split was fixed: their sites join train or dev only, so the
# test split stays what it was (rows only ever scored once must not grow under tuning).
TRAIN_DEV_ONLY = ("batch7", "batch8a", "batch8b", "batch9b", "batch9a", "batch10a", "batch10b", "batch11a", "batch11b", "batch12a", "batch12b", "batch13a", "batch13b", "batch14a", "batch14b", "batch15a", "batch16a", "batch16b", "batch17a", "batch17b", "batch18a", "batch18b", "batch19a", "batch19b", "batch20b", "batch20a", "batch21a", "batch21b", "batch22a", "batch22b", "batch23b", "batch23a", "batch24a", "batch24b")


def host_of(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def site_of(url: str) -> str:
    """The source site of a later collection: the host, and for GitHub the repository.

    Different repositories on github.com are different writers, so collections gathered after the
    test split was fixed count each repository as its own site ("github.com/owner/repo"); the earlier
    collections keep the plain host, so their rows and splits do not change.
    """
    host = host_of(url)
    if host == "github.com":
        parts = [p for p in urlparse(url).path.split("/") if p][:2]
        return "/".join([host] + [p.lower() for p in parts])
    return host


def split_of_host(host: str) -> str:
    bucket = int(hashlib.sha256(host.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if bucket < 0.25 else "dev" if bucket < 0.42 else "train"


def split_of_new_host(host: str) -> str:
    """Train or dev (about 70/30) for a site of a collection that may not add to the test split."""
    bucket = int(hashlib.sha256(("train-dev:" + host).encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "dev" if bucket < 0.3 else "train"


def main() -> None:
    seen: set[str] = set()
    rows = []
    split_of_site: dict[str, str] = {}
    dropped = 0
    for name in SOURCES:
        for line in (DATA / "real" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            key = " ".join(row["text"].lower().split())
            if key in seen:
                continue
            row["collection"] = name
            row["host"] = site_of(row["source_url"]) if name in TRAIN_DEV_ONLY else host_of(row["source_url"])
            row["split"] = split_of_site.get(row["host"]) or (split_of_new_host(row["host"]) if name in TRAIN_DEV_ONLY else split_of_host(row["host"]))
            if name in TRAIN_DEV_ONLY and row["split"] == "test":
                # A later collection never adds to the test split, even from a site already there.
                dropped += 1
                continue
            seen.add(key)
            split_of_site.setdefault(row["host"], row["split"])
            row["own_role"] = row["own_roles"][0] if row.get("own_roles") else None
            rows.append(row)
    out = DATA / "real.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    counts = {s: sum(r["split"] == s for r in rows) for s in ("train", "dev", "test")}
    hosts = {s: len({r["host"] for r in rows if r["split"] == s}) for s in counts}
    print(f"{len(rows)} objectives -> {out}: {counts}; sites {hosts}; {dropped} dropped (a later collection's site already in test)")


def _spans(text: str, roles: list) -> list[tuple[int, int, tuple[str, ...]]]:
    out = []
    for role in roles:
        name = role["text"] if isinstance(role, dict) else role
        start = text.find(name)
        if start >= 0:
            out.append((start, start + len(name), tuple(role.get("fields", [])) if isinstance(role, dict) else ()))
    return out


def agreement(second_file: str = "second_labels.jsonl") -> None:
    """Grade agreement and Cohen's kappa, role precision/recall by span overlap, field agreement."""
    first = {}
    for name in SOURCES:
        for line in (DATA / "real" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                first[row["text"]] = row
    second = [json.loads(line) for line in (DATA / "real" / second_file).read_text(encoding="utf-8").splitlines()
              if line.strip()]
    pairs = [(first[s["text"]], s) for s in second]
    n = len(pairs)
    observed = sum(a["grade"] == b["grade"] for a, b in pairs) / n
    ca, cb = Counter(a["grade"] for a, _ in pairs), Counter(b["grade"] for _, b in pairs)
    expected = sum(ca[g] * cb[g] for g in ca) / n / n
    found_a = found_b = n_a = n_b = fields_same = fields_n = 0
    for a, b in pairs:
        sa, sb = _spans(a["text"], a["roles"]), _spans(b["text"], b["roles"])
        n_a, n_b = n_a + len(sa), n_b + len(sb)
        for x in sa:
            match = [y for y in sb if x[0] < y[1] and y[0] < x[1]]
            if match:
                found_a += 1
                fields_n += 1
                fields_same += bool(set(x[2]) & set(match[0][2]))
        found_b += sum(any(x[0] < y[1] and y[0] < x[1] for x in sa) for y in sb)
    print(f"{n} texts: grade agreement {observed:.3f}, Cohen's kappa {(observed - expected) / (1 - expected):.3f}; "
          f"roles (second vs first) precision {found_b / n_b:.3f}, recall {found_a / n_a:.3f}; "
          f"fields of shared roles {fields_same / fields_n:.3f}")


if __name__ == "__main__":
    if "--agreement" in sys.argv:
        rest = sys.argv[sys.argv.index("--agreement") + 1:]
        agreement(*rest[:1])
    else:
        main()
