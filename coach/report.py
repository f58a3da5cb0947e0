"""Plain-text renderings for people: a check result, and evaluation figures."""
from __future__ import annotations

import click

from .rubric import GRADE_COLORS, GRADES
from .terminal import printable


def render_check_text(result) -> str:
    """A check result as a short report, grade first. Styles are stripped when colour is off.

    Everything taken from the input is shown with its control characters escaped (see
    :func:`coach.terminal.printable`): the terminal shows them, never obeys them.
    """
    lines = [
        click.style(f"{result.grade.upper():<9}", fg=GRADE_COLORS[result.grade], bold=True) + printable(result.text),
        "  probabilities: " + " · ".join(f"{g} {result.probabilities[g]:.2f}" for g in GRADES),
    ]
    targets = [r for r in result.roles if r.target]
    others = [r for r in result.roles if not r.target]
    if targets:
        lines.append("  who: " + printable("; ".join(
            f"{r.text} ({r.occupation.title if r.occupation else 'occupation unknown'}; "
            f"{', '.join(r.fields) or 'field unknown'})" for r in targets)))
    if others:
        lines.append("  not counted: " + printable("; ".join(
            f"{r.text} ({'your own role' if r.relation == 'own' else 'mentioned'})" for r in others)))
    if result.qualifiers:
        lines.append("  narrowed by: " + printable("; ".join(f"{q.text} ({q.kind})" for q in result.qualifiers)))
    if result.feedback:
        lines.append("  why:")
        lines += [f"    - {click.style(f.code, bold=True)}: {printable(f.message)}" for f in result.feedback]
    lines.append("  " + click.style("next rewrite:", bold=True) + " " + printable(result.suggestion))
    if result.venues:
        lines.append("  where:")
        lines += [printable(f"    - {v.name} [{v.kind}]: {v.why}") for v in result.venues]
    return "\n".join(lines) + "\n"


def render_evaluation_text(result: dict) -> str:
    """Classification report, confusion matrix and role figures as aligned text."""
    grade = result["grade"]
    report = grade["report"]
    lines = [f"{'':>12}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}"]
    for label in GRADES:
        r = report[label]
        lines.append(f"{label:>12}{r['precision']:>10.3f}{r['recall']:>8.3f}{r['f1-score']:>8.3f}{int(r['support']):>9}")
    lines.append(f"{'macro-F1':>12}{grade['macro_f1']:>26.3f}{grade['n']:>9}")
    lines.append(f"{'accuracy':>12}{grade['accuracy']:>26.3f}")
    lines.append("")
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(f"{'':>12}" + "".join(f"{g:>10}" for g in GRADES))
    for label, row in zip(GRADES, grade["confusion"]["matrix"]):
        lines.append(f"{label:>12}" + "".join(f"{n:>10}" for n in row))
    for key, title in (("roles", "roles (coach)"), ("peer_roles", "roles (find-job-titles peer)")):
        if key in result:
            r = result[key]
            lines.append("")
            lines.append(f"{title}: precision {r['precision']:.3f}, recall {r['recall']:.3f}, F1 {r['f1']:.3f} "
                         f"(overlap; counting a labeled role named again too: precision "
                         f"{r.get('precision_with_repeats', r['precision']):.3f}, recall "
                         f"{r.get('recall_with_repeats', r['recall']):.3f}); "
                         f"exact precision {r['exact_precision']:.3f}, recall {r['exact_recall']:.3f}"
                         + (f"; field accuracy {r['field_accuracy']:.3f}" if key == "roles" else ""))
    return "\n".join(lines)
