"""Writing an output file so that nothing is lost, replaced by surprise, or left half-written.

:func:`atomic_output` is the one way ``coach grade -o`` and ``coach plan -o`` write files:

- **Only regular files are replaced**, and only with ``force``. A folder, device (``/dev/null``),
  FIFO, socket, a dangling symbolic link, or a path under ``/dev``, ``/proc`` or ``/sys`` is
  refused: leave out ``-o`` to write to standard output. A symbolic link to a regular file is
  written through (the link stays, its target is replaced).
- **The name is claimed atomically**: a new output file is created exclusively (``O_EXCL``) before
  anything is written, so of two runs writing the same new name without ``force``, the second
  stops at once instead of silently losing its work or the first one's.
- **Writes go to a temporary file** beside the target, renamed into place only when complete. On
  an error, Ctrl-C, ``SIGTERM`` or ``SIGHUP`` the temporary file and the claim are removed
  (:func:`signals_as_exit` turns those signals into exceptions while writing).
- **Operating-system errors** (read-only folder, disk full, a name too long) become one
  :class:`OutputError` line.
"""
from __future__ import annotations

from .errors import CoachError

import contextlib
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

#: Paths that are never output files.
_SPECIAL_ROOTS = ("/dev/", "/proc/", "/sys/")


class OutputError(CoachError, OSError):
    """The output cannot be written where asked; the message says why in one line."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "cannot write the output"


class OutputExistsError(OutputError, FileExistsError):
    """The output file exists and ``force`` was not given."""


class Terminated(SystemExit):
    """Raised in the main thread by ``SIGTERM`` or ``SIGHUP`` inside :func:`signals_as_exit`.

    A ``SystemExit`` whose code is 128 + the signal number, as a shell reports a killed process.
    """

    def __init__(self, signum: int):
        super().__init__(128 + signum)
        self.signum = signum

    @property
    def signal_name(self) -> str:
        return signal.Signals(self.signum).name


@contextlib.contextmanager
def signals_as_exit() -> Iterator[None]:
    """Turn ``SIGTERM`` and ``SIGHUP`` into :class:`Terminated` while the block runs, so that
    ``finally`` clauses (removing temporary files, stopping worker processes) run.

    Worker processes started inside the block (spaCy's ``n_process``) are told to stop first: a
    worker blocked sending results that will never be read would otherwise keep spaCy's clean-up
    waiting for it forever. Forked workers inherit the handlers; in them the signals, and Ctrl-C,
    end the worker quietly instead of printing a traceback each. Only the main thread can set
    handlers: elsewhere the block runs unchanged. Previous handlers are restored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    import multiprocessing

    owner = os.getpid()
    earlier = {p.pid for p in multiprocessing.active_children()}

    def handler(signum, frame):
        if os.getpid() != owner:
            raise SystemExit(128 + signum)
        for worker in multiprocessing.active_children():
            if worker.pid not in earlier:
                with contextlib.suppress(OSError):
                    os.kill(worker.pid, signal.SIGTERM)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Terminated(signum)

    previous = {}
    try:
        for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None), signal.SIGINT):
            if signum is None:
                continue
            current = signal.getsignal(signum)
            # Ctrl-C keeps its meaning (KeyboardInterrupt) and is only taken over from Python's
            # default handler, never from a host's own (Jupyter's, for instance).
            if signum == signal.SIGINT and current is not signal.default_int_handler:
                continue
            previous[signum] = signal.signal(signum, handler)
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C back while the block runs, and raise ``KeyboardInterrupt`` right after it.

    For start-up (importing and loading spaCy, about a second): a ``KeyboardInterrupt`` raised
    there can land inside C code that swallows it (the run then goes on, after printing "Exception
    ignored"), or inside the ``eval`` of a namedtuple, which makes the interpreter kill itself with
    SIGINT at exit however the exception was handled. Only the main thread, and only over Python's
    default handler.
    """
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back while the block runs (they are delivered after it)."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}
    previous = block(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)


def check_target(path: Path | None, force: bool) -> Path | None:
    """The file to write for output ``path``, or :class:`OutputError` saying why not.

    Call it early (before slow work) for a quick refusal; :func:`atomic_output` calls it again.
    ``None`` (standard output) passes through.
    """
    if path is None:
        return None
    text = str(path)
    if text in ("", "."):
        raise OutputError("no output file name given")
    if text.startswith(_SPECIAL_ROOTS) or os.path.realpath(text).startswith(_SPECIAL_ROOTS):
        raise OutputError(f"{path} is not a regular file; leave out -o to write to standard output")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror or err}") from None
    if info is None:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise OutputError(f"output folder does not exist: {folder}")
        return path
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except OSError:
            raise OutputError(f"{path} is a symbolic link to nothing; not replacing it") from None
        path = Path(os.path.realpath(path))
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path} is not a regular file (a device, pipe or socket); not replacing it")
    if not force:
        raise OutputExistsError(f"{path} exists; use --force to overwrite it")
    return path


def refuse_inputs(output: Path | None, inputs: dict[str, Path | None]) -> None:
    """Raise :class:`OutputError` when ``output`` is one of the files the run reads.

    ``inputs`` maps what each file is ("input file", "answers file") to its path. Even with
    ``--force`` the run must not replace what it was given: the graded copy would be all that is
    left of the submissions. Other names for the same file (links, ``./``) count too.
    """
    if output is None:
        return
    for what, source in inputs.items():
        if source is None:
            continue
        try:
            same = os.path.samefile(output, source)
        except OSError:  # either does not exist (yet): not the same file
            continue
        if same:
            raise OutputError(f"{output} is the {what}; write the output to another file")


@contextlib.contextmanager
def atomic_output(path: Path | None, force: bool) -> Iterator[IO[bytes]]:
    """A binary stream for ``path``, renamed into place only when the block completes.

    ``None`` means standard output (written directly). See the module docstring for what is
    refused, claimed and cleaned up.
    """
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with signals_as_exit():
        target = check_target(Path(path), force)
        claim = _claim(target, force)
        tmp_name = None
        committed = False
        try:
            try:
                # A short prefix: the temporary name must fit where the target's name just fits.
                fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".partial",
                                                dir=target.parent)
                with os.fdopen(fd, "wb") as fh:
                    yield fh
                # mkstemp creates the file private (0600); give it the permissions a normal write would.
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp_name, 0o666 & ~umask)
                _check_still_ours(target, claim, force)
                os.replace(tmp_name, target)
                committed = True
            except OutputError:
                raise
            except OSError as err:
                raise OutputError(f"cannot write {path}: {err.strerror or err}") from None
        finally:
            if not committed:
                with _signals_deferred():  # a second Ctrl-C or SIGTERM must not cut the clean-up short
                    if tmp_name is not None:
                        with contextlib.suppress(OSError):
                            os.unlink(tmp_name)
                    _release(target, claim)


def _claim(target: Path, force: bool) -> tuple[int, int] | None:
    """Create ``target`` exclusively (empty); its identity, or None when it exists and ``force``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags, 0o666)
    except FileExistsError:
        if force:
            return None
        raise OutputExistsError(f"{target} exists (another run may be writing it); "
                                "use --force to overwrite it") from None
    except OSError as err:
        raise OutputError(f"cannot create {target}: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
    finally:
        os.close(fd)
    return info.st_dev, info.st_ino


def _identity(path: Path) -> tuple[int, int, int, int] | None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino, info.st_mode, info.st_size


def _check_still_ours(target: Path, claim: tuple[int, int] | None, force: bool) -> None:
    """Just before the rename: the target is still our claim, gone, or (with force) a regular file."""
    now = _identity(target)
    if now is None or (claim is not None and now[:2] == claim):
        return
    if not stat.S_ISREG(now[2]):
        raise OutputError(f"{target} was replaced by something that is not a regular file; not writing")
    if not force:
        raise OutputExistsError(f"{target} was created by someone else meanwhile; use --force to overwrite it")


def _release(target: Path, claim: tuple[int, int] | None) -> None:
    """Remove our empty claim, never a file someone else put there."""
    if claim is None:
        return
    now = _identity(target)
    if now is not None and now[:2] == claim and now[3] == 0:
        with contextlib.suppress(OSError):
            os.unlink(target)
