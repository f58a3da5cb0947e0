"""Cold start: wall time of `coach check "…"` against loading the bare base pipeline, and the
time of a second objective in the same process.

Both sides start from compiled bytecode, as an installed package does (``pip install`` writes
the ``.pyc`` files of spaCy and of the coach alike): with ``PYTHONDONTWRITEBYTECODE`` set, as in
some shells, Python would otherwise compile the coach's 40-odd modules from source on every run
while spaCy's come compiled from ``site-packages``. The coach's bytecode is written once before
timing (``compileall``, into its ``__pycache__`` folders); ``--no-compile`` leaves it as it is.

    python benchmarks/cold_start.py [--runs 7] [--no-compile]
"""
from __future__ import annotations

import argparse
import compileall
import importlib.util
import shutil
import statistics
import subprocess
import sys
import time

from _common import machine

from coach.base_model import resolve_base_model


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-compile", action="store_true",
                        help="do not write the coach's bytecode first (see the module docstring)")
    args = parser.parse_args()
    package = importlib.util.find_spec("coach").submodule_search_locations[0]
    if not args.no_compile:
        compileall.compile_dir(package, quiet=1)
    base = resolve_base_model()
    coach_cmd = [shutil.which("coach") or "coach", "check", "Meet sales trainers in Akron"]
    bare_cmd = [sys.executable, "-c", f"import spacy; spacy.load({base!r})"]
    wall(coach_cmd), wall(bare_cmd)  # warm the file cache once
    coach_times, bare_times = [], []
    for _ in range(args.runs):  # alternate, so both see the same machine
        bare_times.append(wall(bare_cmd))
        coach_times.append(wall(coach_cmd))
    b, k = statistics.median(bare_times), statistics.median(coach_times)
    print(f"machine: {machine()}")
    print(f"median of {args.runs} runs (the coach's bytecode {'as it was' if args.no_compile else 'compiled first'}):")
    print(f"  python -c 'import spacy; spacy.load({base!r})': {b:.2f} s")
    print(f"  coach check \"…\"                               : {k:.2f} s  ({k / b:.2f}x the bare load)")

    import coach

    c = coach.load()
    c.check("Meet CFOs of mid-sized manufacturers")
    seconds = []
    for k_ in range(20):
        start = time.perf_counter()
        c.check(f"Meet sales trainers in Akron who use a CRM ({k_})")
        seconds.append(time.perf_counter() - start)
    print(f"  a further objective in the same process       : {1000 * statistics.median(seconds):.1f} ms (median of 20)")


if __name__ == "__main__":
    main()
