"""A progress line for batch runs on standard error (never standard output, which carries results)."""
from __future__ import annotations

import time
from pathlib import Path

import click

from .readers import open_table


class Progress:
    """Rows, rows per second and time left on standard error, redrawn in place (terminals only)."""

    def __init__(self, total: int | None):
        self.total = total
        self.started = time.monotonic()
        self._last = 0.0

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if now - self._last < 0.2 and done != self.total:
            return
        self._last = now
        rate = done / max(now - self.started, 1e-6)
        line = f"  {done:,} rows  {rate:,.0f} rows/s"
        if self.total:
            left = max(self.total - done, 0) / rate if rate else 0
            line = f"  {done:,}/{self.total:,} rows  {rate:,.0f} rows/s  {int(left) // 60}:{int(left) % 60:02d} left"
        # click.echo(err=True): click.progressbar would write to standard output.
        click.echo("\r" + line.ljust(60), nl=False, err=True)

    def finish(self) -> None:
        click.echo("\r" + " " * 60 + "\r", nl=False, err=True)


def count_rows(path: Path, fmt: str) -> int | None:
    """A quick row count for the progress bar's time left (a second read of the file)."""
    if not path.is_file():
        return None  # a pipe can be read only once: the run itself reads it
    try:
        return sum(1 for _ in open_table(path, fmt).rows)
    except Exception:  # a count is a nicety; the real read reports problems properly
        return None
