"""The HTML report shows every venue of an objective (at most five) and the ask line."""
from __future__ import annotations

from html import escape

from click.testing import CliRunner

from coach.batch.html_report import venue_items
from coach.cli import main
from coach.venues import Venue


def test_report_cards_list_all_venues_and_the_ask_line(tmp_path, coach_instance):
    objective = "Meet owners of CNC machine shops in Ohio who do aerospace work and need AS9100 certification"
    source = tmp_path / "room.csv"
    source.write_text(f"name,objective\nAna,{objective}\n", encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["grade", str(source), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    venues = coach_instance.check(objective).venues
    assert len(venues) == 6  # five venues and the ask line
    for v in venues:
        assert escape(v.name) in html
    assert '<li class="ask">Ask two owners of CNC machine shops you know' in html


def test_venue_items_escape_and_mark_the_ask_line():
    html = venue_items([Venue("<b>Club</b>", "meetup", [], "why & how"),
                        Venue("Ask two CFOs you know which associations and events they go to", "ask-contacts", [],
                              "they know")])
    assert "&lt;b&gt;Club&lt;/b&gt; <span class=meta>(meetup) — why &amp; how</span>" in html
    assert html.endswith('<li class="ask">Ask two CFOs you know which associations and events they go to '
                         '<span class=meta>— they know</span></li>')
