"""``python -m coach`` and the ``coach`` console script run the command line."""
from __future__ import annotations

import atexit
import errno
import io
import os
import sys

from .safe_output import interrupts_deferred


def run() -> None:
    """Run the command line; Ctrl-C while it is still being imported exits 130 without a traceback.

    Only the standard library is imported before the ``try``: importing the command line imports
    spaCy, which takes about a second, and Ctrl-C is held back until that is done.
    """
    _stand_in_for_closed_streams()
    try:
        with interrupts_deferred():
            from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        raise SystemExit(130) from None
    try:
        main()
    except SystemExit as done:
        _exit_now(done.code)
    except BrokenPipeError:
        _exit_now(1)  # the reader went away ("| head"): nothing more to say
    except OSError as err:
        # Writing the results failed (a full disk, a device error): one line, not a traceback.
        _exit_now(f"Error: cannot write the output: {err.strerror or err}", status=2)
    _exit_now(0)


class _ClosedOutput(io.RawIOBase):
    """Standard output when it was closed (``>&-``): writing anything to it fails with one
    line (exit 2), as a full disk would, instead of an AttributeError on None."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if len(data):
            raise OSError(errno.EBADF, "standard output is closed")
        return 0


def _stand_in_for_closed_streams() -> None:
    """Python sets ``sys.stdin``, ``sys.stdout`` or ``sys.stderr`` to None when its descriptor
    is closed.

    A closed standard input reads as empty (as ``< /dev/null``). Results written to a closed
    standard output are an error (a run that writes only to ``-o FILE`` succeeds); messages for
    a closed standard error are dropped, and the exit status still says how the run ended.
    """
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the whole run
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(_ClosedOutput(), encoding="utf-8", write_through=True)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run


def _exit_now(code, status: int = 1) -> None:
    """Exit without tearing the interpreter down.

    Freeing the coach's word lists, titles and models object by object takes about 0.3 s, a
    sixth of a cold ``coach check``, for nothing: the process is ending. Everything the command
    wrote is closed by then (the commands write through context managers); what was registered
    to run at exit still runs, and the standard streams are flushed, then the process ends.
    """
    atexit._run_exitfuncs()
    if isinstance(code, int):
        status = code
    elif code is None:
        status = 0
    else:
        try:
            print(code, file=sys.stderr)  # as SystemExit("message") would
        except (OSError, ValueError):
            pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or 1  # a closed pipe: nothing more can be written
    os._exit(status)


if __name__ == "__main__":
    run()
