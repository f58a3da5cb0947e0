"""The facilitator's HTML report: one self-contained file (inline CSS and SVG, no scripts, no CDN).

A summary of the room first (count per grade as a bar chart, most common roles, fields and
feedback codes, the strongest objectives), then one card per participant. Cards are spooled to a
temporary file while grading, so memory stays flat however large the room. All participant text
is HTML-escaped, and long unbroken words wrap (``overflow-wrap:anywhere``) instead of widening
the page.
"""
from __future__ import annotations

import datetime as _dt
import shutil
import tempfile
from html import escape
from typing import IO

from .. import __version__
from ..inputs import MAX_CHARS
from ..rubric import GRADES
from .summary import RoomSummary

GRADE_COLOURS = {"vague": "#c0392b", "improved": "#d68910", "specific": "#1e8449"}
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:60rem;
color:#1c2833;line-height:1.45;padding:0 1rem;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:2px solid #d5d8dc;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#566573;font-size:.9rem}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.grid>div{min-width:0}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.15rem .4rem;border-bottom:1px solid #eaecee;font-size:.92rem}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.card{border:1px solid #d5d8dc;border-left:6px solid #aab7b8;border-radius:6px;padding:.7rem 1rem;margin:.8rem 0;break-inside:avoid}
.card.vague{border-left-color:#c0392b}.card.improved{border-left-color:#d68910}.card.specific{border-left-color:#1e8449}
.card.error{border-left-color:#7b7d7d;background:#f8f9f9}
.who{font-weight:600}.objective{font-size:1.05rem;margin:.2rem 0 .4rem}
.badge{display:inline-block;color:#fff;border-radius:3px;padding:0 .45rem;font-size:.8rem;font-weight:700;letter-spacing:.03em;text-transform:uppercase}
.badge.vague{background:#c0392b}.badge.improved{background:#b9770e}.badge.specific{background:#1e8449}.badge.error{background:#7b7d7d}
.probs{color:#566573;font-size:.85rem;margin-left:.4rem}ul{margin:.2rem 0 .3rem 1.1rem;padding:0}li{margin:.1rem 0}
.label{font-weight:600;font-size:.85rem;color:#424949;text-transform:uppercase;letter-spacing:.04em;margin-top:.4rem}
li.ask{list-style:none;margin-left:-1.1rem}li.ask:before{content:"\\2192  "}
.suggestion{background:#eaf2f8;border-radius:4px;padding:.35rem .6rem;margin:.3rem 0}
code{font-size:.85rem;background:#f4f6f6;padding:0 .25rem;border-radius:3px}
@media print{body{margin:0;max-width:none;font-size:10.5pt}.card{page-break-inside:avoid}h2{page-break-after:avoid}
.suggestion{background:none;border:1px solid #aab7b8}a{color:inherit;text-decoration:none}}
"""


def bar_chart_svg(counts: dict[str, int], width: int = 420, bar_height: int = 26) -> str:
    """Count per grade as an inline SVG horizontal bar chart (accessible: it has a title and text)."""
    total = max(sum(counts.values()), 1)
    peak = max(max(counts.values(), default=0), 1)
    label_w, gap = 80, 8
    height = len(counts) * (bar_height + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" '
             f'class="grade-chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             '<title id="chart-title">Objectives per grade</title>']
    for k, (grade, n) in enumerate(counts.items()):
        y = gap + k * (bar_height + gap)
        w = int((width - label_w - 90) * n / peak)
        parts.append(f'<text x="0" y="{y + bar_height * 0.7:.0f}" font-size="14">{escape(grade)}</text>')
        parts.append(f'<rect class="bar bar-{escape(grade)}" x="{label_w}" y="{y}" width="{max(w, 1)}" '
                     f'height="{bar_height}" fill="{GRADE_COLOURS.get(grade, "#7b7d7d")}"><title>{escape(grade)}: {n}</title></rect>')
        parts.append(f'<text x="{label_w + max(w, 1) + 6}" y="{y + bar_height * 0.7:.0f}" font-size="14">'
                     f'{n} ({100 * n / total:.0f}%)</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(title: str, counter, limit: int = 8) -> str:
    rows = "".join(f"<tr><td>{escape(str(k))}</td><td class=n>{n}</td></tr>" for k, n in counter.most_common(limit))
    return f"<div><h3>{escape(title)}</h3><table>{rows or '<tr><td>none</td></tr>'}</table></div>"


def _shortened(text: str, limit: int) -> str:
    """``text``, or its first ``limit`` characters and how long it is.

    >>> _shortened("x" * 12, 5)
    'xxxxx … (12 characters)'
    """
    return text if len(text) <= limit else f"{text[:limit]} … ({len(text):,} characters)"


class HtmlReportWriter:
    """Streams cards to a spool file; writes summary and cards at ``close``."""

    def __init__(self, fh: IO[bytes], columns: list[str], name_column: str | None, objective_column: str):
        self._fh = fh
        self._spool = tempfile.TemporaryFile()
        self._name_column = name_column
        self._objective_column = objective_column
        self._number = 0

    def label_of(self, row: dict[str, str]) -> str:
        """What the card calls the participant: their name if the input has one, else the row number."""
        name = (row.get(self._name_column) or "").strip() if self._name_column else ""
        return name or f"Participant {self._number}"

    def write(self, row: dict[str, str], result) -> None:
        self._number += 1
        self._spool.write(self.card(row, result).encode("utf-8", "replace"))

    def card(self, row: dict[str, str], result) -> str:
        """One participant's card."""
        who = escape(self.label_of(row))
        # A cell too long to grade (a pasted document) is shown in part: it is in the input anyway.
        objective = escape(_shortened(row.get(self._objective_column, result.text) or "", MAX_CHARS))
        if result.grade is None:
            return (f'<section class="card error" id="row-{self._number}"><div class="who">{who}</div>'
                    f'<div class="objective">{objective or "<em>(empty)</em>"}</div>'
                    f'<span class="badge error">not graded</span> {escape(result.error or "")}</section>\n')
        probs = " · ".join(f"{g} {result.probabilities[g]:.2f}" for g in GRADES)
        reasons = "".join(f"<li><code>{escape(f.code)}</code> {escape(f.message)}</li>" for f in result.feedback)
        targets = [r for r in result.roles if r.target]
        roles = "".join(f"<li>{escape(r.text)} <span class=meta>({escape(_occupation_label(r))}; "
                        f"{escape(', '.join(r.fields) or 'field unknown')})</span></li>"
                        for r in targets)
        venues = venue_items(result.venues)
        parts = [
            f'<section class="card {result.grade}" id="row-{self._number}">',
            f'<div class="who">{who}</div><div class="objective">{objective}</div>',
            f'<span class="badge {result.grade}">{result.grade}</span><span class="probs">{probs}</span>',
        ]
        if reasons:
            parts.append(f'<div class="label">Why</div><ul>{reasons}</ul>')
        parts.append(f'<div class="label">Next rewrite</div><div class="suggestion">{escape(result.suggestion)}</div>')
        if roles:
            parts.append(f'<div class="label">Who can help</div><ul>{roles}</ul>')
        if venues:
            parts.append(f'<div class="label">Where they gather</div><ul>{venues}</ul>')
        parts.append("</section>\n")
        return "".join(parts)

    def close(self, summary: RoomSummary) -> None:
        counts = summary.counts()
        best = "".join(
            f"<li><strong>{escape(label)}</strong>: {escape(text)} <span class=meta>(p={p:.2f})</span></li>"
            for text, label, p in summary.best) or "<li>No specific objective yet.</li>"
        created = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        head = (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>Networking objectives: workshop report</title>"
            f"<style>{CSS}</style></head><body>\n"
            "<h1>Networking objectives: workshop report</h1>"
            f"<p class=meta>{summary.rows} participants · {summary.errors} not graded · "
            f"made {created} by Objective Coach {__version__}</p>\n"
            f'<section id="summary"><h2>The room</h2>{bar_chart_svg(counts)}'
            '<div class="grid">'
            + _table("Most common roles", summary.roles)
            + _table("Fields", summary.fields)
            + _table("Most common feedback", summary.feedback)
            + "</div><h3>Strongest objectives</h3><ul>" + best + "</ul></section>\n"
            f'<section id="participants"><h2>Participants ({summary.rows})</h2>\n'
        )
        self._fh.write(head.encode("utf-8", "replace"))
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, self._fh)
        self._spool.close()
        self._fh.write(b"</section></body></html>\n")
        self._fh.flush()


def _occupation_label(role) -> str:
    """"Registered Nurses, O*NET 29-1141.00", or say that the occupation is unknown."""
    if role.occupation is None:
        return "occupation unknown"
    return f"{role.occupation.title}, O*NET {role.occupation.code}"


def venue_items(venues) -> str:
    """The "where they gather" list: every venue (at most five) with its kind and why, then the
    ask line, marked as the next step."""
    items = []
    for v in venues:
        if v.kind == "ask-contacts":
            items.append(f'<li class="ask">{escape(v.name)} <span class=meta>— {escape(v.why)}</span></li>')
        else:
            items.append(f"<li>{escape(v.name)} <span class=meta>({escape(v.kind)}) — {escape(v.why)}</span></li>")
    return "".join(items)
