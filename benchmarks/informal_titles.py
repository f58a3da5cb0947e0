"""Roles, occupations and fields on job titles written the way people write them.

Data: ``tests/data/informal_titles.jsonl`` (titles not in O*NET, each in a sentence, with gold
O*NET codes and fields; see ``tests/data/INFORMAL_TITLES.md``). It is an evaluation set only:
nothing is fitted or tuned on it.

A title counts as found when a *target* role's span overlaps the title in its sentence. Field
accuracy is over found titles: "any" = some predicted field is a gold field (the measure of
``coach evaluate``), "primary" = the role's first field is a gold field. Occupation accuracy:
the role's occupation code is one of the gold codes.

    python benchmarks/informal_titles.py [--data FILE] [--rows even|odd] [--unseen] [--errors]

``--rows even`` keeps rows 0, 2, 4, ... of the file, ``--rows odd`` rows 1, 3, 5, ... (0-based), so a
development set can be split once into a half for tuning and a half held back. ``--unseen``
leaves out rows whose title (any case) is also a title of a development set other than ``--data``
(``data/dev/informal_titles_dev*.jsonl``): the sets were written apart and share some titles (134 of
the first development set's 417 are in the held-out set), and the development sets are tuned on and,
since stop 16, train the field model.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import coach

DATA = Path(sys.argv[sys.argv.index("--data") + 1]) if "--data" in sys.argv else Path(__file__).resolve().parents[1] / "tests" / "data" / "informal_titles.jsonl"


def development_titles(exclude: Path) -> set[str]:
    """Lower-case titles of every development set but ``exclude``."""
    titles = set()
    for path in sorted((Path(__file__).resolve().parents[1] / "data" / "dev").glob("informal_titles_dev*.jsonl")):
        if path.resolve() != exclude.resolve():
            titles |= {json.loads(line)["title"].lower() for line in path.read_text(encoding="utf-8").splitlines()
                       if line.strip()}
    return titles


def main() -> None:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    if "--rows" in sys.argv:
        parity = sys.argv[sys.argv.index("--rows") + 1]
        rows = rows[{"even": 0, "odd": 1}[parity]::2]
    if "--unseen" in sys.argv:
        seen = development_titles(exclude=DATA)
        rows = [r for r in rows if r["title"].lower() not in seen]
    c = coach.load()
    found = any_field = primary_field = occupation_right = occupation_known = 0
    by_form: Counter = Counter()
    by_form_found: Counter = Counter()
    errors = []
    for row, result in zip(rows, c.check_many([r["sentence"] for r in rows])):
        start = row["sentence"].index(row["title"])
        end = start + len(row["title"])
        by_form[row["form"]] += 1
        match = next((r for r in result.roles if r.target and r.start < end and start < r.end), None)
        if match is None:
            errors.append(("missed", row["title"], row["sentence"], [r.text for r in result.roles]))
            continue
        found += 1
        by_form_found[row["form"]] += 1
        any_field += bool(set(match.fields) & set(row["fields"]))
        primary_field += bool(match.fields and match.fields[0] in row["fields"])
        occupation = getattr(match, "occupation", None)
        if occupation:
            occupation_known += 1
            occupation_right += occupation.code in row["onet"]
        if not (match.fields and match.fields[0] in row["fields"]):
            errors.append(("field", row["title"], match.fields, row["fields"]))
    n = len(rows)
    print(f"{n} titles in sentences ({DATA.name}{', ' + parity + ' rows' if '--rows' in sys.argv else ''}"
          f"{', not in other development sets' if '--unseen' in sys.argv else ''})")
    print(f"role recall            {found / n:.3f}  ({found}/{n})")
    print(f"field accuracy (any)   {any_field / max(found, 1):.3f}")
    print(f"field accuracy (first) {primary_field / max(found, 1):.3f}")
    if occupation_known:
        print(f"occupation known       {occupation_known / max(found, 1):.3f}; right when known "
              f"{occupation_right / occupation_known:.3f}; right of all found {occupation_right / max(found, 1):.3f}")
    print("recall by form: " + ", ".join(f"{f} {by_form_found[f] / by_form[f]:.2f}" for f in sorted(by_form)))
    if "--errors" in sys.argv:
        for e in errors:
            print(*e, sep=" | ")


if __name__ == "__main__":
    main()
