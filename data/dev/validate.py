"""Check the development sets of informal titles (see README.md): format, fields, forms, O*NET codes,
and that no title is exactly an O*NET title (lower-cased, or with one final "s" stripped) or in the
other dev set.

    python data/dev/validate.py [--onet ../shared/data/onet-27.0]
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONET = Path(sys.argv[sys.argv.index("--onet") + 1]) if "--onet" in sys.argv else HERE.parents[2] / "shared" / "data" / "onet-27.0"
FIELDS = set("sales marketing finance hr technology engineering healthcare legal real-estate construction "
             "manufacturing supply-chain education nonprofit hospitality retail media-creative government "
             "insurance consulting entrepreneurship investment science agriculture energy".split())
FORMS = {"plural", "abbreviation", "informal", "british", "typo", "rare", "modifier-trap"}


def read(name: str) -> list[dict]:
    with open(ONET / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def main() -> None:
    codes = {r["O*NET-SOC Code"] for r in read("Occupation Data.txt")}
    names = {r["Title"].lower() for r in read("Occupation Data.txt")}
    for r in read("Alternate Titles.txt"):
        names.add(r["Alternate Title"].lower())
        if r["Short Title"] != "n/a":
            names.add(r["Short Title"].lower())
    names |= {r["Reported Job Title"].lower() for r in read("Sample of Reported Titles.txt")}
    seen: dict[str, str] = {}
    problems = 0
    for path in sorted(HERE.glob("informal_titles_dev*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            title, low = row["title"], row["title"].lower()
            wrong = [w for w, bad in (
                ("keys", not {"title", "sentence", "onet", "fields", "form"} <= set(row) <= {"title", "sentence", "onet", "fields", "form", "source"}),
                ("title not in sentence", title not in row["sentence"]),
                ("onet", not 1 <= len(row["onet"]) <= 3 or len(set(row["onet"])) != len(row["onet"])
                 or not set(row["onet"]) <= codes),
                ("fields", not 1 <= len(row["fields"]) <= 2 or len(set(row["fields"])) != len(row["fields"])
                 or not set(row["fields"]) <= FIELDS),
                ("form", row["form"] not in FORMS),
                ("in O*NET", low in names or (low.endswith("s") and low[:-1] in names)),
                ("duplicate", low in seen),
            ) if bad]
            seen.setdefault(low, path.name)
            if wrong:
                problems += 1
                print(f"{path.name}:{n}: {title}: {', '.join(wrong)}")
    print(f"{len(seen)} titles, {problems} with problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
