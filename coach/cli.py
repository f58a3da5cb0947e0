"""The ``coach`` command line: a thin layer over :mod:`coach.api` and the library modules.

Exit codes: 0 success; 1 an objective graded below ``--fail-under``; 2 usage or input errors
(always a one-line message, never a traceback). Every expected error is a
:class:`~coach.errors.CoachError`; the group turns it into that one line.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__, paths
from .errors import CoachError
from .clikit import OneLineGroup
from .report import render_check_text, render_evaluation_text
from .terminal import printable
from .rubric import rank


class UsageProblem(click.ClickException):
    """A :class:`CoachError` on its way out: one line, exit code 2."""

    exit_code = 2


class CoachGroup(OneLineGroup):
    """Turns every :class:`CoachError` raised under a command into a one-line message (and,
    from :class:`~coach.clikit.OneLineGroup`, usage errors and interruptions too)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CoachError as err:
            raise UsageProblem(str(err)) from None


# -- options shared by several commands ---------------------------------------------------------

def model_option(command):
    return click.option("--model", type=click.Path(path_type=Path), default=None,
                        help="Grader directory [default: the grader shipped with coach].")(command)


def base_model_option(command):
    return click.option("--base-model", default=None, envvar="COACH_SPACY_MODEL",
                        help="Base spaCy pipeline name or path [env: COACH_SPACY_MODEL].")(command)


def venues_option(command):
    return click.option("--venues", "venues_file", type=click.Path(path_type=Path), default=None,
                        help="Merge your own venues (TOML or JSON) with the built-in ones.")(command)


def coach_options(command):
    """--venues, --model and --base-model: everything :func:`coach.load` takes."""
    return venues_option(model_option(base_model_option(command)))


def force_option(command):
    return click.option("--force", is_flag=True, help="Overwrite an existing output file.")(command)


def _load_coach(model: Path | None, venues: Path | None, base: str | None):
    from .api import load
    from .safe_output import interrupts_deferred

    with interrupts_deferred():  # Ctrl-C while spaCy loads takes effect right after
        return load(model_dir=model, base=base, venues_file=venues)


def _use_color(flag: bool | None, stream) -> bool:
    # click strips colour when the stream is not a terminal, but it does not read NO_COLOR.
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


# -- commands -----------------------------------------------------------------------------------

@click.group(cls=CoachGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="coach")
def main() -> None:
    """Objective Coach: grade networking objectives, find who can help and where they gather."""
    if not _unicode_stream(sys.stdout) and hasattr(sys.stdout, "reconfigure"):
        # A Latin-1 terminal (or PYTHONIOENCODING=latin-1) cannot show "…" or an emoji: text for
        # people shows them as \u2026 (as it shows invisible characters); JSON is written ASCII-only.
        sys.stdout.reconfigure(errors="backslashreplace")


