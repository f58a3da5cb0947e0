"""Throughput: the coach's whole grading against the bare base spaCy pipeline, same texts.

Runs alternate (bare, coach, bare, coach, …) in one process so that drift in the machine's speed
hits both alike; each coach run starts with an empty result cache and with nothing remembered
by the components (words' morphology, roles' occupations): ``Coach.clear_cache()``. Prints objectives per second
and the ratio, for the bundled objectives repeated to 6,000 (as a room repeats itself) and for
6,000 distinct texts (no cache can help), then ``--jobs 2``.

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
    texts = bundled_texts(args.n, unique=True)
    for jobs in (1, 2):
        c.clear_cache()
        seconds = timed(lambda batch, n: list(c.check_many(batch, n_process=n)), texts, jobs)
        print(f"distinct texts, --jobs {jobs}: {len(texts) / seconds:8.0f} objectives/s")


if __name__ == "__main__":
    main()
