"""Grade a table of submissions into an output file: one output row per input row, in order.

The library entry point is :func:`grade_table`; ``coach grade`` is a thin layer over it. Output
files are written through :func:`coach.safe_output.atomic_output` (re-exported here): claimed
exclusively, written to a temporary file and renamed into place only when complete, never
replacing anything but a regular file, and never an existing one unless ``force`` is set.

While grading, ``SIGTERM`` and ``SIGHUP`` stop the run like Ctrl-C does (cleanly, exit status
128 + signal), and worker processes started for ``jobs > 1`` are stopped with it: none is left
behind, whatever ends the run.
"""
from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from ..safe_output import OutputError, OutputExistsError, atomic_output, check_target, signals_as_exit
from .readers import InputFileError, Table, detect_column
from .summary import RoomSummary
from .writers import make_writer

__all__ = ["GradeOptions", "grade_table", "grade_rows", "name_column_of", "atomic_output", "check_target",
           "OutputError", "OutputExistsError"]

NAME_HEADERS = ("name", "full name", "participant", "your name", "participant name", "first name", "attendee")
#: Rows read before choosing the objective column by length and fixing the output's header.
SAMPLE_ROWS = 50
#: Seconds a worker process gets to stop after the run ends before it is killed.
WORKER_GRACE = 5.0


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
    """Yield (input row, check result) pairs in input order; bad rows get a result with ``error``.

    A row the reader could not read (``row.error``) is not sent to the coach; its result carries
    the reader's reason.
    """
    from ..api import CheckResult

    rows_a, rows_b = itertools.tee(table.rows)
    texts = (row.get(column, "") for row in rows_a if not getattr(row, "error", None))
    results = coach.check_many(texts, errors="keep", n_process=jobs)
    try:
        for row in rows_b:
            error = getattr(row, "error", None)
            if error:
                yield row, CheckResult(text="", grade=None, probabilities={}, error=error)
            else:
                yield row, next(results)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()


def grade_table(coach, table: Table, out: IO[bytes], options: GradeOptions,
                progress: Callable[[int], None] | None = None) -> RoomSummary:
    """Grade every row of ``table`` into the binary stream ``out``; return the room's summary.

    The output's header is fixed from the columns known after the first :data:`SAMPLE_ROWS`
    rows. A table with no rows raises :class:`InputFileError` before anything is written.
    """
    with signals_as_exit(), _no_orphan_workers():
        sample = list(itertools.islice(table.rows, SAMPLE_ROWS))
        if not sample:
            raise InputFileError("the input holds no rows to grade")
        column = detect_column(table.columns, sample, options.column)
        columns = list(table.columns)  # fixed here: columns found later go to the overflow column
        table.rows = itertools.chain(sample, table.rows)
        name_column = name_column_of(columns, column)
        writer = make_writer(options.output_format, out, columns, name_column, column)
        summary = RoomSummary(notes=table.notes)
        label_of = getattr(writer, "label_of", lambda row: "")
        try:
            for row, result in grade_rows(coach, table, column, jobs=options.jobs):
                writer.write(row, result)
                summary.add(result, label=label_of(row))
                if progress is not None:
                    progress(summary.rows)
        except BaseException:
            getattr(writer, "abort", lambda: None)()  # a stopped run: let the writer end quietly
            raise
        writer.close(summary)
        summary.column = column
        return summary


@contextlib.contextmanager
def _no_orphan_workers() -> Iterator[None]:
    """Stop any worker process started inside the block when it ends, however it ends.

    spaCy joins its workers when grading finishes normally; when the run is stopped (an error,
    Ctrl-C, SIGTERM) a worker may still be waiting for work that will never come.
    """
    before = set(multiprocessing.active_children())
    with warnings.catch_warnings():
        # spaCy warns that workers "did not complete" when a stopped run ends them; that is the point.
        warnings.filterwarnings("ignore", message=r"\[W127\]")
        try:
            yield
        finally:
            workers = [p for p in multiprocessing.active_children() if p not in before]
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.join(WORKER_GRACE)
                if worker.is_alive():
                    worker.kill()
                    worker.join(1.0)