def _unicode_stream(stream) -> bool:
    """True when ``stream`` can write every character (UTF-8, -16, -32, or a binary stream)."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return encoding.startswith(("utf8", "utf16", "utf32"))


@main.command()
@click.argument("texts", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True, help="text for people; json one array; jsonl one object a line.")
@click.option("--fail-under", type=click.Choice(["improved", "specific"]), default=None,
              help="Exit 1 when any objective grades below this.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal, unless NO_COLOR).")
@coach_options
def check(texts, fmt, fail_under, color, venues_file, model, base_model) -> None:
    """Grade objectives given as TEXT arguments, or one a line on standard input (no TEXT, or -).

    \b
    Examples:
      coach check "Meet sales trainers"
      coach check --format json < objectives.txt
    """
    from .inputs import validate_all
    from .textio import MAX_CHECK_BYTES, TextLines, content_lines, dumps_json_line

    objectives = list(texts)
    if "-" in objectives and len(objectives) > 1:
        raise CoachError("'-' (standard input) cannot be mixed with TEXT arguments: "
                         "pass objectives either as TEXT or one a line on standard input")
    for text in objectives:
        if text != "-" and not any(c.isspace() for c in text) and os.path.isfile(text):
            # `coach check objectives.txt` would grade the file's name ("vague") and say nothing.
            raise CoachError(f"{text!r} is a file, not an objective: use `coach check < {text}` "
                             f"(one objective a line) or `coach grade {text}`")
    if not objectives or objectives == ["-"]:
        objectives = list(content_lines(TextLines(sys.stdin.buffer, "standard input", max_bytes=MAX_CHECK_BYTES,
                                                   size_hint="; split it, or use `coach grade` for large batches")))
        if not objectives:
            raise CoachError("no objectives given: pass TEXT or one objective a line on standard input")
    # Refuse bad input before loading the pipeline (about a second): errors come back at once.
    validate_all(objectives)
    coach = _load_coach(model, venues_file, base_model)
    use_color = _use_color(color, sys.stdout)
    results = list(coach.check_many(objectives))
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=not _unicode_stream(sys.stdout)))
    else:
        for result in results:
            if fmt == "jsonl":
                click.echo(dumps_json_line(result.to_dict(), ascii_only=not _unicode_stream(sys.stdout)))
            else:
                click.echo(render_check_text(result), color=use_color)
    if fail_under and any(rank(r.grade) < rank(fail_under) for r in results):
        sys.exit(1)


@main.command()
@click.option("--data", type=click.Path(path_type=Path), multiple=True,
              help="Labeled objectives (JSONL, CSV or TSV with text, grade, split); repeat to train on "
                   "several files' train splits [default: the checkout's data/objectives.jsonl and data/real.jsonl].")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Directory to write the grader into [default: the checkout's models/grader, else ./grader].")
@click.option("--seed", type=int, default=13, show_default=True, help="Random seed (training is reproducible).")
@click.option("--score-test/--no-score-test", default=True, show_default=True,
              help="Score each file's held-out test split after fitting (--no-score-test: fit only, "
                   "e.g. while the test splits must stay unseen).")
@click.option("--skip-test", "skip_test", multiple=True, metavar="NAME",
              help="Leave the test split of the data file with this name unscored (repeat for several).")
@click.option("--force", is_flag=True, help="Replace a grader (or any files) already in the --out directory.")
@base_model_option
def train(data, out, seed, score_test, skip_test, force, base_model) -> None:
    """Train the grader on the train split of DATA; report the held-out test split.

    The shipped grader lives in the package (coach/resources/grader); use the new one with
    --model DIR, or train with --out coach/resources/grader --force to replace the shipped one.
    """
    from .nlp import build_pipeline
    from .training import train as train_grader

    if not data:
        try:
            data = [paths.data_file("objectives.jsonl"), paths.data_file("real.jsonl")]
        except FileNotFoundError as err:
            raise CoachError(f"{err}: pass --data FILE") from None
    data = list(data)
    unknown = sorted({Path(name).name for name in skip_test} - {p.name for p in data})
    if unknown:
        # a misspelt name would silently score the very test split the user meant to keep unseen
        raise CoachError(f"--skip-test {unknown[0]}: no data file of that name "
                         f"(the files are {', '.join(p.name for p in data)})")
    out = out or paths.default_train_output()
    if out.exists() and not out.is_dir():
        raise CoachError(f"--out {out}: not a directory")
    if out.is_dir() and any(out.iterdir()) and not force:
        # training takes minutes and the folder may hold the only copy of an earlier grader
        raise CoachError(f"{out} already holds files: pass --force to replace them, or choose another --out")
    try:
        grader = train_grader(build_pipeline(base_model), data, out, seed=seed, score_test=score_test,
                               skip_test=skip_test)
    except ValueError as err:
        raise CoachError(str(err)) from None
    d = grader.meta["data"]
    click.echo(f"trained on {d['train']} objectives of {d['path']} (hash {d['hash']}); saved to {out}")
    for key, test in grader.meta.get("metrics", {}).items():
        name = key.partition(":")[2] or data[0].name
        click.echo(f"\nheld-out test split of {name} ({test['grade']['n']} objectives):")
        click.echo(render_evaluation_text(test))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--split", type=click.Choice(["test", "dev", "train", "all"]), default="all", show_default=True,
              help="Which rows of FILE to score (rows without a split column count as their hashed split).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--peer", is_flag=True, help="Also score the find-job-titles peer on the same roles.")
@model_option
@base_model_option
def evaluate(file, split, fmt, peer, model, base_model) -> None:
    """Score the grader on labeled FILE: classification report, confusion matrix, role figures."""
    from .evaluation import evaluate_file

    result = evaluate_file(file, split=split, model_dir=model, base=base_model, peer=peer)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(f"{file} ({split}, {result['n']} objectives)")
        click.echo(render_evaluation_text(result))


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path, allow_dash=True))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Output file; format from its extension (.csv .jsonl .xlsx .html). Default: CSV to standard output.")
@click.option("--format", "out_format", type=click.Choice(["csv", "jsonl", "xlsx", "html"]), default=None,
              help="Output format, when the extension does not say.")
@click.option("--input-format", type=click.Choice(["csv", "tsv", "jsonl", "xlsx", "txt"]), default=None,
              help="Input format (needed for standard input; else from the extension).")
@click.option("--column", default=None, help="The objective column (default: detected from the header, else the longest text).")
@force_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on standard error.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes grading in parallel (best: the number of cores; same results in the same order).")
@coach_options
def grade(input_path, output, out_format, input_format, column, force, quiet, jobs, venues_file, model,
          base_model) -> None:
    """Batch-grade a file of submissions (CSV, TSV, JSONL, XLSX or text) into CSV, JSONL, XLSX or an HTML report.

    \b
    Examples:
      coach grade data/workshop.csv -o report.html
      coach grade responses.xlsx --column "Your objective" -o graded.xlsx
      cat objectives.txt | coach grade - --input-format txt > graded.csv
    """
    from .batch import GradeOptions, atomic_output, check_target, grade_table, open_table, output_format_of
    from .batch.progress import Progress, count_rows
    from .batch.readers import format_of

    from .batch.readers import check_input_path
    from .safe_output import refuse_inputs

    stdin_input = str(input_path) == "-"
    path = None if stdin_input else input_path
    output = _standard_output_if_dash(output)
    if path is not None:
        check_input_path(path)  # before its format: "is a folder" says more than "no extension"
    refuse_inputs(output, {"input file": path, "venues file": venues_file})
    out_format = output_format_of(output, out_format)
    if out_format == "xlsx" and output is None and sys.stdout.isatty():
        raise CoachError("XLSX is a binary file: it would garble the terminal; write it with -o FILE.xlsx")
    fmt = format_of(path, input_format)
    table = open_table(path, fmt, stdin=sys.stdin.buffer if stdin_input else None)
    check_target(output, force)
    coach = _load_coach(model, venues_file, base_model)
    progress = Progress(count_rows(path, fmt) if path else None) if not quiet and sys.stderr.isatty() else None
    try:
        with atomic_output(output, force) as out:
            summary = grade_table(coach, table, out, GradeOptions(column, out_format, force, jobs), progress)
    except FileNotFoundError as err:
        raise CoachError(str(err)) from None
    finally:
        if progress is not None:
            progress.finish()
    if not quiet:
        click.echo(f"{summary.line()}; objective column {summary.column!r}"
                   + (f"; wrote {output}" if output else ""), err=True)


def _standard_output_if_dash(output: Path | None) -> Path | None:
    """``-o -`` means standard output, as ``-`` does for input, never a file named ``-``."""
    return None if output is not None and str(output) == "-" else output


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
    from .batch import atomic_output

    markdown = plan.to_markdown()
    try:
        if output is not None:  # saved first: printing can fail (`>&-`, a reader gone) and lose the answers
            try:
                with atomic_output(output, force) as fh:
                    fh.write(markdown.encode("utf-8"))
            except FileNotFoundError as err:
                raise CoachError(str(err)) from None
    finally:  # and printed even when it could not be saved
        click.echo("")
        click.echo("\n".join(printable(line) for line in markdown.split("\n")))
    if output is not None:
        click.echo(f"plan saved to {output}", err=True)


@main.command()
@click.option("--objective", default=None, help="Start from this objective instead of asking for one.")
@click.option("--answers", "answers_file", type=click.Path(path_type=Path, allow_dash=True), default=None,
              help='Answer the questions from a JSON file ({"what": …, "who": …, "narrow": …}); - reads standard input.')
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Save the plan as Markdown.")
@force_option
@coach_options
def plan(objective, answers_file, output, force, venues_file, model, base_model) -> None:
    """Coach an objective up the ladder, question by question, into a one-page networking plan.

    \b
    Interactive:   coach plan
    Scripted:      coach plan --objective "Getting new business" --answers answers.json -o plan.md
    """
    from .batch import check_target
    from .plan import QUESTIONS, PlanCoach, read_answers
    from .safe_output import refuse_inputs

    output = _standard_output_if_dash(output)  # the plan is printed there anyway
    refuse_inputs(output, {"answers file": None if str(answers_file) == "-" else answers_file,
                           "venues file": venues_file})
    check_target(output, force)
    answers = None
    if answers_file is not None:
        answers = read_answers(sys.stdin.buffer if str(answers_file) == "-" else answers_file)
        if objective is None:
            raise CoachError("--answers needs --objective")
    coach = PlanCoach(_load_coach(model, venues_file, base_model))
    if objective is None:
        click.echo("Your networking objective: what do you want, from whom, and why?")
        objective = _ask("Objective:", [], hint="  > ")
        if objective is None or not objective.strip():
            raise CoachError("no objective given")
    if answers is not None:
        _draft, result_plan = coach.run_scripted(objective, answers)
        _write_plan(result_plan, output, force)
        return
    draft = coach.start(objective)
    click.echo(f"\n{draft.result.grade.upper()}: {printable(draft.result.text)}")
    interrupted = False
    try:
        while (key := coach.next_question(draft)) is not None:
            reply = _ask(QUESTIONS[key], coach.offers(draft, key))
            if reply is None:
                break  # end of input: keep what was written
            try:
                coach.answer(draft, key, reply)
            except CoachError as err:
                click.echo(f"  ({err}; skipped)")
                continue
            if reply.strip() and not draft.stopped_by_person:
                click.echo(f"  → {draft.result.grade.upper()}: {printable(draft.result.text)}")
    except KeyboardInterrupt:
        interrupted = True
        click.echo("\ninterrupted: here is the plan so far", err=True)
    _write_plan(coach.plan(draft), output, force)
    if interrupted:
        sys.exit(130)
