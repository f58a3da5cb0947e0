"""One base class for every error the coach reports to people.

A :class:`CoachError` is expected (bad input, a missing model, a malformed file): the CLI prints
its message as one line and exits 2; the API raises it. Anything else is a bug.
"""
from __future__ import annotations


class CoachError(Exception):
    """An expected, user-facing error: its message is one line that says what to do."""

    exit_code = 2
