"""Accuracy after the speed-ups: held-out metrics through the fast path that `coach check` uses
(NumPy scoring, result cache, cached lookups) and through the scikit-learn pipeline, side by side.

    python benchmarks/accuracy.py
"""
from __future__ import annotations

from _common import machine

import coach
from coach import paths
from coach.dataset import read_labeled
from coach.evaluation import grade_metrics
from coach.features import GRADES
from coach.training import featurize


def main() -> None:
    print(f"machine: {machine()}")
    c = coach.load()
    test = [e for e in read_labeled(paths.data_file("objectives.jsonl")) if e.split == "test"]
    gold = [e.grade for e in test]
    fast = [r.grade for r in c.check_many(e.text for e in test)]
    features, _ = featurize(c.nlp, [e.text for e in test])
    labels = [str(x) for x in c.grader.pipeline.classes_]
    slow = [labels[row.argmax()] for row in c.grader.pipeline.predict_proba(features)]
    for name, predicted in (("coach.check_many (fast path)", fast), ("scikit-learn pipeline", slow)):
        m = grade_metrics(gold, predicted)
        per_grade = ", ".join(f"{g} {m['report'][g]['f1-score']:.3f}" for g in GRADES)
        print(f"{name:<30} macro-F1 {m['macro_f1']:.3f}  accuracy {m['accuracy']:.3f}  ({per_grade})")
    print(f"predictions identical: {fast == slow} ({sum(a != b for a, b in zip(fast, slow))} differ of {len(test)})")


if __name__ == "__main__":
    main()
