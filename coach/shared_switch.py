"""A process-wide setting changed while any of several overlapping users needs it.

The garbage collector paused while a chunk is graded (:mod:`coach.api`) and the BLAS libraries
held to one thread while a product runs (:mod:`coach.base_ops`) are process-wide, and chunks or
products may overlap in several threads: the first user in changes the setting, and only the
last one out puts it back, whatever order they leave in.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class SharedSwitch:
    """``held()`` keeps a setting changed while any holder is inside.

    ``switch`` changes the setting and returns what puts it back; it runs when the first holder
    enters, and what it returned runs when the last holder leaves."""

    def __init__(self, switch: Callable[[], Callable[[], None]]) -> None:
        self._switch = switch
        self._lock = threading.Lock()
        self._holders = 0
        self._restore: Callable[[], None] | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self._holders == 0:
                self._restore = self._switch()
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0:
                    restore, self._restore = self._restore, None
                    restore()
