"""Turn a parsed objective into the feature dict the grader learns from.

The features are plain ``str -> float`` dicts (for scikit-learn's ``DictVectorizer``), so the
saved grader holds no spaCy objects: the rubric's evidence (:class:`~coach.rubric.Evidence`:
roles, qualifiers, needs, generic people, judgement words, signals), the rubric's own decision
on it, and lower-cased lemma n-grams for the wording the rules miss.
"""
from __future__ import annotations

import math

from spacy.tokens import Doc

from .rubric import Evidence, rule_grade


def doc_features(doc: Doc, ev: Evidence | None = None) -> dict[str, float]:
    """Feature dict of one parsed objective (``ev``: its evidence, if already collected)."""
    ev = Evidence.from_doc(doc) if ev is None else ev
    feats: dict[str, float] = {
        "has_target_role": float(bool(ev.targets)),
        "n_target_roles": float(min(len(ev.targets), 3)),
        "has_own_role": float(bool(ev.own)),
        "own_role_only": float(bool(ev.own) and not ev.targets),
        "has_mention": float(bool(ev.mentions)),
        "has_qualifier": float(bool(ev.qualifiers)),
        "n_qualifiers": float(min(len(ev.qualifiers), 3)),
        "has_need": float(bool(ev.needs)),
        "has_generic": float(bool(ev.generic)),
        "generic_and_need": float(bool(ev.generic) and bool(ev.needs)),
        "generic_and_field": float(bool(ev.generic) and bool(ev.field_words)),
        "has_field_words": float(bool(ev.field_words)),
        "has_judgement": float(bool(ev.flagged("judgement"))),
        "has_local_only": float(bool(ev.flagged("local")) and not ev.has_place),
        "measurable": float(bool(ev.measurable)),
        "time_bound": float(bool(ev.time_bound)),
        "log_tokens": math.log1p(len(doc)),
        f"rule={rule_grade(ev)}": 1.0,
    }
    for q in ev.qualifiers:
        feats[f"qualifier={q._.coach_kind}"] = 1.0
    for r in ev.targets:
        feats[f"role_head={r._.coach_head}"] = 1.0
    lemmas = [t.lemma_.lower() for t in doc if not t.is_punct and not t.is_space]
    for lemma in lemmas:
        feats[f"w={lemma}"] = 1.0
    for a, b in zip(lemmas, lemmas[1:]):
        feats[f"b={a}_{b}"] = 1.0
    return feats
