"""Titles people actually wrote, not in O*NET: role recall and field accuracy on real wording.

Data: the labelled real-wording objectives (``data/real.jsonl``, one split). Every gold *target*
role whose text (lower case, or it without one final "s") is not exactly an O*NET 27.0 title
(occupation, alternate, short or reported title) is scored, in its own sentence and context, as
the people who wrote it put it: found when a target role of the coach overlaps it; field accuracy
over the found ones ("any": some field of the coach's role is a gold field; "first": its first
field is). Unlike the development title sets, nothing here was written to test the coach, and the
titles come in the proportions people use them; unlike them, a title is also missed when the coach
reads the relation wrong (a target taken for a mention).

    python benchmarks/real_titles.py [--split dev|test|train] [--onet PATH] [--errors]
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import coach

ROOT = Path(__file__).resolve().parents[1]


def onet_titles(onet: Path) -> set[str]:
    """Lower-case O*NET 27.0 titles: occupations, alternate and short titles, reported titles."""
    def read(name: str) -> list[dict]:
        with open(onet / name, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    names = {r["Title"].lower() for r in read("Occupation Data.txt")}
    for r in read("Alternate Titles.txt"):
        names.add(r["Alternate Title"].lower())
        if r["Short Title"] != "n/a":
            names.add(r["Short Title"].lower())
    return names | {r["Reported Job Title"].lower() for r in read("Sample of Reported Titles.txt")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    parser.add_argument("--onet", type=Path, default=ROOT.parent / "shared" / "data" / "onet-27.0")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    if args.errors and args.split == "test":
        parser.error("--errors prints texts and labels: not on the test split (it is scored, never read)")
    names = onet_titles(args.onet)
    rows = [row for row in map(json.loads, (ROOT / "data" / "real.jsonl").read_text(encoding="utf-8").splitlines())
            if row["split"] == args.split]
    results = coach.load().check_many([row["text"] for row in rows], errors="keep")
    scored = in_onet = found = any_field = first_field = 0
    errors = []
    for row, result in zip(rows, results):
        for gold in row["roles"]:
            low = gold["text"].lower()
            if low in names or (low.endswith("s") and low[:-1] in names):
                in_onet += 1
                continue
            scored += 1
            start = row["text"].find(gold["text"])
            end = start + len(gold["text"])
            hits = [r for r in result.roles if r.target and r.start < end and r.end > start]
            if not hits:
                errors.append(f"missed | {gold['text']} | {row['text'][:120]!r}")
                continue
            found += 1
            fields = hits[0].fields
            any_field += bool(set(fields) & set(gold["fields"]))
            first_field += bool(fields) and fields[0] in gold["fields"]
            if not set(fields) & set(gold["fields"]):
                errors.append(f"field | {gold['text']} | {fields} | {gold['fields']}")
    print(f"real wording, {args.split} split ({len(rows)} objectives): {scored} gold target roles not in O*NET "
          f"({in_onet} exact O*NET titles left out)")
    print(f"role recall            {found / max(scored, 1):.3f}  ({found}/{scored})")
    print(f"field accuracy (any)   {any_field / max(found, 1):.3f}")
    print(f"field accuracy (first) {first_field / max(found, 1):.3f}")
    if args.errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
