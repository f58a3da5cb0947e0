"""Memory: peak RSS of `coach grade` on a generated file of 100,000 rows (bundled objectives
with ids and names), for each output format asked for, against the same command on 1,000 rows.

With ``--jobs N`` the workers are processes of their own: the figure is then the peak of the
whole process tree's proportional set size (PSS: pages shared between the forked workers and the
main process counted once), sampled every 0.2 s, beside the main process's own peak RSS.

    python benchmarks/memory.py [--rows 100000] [--formats html csv] [--repeated] [--jobs 2]
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from _common import bundled_texts, machine


def write_rows(path: Path, n: int, repeated: bool) -> None:
    # Distinct texts by default: repeated ones would be answered from the coach's result cache
    # and the run would measure the cache, not the parser.
    texts = bundled_texts(n, unique=not repeated)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "name", "objective"])
        for k, text in enumerate(texts[:n]):
            writer.writerow([k, f"Participant {k}", text])


def peak_rss_mb(cmd: list[str]) -> tuple[float, float, float]:
    """(peak RSS of the child in MB, peak PSS of its process tree in MB, seconds). Each run is a
    fresh child, measured alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tree_peak = 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        tree_peak = max(tree_peak, tree_pss_mb(proc.pid))
        time.sleep(0.2)
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with status {status}")
    return usage.ru_maxrss / 1024, tree_peak, time.perf_counter() - start


def tree_pss_mb(root: int) -> float:
    """Proportional set size of ``root`` and its descendants, in MB (Linux; 0 elsewhere)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir() if Path("/proc/self/smaps_rollup").exists() else ():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--formats", nargs="+", default=["html"])
    parser.add_argument("--repeated", action="store_true", help="repeat the bundled texts as they are")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    coach_bin = shutil.which("coach") or "coach"
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1_000, args.rows):
            source = Path(tmp) / f"rows-{n}.csv"
            write_rows(source, n, args.repeated)
            for fmt in args.formats:
                out = Path(tmp) / f"out-{n}.{fmt}"
                mb, tree, seconds = peak_rss_mb([coach_bin, "grade", str(source), "-o", str(out), "-q", "--force",
                                                 "--jobs", str(args.jobs)])
                print(f"coach grade {n:>7,} rows -> {fmt:<4} --jobs {args.jobs}: peak RSS {mb:7.0f} MB, "
                      f"process tree peak PSS {tree:7.0f} MB, {seconds:6.1f} s "
                      f"({n / seconds:,.0f} rows/s), output {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
