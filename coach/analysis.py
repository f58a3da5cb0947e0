"""Helpers for the analysts' notebooks: data as frames, evaluation tables, explanations, displaCy.

Everything here is shared by the notebooks in ``notebooks/`` so that no code is copied between
them. Needs pandas (in the ``dev`` extra); plotting stays in the notebooks.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .dataset import read_labeled
from .features import SURE_NEED_FEATURE, doc_features
from .rubric import GRADES, Evidence, decided_grade


def labeled_frame(path: Path | None = None) -> pd.DataFrame:
    """The labeled objectives as a frame: text, grade, split, source, words, gold roles and fields."""
    rows = []
    for e in read_labeled(path or paths.data_file("objectives.jsonl")):
        rows.append({
            "text": e.text, "grade": e.grade, "split": e.split, "source": e.meta.get("source", ""),
            "words": len(e.text.split()),
            "roles": [r.get("text") for r in e.roles if isinstance(r, dict)],
            "fields": sorted({f for r in e.roles if isinstance(r, dict) for f in r.get("fields", [])}),
            "own_role": bool(e.meta.get("own_role")),
        })
    frame = pd.DataFrame(rows)
    frame["grade"] = pd.Categorical(frame["grade"], categories=list(GRADES), ordered=True)
    return frame


def parsed_frame(nlp, texts: list[str]) -> pd.DataFrame:
    """What the pipeline finds in each text: counts of roles, qualifiers by kind, needs, signals."""
    rows = []
    for doc in nlp.pipe(texts, batch_size=256):
        ev = Evidence.from_doc(doc)
        kinds = Counter(q._.coach_kind for q in ev.qualifiers)
        rows.append({
            "text": doc.text,
            "target_roles": [r.text for r in ev.targets],
            "role_fields": sorted({f for r in ev.targets for f in r._.coach_fields}),
            "own_roles": [r.text for r in ev.own],
            "qualifier_kinds": dict(kinds),
            "has_need": bool(ev.needs),
            "generic_people": bool(ev.generic),
            "measurable": bool(ev.measurable),
            "time_bound": bool(ev.time_bound),
        })
    return pd.DataFrame(rows)


def indicative_features(grader, top: int = 12) -> pd.DataFrame:
    """The features with the largest weights toward each grade (mean over the calibration folds)."""
    weights = grader.weights
    names = np.empty(len(weights.vocabulary), dtype=object)
    for name, column in weights.vocabulary.items():
        names[column] = name
    mean_coef = weights.coef.mean(axis=0)
    frames = []
    for k, grade in enumerate(weights.classes):
        order = np.argsort(-mean_coef[k])[:top]
        frames.append(pd.DataFrame({"grade": grade, "feature": names[order], "weight": mean_coef[k, order]}))
    return pd.concat(frames, ignore_index=True)


def explain(grader, features: dict[str, float], grade: str, top: int = 5) -> list[tuple[str, float]]:
    """The features of one objective that pushed most toward ``grade`` (weight x value, fold mean)."""
    weights = grader.weights
    k = weights.classes.index(grade)
    mean_coef = weights.coef.mean(axis=0)[k]
    contributions = [(name, float(mean_coef[weights.vocabulary[name]] * value))
                     for name, value in features.items() if name in weights.vocabulary]
    return sorted(contributions, key=lambda item: -abs(item[1]))[:top]


def evaluation_frame(coach, split: str = "test", path: Path | None = None) -> pd.DataFrame:
    """The split graded by ``coach``: text, gold, predicted, probabilities, fields, top features."""
    examples = [e for e in read_labeled(path or paths.data_file("objectives.jsonl")) if e.split == split]
    docs = list(coach.nlp.pipe([e.text for e in examples], batch_size=256))
    features = [doc_features(d) for d in docs]
    probabilities = coach.grader.predict_proba(features)
    rows = []
    for e, feats, probs in zip(examples, features, probabilities):
        predicted = decided_grade(probs, bool(feats.get(SURE_NEED_FEATURE)))
        gold_fields = sorted({f for r in e.roles if isinstance(r, dict) for f in r.get("fields", [])})
        rows.append({
            "text": e.text, "gold": e.grade, "predicted": predicted,
            **{f"p_{g}": probs[g] for g in GRADES},
            "fields": gold_fields,
            "drivers": explain(coach.grader, feats, predicted),
        })
    return pd.DataFrame(rows)


def per_field_accuracy(frame: pd.DataFrame) -> pd.DataFrame:
    """Grade accuracy per gold field (an objective counts once for each of its fields)."""
    exploded = frame.explode("fields").dropna(subset=["fields"])
    grouped = exploded.groupby("fields").apply(
        lambda g: pd.Series({"objectives": len(g), "accuracy": float((g["gold"] == g["predicted"]).mean())}),
        include_groups=False)
    return grouped.sort_values("accuracy")


def displacy_data(doc) -> dict:
    """The coach's findings in displaCy's manual "ent" format: roles, qualifiers and needs."""
    spans = []
    for role in doc.spans["coach_roles"]:
        label = {"target": "ROLE", "own": "OWN ROLE", "mention": "MENTION", "excluded": "EXCLUDED"}[role._.coach_relation]
        spans.append({"start": role.start_char, "end": role.end_char, "label": label})
    for q in doc.spans["coach_qualifiers"]:
        spans.append({"start": q.start_char, "end": q.end_char, "label": f"Q:{q._.coach_kind.upper()}"})
    for n in doc.spans["coach_needs"]:
        spans.append({"start": n.start_char, "end": n.end_char, "label": "NEED"})
    spans.sort(key=lambda s: s["start"])
    kept, last_end = [], -1
    for span in spans:  # displaCy's ent style cannot draw overlaps; keep the first
        if span["start"] >= last_end:
            kept.append(span)
            last_end = span["end"]
    return {"text": doc.text, "ents": kept, "title": None}


DISPLACY_COLORS = {"ROLE": "#7aecec", "OWN ROLE": "#d9d9d9", "MENTION": "#f0e6a8", "NEED": "#c7f5c4",
                   "Q:PLACE": "#feca74", "Q:INDUSTRY": "#aa9cfc", "Q:TECHNOLOGY": "#bfe1d9",
                   "Q:SITUATION": "#e4e7d2", "Q:COMPANY": "#ddd", "Q:TIME": "#ff9561", "Q:EVENT": "#ffeb80"}


def role_venue_table(coach, texts: list[str]) -> pd.DataFrame:
    """Role -> fields -> venues (kind and name) for each target role found in ``texts``."""
    rows = []
    for result in coach.check_many(texts):
        for role in (r for r in result.roles if r.target):
            for venue in result.venues:
                rows.append({"objective": result.text, "role": role.text, "fields": ", ".join(role.fields),
                             "venue kind": venue.kind, "venue": venue.name})
    return pd.DataFrame(rows)


def field_coverage(coach, frame: pd.DataFrame) -> pd.DataFrame:
    """Per field: roles in the data, the venue book's associations and other venues for it."""
    book = coach.venues
    role_counts = Counter(f for fields in frame["fields"] for f in fields)
    rows = []
    for field_id in coach.fields.ids:
        venues = book.suggest([field_id])
        rows.append({
            "field": field_id,
            "roles in data": role_counts.get(field_id, 0),
            "associations": sum(v.kind == "association" for v in venues),
            "venues suggested": len(venues),
            "example roles": len(coach.fields.fields[field_id].example_roles),
        })
    return pd.DataFrame(rows).sort_values(["associations", "roles in data"])
