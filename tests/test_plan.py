"""`coach plan`: from the article's vague start to a specific objective and a plan."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from coach.cli import main
from coach.plan import PlanCoach, compose

START = "Getting new business"
ANSWERS = {
    "what": "I want to learn which CRM they would recommend, because I am choosing one for my team",
    "who": "sales professionals",
    "narrow": "currently using a software-based contact management system",
}


def interactive_input(*lines):
    return "\n".join(lines) + "\n"


def test_interactive_session_climbs_the_ladder_to_a_plan(tmp_path):
    out = tmp_path / "plan.md"
    result = CliRunner().invoke(main, ["plan", "-o", str(out)],
                                input=interactive_input(START, ANSWERS["what"], ANSWERS["who"], ANSWERS["narrow"]))
    assert result.exit_code == 0, result.output
    output = result.stdout
    # the questions come in the source's order: what, who, narrow
    assert output.index("What information") < output.index("Which kinds of people") < output.index("have in common")
    assert "VAGUE: Getting new business" in output
    assert "→ IMPROVED" in output and "→ SPECIFIC" in output
    plan = out.read_text()
    assert plan.startswith("# Networking plan")
    assert "**Objective (specific):** Meet sales professionals currently using a software-based contact " \
           "management system, to learn which CRM they would recommend" in plan
    assert "sales professionals (sales)" in plan
    assert "Chamber of Commerce" in plan and "Ask two or three people I already know in sales" in plan


def test_who_question_offers_roles_of_the_field():
    result = CliRunner().invoke(main, ["plan", "--objective", START],
                                input=interactive_input("learn how to pick a CRM for my sales team", "done"))
    assert "for example: sales trainers; sales managers" in result.stdout


def test_scripted_answers_give_the_same_plan_as_the_prompts(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS))
    scripted = CliRunner().invoke(main, ["plan", "--objective", START, "--answers", str(answers),
                                         "-o", str(tmp_path / "a.md")])
    assert scripted.exit_code == 0, scripted.output
    interactive = CliRunner().invoke(main, ["plan", "--objective", START, "-o", str(tmp_path / "b.md")],
                                     input=interactive_input(ANSWERS["what"], ANSWERS["who"], ANSWERS["narrow"]))
    assert interactive.exit_code == 0
    assert (tmp_path / "a.md").read_text() == (tmp_path / "b.md").read_text()


def test_answers_on_standard_input():
    result = CliRunner().invoke(main, ["plan", "--objective", START, "--answers", "-"], input=json.dumps(ANSWERS))
    assert result.exit_code == 0 and "**Objective (specific):**" in result.stdout


def test_end_of_input_keeps_what_was_written(tmp_path):
    out = tmp_path / "plan.md"
    result = CliRunner().invoke(main, ["plan", "--objective", START, "-o", str(out)],
                                input=interactive_input(ANSWERS["what"]))
    assert result.exit_code == 0, result.output
    plan = out.read_text()
    assert "**Objective (improved):** Meet people who can help me learn which CRM" in plan


def test_done_stops_the_questions():
    result = CliRunner().invoke(main, ["plan", "--objective", START], input=interactive_input("done"))
    assert result.exit_code == 0
    assert "Which kinds of people" not in result.stdout and "**Objective (vague):**" in result.stdout


def test_already_specific_objective_goes_straight_to_where(coach_instance):
    coach = PlanCoach(coach_instance)
    draft = coach.start("Meeting sales professionals currently using a software-based contact management system")
    assert coach.next_question(draft) is None
    plan = coach.plan(draft)
    assert plan.grade == "specific" and plan.where and plan.where[-1][1] == "ask-contacts"


def test_follow_up_speaks_of_the_people_in_the_plural(coach_instance):
    coach = PlanCoach(coach_instance)
    plan = coach.plan(coach.start("Meet a product manager at a Denver fintech who can tell me about the job"))
    assert "groups and online communities product managers attend" in plan.follow_up


def test_ctrl_c_keeps_the_plan_so_far(coach_instance, monkeypatch, tmp_path, capsys):
    from coach import cli

    calls = iter([ANSWERS["what"]])

    def fake_ask(question, offers):
        try:
            return next(calls)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(cli, "_ask", fake_ask)
    monkeypatch.setattr(cli, "_load_coach", lambda *a: coach_instance)
    out = tmp_path / "plan.md"
    result = CliRunner().invoke(main, ["plan", "--objective", START, "-o", str(out)])
    assert result.exit_code == 130
    assert "interrupted" in result.stderr and "Traceback" not in result.output
    assert "(improved)" in out.read_text()


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (["plan", "--answers", "-"], "{}", "--answers needs --objective"),
    (["plan", "--objective", START, "--answers", "-"], "not json", "answers are not JSON"),
    (["plan", "--objective", START, "--answers", "-"], '{"why": "x"}', 'keys "what", "who", "narrow"'),
    (["plan", "--objective", ""], "", "empty objective"),
    (["plan"], "", "no objective given"),
])
def test_bad_input(args, stdin, message):
    result = CliRunner().invoke(main, args, input=stdin)
    assert result.exit_code == 2 and message in result.output


def test_existing_plan_file_is_not_overwritten(tmp_path):
    out = tmp_path / "plan.md"
    out.write_text("mine")
    result = CliRunner().invoke(main, ["plan", "--objective", START, "-o", str(out)], input="done\n")
    assert result.exit_code == 2 and out.read_text() == "mine"


@pytest.mark.parametrize(("parts", "expected"), [
    ({}, "fallback"),
    ({"what": "how they price"}, "Meet people who can help me learn how they price"),
    ({"who": "meet CFOs", "narrow": "they use NetSuite"}, "Meet CFOs who use NetSuite"),
    ({"who": "CFOs", "narrow": "manufacturing"}, "Meet CFOs in manufacturing"),
    ({"who": "CFOs", "what": "to learn about ERP"}, "Meet CFOs, to learn about ERP"),
])
def test_compose(parts, expected):
    assert compose(**parts, fallback="fallback") == expected
