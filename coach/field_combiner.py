"""A learned combiner of the evidence for a role's fields.

:class:`~coach.components.role_fields.FieldFinder` gathers, for every field some evidence names
(the matched O*NET occupation, the title's own listings, the nearest titles' vote, the learned
title -> field model, field words among the role's modifiers, its head noun's keywords, the
hand-ordered rules' answer, the context model's reading of the words around the role
(:mod:`coach.context_fields`), ...), a few numeric features (:func:`candidate_features`). The
combiner scores each candidate field with one dot product (a logistic regression fitted by
``scripts/build_field_combiner.py`` on the development title sets and the real train split's
roles) and ranks them: the best first, then any other whose probability reaches ``keep``, at
most ``max_fields``. The rules' structure stays as a safety net: a field phrase that holds more of
the title than O*NET's ending keeps its field first, and a field the role's modifiers name (which
the rules give) is added if there is room.

The weights ship as JSON (feature name -> weight), so scoring needs no scikit-learn.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

#: Evidence kinds of a :class:`~coach.occupations.TitleMatch` (its ``evidence``; "" is an exact or
#: alias title match, "none" no match at all).
MATCH_KINDS = ("", "title", "classifier", "neighbours", "none")


def candidate_features(field: str, ev: dict) -> dict[str, float]:
    """The features of one candidate ``field`` from a role's evidence ``ev`` (see
    ``FieldFinder.evidence``): which sources name it, where, and how sure they are."""
    f = title_features(field, ev)
    f.update(context_features(field, ev.get("context"), ev["kind"], ev["model"]))
    return f


def context_features(field: str, context: dict[str, float] | None, kind: str,
                     model: dict[str, float]) -> dict[str, float]:
    """What the sentence around the role says of ``field`` (``context``: the context model's
    probabilities, :mod:`coach.context_fields`), and how far the title model's own reading
    (``model``, for a match of ``kind``) leaves room for it: the title outweighs the context when
    it is sure."""
    if not context:
        return {}
    q = context.get(field, 0.0)
    f = {"context_p": q, f"context_p_{kind or 'exact'}": q, "context_logp": math.log(q + 1e-3),
         "context_p_title_unsure": q * (1 - max(model.values(), default=0.0))}
    if next(iter(context)) == field:
        f["context_top"] = 1.0
        f[f"context_top_{kind or 'exact'}"] = 1.0
    return f


def title_features(field: str, ev: dict) -> dict[str, float]:
    """The features of ``field`` from every source but the context (see :func:`candidate_features`)."""
    f: dict[str, float] = {}
    kind = ev["kind"]
    rules = ev["rules"]
    if field in rules:
        f[f"rule_{min(rules.index(field), 2)}"] = 1.0
        f[f"rule_{min(rules.index(field), 1)}_{kind or 'exact'}"] = 1.0  # how far the rules are trusted per match
    occ = ev["occupation_fields"]
    if field in occ:
        rank = "0" if occ.index(field) == 0 else "k"
        f[f"occ_{kind or 'exact'}_{rank}"] = 1.0
        f["occ_confidence"] = ev["confidence"]
        if ev["slight"]:
            f[f"occ_slight_{rank}"] = 1.0
    if field in ev["listed"]:
        f["listed"] = 1.0
    p = ev["model"].get(field, 0.0)
    f[f"model_p_{kind or 'exact'}"] = p
    f["model_logp"] = math.log(p + 1e-4)
    if ev["model_top"] == field:
        f["model_top"] = 1.0
        f[f"model_top_{kind or 'exact'}"] = 1.0
    pt = ev["title_model"].get(field, 0.0)
    f["title_model_p"] = pt
    f["model_gain"] = p - pt  # the modifiers move the model towards this field
    for name in ("named", "head_words", "title_words", "phrase", "function", "sentence"):
        found = ev[name]
        if field in found:
            f[f"{name}_{'0' if found.index(field) == 0 else 'k'}"] = 1.0
            if name == "named":  # a modifier's field beside a known occupation only adds (rubric)
                f[f"named_{'occ' if occ else 'no_occ'}"] = 1.0
    if ev["bls"] == field:
        f["bls"] = 1.0
    if ev["founder"]:
        f["founder_" + ("entre" if field == "entrepreneurship" else "other")] = 1.0
    f["prior_" + field] = 1.0
    return f


class Prepared(NamedTuple):
    """A role's evidence as far as the combiner needs it once the words around the role are known:
    the candidates' scores from every other source, and what scores a field the context adds. Small
    (the role finder remembers one per role text across a batch), and the title's part of the
    scores is summed once per role text."""

    candidates: tuple[str, ...]
    scores: tuple[float, ...]  # bias + the title features' part of each candidate's score
    kind: str
    model: dict[str, float]
    title_model: dict[str, float]
    founder: bool
    rules: tuple[str, ...]
    rules_first: bool  # a field phrase or a listed title keeps the rules' first field
    named: tuple[str, ...]


class FieldCombiner:
    """Scores candidate fields with a linear model over :func:`candidate_features`."""

    def __init__(self, weights: dict[str, float], bias: float, keep: float = 0.3, max_fields: int = 3):
        self.weights = weights
        self.bias = bias
        self.keep = keep
        self.max_fields = max_fields

    def _score(self, features: dict[str, float]) -> float:
        weights = self.weights
        return sum(weights.get(k, 0.0) * v for k, v in features.items())

    def probability(self, features: dict[str, float]) -> float:
        return _sigmoid(self.bias + self._score(features))

    def prepare(self, ev: dict) -> Prepared:
        """The evidence ``ev`` (without its ``context``) as :meth:`choose_prepared` reads it."""
        return Prepared(tuple(ev["candidates"]),
                        tuple(self.bias + self._score(title_features(fid, ev)) for fid in ev["candidates"]),
                        ev["kind"], ev["model"], ev["title_model"], ev["founder"], tuple(ev["rules"]),
                        bool(ev["rules"]) and (ev["rules"][0] in ev["phrase"] or ev["rules"][0] in ev["listed"]),
                        tuple(ev["named"]))

    def rank_prepared(self, prepared: Prepared, context: dict[str, float] | None = None,
                      extra: Sequence[str] = ()) -> list[tuple[str, float]]:
        """The candidates and the fields ``extra`` the context adds, each with its probability given
        the ``context``, likeliest first. A field no other source names has no title feature but
        the title models' probabilities, its prior, and the founder flag."""
        scores = dict(zip(prepared.candidates, prepared.scores))
        if extra:
            bare = {"kind": prepared.kind, "rules": [], "occupation_fields": [], "listed": [],
                    "model": prepared.model, "model_top": "", "title_model": prepared.title_model, "named": [],
                    "head_words": [], "title_words": [], "phrase": [], "function": [], "sentence": [],
                    "bls": "", "founder": prepared.founder, "confidence": 0.0, "slight": False}
            for fid in extra:
                if fid not in scores:
                    scores[fid] = self.bias + self._score(title_features(fid, bare))
        if context:
            for fid in scores:
                scores[fid] += self._score(context_features(fid, context, prepared.kind, prepared.model))
        return sorted(((fid, _sigmoid(z)) for fid, z in scores.items()), key=lambda fp: -fp[1])

    def rank(self, ev: dict) -> list[tuple[str, float]]:
        """Every candidate field of the evidence with its probability, likeliest first."""
        scored = [(fid, self.probability(candidate_features(fid, ev))) for fid in ev["candidates"]]
        return sorted(scored, key=lambda fp: -fp[1])

    def choose(self, ev: dict) -> list[str]:
        """The fields to give the role: the likeliest, then others from ``keep``."""
        return self.choose_prepared(self.prepare(ev), ev.get("context"))

    def choose_prepared(self, prepared: Prepared, context: dict[str, float] | None = None,
                        extra: Sequence[str] = ()) -> list[str]:
        """:meth:`choose` of the prepared evidence with the ``context`` and the fields it adds."""
        return self._select(self.rank_prepared(prepared, context, extra), prepared)

    def _select(self, ranked: list[tuple[str, float]], prepared: Prepared) -> list[str]:
        chosen = [fid for k, (fid, p) in enumerate(ranked) if k == 0 or p >= self.keep]
        rules = prepared.rules
        if prepared.rules_first:
            # The rules' structure stays: a field phrase or a hand-listed title (title_fields.tsv)
            # holding more of the title than O*NET's ending decides ("sole traders":
            # entrepreneurship, not traders' investment) ...
            chosen = [rules[0]] + [f for f in chosen if f != rules[0]]
        chosen = chosen[: self.max_fields]
        for fid in prepared.named:
            # ... and an industry the role's modifiers name is added, never dropped (rubric:
            # "hospital HR directors" are hr, and healthcare through the modifier).
            if fid in rules and fid not in chosen and len(chosen) < self.max_fields:
                chosen.append(fid)
        return chosen

    def save(self, path: Path, card: dict | None = None) -> None:
        data = {"bias": self.bias, "keep": self.keep, "max_fields": self.max_fields,
                "weights": dict(sorted(self.weights.items())), "card": card or {}}
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> FieldCombiner:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data["keep"], data["max_fields"])


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
