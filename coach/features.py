"""Turn a parsed objective into the feature dict the grader learns from.

The features are plain ``str -> float`` dicts (for scikit-learn's ``DictVectorizer``), so the
saved grader holds no spaCy objects: the rubric's evidence (:class:`~coach.rubric.Evidence`:
roles, qualifiers, needs, generic people, judgement words, signals), the rubric's own decision
on it, and lower-cased lemma n-grams for the wording the rules miss.
"""
from __future__ import annotations

import math

from spacy.tokens import Doc

from .components._columns import column
from .components._shared import REJECTED_QUALIFIERS
from .components._sentences import text_of
from .lexicon import load_data
from .rubric import Evidence, PeopleEvidence, rule_grade, span_group, sure_need_from_people

#: Value of each word n-gram feature. Below 1 the n-grams are regularised more than the rubric's
#: evidence: most of them come from the rows written to order, whose wording real writers do not
#: share. Chosen by grouped cross-validation on the real train split (``scripts/tune_grader.py``).
NGRAM_WEIGHT = 0.5


#: Feature saying the rubric's rules see people with a need the rubric names outright.
SURE_NEED_FEATURE = "sure_need_from_people"


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
        # (also read by the grade decision: such people are never vague, see rubric.decided_grade)
        SURE_NEED_FEATURE: float(sure_need_from_people(ev)),
    }
    feats.update(people_features(doc, ev))
    feats.update(qualifier_features(doc, ev))
    feats.update(judge_features(doc, ev))
    for q in ev.qualifiers:
        feats[f"qualifier={q._.coach_kind}"] = 1.0
    for r in ev.targets:
        feats[f"role_head={r._.coach_head}"] = 1.0
    lemmas = column(doc, "word_lemmas")
    for lemma in lemmas:
        feats[f"w={lemma}"] = NGRAM_WEIGHT
    for a, b in zip(lemmas, lemmas[1:]):
        feats[f"b={a}_{b}"] = NGRAM_WEIGHT
    return feats


def judge_features(doc: Doc, ev: Evidence) -> dict[str, float]:
    """How sure the learned judges were, not only what they decided: a target the role judge
    doubted, an own role or mention it nearly took for a target, a qualifier the qualifier judge
    nearly rejected or a phrase it nearly accepted. The rubric's line between grades runs through
    exactly these calls, and a yes / no hides how close they were."""
    feats: dict[str, float] = {}
    if ev.targets:
        # Not asked (a known title in a clear person slot, or no judge): as sure as can be.
        p = [1.0 if s._.coach_target_p is None else s._.coach_target_p for s in ev.targets]
        feats["target_judge_min"] = min(p)
        feats["target_judge_max"] = max(p)
        scores = [1.0 if q._.coach_score is None else q._.coach_score for q in ev.qualifiers]
        if scores:
            feats["qualifier_score_max"] = max(scores)
        rejected = [q._.coach_score for q in span_group(doc, REJECTED_QUALIFIERS) if q._.coach_score is not None]
        if rejected:
            feats["rejected_qualifier_score_max"] = max(rejected)
    else:
        near = [s._.coach_target_p for s in ev.own + ev.mentions if s._.coach_target_p is not None]
        if near:
            feats["untargeted_judge_max"] = max(near)
    return feats


def broad_rule_grade(ev: Evidence, people: PeopleEvidence) -> str:
    """The rubric's rule with "generic people" read widely: any people word that is not a role
    (mentors, parents, volunteers), a job-title noun the extractor left out, or the people the
    writer addresses ("do you work in …") count as generic people with a need or field."""
    grade = rule_grade(ev)
    if grade != "vague":
        return grade
    someone = bool(ev.generic or people.people or people.role_heads or people.addressed)
    return "improved" if someone and (ev.needs or ev.field_words) else "vague"


