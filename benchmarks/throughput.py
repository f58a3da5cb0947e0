"""Throughput: the coach's whole grading against the bare base spaCy pipeline, same texts.

Runs alternate (bare, coach, bare, coach, …) in one process so that drift in the machine's speed
hits both alike; each coach run starts with an empty result cache and with nothing remembered
by the components (words' morphology, roles' occupations): ``Coach.clear_cache()``. Prints objectives per second
and the ratio, for the bundled objectives repeated to 6,000 (as a room repeats itself) and for
6,000 distinct texts (no cache can help), then ``--jobs 2`` against ``--jobs 1`` in ``--rounds``
alternating pairs (each pair's ratio and their median).

    python benchmarks/throughput.py [--n 6000] [--rounds 3]
"""
from __future__ import annotations

import argparse
import statistics

from _common import bundled_texts, machine, timed

import coach
from coach.base_model import load_base, resolve_base_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=6000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    print(f"machine: {machine()}")
    print(f"base pipeline: {resolve_base_model()} (all its components)")
    bare = load_base()
    c = coach.load()
    for label, texts in (("bundled objectives repeated", bundled_texts(args.n)),
                         ("distinct texts", bundled_texts(args.n, unique=True))):
        bare_times, coach_times = [], []
        for _ in range(args.rounds):
            bare_times.append(timed(lambda batch: list(bare.pipe(batch, batch_size=256)), texts))
            c.clear_cache()
            coach_times.append(timed(lambda batch: list(c.check_many(batch)), texts))
        b, k = statistics.median(bare_times), statistics.median(coach_times)
        print(f"{label} ({len(texts)} texts, {len(set(texts))} distinct), median of {args.rounds}:")
        print(f"  bare spaCy pipe : {len(texts) / b:8.0f} objectives/s")
        print(f"  coach check_many: {len(texts) / k:8.0f} objectives/s  (ratio coach/bare {b / k:.2f})")
    # --jobs 2 against --jobs 1 in alternating pairs: the machine's speed drifts by several per cent
    # between runs a few seconds apart, so one pair's ratio is noisy; the median of the pairs' is not.
    texts = bundled_texts(args.n, unique=True)
    ratios = []
    for round_ in range(args.rounds):
        rates = {}
        for jobs in (1, 2):
            c.clear_cache()
            seconds = timed(lambda batch, n: list(c.check_many(batch, n_process=n)), texts, jobs)
            rates[jobs] = len(texts) / seconds
        ratios.append(rates[2] / rates[1])
        print(f"distinct texts, pair {round_ + 1}: --jobs 1 {rates[1]:6.0f}/s, --jobs 2 {rates[2]:6.0f}/s "
              f"(ratio {ratios[-1]:.2f})")
    print(f"--jobs 2 / --jobs 1, median of {len(ratios)} pairs: {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
