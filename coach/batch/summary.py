"""A running summary of a graded room: counts per grade, common roles, fields and codes, the best."""
from __future__ import annotations

import heapq
import time
from collections import Counter
from dataclasses import dataclass, field

from ..rubric import GRADES


@dataclass
class RoomSummary:
    """Updated once per row; holds counters and the few strongest objectives, never all rows."""

    rows: int = 0
    errors: int = 0
    grades: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    fields: Counter = field(default_factory=Counter)
    feedback: Counter = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)
    keep_best: int = 3
    column: str = ""
    #: What the reader had to decide or skip (delimiter, cp1252 lines, sheets, repeated headers).
    notes: list[str] = field(default_factory=list)
    _best: list = field(default_factory=list)

    def add(self, result, label: str = "") -> None:
        """Count one graded row (or one that could not be graded)."""
        self.rows += 1
        if result.grade is None:
            self.errors += 1
            return
        self.grades[result.grade] += 1
        self.roles.update({r.text.lower() for r in result.roles if r.target})
        self.fields.update(result.fields)
        self.feedback.update(f.code for f in result.feedback)
        if result.grade == "specific":
            item = (result.probabilities["specific"], -self.rows, result.text, label)
            if len(self._best) < self.keep_best:
                heapq.heappush(self._best, item)
            else:
                heapq.heappushpop(self._best, item)

    @property
    def best(self) -> list[tuple[str, str, float]]:
        """The strongest objectives: (text, participant label, p_specific), best first."""
        return [(text, label, p) for p, _, text, label in sorted(self._best, reverse=True)]

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def counts(self) -> dict[str, int]:
        return {g: self.grades.get(g, 0) for g in GRADES}

    def line(self) -> str:
        """One line for standard error at the end of a run."""
        per_grade = ", ".join(f"{n} {g}" for g, n in self.counts().items())
        return (f"graded {self.rows} rows ({per_grade}; {self.errors} with errors) "
                f"in {self.seconds:.1f}s" + "".join(f"; {note}" for note in self.notes))
