"""Coaching a wish up the ladder into a networking plan (the library behind ``coach plan``).

The source's order drives the questions: **what** (the information or help wanted, and why),
**who** (the kinds of people who could give it), **narrow** (what those people have in common).
Each answer rewrites the objective, which is graded again; the session stops when the objective
is specific or the person says so. Then **where**: venues for those roles and topic, and the
follow-up objective of asking people you know in that field where they go.

Every answer and the starting objective pass through :func:`clean_answer` once, before anything
else sees them: terminal escape sequences and control characters are removed (so nothing typed
or scripted can drive the terminal the plan is echoed to, or end up in ``plan.md``), and an
answer that is not text, not valid Unicode or too long is refused with :class:`InputError`. A
refused answer changes nothing: the next question starts from the objective as it was.

>>> from coach.plan import compose
>>> compose(what="learn how they chose a CRM", who="sales managers", narrow="at Akron distributors")
'Meet sales managers at Akron distributors, to learn how they chose a CRM'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .api import CheckResult, Coach
from .rubric import PARTS, missing_parts
from .inputs import MAX_CHARS, InputError
from .lexicon import plural_phrase
from .textio import TextInputError, decode_line, has_surrogates, loads_json, read_text

QUESTION_ORDER = PARTS
QUESTIONS = {
    "what": "What information or help do you want from other people, and why does it matter?",
    "who": "Which kinds of people could give you that? Name a job title, profession or position.",
    "narrow": "What do those people have in common: an industry, a tool they use, a situation or a place?",
}
STOP_WORDS = frozenset({"done", "stop", "quit", "q", "exit", "enough"})
#: Longest answer accepted, in characters: a phrase or a sentence, never a document.
MAX_ANSWER_CHARS = 1000
#: Largest ``--answers`` file read.
MAX_ANSWERS_BYTES = 1 << 20

# Terminal escape sequences: CSI (ESC [ … or the one-byte CSI), OSC / DCS / SOS / PM / APC strings
# (up to BEL or ESC \\, or the end), and two-character ESC sequences.
_ESCAPE_RX = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[ -/]*[0-~]?",
    re.DOTALL,
)
# Bidirectional overrides and isolates: they reorder how a line is shown.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_answer(text: object, what: str = "answer", limit: int = MAX_ANSWER_CHARS) -> str:
    """An answer (or objective) made safe to grade, print and save, or :class:`InputError`.

    Escape sequences and control characters are removed (line breaks and tabs become spaces),
    spaces collapsed; refused: anything but text (``null`` in ``--answers`` included), lone
    surrogates, more than ``limit`` characters.

    >>> clean_answer("\\x1b[31msales \\x1b]0;title\\x07managers\\x07")
    'sales managers'
    >>> clean_answer(None)
    Traceback (most recent call last):
    ...
    coach.inputs.InputError: answer must be text, got null
    """
    if not isinstance(text, str):
        got = "null" if text is None else type(text).__name__
        raise InputError(f"{what} must be text, got {got}")
    if has_surrogates(text):
        raise InputError(f"{what} is not valid text (it holds undecodable characters)")
    text = _ESCAPE_RX.sub("", text)
    text = "".join(" " if ch.isspace() else ch for ch in text
                   if ch.isspace() or (unicodedata.category(ch) != "Cc" and ch not in _BIDI_CONTROLS))
    text = " ".join(text.split())
    if len(text) > limit:
        raise InputError(f"{what} too long ({len(text):,} characters; at most {limit:,})")
    return text


def parse_answers(value: object) -> dict[str, str]:
    """Scripted answers (``--answers``): a JSON object with keys among what, who, narrow, each a
    string; cleaned with :func:`clean_answer`. Anything else is an :class:`InputError`."""
    if not isinstance(value, dict) or not set(value) <= set(QUESTION_ORDER):
        raise InputError('answers must be a JSON object with keys "what", "who", "narrow"')
    return {key: clean_answer(answer, what=f'answer "{key}"') for key, answer in value.items()}


def read_answers(source: Path | IO[bytes]) -> dict[str, str]:
    """Read and check scripted answers from a file or a binary stream (``--answers -``)."""
    name = str(source) if isinstance(source, Path) else "standard input"
    try:
        if isinstance(source, Path):
            with open(source, "rb") as fh:
                raw = read_text(fh, name, MAX_ANSWERS_BYTES)
        else:
            raw = read_text(source, name, MAX_ANSWERS_BYTES)
    except FileNotFoundError:
        raise InputError(f"no such file: {source}") from None
    except (OSError, TextInputError) as err:
        raise InputError(f"cannot read answers from {name}: {getattr(err, 'strerror', None) or err}") from None
    try:
        value = loads_json(raw)
    except ValueError as err:
        raise InputError(f"answers are not JSON: {err}") from None
    return parse_answers(value)


def read_reply(stream: IO) -> str | None:
    """One typed line (without its ending), decoded like every other input; None at end of input.

    Reads bytes, so an undecodable byte cannot stop the session; a line longer than the longest
    answer is read to its end and returned too long (the sanitiser refuses it).
    """
    binary = getattr(stream, "buffer", None)
    source = binary if binary is not None else stream
    newline = b"\n" if binary is not None else "\n"
    line = source.readline(MAX_ANSWER_CHARS * 4 + 2)
    if not line:
        return None
    if not line.endswith(newline):
        while (more := source.readline(1 << 16)) and not more.endswith(newline):
            pass  # drop the rest of an over-long line, in bounded pieces
    if binary is None:
        return line.rstrip("\r\n")
    return decode_line(line.rstrip(b"\r\n"))[0]


_CLAUSE_START = ("who ", "that ", "which ", "in ", "at ", "from ", "with ", "using ", "currently ",
                 "based ", "on ", "near ", "across ", "within ", "for ", "of ", "running ", "working ")
_WH_START = ("how ", "which ", "what ", "why ", "whether ", "where ", "when ", "who ")
_VERB_START = ("learn ", "find ", "ask ", "understand ", "get ", "hear ", "see ", "know ", "discover ",
               "compare ", "figure ", "meet ", "talk ", "sell ", "hire ", "raise ", "build ", "choose ")


def _tidy(text: str) -> str:
    return " ".join(text.strip().rstrip(".!?;,").split())


def _what_clause(what: str) -> str:
    """'how they price' -> 'learn how they price'; 'to learn X' -> 'learn X'; a noun -> 'learn about X'."""
    what = _tidy(what)
    lowered = what.lower()
    for lead in ("i want to ", "i'd like to ", "i would like to ", "i need to ", "i want ", "to "):
        if lowered.startswith(lead):
            what, lowered = what[len(lead):], lowered[len(lead):]
    if lowered.startswith(_VERB_START):
        return what
    if lowered.startswith(_WH_START):
        return f"learn {what}"
    return f"learn about {what}"


def _who_phrase(who: str) -> str:
    who = _tidy(who)
    return re.sub(r"^(?:meet(?:ing)?|talk(?:ing)? to|connect(?:ing)? with|some|a few|the)\s+", "", who, flags=re.I)


def _narrow_phrase(narrow: str) -> str:
    """Make the answer attach to the role: 'they use Salesforce' -> 'who use Salesforce'."""
    narrow = _tidy(narrow)
    lowered = narrow.lower()
    if re.match(r"they(?:'re|’re)?\s", lowered):
        return re.sub(r"^they(?:'re|’re)?\s", lambda m: "who are " if len(m.group(0)) > 5 else "who ",
                      narrow, flags=re.I)
    if lowered.startswith(_CLAUSE_START):
        return narrow
    if re.match(r"^(?:use|run|own|sell|work|export|import|hire|switched|moved|manage|buy|are|have|do)\b", lowered):
        return f"who {narrow}"
    return f"in {narrow}"


def compose(what: str = "", who: str = "", narrow: str = "", fallback: str = "") -> str:
    """Write an objective from its three parts (any may be empty)."""
    if not who and not what:
        return fallback
    if not who:
        return f"Meet people who can help me {_what_clause(what)}"
    text = f"Meet {_who_phrase(who)}"
    if narrow:
        text += f" {_narrow_phrase(narrow)}"
    if what:
        text += f", to {_what_clause(what)}"
    return text


@dataclass
class Step:
    """One question answered, and what it did to the objective."""

    question: str
    answer: str
    objective: str
    grade: str


@dataclass
class PlanDraft:
    """The objective being coached: its parts, the current check and the steps taken."""

    original: str
    result: CheckResult
    start_grade: str = ""
    what: str = ""
    who: str = ""
    narrow: str = ""
    asked: set = field(default_factory=set)
    steps: list[Step] = field(default_factory=list)
    stopped_by_person: bool = False

    @property
    def objective(self) -> str:
        return self.result.text


@dataclass
class Plan:
    """The one-page networking plan."""

    objective: str
    grade: str
    started_from: str
    started_grade: str
    what: list[str]
    who: list[tuple[str, list[str]]]
    narrowed_by: list[tuple[str, str]]
    where: list[tuple[str, str, str]]
    follow_up: str
    next_steps: list[str]
    steps: list[Step]

    def to_markdown(self) -> str:
        """The plan as Markdown (no timestamps: the same answers give the same file).

        Every text in it is written by :func:`markdown_text`, so a participant's markup shows as
        written and nothing in it becomes a tag or a link in a Markdown viewer.
        """
        md = markdown_text
        lines = ["# Networking plan", "",
                 f"**Objective ({self.grade}):** {md(self.objective)}", "",
                 f"Started from: \"{md(self.started_from)}\" ({self.started_grade})", ""]
        if self.steps:
            lines += ["## How it got here", ""]
            lines += [f"{k}. *{md(s.question)}* {md(s.answer)} → \"{md(s.objective)}\" ({s.grade})"
                      for k, s in enumerate(self.steps, 1)]
            lines.append("")
        lines += ["## What I want to learn", ""]
        lines += [f"- {md(w)}" for w in self.what] or ["- (not stated yet: what information or help do you want?)"]
        lines += ["", "## Who can help", ""]
        lines += [f"- {md(role)} ({', '.join(fields) or 'field unknown'})" for role, fields in self.who] or \
            ["- (no kind of person named yet)"]
        if self.narrowed_by:
            lines += ["", "## What they have in common", ""]
            lines += [f"- {md(text)} ({kind})" for text, kind in self.narrowed_by]
        lines += ["", "## Where to find them", ""]
        lines += [f"- **{md(name)}** ({kind}): {md(why)}" for name, kind, why in self.where]
        lines += ["", "## Follow-up: ask people you know", "", f"> {md(self.follow_up)}", ""]
        if self.next_steps:
            lines += ["## Next steps", ""]
            lines += [f"- {md(s)}" for s in self.next_steps]
            lines.append("")
        return "\n".join(lines)


def markdown_text(text: str) -> str:
    """``text`` for Markdown, shown as written: ``<`` cannot open an HTML tag, ``[`` ``]`` cannot
    make a link or an image, ``\\`` cannot escape the next character.

    >>> print(markdown_text("<b>CPAs</b> [x](javascript:y)"))
    \\<b>CPAs\\</b> \\[x\\](javascript:y)
    """
    return text.translate(_MARKDOWN_ESCAPES)


_MARKDOWN_ESCAPES = str.maketrans({ch: "\\" + ch for ch in "\\<[]"})


class PlanCoach:
    """Drives a coaching session; the CLI (interactive or scripted) and tests call it alike."""

    def __init__(self, coach: Coach):
        self.coach = coach

    def start(self, objective: str) -> PlanDraft:
        """Grade the starting objective (cleaned, see :func:`clean_answer`) and take its parts apart."""
        result = self.coach.check(clean_answer(objective, what="objective", limit=MAX_CHARS))
        targets = [r for r in result.roles if r.target]
        return PlanDraft(
            original=result.text, result=result, start_grade=result.grade,
            what=result.needs[0] if result.needs else "",
            who=targets[0].text if targets else "",
            narrow=" ".join(q.text for q in result.qualifiers),
        )

    def next_question(self, draft: PlanDraft) -> str | None:
        """The next gap to ask about, in the source's order, or None when done."""
        if draft.stopped_by_person or draft.result.grade == "specific":
            return None
        result = draft.result
        gaps = missing_parts(has_need=bool(draft.what or result.needs),
                             has_target=any(r.target for r in result.roles),
                             has_qualifier=bool(result.qualifiers))
        return next((key for key in gaps if key not in draft.asked), None)

    def offers(self, draft: PlanDraft, key: str) -> list[str]:
        """Examples to offer with a question: roles that fit the field and topic, or qualifier kinds."""
        if key == "who":
            # People in the writer's neighbouring occupations (O*NET) first: they can give it.
            for role in draft.result.roles:
                if role.occupation and role.relation in ("own", "target"):
                    partners = self.coach.occupations.partner_titles(role.occupation.code, limit=6)
                    if partners:
                        return partners
            fields = self.coach.fields
            text = f"{draft.what} {draft.original}"
            ids = fields.fields_in_prose(text)
            roles = [r for fid in ids for r in fields.fields[fid].example_roles]
            return roles[:6] or ["small business owners", "sales managers", "CFOs", "HR directors"]
        if key == "narrow":
            return ["an industry (at mid-sized manufacturers)", "a tool (who use Salesforce)",
                    "a situation (who are hiring this quarter)", "a place (in Akron)"]
        return []

    def answer(self, draft: PlanDraft, key: str, text: str) -> PlanDraft:
        """Take an answer (empty skips the question, 'done' stops) and rewrite the objective.

        An answer refused (:class:`InputError`: not text, too long, or an objective that cannot
        be graded) leaves the draft as it was, so later answers are unaffected.
        """
        draft.asked.add(key)
        answer = clean_answer(text)
        if answer.lower() in STOP_WORDS:
            draft.stopped_by_person = True
            return draft
        if not answer:
            return draft
        parts = {"what": draft.what, "who": draft.who, "narrow": draft.narrow, key: answer}
        rewritten = compose(parts["what"], parts["who"], parts["narrow"], fallback=draft.original)
        draft.result = self.coach.check(rewritten)  # raises before anything in the draft changed
        setattr(draft, key, answer)
        draft.steps.append(Step(QUESTIONS[key], answer, draft.result.text, draft.result.grade))
        return draft

    def plan(self, draft: PlanDraft) -> Plan:
        """The networking plan for where the draft stands now."""
        result = draft.result
        targets = [r for r in result.roles if r.target]
        field_id = (result.fields or [None])[0]
        label = self.coach.fields.fields[field_id].label.lower() if field_id else "your field"
        who = plural_phrase(targets[0].text) if targets else "the people you want to meet"
        follow_up = (f"Ask two or three people I already know in {label} which events, groups and "
                     f"online communities {who} attend, and who they would introduce me to.")
        next_steps = [f.message for f in result.feedback if f.code in ("no-need", "not-measurable", "no-time-frame")]
        if result.grade != "specific":
            next_steps.insert(0, result.suggestion)
        return Plan(
            objective=result.text, grade=result.grade,
            started_from=draft.original, started_grade=draft.start_grade,
            what=result.needs or ([draft.what] if draft.what else []),
            who=[(r.text, r.fields) for r in targets],
            narrowed_by=[(q.text, q.kind) for q in result.qualifiers],
            where=[(v.name, v.kind, v.why) for v in result.venues],
            follow_up=follow_up, next_steps=next_steps, steps=list(draft.steps),
        )

    def run_scripted(self, objective: str, answers: dict[str, str]) -> tuple[PlanDraft, Plan]:
        """The whole session from prepared answers (keys: what, who, narrow), as the prompts would go."""
        answers = parse_answers(answers)
        draft = self.start(objective)
        while (key := self.next_question(draft)) is not None:
            try:
                self.answer(draft, key, answers.get(key, ""))
            except InputError as err:
                raise InputError(f'answer "{key}": {err}') from None
        return draft, self.plan(draft)