def people_features(doc: Doc, ev: Evidence, people: PeopleEvidence | None = None) -> dict[str, float]:
    """Evidence for real wording's vague / improved line (see :class:`~coach.rubric.PeopleEvidence`)."""
    people = PeopleEvidence.from_doc(doc, ev) if people is None else people
    no_target = not ev.targets
    need, field = bool(ev.needs), bool(ev.field_words)
    someone = bool(ev.generic or people.people)
    occupations = [t._.coach_occupation for t in ev.targets]
    # "mechanical mentors", "bilingual volunteers": a kind of person narrowed by a modifier.
    judged = {s.root.i for s in ev.non_qualifiers}
    modified = any(c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN", "PROPN") and c.i not in judged
                   for t in people.people for c in t.lefts)
    return {
        "people_word": float(bool(people.people)),
        "people_and_need": float(someone and need and no_target),
        "people_modified": float(modified and no_target),
        "people_and_field": float(someone and field and no_target),
        "untargeted_role_head": float(bool(people.role_heads) and no_target),
        "untargeted_role_head_and_need": float(bool(people.role_heads) and no_target and (need or field)),
        "organisation_no_target": float(bool(people.organisations) and no_target),
        "organisation_and_field": float(bool(people.organisations) and field and no_target),
        "addressed": float(people.addressed),
        "addressed_and_field": float(people.addressed and (field or need) and no_target),
        "field_and_need_nobody": float(field and need and no_target and not someone),
        "target_known_occupation": float(any(o is not None for o in occupations)),
        "target_unknown_only": float(bool(occupations) and all(o is None for o in occupations)),
        "target_judgement_no_qualifier": float(bool(ev.targets) and bool(ev.flagged("judgement"))
                                               and not ev.qualifiers),
        "question": float("?" in text_of(doc)),
        f"rule_broad={broad_rule_grade(ev, people)}": 1.0,
        **attached_features(doc, ev, people),
    }


def attached_features(doc: Doc, ev: Evidence, people: PeopleEvidence) -> dict[str, float]:
    """Is the field or the need *about* the generic people? The rubric's improved reads "people in
    healthcare who might be hiring": the field and the need describe those people. A field word
    elsewhere ("I'm in healthcare and want to meet people") narrows nobody, so the grader is told
    whether a field or need sits in a generic people word's own phrase (its subtree, or a
    compound / adjective before it: "fintech people")."""
    if ev.targets:
        return {}
    heads = [s.root for s in ev.generic] + list(people.people)
    if not heads:
        return {}
    fields = load_data().fields
    own = {t.i for s in ev.own for t in s}
    field_attached = need_attached = False
    for head in heads:
        phrase = [t for t in head.subtree if t.i not in own]
        # The parser often hangs "in fintech" on the verb ("meet people in fintech"): a preposition
        # right after the people word's phrase still describes them.
        after = phrase[-1].i + 1 if phrase else head.i + 1
        if after < len(doc) and doc[after].dep_ == "prep" and doc[after].head.i == head.head.i:
            phrase += [t for t in doc[after].subtree if t.i not in own]
        inside = {t.i for t in phrase}
        # A need about them starts in their phrase ("people who can point me to …"); a need span
        # holding the people word itself is the whole clause, not something said of them.
        if any(n.start > head.i and n.start in inside for n in ev.needs):
            need_attached = True
        words = " ".join(t.text for t in phrase if t.i != head.i)
        if words and fields.fields_in_prose(words):
            field_attached = True
    return {"people_field_attached": float(field_attached), "people_need_attached": float(need_attached)}


def qualifier_features(doc: Doc, ev: Evidence) -> dict[str, float]:
    """Does a qualifier narrow the people to meet? The rubric's qualifier says something about
    *them*: a place or industry attached elsewhere ("I'm a 12th grader in California", "how do
    architects find Portland") narrows nobody. And a target's own pre-modifiers can carry one
    ("New Zealand primary teachers", "pharma sales reps")."""
    if not ev.targets:
        return {}
    target_tokens = {t.i for s in ev.targets for t in s}
    near = set(target_tokens)
    for span in ev.targets:
        near.update(t.i for t in span.root.subtree)
        near.update((span.start - 1, span.end))
    attached = [q for q in ev.qualifiers if any(t.i in near for t in q) or q.root.head.i in target_tokens]
    feats = {}
    if ev.qualifiers:
        feats["qualifier_attached"] = float(bool(attached))
        feats["qualifier_detached_only"] = float(not attached)
        for q in attached:
            feats[f"attached_qualifier={q._.coach_kind}"] = 1.0
    data = load_data()
    fields, places = data.fields, data.places
    for span in ev.targets:
        left = {t.i: t for t in span if t.i < span.root.i}
        left.update((t.i, t) for t in span.root.subtree if t.i < span.start and t.i >= span.start - 3
                    and t.dep_ in ("compound", "amod", "nmod", "npadvmod"))
        modifiers = [t for _, t in sorted(left.items()) if t.pos_ in ("PROPN", "NOUN", "ADJ")]
        if any(t.ent_type_ in ("GPE", "LOC", "NORP") or t.lower_ in places for t in modifiers):
            feats["target_place_modifier"] = 1.0
        if modifiers and fields.industries_in(" ".join(t.text for t in modifiers)):
            feats["target_industry_modifier"] = 1.0  # "hospital CFOs", "restaurant owners"
    return feats
