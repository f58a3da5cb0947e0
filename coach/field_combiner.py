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
from pathlib import Path

#: Evidence kinds of a :class:`~coach.occupations.TitleMatch` (its ``evidence``; "" is an exact or
#: alias title match, "none" no match at all).
MATCH_KINDS = ("", "title", "classifier", "neighbours", "none")


def candidate_features(field: str, ev: dict) -> dict[str, float]:
    """The features of one candidate ``field`` from a role's evidence ``ev`` (see
    ``FieldFinder.evidence``): which sources name it, where, and how sure they are."""
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
    context = ev.get("context")
    if context:
        # What the sentence around the role says (coach.context_fields), and how far the title's
        # own reading leaves room for it: the title outweighs the context when it is sure.
        q = context.get(field, 0.0)
        f["context_p"] = q
        f[f"context_p_{kind or 'exact'}"] = q
        f["context_logp"] = math.log(q + 1e-3)
        f["context_p_title_unsure"] = q * (1 - max(ev["model"].values(), default=0.0))
        if next(iter(context)) == field:
            f["context_top"] = 1.0
            f[f"context_top_{kind or 'exact'}"] = 1.0
    if ev["founder"]:
        f["founder_" + ("entre" if field == "entrepreneurship" else "other")] = 1.0
    f["prior_" + field] = 1.0
    return f


class FieldCombiner:
    """Scores candidate fields with a linear model over :func:`candidate_features`."""

    def __init__(self, weights: dict[str, float], bias: float, keep: float = 0.3, max_fields: int = 3):
        self.weights = weights
        self.bias = bias
        self.keep = keep
        self.max_fields = max_fields

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def rank(self, ev: dict) -> list[tuple[str, float]]:
        """Every candidate field of the evidence with its probability, likeliest first."""
        scored = [(fid, self.probability(candidate_features(fid, ev))) for fid in ev["candidates"]]
        return sorted(scored, key=lambda fp: -fp[1])

    def choose(self, ev: dict) -> list[str]:
        """The fields to give the role: the likeliest, then others from ``keep``."""
        ranked = self.rank(ev)
        chosen = [fid for k, (fid, p) in enumerate(ranked) if k == 0 or p >= self.keep]
        rules = ev["rules"]
        if rules and (rules[0] in ev["phrase"] or rules[0] in ev["listed"]):
            # The rules' structure stays: a field phrase or a hand-listed title (title_fields.tsv)
            # holding more of the title than O*NET's ending decides ("sole traders":
            # entrepreneurship, not traders' investment) ...
            chosen = [rules[0]] + [f for f in chosen if f != rules[0]]
        chosen = chosen[: self.max_fields]
        for fid in ev["named"]:
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
