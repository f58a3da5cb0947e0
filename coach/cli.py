"""The ``coach`` command line: a thin layer over :mod:`coach.api` and :mod:`coach.training`.

Exit codes: 0 success; 1 an objective graded below ``--fail-under``; 2 usage or input errors
(always a one-line message, never a traceback).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__, paths
from .clikit import OneLineGroup
from .report import render_check_text, render_evaluation_text

GRADE_ORDER = {"vague": 0, "improved": 1, "specific": 2}
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class CoachError(click.ClickException):
    """An expected error: printed as one line, exit code 2."""

    exit_code = 2


def _use_color(flag: bool | None, stream) -> bool:
    # click strips colour when the stream is not a terminal, but it does not read NO_COLOR.
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _load_coach(model: Path | None, venues: Path | None, base: str | None):
    from .api import load
    from .base_model import BaseModelError
    from .grader import GraderError
    from .safe_output import interrupts_deferred
    from .venue_file import check_venue_file
    from .venues import VenueFileError

    try:
        if venues is not None:
            check_venue_file(venues)
        with interrupts_deferred():  # Ctrl-C while spaCy loads takes effect right after
            return load(model_dir=model, base=base, venues_file=venues)
    except (BaseModelError, GraderError, VenueFileError) as err:
        raise CoachError(str(err)) from None


def _read_stdin_objectives() -> list[str]:
    from .textio import MAX_CHECK_BYTES, TextInputError, TextLines, content_lines

    try:
        return list(content_lines(TextLines(sys.stdin.buffer, "standard input", max_bytes=MAX_CHECK_BYTES)))
    except TextInputError as err:
        raise CoachError(str(err)) from None


@click.group(cls=OneLineGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="coach")
def main() -> None:
    """Objective Coach: grade networking objectives, find who can help and where they gather."""


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("texts", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True, help="text for people; json one array; jsonl one object a line.")
@click.option("--fail-under", type=click.Choice(["improved", "specific"]), default=None,
              help="Exit 1 when any objective grades below this.")
@click.option("--venues", "venues_file", type=click.Path(path_type=Path), default=None,
              help="Merge your own venues (TOML or JSON) with the built-in ones.")
@click.option("--model", type=click.Path(path_type=Path), default=None,
              help=f"Grader directory [default: {paths.GRADER_DIR.relative_to(paths.PROJECT_DIR)}].")
@click.option("--base-model", default=None, envvar="COACH_SPACY_MODEL",
              help="Base spaCy pipeline name or path [env: COACH_SPACY_MODEL].")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal, unless NO_COLOR).")
def check(texts, fmt, fail_under, venues_file, model, base_model, color) -> None:
    """Grade objectives given as TEXT arguments, or one a line on standard input (no TEXT, or -).

    \b
    Examples:
      coach check "Meet sales trainers"
      coach check --format json < objectives.txt
    """
    from .inputs import InputError, check_text

    objectives = list(texts)
    if not objectives or objectives == ["-"]:
        objectives = _read_stdin_objectives()
        if not objectives:
            raise CoachError("no objectives given: pass TEXT or one objective a line on standard input")
    # Refuse bad input before loading the pipeline (about a second): errors come back at once.
    for number, text in enumerate(objectives, 1):
        try:
            check_text(text)
        except InputError as err:
            where = f"objective {number}: " if len(objectives) > 1 else ""
            raise CoachError(f"{where}{err}") from None
    coach = _load_coach(model, venues_file, base_model)
    out = sys.stdout
    use_color = _use_color(color, out)
    worst = 2
    results = coach.check_many(objectives)
    if fmt == "json":
        payload = [r.to_dict() for r in results]
        worst = min((GRADE_ORDER[d["grade"]] for d in payload), default=2)
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        for result in results:
            worst = min(worst, GRADE_ORDER[result.grade])
            if fmt == "jsonl":
                click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
            else:
                click.echo(render_check_text(result), color=use_color)
    if fail_under and worst < GRADE_ORDER[fail_under]:
        sys.exit(1)


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--data", type=click.Path(path_type=Path), default=paths.OBJECTIVES_FILE,
              show_default=True, help="Labeled objectives (JSONL, CSV or TSV with text, grade, split).")
@click.option("--out", type=click.Path(path_type=Path), default=paths.GRADER_DIR, show_default=True,
              help="Directory to write grader.joblib and meta.json into.")
@click.option("--seed", type=int, default=13, show_default=True, help="Random seed (training is reproducible).")
@click.option("--base-model", default=None, envvar="COACH_SPACY_MODEL", help="Base spaCy pipeline name or path.")
def train(data, out, seed, base_model) -> None:
    """Train the grader on the train split of DATA; report the held-out test split."""
    from .base_model import BaseModelError
    from .dataset import DatasetError
    from .nlp import build_pipeline
    from .training import train as train_grader

    try:
        nlp = build_pipeline(base_model)
        grader = train_grader(nlp, data, out, seed=seed)
    except (DatasetError, BaseModelError, ValueError) as err:
        raise CoachError(str(err)) from None
    d = grader.meta["data"]
    click.echo(f"trained on {d['train']} objectives of {data} (hash {d['hash']}); saved to {out}")
    test = grader.meta.get("metrics", {}).get("test")
    if test:
        click.echo(f"held-out test split ({d['test']} objectives):")
        click.echo(render_evaluation_text(test))


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--split", type=click.Choice(["test", "train", "all"]), default="all", show_default=True,
              help="Which rows of FILE to score (rows without a split column count as their hashed split).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--model", type=click.Path(path_type=Path), default=None, help="Grader directory.")
@click.option("--peer", is_flag=True, help="Also score the find-job-titles peer on the same roles.")
@click.option("--base-model", default=None, envvar="COACH_SPACY_MODEL", help="Base spaCy pipeline name or path.")
def evaluate(file, split, fmt, model, peer, base_model) -> None:
    """Score the grader on labeled FILE: classification report, confusion matrix, role figures."""
    from .base_model import BaseModelError
    from .dataset import DatasetError, read_labeled
    from .evaluation import gold_spans, load_peer_titles, role_metrics, title_list_matcher
    from .grader import GraderError, load_grader
    from .nlp import build_pipeline
    from .training import evaluate as evaluate_grader

    try:
        examples = read_labeled(file)
        grader = load_grader(model or paths.GRADER_DIR)
        nlp = build_pipeline(base_model)
    except (DatasetError, GraderError, BaseModelError) as err:
        raise CoachError(str(err)) from None
    if split != "all":
        examples = [e for e in examples if e.split == split]
        if not examples:
            raise CoachError(f"{file} has no rows in the {split} split")
    result = evaluate_grader(nlp, grader, examples)
    result["file"] = str(file)
    result["split"] = split
    if peer and any(e.roles for e in examples):
        try:
            matcher = title_list_matcher(load_peer_titles())
        except RuntimeError as err:
            raise CoachError(str(err)) from None
        result["peer_roles"] = role_metrics((gold_spans(e.text, e.roles), matcher(e.text)) for e in examples)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(f"{file} ({split}, {len(examples)} objectives)")
        click.echo(render_evaluation_text(result))


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path, allow_dash=True))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Output file; format from its extension (.csv .jsonl .xlsx .html). Default: CSV to standard output.")
@click.option("--format", "out_format", type=click.Choice(["csv", "jsonl", "xlsx", "html"]), default=None,
              help="Output format, when the extension does not say.")
@click.option("--input-format", type=click.Choice(["csv", "tsv", "jsonl", "xlsx", "txt"]), default=None,
              help="Input format (needed for standard input; else from the extension).")
@click.option("--column", default=None, help="The objective column (default: detected from the header, else the longest text).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on standard error.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="spaCy worker processes.")
@click.option("--venues", "venues_file", type=click.Path(path_type=Path), default=None,
              help="Merge your own venues (TOML or JSON) with the built-in ones.")
@click.option("--model", type=click.Path(path_type=Path), default=None, help="Grader directory.")
@click.option("--base-model", default=None, envvar="COACH_SPACY_MODEL", help="Base spaCy pipeline name or path.")
def grade(input_path, output, out_format, input_format, column, force, quiet, jobs, venues_file, model, base_model) -> None:
    """Batch-grade a file of submissions (CSV, TSV, JSONL, XLSX or text) into CSV, JSONL, XLSX or an HTML report.

    \b
    Examples:
      coach grade data/workshop.csv -o report.html
      coach grade responses.xlsx --column "Your objective" -o graded.xlsx
      cat objectives.txt | coach grade - --input-format txt > graded.csv
    """
    from .batch import GradeOptions, InputFileError, OutputError, atomic_output, check_target, grade_table, open_table
    from .batch.progress import Progress, count_rows
    from .batch.readers import format_of
    from .batch.writers import output_format_of

    stdin_input = str(input_path) == "-"
    path = None if stdin_input else input_path
    try:
        out_format = output_format_of(output, out_format)
        fmt = format_of(path, input_format)
        table = open_table(path, fmt, stdin=sys.stdin.buffer if stdin_input else None)
        check_target(output, force)
    except (InputFileError, OutputError) as err:
        raise CoachError(str(err)) from None
    coach = _load_coach(model, venues_file, base_model)
    show_progress = not quiet and sys.stderr.isatty()
    progress = Progress(count_rows(path, fmt) if path else None) if show_progress else None
    try:
        with atomic_output(output, force) as out:
            summary = grade_table(coach, table, out, GradeOptions(column, out_format, force, jobs), progress)
    except (InputFileError, OutputError) as err:
        raise CoachError(str(err)) from None
    finally:
        if progress is not None:
            progress.finish()
    if not quiet:
        click.echo(f"{summary.line()}; objective column {summary.column!r}"
                   + (f"; wrote {output}" if output else ""), err=True)


def _ask(question: str, offers: list[str], hint: str = "  (Enter skips, 'done' stops) > ") -> str | None:
    """One prompt on the terminal; None at end of input. Reads a line itself so that end of
    input (keep what was written) and Ctrl-C (KeyboardInterrupt) stay distinguishable."""
    click.echo("")
    click.echo(click.style(question, bold=True))
    if offers:
        click.echo("  for example: " + "; ".join(offers))
    click.echo(hint, nl=False)
    from .plan import read_reply

    line = read_reply(sys.stdin)
    if line is None:
        click.echo("")
    return line


def _write_plan(plan, output: Path | None, force: bool) -> None:
    from .batch import OutputError, atomic_output

    markdown = plan.to_markdown()
    click.echo("")
    click.echo(markdown)
    if output is not None:
        try:
            with atomic_output(output, force) as fh:
                fh.write(markdown.encode("utf-8"))
        except OutputError as err:
            raise CoachError(str(err)) from None
        click.echo(f"plan saved to {output}", err=True)


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--objective", default=None, help="Start from this objective instead of asking for one.")
@click.option("--answers", "answers_file", type=click.Path(path_type=Path, allow_dash=True), default=None,
              help='Answer the questions from a JSON file ({"what": …, "who": …, "narrow": …}); - reads standard input.')
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Save the plan as Markdown.")
@click.option("--force", is_flag=True, help="Overwrite an existing plan file.")
@click.option("--venues", "venues_file", type=click.Path(path_type=Path), default=None,
              help="Merge your own venues (TOML or JSON) with the built-in ones.")
@click.option("--model", type=click.Path(path_type=Path), default=None, help="Grader directory.")
@click.option("--base-model", default=None, envvar="COACH_SPACY_MODEL", help="Base spaCy pipeline name or path.")
def plan(objective, answers_file, output, force, venues_file, model, base_model) -> None:
    """Coach an objective up the ladder, question by question, into a one-page networking plan.

    \b
    Interactive:   coach plan
    Scripted:      coach plan --objective "Getting new business" --answers answers.json -o plan.md
    """
    from .batch import OutputError, check_target
    from .inputs import InputError
    from .plan import QUESTIONS, PlanCoach, read_answers

    try:
        check_target(output, force)
        answers = None
        if answers_file is not None:
            answers = read_answers(sys.stdin.buffer if str(answers_file) == "-" else answers_file)
    except (InputError, OutputError) as err:
        raise CoachError(str(err)) from None
    if answers is not None:
        if objective is None:
            raise CoachError("--answers needs --objective")
    coach = PlanCoach(_load_coach(model, venues_file, base_model))
    if objective is None:
        click.echo("Your networking objective: what do you want, from whom, and why?")
        objective = _ask("Objective:", [], hint="  > ")
        if objective is None or not objective.strip():
            raise CoachError("no objective given")
    try:
        if answers is not None:
            draft, result_plan = coach.run_scripted(objective, answers)
            _write_plan(result_plan, output, force)
            return
        draft = coach.start(objective)
    except InputError as err:
        raise CoachError(str(err)) from None
    click.echo(f"\n{draft.result.grade.upper()}: {draft.result.text}")
    interrupted = False
    try:
        while (key := coach.next_question(draft)) is not None:
            reply = _ask(QUESTIONS[key], coach.offers(draft, key))
            if reply is None:
                break  # end of input: keep what was written
            try:
                coach.answer(draft, key, reply)
            except InputError as err:
                click.echo(f"  ({err}; skipped)")
                continue
            if reply.strip() and not draft.stopped_by_person:
                click.echo(f"  → {draft.result.grade.upper()}: {draft.result.text}")
    except KeyboardInterrupt:
        interrupted = True
        click.echo("\ninterrupted: here is the plan so far", err=True)
    _write_plan(coach.plan(draft), output, force)
    if interrupted:
        sys.exit(130)
