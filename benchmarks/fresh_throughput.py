"""Throughput in a fresh process: the bare base pipeline and the whole coach on distinct texts, once.

Unlike ``throughput.py`` (rounds in one process), each version of the code meets every text once,
after a 100-text warm-up that loads what is loaded lazily; nothing is remembered from an earlier
round, so two commits can be compared fairly by running this script from each (run it several
times, alternating).

    python benchmarks/fresh_throughput.py [--n 6000]
"""
from __future__ import annotations

import argparse

from _common import bundled_texts, machine, timed

import coach
from coach.base_model import load_base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=6000)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    bare, c = load_base(), coach.load()
    texts = bundled_texts(args.n, unique=True)
    warm = [f"Warm-up: {t}" for t in texts[:100]]
    list(bare.pipe(warm, batch_size=256))
    list(c.check_many(warm))
    b = timed(lambda: list(bare.pipe(texts, batch_size=256)))
    k = timed(lambda: list(c.check_many(texts)))
    print(f"{len(texts)} distinct texts, each once: bare {len(texts) / b:.0f}/s, coach {len(texts) / k:.0f}/s "
          f"(ratio coach/bare {b / k:.2f})")


if __name__ == "__main__":
    main()
