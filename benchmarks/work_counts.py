"""Work per objective, counted: Token objects made, Doc iteration steps, ``doc[...]`` calls, ``span._``
accessors and Python function calls of ``check_many`` on distinct texts (cProfile call counts).

Unlike timings these counts do not depend on what else the machine runs, so two commits can be
compared on a busy host (run from each; fix ``PYTHONHASHSEED`` for counts that match run to run):

    PYTHONHASHSEED=0 python benchmarks/work_counts.py [--n 1000]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats

from _common import bundled_texts, machine

import coach

#: cProfile's key of each counted callable, and its name in the output.
COUNTED = {
    "token.pxd:22(cinit)": "Token objects",
    "doc.pyx:507(__iter__)": "steps of `for token in doc`",
    "doc.pyx:474(__getitem__)": "doc[...] calls",
    "underscore.py:23(__init__)": "span._ accessors",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    c = coach.load()
    texts = bundled_texts(args.n + 100, unique=True)
    list(c.check_many([f"Warm-up: {t}" for t in texts[:100]]))  # (loads what is loaded lazily)
    profile = cProfile.Profile()
    profile.enable()
    list(c.check_many(texts[100:args.n + 100]))
    profile.disable()
    stats = pstats.Stats(profile, stream=io.StringIO())
    counts = {"Python function calls": stats.total_calls}
    for (path, line, name), row in stats.stats.items():
        label = COUNTED.get(f"{path.split('/')[-1]}:{line}({name})")
        if label:
            counts[label] = row[1]  # (all calls, recursive ones included)
    print(f"{args.n} distinct objectives, per objective:")
    for label, count in counts.items():
        print(f"  {label:<30} {count / args.n:9.1f}")


if __name__ == "__main__":
    main()
