"""Build ``coach/resources/onet/`` from the O*NET 27.0 database and the hand-reviewed crosswalk.

    python scripts/build_onet.py [--onet ../shared/data/onet-27.0]

Reads the O*NET files (CC BY 4.0, see ``data/onet/CROSSWALK.md`` for the attribution) and
``data/onet/occupation_fields.tsv``; writes ``occupations.tsv``, ``titles.tsv.gz``,
``related.tsv``, ``technology.tsv``, ``title_model.npz`` and ``metrics.json``. The title
classifier is evaluated on O*NET titles held out by title (about 10%, stratified by
occupation); its confidence is calibrated on another held-out 10%; the shipped model holds the
other titles. Deterministic (seed 13): the same inputs give the same files.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.lang.en.stop_words import STOP_WORDS  # noqa: E402

from coach.occupations import normalize_title  # noqa: E402
from coach.title_classifier import TitleClassifier  # noqa: E402

OUT = ROOT / "coach" / "resources" / "onet"
CROSSWALK = ROOT / "data" / "onet" / "occupation_fields.tsv"
SEED = 13


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


#: How much one listing of a title counts for its occupation (``titles.tsv.gz``'s weights): the
#: occupation's own title most; an alternate title once per source that reports it (O*NET's
#: "Source(s)" column: "Store Manager" has five sources under First-Line Supervisors of Retail
#: Sales Workers, three under General and Operations Managers); a reported title twice when O*NET
#: shows it in My Next Move ("Y"), else once. Ties between occupations are then rare.
OWN_TITLE_WEIGHT = 6


def gather_titles(onet: Path) -> dict[str, Counter]:
    """Normalised title -> Counter of codes (weighted listings), from titles, alternates, short
    titles and reported titles."""
    titles: dict[str, Counter] = defaultdict(Counter)

    def add(text: str, code: str, weight: int = 1) -> None:
        # A title that is one acronym in capitals ("ATCS", "CDOS") is read as before, as a plural.
        key = normalize_title(text.lower() if text.isupper() and " " not in text.strip() else text)
        if key and len(key) > 1:
            titles[key][code] += weight
        for acronym in re.findall(r"\(([A-Za-z][A-Za-z0-9&/.-]{1,9})\)", text):  # "(CFO)"
            titles[normalize_title(acronym.lower())][code] += weight

    for row in read_tsv(onet / "Occupation Data.txt"):
        add(row["Title"], row["O*NET-SOC Code"], OWN_TITLE_WEIGHT)
    for row in read_tsv(onet / "Alternate Titles.txt"):
        weight = max(1, len([s for s in row["Source(s)"].split(",") if s.strip()]))
        add(row["Alternate Title"], row["O*NET-SOC Code"], weight)
        if row["Short Title"] != "n/a":
            add(row["Short Title"], row["O*NET-SOC Code"], weight)
    for row in read_tsv(onet / "Sample of Reported Titles.txt"):
        add(row["Reported Job Title"], row["O*NET-SOC Code"], 2 if row["Shown in My Next Move"] == "Y" else 1)
    return titles


def split_titles(titles: dict[str, Counter]) -> dict[str, str]:
    """title -> train | dev | test, by title, stratified by (most common) occupation."""
    by_code: dict[str, list[str]] = defaultdict(list)
    for title, codes in sorted(titles.items()):
        by_code[codes.most_common(1)[0][0]].append(title)
    rng = random.Random(SEED)
    split = {}
    for code in sorted(by_code):
        group = by_code[code]
        rng.shuffle(group)
        n_hold = len(group) // 10 if len(group) >= 5 else 0
        for i, title in enumerate(group):
            split[title] = "test" if i < n_hold else "dev" if i < 2 * n_hold else "train"
    return split


def evaluate(model: TitleClassifier, titles: list[str], gold: list[str], fields: dict[str, list[str]]) -> dict:
    top1 = top3 = field_right = 0
    for title, code in zip(titles, gold):
        ranked = [c for c, _ in model.top(title, k=3)]
        top1 += ranked[0] == code
        top3 += code in ranked
        field_right += bool(fields.get(ranked[0])) and fields[ranked[0]][0] in fields.get(code, [])
    n = len(titles)
    return {"n": n, "top1": round(top1 / n, 4), "top3": round(top3 / n, 4), "field_accuracy": round(field_right / n, 4)}


def technology(onet: Path, known: set[str]) -> list[tuple[str, str, list[str]]]:
    """(key, display name, codes) of named tools: the product name without its vendor
    ("Autodesk AutoCAD" -> "autocad"), leaving out names that are English words ("Word",
    "Access", "Project"): as a qualifier they would fire on ordinary text."""
    rows = read_tsv(onet / "Technology Skills.txt")
    first_words = Counter(r["Example"].split()[0] for r in rows if " " in r["Example"])
    vendors = {w for w, n in first_words.items() if n >= 5 and w[:1].isupper()}
    by_key: dict[str, tuple[str, Counter]] = {}
    generic = {"software", "suite", "system", "systems", "enterprise", "edition", "online", "cloud", "server"}
    for row in rows:
        words = re.sub(r"\s*\([^)]*\)", "", row["Example"]).split()
        while len(words) > 1 and words[0] in vendors:
            words = words[1:]
        words = [w for w in words if w.lower() not in generic]
        if not words:
            continue
        for name in dict.fromkeys((" ".join(words), words[0])):
            key = name.lower()
            if len(key) < 3 or not re.search(r"[a-z]", key) or key in known or " " not in key and key.isdigit():
                continue
            if " " in key and all(w in known or not w.isalpha() for w in key.split()):
                continue  # "search engine", "freight reservation": a kind of tool, not a named one
            if key.split()[0] in STOP_WORDS:
                continue  # "for", "the …": function words are no tool
            if " " not in key and not re.fullmatch(r"[a-z0-9][a-z0-9.+#-]*[a-z0-9+#]", key):
                continue
            display, codes = by_key.setdefault(key, (name, Counter()))
            codes[row["O*NET-SOC Code"]] += 1
    return [(key, display, [c for c, _ in codes.most_common(8)]) for key, (display, codes) in sorted(by_key.items())]


#: Endings of words that name a person even when the word is also an English word ("florist").
PERSON_SUFFIXES = ("ist", "ian", "man", "woman", "person", "wright", "smith", "eer", "ician")


def write_role_lexicon(titles: dict[str, Counter]) -> None:
    """``lexicon/onet_heads.txt.gz``: one-word O*NET titles that name people ("farrier",
    "doula"), leaving out English words that also name things ("printer", "monitor") unless
    their ending names a person; ``lexicon/onet_titles.txt.gz``: the multi-word titles."""
    lexicon = OUT.parent / "lexicon"
    with gzip.open(lexicon / "known_words.txt.gz", "rt", encoding="utf-8") as fh:
        known = set(fh.read().split())
    heads = sorted(t for t in titles if " " not in t and t.isalpha() and len(t) > 3
                   and (t not in known or t.endswith(PERSON_SUFFIXES)))
    multi = sorted(t for t in titles if " " in t)
    for name, lines in (("onet_heads.txt.gz", heads), ("onet_titles.txt.gz", multi)):
        with open(lexicon / name, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
            fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{len(heads)} one-word and {len(multi)} multi-word O*NET titles -> {lexicon}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, default=ROOT.parent / "shared" / "data" / "onet-27.0")
    args = parser.parse_args()
    onet = args.onet
    OUT.mkdir(parents=True, exist_ok=True)

    crosswalk = {row["code"]: row for row in read_tsv(CROSSWALK)}
    occupations = read_tsv(onet / "Occupation Data.txt")
    missing = [r["O*NET-SOC Code"] for r in occupations if r["O*NET-SOC Code"] not in crosswalk]
    if missing:
        raise SystemExit(f"crosswalk lacks {len(missing)} occupations, e.g. {missing[:3]}")
    fields = {code: row["fields"].split(",") for code, row in crosswalk.items()}
    with open(OUT / "occupations.tsv", "w", encoding="utf-8") as fh:
        fh.write("code\ttitle\tfields\n")
        for r in occupations:
            code = r["O*NET-SOC Code"]
            fh.write(f"{code}\t{r['Title']}\t{crosswalk[code]['fields']}\n")

    titles = gather_titles(onet)
    with open(OUT / "titles.tsv.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        for title in sorted(titles):
            for code, n in sorted(titles[title].items()):
                fh.write(f"{title}\t{code}\t{n}\n".encode("utf-8"))

    related: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in read_tsv(onet / "Related Occupations.txt"):
        related[row["O*NET-SOC Code"]].append((int(row["Index"]), row["Related O*NET-SOC Code"]))
    with open(OUT / "related.tsv", "w", encoding="utf-8") as fh:
        fh.write("code\trelated (O*NET's order: primary-short, primary-long, supplemental)\n")
        for code in sorted(related):
            fh.write(f"{code}\t{','.join(c for _, c in sorted(related[code]))}\n")

    with gzip.open(OUT.parent / "lexicon" / "known_words.txt.gz", "rt", encoding="utf-8") as fh:
        known = set(fh.read().split())
    with open(OUT / "technology.tsv", "w", encoding="utf-8") as fh:
        fh.write("key\tname\tcodes\n")
        for key, name, codes in technology(onet, known):
            fh.write(f"{key}\t{name}\t{','.join(codes)}\n")

    write_role_lexicon(titles)

    split = split_titles(titles)
    label = {t: c.most_common(1)[0][0] for t, c in titles.items()}
    part = {s: [t for t in sorted(titles) if split[t] == s] for s in ("train", "dev", "test")}
    held_out = TitleClassifier().fit(part["train"], [label[t] for t in part["train"]])
    held_out.calibrate(part["dev"], [label[t] for t in part["dev"]])
    metrics = {"titles": {s: len(v) for s, v in part.items()},
               "held_out_test": evaluate(held_out, part["test"], [label[t] for t in part["test"]], fields)}
    print(json.dumps(metrics, indent=2))
    shipped = part["train"] + part["test"]
    model = TitleClassifier().fit(shipped, [label[t] for t in shipped])
    model.calibrate(part["dev"], [label[t] for t in part["dev"]])
    model.save(OUT / "title_model.npz")
    (OUT / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")


if __name__ == "__main__":
    main()
