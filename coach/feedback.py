"""Reasons and the next-rewrite suggestion, built from what the components found.

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
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

CODES = ("no-role", "generic-people", "own-role-only", "no-qualifier", "judgement-not-qualifier",
         "local-only", "no-need", "not-measurable", "no-time-frame", "mention-not-target")


@dataclass(frozen=True)
class Feedback:
    """One reason, with a stable ``code`` and a message for people."""

    code: str
    message: str

    def to_dict(self) -> dict:
        return asdict(self)


def reasons(ev: dict) -> list[Feedback]:
    """The reasons an objective is not (yet) better, most important first."""
    out: list[Feedback] = []
    targets, own, generic = ev["targets"], ev["own"], ev["generic"]
    if not targets:
        if own:
            out.append(Feedback("own-role-only", f"\"{own[0]['text']}\" is your own role; name the kind of "
                                                 "person you want to meet."))
        elif generic:
            words = ", ".join(dict.fromkeys(g["text"].lower() for g in generic))
            out.append(Feedback("generic-people", f"\"{words}\" could be anyone; name a kind of person: "
                                                  "a job title, profession or position."))
        else:
            out.append(Feedback("no-role", "No kind of person is named: who has the information you want?"))
    elif not ev["qualifiers"]:
        out.append(Feedback("no-qualifier", f"Which {targets[0]['text']}? Nothing concrete narrows them yet."))
    judgements = [n for n in ev["non_qualifiers"] if n["kind"] == "judgement"]
    if judgements and not ev["qualifiers"]:
        out.append(Feedback("judgement-not-qualifier",
                            f"\"{judgements[0]['text']}\" is a hope or a judgement, not something others "
                            "can check; say what these people do, use or share."))
    if any(n["kind"] == "local" for n in ev["non_qualifiers"]) and not any(
            q["kind"] == "place" for q in ev["qualifiers"]):
        out.append(Feedback("local-only", "\"Local\" narrows little (most networking is local); name the "
                                          "town, district or county."))
    if ev["mentions"] and not targets:
        out.append(Feedback("mention-not-target", f"\"{ev['mentions'][0]['text']}\" is mentioned, but not as "
                                                  "the people you want to meet."))
    if not ev["needs"]:
        out.append(Feedback("no-need", "Say what you want from them: information, advice, introductions "
                                       "or a resource, and why it matters."))
    if not ev["signals"]["measurable"]:
        out.append(Feedback("not-measurable", "Add a number: how many people or conversations?"))
    if not ev["signals"]["time_bound"]:
        out.append(Feedback("no-time-frame", "Add a time frame: by when?"))
    return out


def suggestion(ev: dict, grade: str, fields: list[str], field_label: str | None,
               example_roles: tuple[str, ...] = ()) -> str:
    """A concrete next rewrite, in the source's order: what, then who, then narrow.

    ``example_roles`` are job titles of the objective's field, offered when no role is named.
    """
    targets, own = ev["targets"], ev["own"]
    examples = " or ".join(f'"{r}"' for r in (example_roles or ("sales trainers", "HR directors"))[:2])
    if not targets:
        if ev["generic"] or ev["needs"]:
            area = f" in {field_label.lower()}" if field_label else ""
            return ("Which kind of person has that information? Replace "
                    f"\"{(ev['generic'][0]['text'] if ev['generic'] else 'people')}\" with a job title or "
                    f"profession{area} (for example {examples}), then add what they share.")
        if own:
            return (f"You are a {own[0]['text']}; who could help you? Name the people who meet your future "
                    "clients before you do, or who know what you want to learn: a job title, what those "
                    "people have in common, and what you want from them.")
        return ("Start with what you want to know and why: then name the kind of person who knows it. "
                "For example: \"Meet sales professionals who use a contact management system to learn "
                "which one they recommend.\"")
    role = targets[0]["text"]
    if grade != "specific" or not ev["qualifiers"]:
        return (f"Which {role}? Add what they share: an industry, a tool, a situation or a place "
                f"(for example \"{role} at mid-sized manufacturers in your city\" or \"{role} who switched "
                "to a new CRM this year\").")
    if not ev["needs"]:
        return (f"Say what you want from these {role}: for example \"to learn how they …\" or \"for "
                "introductions to …\", so they know how to help.")
    if not ev["signals"]["measurable"] or not ev["signals"]["time_bound"]:
        return (f"Make it a plan: how many {role} and by when (for example \"three of them by the end of "
                "next month\").")
    return (f"Good and specific. Next: ask people you know in {field_label.lower() if field_label else 'the field'} "
            f"which events and groups {role} attend.")
