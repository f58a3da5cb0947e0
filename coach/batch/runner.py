"""Grade a table of submissions into an output file: one output row per input row, in order.

The library entry point is :func:`grade_table`; ``coach grade`` is a thin layer over it.
Output goes to a temporary file beside the target and is renamed into place only when complete,
so an interrupted run leaves no half-written report, and an existing file is never replaced
unless ``force`` is set.
"""
from __future__ import annotations

import contextlib
import itertools
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import CoachError
from .readers import Table, detect_column
from .summary import RoomSummary
from .writers import make_writer

NAME_HEADERS = ("name", "full name", "participant", "your name", "participant name", "first name", "attendee")
#: Rows read before choosing the objective column by length.
SAMPLE_ROWS = 50


class OutputExistsError(CoachError, FileExistsError):
    """The output file exists and ``force`` was not given."""


@dataclass
class GradeOptions:
    """Settings of one batch run (the CLI's flags, typed)."""

    column: str | None = None
    output_format: str = "csv"
    force: bool = False
    jobs: int = 1


def name_column_of(columns: list[str], objective_column: str) -> str | None:
    """The column holding participants' names, if any."""
    lowered = {c.strip().lower(): c for c in columns if c != objective_column}
    for header in NAME_HEADERS:
        if header in lowered:
            return lowered[header]
    return None


def grade_rows(coach, table: Table, column: str, jobs: int = 1) -> Iterator[tuple[dict[str, str], object]]:
    """Yield (input row, check result) pairs in input order; bad rows get a result with ``error``."""
    rows_a, rows_b = itertools.tee(table.rows)

    def texts() -> Iterator[str]:
        for row in rows_a:
            # A row the reader could not parse still gets its output row: "\x00" makes the coach
            # refuse it, and the reader's reason then replaces the coach's.
            yield "\x00" if "__error__" in row else row.get(column, "")

    for row, result in zip(rows_b, coach.check_many(texts(), errors="keep", n_process=jobs)):
        if "__error__" in row:
            result.error = row.pop("__error__")
        yield row, result


def grade_table(coach, table: Table, out: IO[bytes], options: GradeOptions,
                progress: Callable[[int], None] | None = None) -> RoomSummary:
    """Grade every row of ``table`` into the binary stream ``out``; return the room's summary."""
    sample = list(itertools.islice(table.rows, SAMPLE_ROWS))
    column = detect_column(table.columns, sample, options.column)
    table.rows = itertools.chain(sample, table.rows)
    name_column = name_column_of(table.columns, column)
    writer = make_writer(options.output_format, out, table.columns, name_column, column)
    summary = RoomSummary()
    label_of = getattr(writer, "label_of", lambda row: "")
    for row, result in grade_rows(coach, table, column, jobs=options.jobs):
        writer.write(row, result)
        summary.add(result, label=label_of(row))
        if progress is not None:
            progress(summary.rows)
    writer.close(summary)
    summary.column = column
    return summary


@contextlib.contextmanager
def atomic_output(path: Path | None, force: bool) -> Iterator[IO[bytes]]:
    """A binary stream for ``path`` written to a temporary file and renamed in place on success.

    ``None`` means standard output. Refuses an existing ``path`` unless ``force``.
    """
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; use --force to overwrite it")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise FileNotFoundError(f"output folder does not exist: {directory}")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        # mkstemp creates the file private (0600); give it the permissions a normal write would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
