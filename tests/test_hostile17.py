"""A new and a hostile user's inputs (pass hostile17), each reproduced, fixed behaviour asserted.

Earlier passes are in ``test_reliability.py`` and ``test_adversarial.py``; these are what was
still broken after them.
"""
from __future__ import annotations

import gc
import sys

import pytest

from coach.api import CheckResult
from coach.batch.summary import RoomSummary
from coach.batch.writers import XlsxWriter


class _ClosedPipe:
    """Standard output whose reader went away (``| head -c 100``) after ``room`` bytes."""

    def __init__(self, room: int):
        self.room = room

    def write(self, data) -> int:
        if len(data) > self.room:
            raise BrokenPipeError(32, "Broken pipe")
        self.room -= len(data)
        return len(data)

    def flush(self) -> None:
        pass


def test_xlsx_to_a_closed_pipe_fails_once_without_a_second_traceback(monkeypatch):
    # `coach grade in.csv --format xlsx | head -c 100` printed "Exception ignored in ZipFile.__del__"
    # and a traceback after the broken pipe: the half-written archive tried to write its end
    # record to the dead stream again when it was collected.
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    writer = XlsxWriter(_ClosedPipe(100), ["objective"])
    result = CheckResult(text="Meet CPAs", grade="improved", probabilities={"vague": 0.1, "improved": 0.8, "specific": 0.1})
    for _ in range(50):
        writer.write({"objective": "Meet CPAs"}, result)
    with pytest.raises(BrokenPipeError):
        writer.close(RoomSummary())
    del writer
    gc.collect()
    assert unraisable == []


# -- nothing from input is ever run: the plan's Markdown --------------------------------------

HOSTILE_ANSWERS = {
    "what": "learn which CRM they use [click](javascript:alert(1)) \\<b>bold</b>",
    "who": "<img src=x onerror=alert(1)> sales professionals",
    "narrow": "who use <script>alert(1)</script> Salesforce in Akron",
}


def test_plan_markdown_shows_participant_markup_as_text(coach_instance):
    # The plan quoted answers as written, so `plan.md` opened in a Markdown viewer ran the
    # participant's <img onerror> / <script> and made their [link](javascript:…) clickable.
    from coach.plan import PlanCoach

    _draft, plan = PlanCoach(coach_instance).run_scripted("Get <b>new</b> business", HOSTILE_ANSWERS)
    markdown = plan.to_markdown()
    assert "onerror=alert(1)" in markdown and "<script>alert(1)</script>" not in markdown
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(markdown)
    for tag in ("<img", "<script", "<b>", "<a "):
        assert tag not in html, tag
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown, as written
    assert "[click](javascript:alert(1))" in html
