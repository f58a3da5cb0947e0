"""Turn a parsed objective into the feature dict the grader learns from.

The features are plain ``str -> float`` dicts (for scikit-learn's ``DictVectorizer``), so the
saved grader holds no spaCy objects: the rubric's evidence found by the components (roles,
qualifiers, needs, generic people, judgement words, signals), the rubric's own decision on that
evidence, and lower-cased lemma n-grams for the wording the rules miss.
"""
from __future__ import annotations

import math

from spacy.tokens import Doc

from .lexicon import load_fields

#: Grades in order, lowest first.
GRADES = ("vague", "improved", "specific")


def evidence(doc: Doc) -> dict:
    """The rubric's three things and their companions, counted from the components' output."""
    roles = doc._.roles or []
    targets = [r for r in roles if r["target"]]
    qualifiers = doc._.qualifiers or []
    fields = load_fields()
    # The writer's own role is not a field of the people to meet ("I'm a pharmacist … meet people").
    text = doc.text
    for role in roles:
        if role["relation"] == "own":
            text = text[:role["start"]] + " " * (role["end"] - role["start"]) + text[role["end"]:]
    return {
        "targets": targets,
        "own": [r for r in roles if r["relation"] == "own"],
        "mentions": [r for r in roles if r["relation"] == "mention"],
        "qualifiers": qualifiers,
        "needs": doc._.needs or [],
        "generic": doc._.generic_people or [],
        "non_qualifiers": doc._.non_qualifiers or [],
        "signals": doc._.signals or {"measurable": [], "time_bound": []},
        "field_words": fields.fields_in(text) + fields.industries_in(text),
    }


def rule_grade(ev: dict) -> str:
    """The rubric's decision on the evidence, in its order (borderline goes lower).

    specific: a role and a qualifier; improved: a role, or generic people with a need or a field;
    vague: anything else.
    """
    if ev["targets"] and ev["qualifiers"]:
        return "specific"
    if ev["targets"]:
        return "improved"
    if ev["generic"] and (ev["needs"] or ev["field_words"]):
        return "improved"
    if ev["needs"] and ev["mentions"]:
        return "improved"
    return "vague"


def doc_features(doc: Doc, ev: dict | None = None) -> dict[str, float]:
    """Feature dict of one parsed objective (``ev``: its :func:`evidence`, if already computed)."""
    ev = evidence(doc) if ev is None else ev
    feats: dict[str, float] = {
        "has_target_role": float(bool(ev["targets"])),
        "n_target_roles": float(min(len(ev["targets"]), 3)),
        "has_own_role": float(bool(ev["own"])),
        "own_role_only": float(bool(ev["own"]) and not ev["targets"]),
        "has_mention": float(bool(ev["mentions"])),
        "has_qualifier": float(bool(ev["qualifiers"])),
        "n_qualifiers": float(min(len(ev["qualifiers"]), 3)),
        "has_need": float(bool(ev["needs"])),
        "has_generic": float(bool(ev["generic"])),
        "generic_and_need": float(bool(ev["generic"]) and bool(ev["needs"])),
        "generic_and_field": float(bool(ev["generic"]) and bool(ev["field_words"])),
        "has_field_words": float(bool(ev["field_words"])),
        "has_judgement": float(any(n["kind"] == "judgement" for n in ev["non_qualifiers"])),
        "has_local_only": float(any(n["kind"] == "local" for n in ev["non_qualifiers"])
                                and not any(q["kind"] == "place" for q in ev["qualifiers"])),
        "measurable": float(bool(ev["signals"]["measurable"])),
        "time_bound": float(bool(ev["signals"]["time_bound"])),
        "log_tokens": math.log1p(len(doc)),
        f"rule={rule_grade(ev)}": 1.0,
    }
    for q in ev["qualifiers"]:
        feats[f"qualifier={q['kind']}"] = 1.0
    for r in ev["targets"]:
        feats[f"role_head={r['head']}"] = 1.0
    lemmas = [t.lemma_.lower() for t in doc if not t.is_punct and not t.is_space]
    for lemma in lemmas:
        feats[f"w={lemma}"] = 1.0
    for a, b in zip(lemmas, lemmas[1:]):
        feats[f"b={a}_{b}"] = 1.0
    return feats
