"""The rubric in one place: grades, the evidence, the rule grade, reasons and suggestions.

The domain model is ``shared/docs/rubric.md``. Look for three things: a **role** (a concrete
kind of person), a **qualifier** (something checkable that narrows the role) and a **need**
(what is wanted from them). Then: *specific* = a role and a qualifier; *improved* = a role, or
generic people with a need or a field; *vague* = anything else; borderline goes lower.

Everything that decides or explains a grade reads the same :class:`Evidence`, built once per
parsed objective from the components' span groups.

Reason codes are stable (tools and reports key on them):

- ``no-role``: no kind of person to meet is named.
- ``generic-people``: only generic people words (people, contacts, decision makers …).
- ``own-role-only``: the only role named is the writer's own.
- ``no-qualifier``: a role, but nothing concrete narrows it.
- ``judgement-not-qualifier``: words like "experienced" or "who might need my services".
- ``local-only``: "local" / "in my area" without a named place.
- ``no-need``: no information, idea or resource sought is stated.
- ``not-measurable``: no number of people or meetings.
- ``no-time-frame``: no time frame.
- ``mention-not-target``: people named only inside a qualifier or a need.
- ``unknown-occupation``: a role whose occupation the coach could not tell (still counted as a role).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from spacy.tokens import Doc, Span, Token

from .components._columns import column
from .components._sentences import text_of
from .components.needs import is_sure_need
from .components._shared import (
    GENERIC,
    MEASURABLE,
    NEEDS,
    NON_QUALIFIERS,
    QUALIFIERS,
    RELATIONS,
    ROLES,
    TIME_BOUND,
)
from .lexicon import FieldLexicon, is_plural_word, load_data, plural_phrase, singular

#: Grades in order, lowest first.
GRADES = ("vague", "improved", "specific")
#: Terminal colour of each grade (the HTML report uses the same hues in its CSS).
GRADE_COLORS = {"vague": "red", "improved": "yellow", "specific": "green"}


def rank(grade: str) -> int:
    """Position of ``grade`` on the ladder (vague 0, improved 1, specific 2).

    >>> rank("specific") > rank("improved")
    True
    """
    return GRADES.index(grade)


def best_grade(probabilities: Mapping[str, float]) -> str:
    """The most probable grade; ties go to the lower grade (borderline goes lower).

    >>> best_grade({"vague": 0.2, "improved": 0.4, "specific": 0.4})
    'improved'
    """
    return max(GRADES, key=lambda g: (probabilities[g], -rank(g)))


def decided_grade(probabilities: Mapping[str, float], sure_need_from_people: bool = False) -> str:
    """The grade the coach gives: the most probable one (:func:`best_grade`), except that people
    with a need the rubric names outright are never ``vague`` (the rubric grades "people who can
    point me to business opportunities" improved; the learned weighing must not overrule its own
    example). See :func:`sure_need_from_people`.

    >>> decided_grade({"vague": 0.51, "improved": 0.45, "specific": 0.04}, sure_need_from_people=True)
    'improved'
    >>> decided_grade({"vague": 0.51, "improved": 0.45, "specific": 0.04})
    'vague'
    """
    grade = best_grade(probabilities)
    if grade == "vague" and sure_need_from_people:
        return max(GRADES[1:], key=lambda g: (probabilities[g], -rank(g)))
    return grade


def span_group(doc: Doc, name: str) -> list[Span]:
    """The spans of group ``name`` (empty when a component did not set it)."""
    return list(doc.spans[name]) if name in doc.spans else []


@dataclass(frozen=True)
class Evidence:
    """The rubric's three things and their companions, as spans of one parsed objective."""

    targets: list[Span]
    own: list[Span]
    mentions: list[Span]
    excluded: list[Span]
    qualifiers: list[Span]
    needs: list[Span]
    generic: list[Span]
    non_qualifiers: list[Span]
    measurable: list[Span]
    time_bound: list[Span]
    field_words: list[str]

    @classmethod
    def from_doc(cls, doc: Doc, fields: FieldLexicon | None = None) -> Evidence:
        """Collect the evidence from the coach components' span groups."""
        fields = fields or load_data().fields
        roles = span_group(doc, ROLES)
        by_relation: dict[str, list[Span]] = {r: [] for r in RELATIONS}
        for s in roles:  # (one pass: each ``s._`` makes a new accessor object)
            kind = by_relation.get(s._.coach_relation)
            if kind is not None:
                kind.append(s)
        # The writer's own role is not a field of the people to meet ("I'm a pharmacist … meet people").
        text = text_of(doc)
        for role in by_relation["own"]:
            text = text[:role.start_char] + " " * (role.end_char - role.start_char) + text[role.end_char:]
        return cls(
            targets=by_relation["target"], own=by_relation["own"], mentions=by_relation["mention"],
            excluded=by_relation["excluded"], qualifiers=span_group(doc, QUALIFIERS), needs=span_group(doc, NEEDS),
            generic=span_group(doc, GENERIC), non_qualifiers=span_group(doc, NON_QUALIFIERS),
            measurable=span_group(doc, MEASURABLE), time_bound=span_group(doc, TIME_BOUND),
            field_words=fields.fields_in_prose(text),  # (the pronoun "it" is no IT)
        )

    def flagged(self, flag: str) -> list[Span]:
        """Non-qualifiers of one kind (``judgement`` or ``local``)."""
        return [s for s in self.non_qualifiers if s._.coach_flag == flag]

    @property
    def has_place(self) -> bool:
        return any(q._.coach_kind == "place" for q in self.qualifiers)



