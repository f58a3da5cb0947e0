"""Venue accuracy on the venue evaluation set (``tests/data/venue_eval.jsonl``, see VENUE_EVAL.md).

For every objective the coach's venues are scored against that line's patterns
(case-insensitive regexes, applied to each venue's name; the "ask people you know" line is left
out, as VENUE_EVAL.md says):

- **right in top 3**: one of the first three venues matches an acceptable pattern;
- **wrong anywhere**: any venue matches a wrong pattern;
- **first right** / **first wrong**: the same for the first venue alone.

Figures are printed for the whole set, the development half (odd line numbers, the only half
looked at while building the venue ranking) and the held-out half (even line numbers).

    python benchmarks/venues.py                     # the coach of this checkout
    python benchmarks/venues.py --misses dev        # also list the dev half's misses
    PYTHONPATH=../other-checkout python benchmarks/venues.py   # another version, same evaluator

It only uses ``coach.load()`` and ``Coach.check(text).venues`` (``name``, ``kind``), so it runs
unchanged against older versions of the package.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL_FILE = ROOT / "tests" / "data" / "venue_eval.jsonl"
ASK_KIND = "ask-contacts"


@dataclass(frozen=True)
class Case:
    line: int  # 1-based line number in the file: odd lines are the dev half, even the held-out half
    id: str
    objective: str
    field: str
    acceptable: tuple[re.Pattern, ...]
    wrong: tuple[re.Pattern, ...]

    @property
    def half(self) -> str:
        return "dev" if self.line % 2 else "held-out"


@dataclass(frozen=True)
class Scored:
    case: Case
    venues: tuple[str, ...]  # names, ask line left out
    right_top3: bool
    first_right: bool
    wrong: tuple[str, ...]  # venues that match a wrong pattern

    @property
    def any_wrong(self) -> bool:
        return bool(self.wrong)


def read_cases(path: Path = EVAL_FILE) -> list[Case]:
    cases = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            cases.append(Case(number, row["id"], row["objective"], row["field"],
                              tuple(re.compile(p, re.I) for p in row["acceptable"]),
                              tuple(re.compile(p, re.I) for p in row["wrong"])))
    return cases


def score(case: Case, venues) -> Scored:
    """Score one objective's venues (objects with ``name`` and ``kind``)."""
    names = tuple(v.name for v in venues if v.kind != ASK_KIND)

    def right(name: str) -> bool:
        return any(p.search(name) for p in case.acceptable)

    wrong = tuple(n for n in names if any(p.search(n) for p in case.wrong))
    return Scored(case, names, any(right(n) for n in names[:3]), bool(names) and right(names[0]), wrong)


def run(coach, cases: list[Case]) -> list[Scored]:
    return [score(case, coach.check(case.objective).venues) for case in cases]


def figures(scored: list[Scored]) -> dict[str, float]:
    n = len(scored) or 1
    return {
        "n": len(scored),
        "right_top3": sum(s.right_top3 for s in scored) / n,
        "first_right": sum(s.first_right for s in scored) / n,
        "any_wrong": sum(s.any_wrong for s in scored) / n,
        "first_wrong": sum(bool(s.venues) and s.venues[0] in s.wrong for s in scored) / n,
        "venues_per_objective": sum(len(s.venues) for s in scored) / n,
    }


def halves(scored: list[Scored]) -> dict[str, list[Scored]]:
    return {"whole": scored,
            "dev (odd lines)": [s for s in scored if s.case.half == "dev"],
            "held-out (even lines)": [s for s in scored if s.case.half == "held-out"]}


def table(scored: list[Scored]) -> str:
    rows = ["| set | objectives | right in top 3 | first right | wrong anywhere | first wrong | venues each |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, part in halves(scored).items():
        f = figures(part)
        rows.append(f"| {name} | {f['n']} | {f['right_top3']:.1%} | {f['first_right']:.1%} | {f['any_wrong']:.1%} "
                    f"| {f['first_wrong']:.1%} | {f['venues_per_objective']:.1f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", choices=("dev", "held-out", "all"), help="list misses of this half")
    parser.add_argument("--file", type=Path, default=EVAL_FILE)
    args = parser.parse_args(argv)

    import coach

    print(f"coach from {Path(coach.__file__).parent}")
    c = coach.load()
    scored = run(c, read_cases(args.file))
    print(table(scored))
    if args.misses:
        for s in scored:
            if args.misses != "all" and s.case.half != args.misses:
                continue
            if s.right_top3 and not s.any_wrong:
                continue
            flags = ("" if s.right_top3 else "NO-RIGHT-TOP3 ") + ("WRONG " if s.any_wrong else "")
            print(f"\n{s.case.line} {s.case.id} {flags}{s.case.objective}")
            for name in s.venues:
                print(f"    {'!' if name in s.wrong else ' '} {name}")


if __name__ == "__main__":
    sys.exit(main())