@dataclass(frozen=True)
class PeopleEvidence:
    """What the role extractor leaves out but the rubric still reads: people words that are not
    roles, organisations named in their place, and fields stated without a role.

    The rubric's *improved* covers "generic people with a stated need or field"; real writers
    name such people with many words the role extractor rightly does not take as roles
    ("mechanical mentors", "parents of children with autism", "bilingual volunteers", "you" in
    "do you work in an elementary school"). These are grader evidence only, never roles.
    """

    people: list[Token]        # people words outside every role span (generic, informal, non-occupations)
    role_heads: list[Token]    # job-title head nouns outside every role span ("CPA", "guest speaker")
    organisations: list[Token]  # bare organisation words outside qualifiers ("businesses", "agencies")
    addressed: bool            # the writer speaks to the people ("you", "your")

    @classmethod
    def from_doc(cls, doc: Doc, ev: Evidence, data=None) -> PeopleEvidence:
        data = data or load_data()
        people_words = data.people_words
        org_words = data.lists.words("org_words")
        covered = {t.i for s in ev.targets + ev.own + ev.mentions + ev.excluded + ev.generic for t in s}
        in_qualifier = {t.i for s in ev.qualifiers for t in s}
        people, heads, orgs = [], [], []
        lowers = column(doc, "lower")
        for i, pos in enumerate(column(doc, "pos")):
            if i in covered or pos not in ("NOUN", "PROPN"):
                continue
            token = doc[i]
            low, lemma = lowers[i], token.lemma_.lower()
            if low in people_words or lemma in people_words:
                people.append(token)
            elif token.is_alpha and len(low) > 2 and data.roles.is_head(lemma):
                heads.append(token)
            elif token.i not in in_qualifier and (low in org_words or lemma in org_words):
                orgs.append(token)
        addressed = any(low in ("you", "your", "yours", "y'all", "ya") for low in lowers)
        return cls(people, heads, orgs, addressed)


def sure_need_from_people(ev: Evidence) -> bool:
    """Whether the rubric's rules grade the evidence above vague and one of its needs is one the
    rubric names outright (:func:`~coach.components.needs.is_sure_need`)."""
    return any(is_sure_need(n) for n in ev.needs) and rule_grade(ev) != "vague"  # (the cheap test first)


def rule_grade(ev: Evidence) -> str:
    """The rubric's decision on the evidence, in its order (borderline goes lower)."""
    if ev.targets and ev.qualifiers:
        return "specific"
    if ev.targets:
        return "improved"
    if ev.generic and (ev.needs or ev.field_words):
        return "improved"
    if ev.needs and ev.mentions:
        return "improved"
    return "vague"


@dataclass(frozen=True)
class Feedback:
    """One reason, with a stable ``code`` and a message for people."""

    code: str
    message: str

    def to_dict(self) -> dict:
        return asdict(self)


def reasons(ev: Evidence) -> list[Feedback]:
    """The reasons an objective is not (yet) better, most important first."""
    out: list[Feedback] = []
    if not ev.targets:
        if ev.own:
            out.append(Feedback("own-role-only", f"\"{ev.own[0].text}\" is your own role; name the kind of "
                                                 "person you want to meet."))
        elif ev.generic:
            words = ", ".join(dict.fromkeys(g.text.lower() for g in ev.generic))
            out.append(Feedback("generic-people", f"\"{words}\" could be anyone; name a kind of person: "
                                                  "a job title, profession or position."))
        else:
            out.append(Feedback("no-role", "No kind of person is named: who has the information you want?"))
    elif not ev.qualifiers:
        out.append(Feedback("no-qualifier", f"Which {ev.targets[0].text}? Nothing concrete narrows them yet."))
    judgements = ev.flagged("judgement")
    if judgements and not ev.qualifiers:
        out.append(Feedback("judgement-not-qualifier",
                            f"\"{judgements[0].text}\" is a hope or a judgement, not something others "
                            "can check; say what these people do, use or share."))
    if ev.flagged("local") and not ev.has_place:
        out.append(Feedback("local-only", "\"Local\" narrows little (most networking is local); name the "
                                          "town, district or county."))
    unknown = [t for t in ev.targets if t._.coach_occupation is None]
    if unknown:
        role = unknown[0]
        if singular(role._.coach_head or "") in load_data().lists.words("entrepreneur_heads"):
            # Owners and founders are no occupation of their own: the business they run says who they are.
            labels = load_data().fields.fields
            kind = "; ".join(labels[f].label.lower() for f in (role._.coach_fields or [])[:2] if f in labels)
            out.append(Feedback("unknown-occupation", f"\"{role.text}\" counts as a kind of person; owners and "
                                                      "founders have no occupation of their own, so the coach reads "
                                                      f"them by the business they run{f' ({kind})' if kind else ''}: "
                                                      "name that business as exactly as you can."))
        else:
            out.append(Feedback("unknown-occupation", f"\"{role.text}\" counts as a kind of person, but the coach "
                                                      "could not tell which occupation it is; if it is an informal or "
                                                      "local name, add the usual job title so others know who you mean."))
    if ev.mentions and not ev.targets:
        out.append(Feedback("mention-not-target", f"\"{ev.mentions[0].text}\" is mentioned, but not as "
                                                  "the people you want to meet."))
    if not ev.needs:
        out.append(Feedback("no-need", "Say what you want from them: information, advice, introductions "
                                       "or a resource, and why it matters."))
    if not ev.measurable:
        out.append(Feedback("not-measurable", "Add a number: how many people or conversations?"))
    if not ev.time_bound:
        out.append(Feedback("no-time-frame", "Add a time frame: by when?"))
    return out


def suggestion(ev: Evidence, grade: str, field_label: str | None, example_roles: tuple[str, ...] = (),
               partners: tuple[str, ...] = ()) -> str:
    """A concrete next rewrite, in the source's order: what, then who, then narrow.

    ``example_roles`` are job titles of the objective's field, offered when no role is named;
    ``partners`` are occupations related to the writer's own (O*NET), offered when the only role
    named is the writer's.
    """
    examples = " or ".join(f'"{r}"' for r in (example_roles or ("sales trainers", "HR directors"))[:2])
    if not ev.targets:
        if ev.generic or ev.needs:
            area = f" in {field_label.lower()}" if field_label else ""
            return ("Which kind of person has that information? Replace "
                    f"\"{(ev.generic[0].text if ev.generic else 'people')}\" with a job title or "
                    f"profession{area} (for example {examples}), then add what they share.")
        if ev.own:
            own = ev.own[0].text
            one = own if is_plural_word(own.split(" ")[-1]) else f"{_article(own)} {own}"  # "You are dentists"
            who = (f" (for {one}, for example {_or_list(partners)})" if partners else "")
            return (f"You are {one}; who could help you? Name the people who meet your future "
                    f"clients before you do, or who know what you want to learn{who}: a job title, what those "
                    "people have in common, and what you want from them.")
        return ("Start with what you want to know and why: then name the kind of person who knows it. "
                "For example: \"Meet sales professionals who use a contact management system to learn "
                "which one they recommend.\"")
    role = plural_phrase(ev.targets[0].text)  # the wording below speaks of several of them
    if grade != "specific" or not ev.qualifiers:
        return (f"Which {role}? Add what they share: an industry, a tool, a situation or a place "
                f"(for example \"{role} at mid-sized manufacturers in your city\" or \"{role} who switched "
                "to a new CRM this year\").")
    if not ev.needs:
        return (f"Say what you want from these {role}: for example \"to learn how they …\" or \"for "
                "introductions to …\", so they know how to help.")
    if not ev.measurable or not ev.time_bound:
        return (f"Make it a plan: how many {role} and by when (for example \"three of them by the end of "
                "next month\").")
    return (f"Good and specific. Next: ask people you know in {field_label.lower() if field_label else 'the field'} "
            f"which events and groups {role} attend.")


#: The parts of an objective, in the source's order: what is wanted, from whom, narrowed how.
PARTS = ("what", "who", "narrow")


def missing_parts(has_need: bool, has_target: bool, has_qualifier: bool) -> list[str]:
    """The parts still missing, in the source's order (``what``, ``who``, ``narrow``).

    >>> missing_parts(has_need=False, has_target=True, has_qualifier=False)
    ['what', 'narrow']
    """
    present = {"what": has_need, "who": has_target, "narrow": has_qualifier}
    return [part for part in PARTS if not present[part]]


def _article(phrase: str) -> str:
    """ "a" or "an" by the sound of the first word: "an engineer", "a UX designer", "an RN", "a CPA".

    >>> [_article(w) for w in ("engineer", "UX designer", "RN", "CPA", "university dean", "HR manager")]
    ['an', 'a', 'an', 'a', 'a', 'an']
    """
    first = phrase.split(" ")[0]
    if len(first) > 1 and first.isupper():  # an acronym, read letter by letter
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    low = first.lower()
    if low.startswith(("uni", "use", "usu", "ure", "uro", "eu", "one")):
        return "a"
    return "an" if low[:1] in "aeiou" or low.startswith(("hour", "honest", "heir")) else "a"


def _or_list(items: tuple[str, ...] | list[str]) -> str:
    """ "a, b or c" """
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
