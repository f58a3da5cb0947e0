"""Train and evaluate the grader on labeled objectives (the ``coach train`` / ``evaluate`` steps).

Training reads only the ``train`` split; the ``test`` split is scored once, after fitting, and
its figures are written into the model's metadata. Nothing is tuned on the test split.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language

from .components.needs import out_of_fold
from .dataset import Example, read_labeled
from .evaluation import gold_spans, grade_metrics, role_metrics, target_roles
from .features import NGRAM_WEIGHT, SURE_NEED_FEATURE, doc_features
from .grader import (
    DEFAULT_C,
    SEED,
    Grader,
    data_hash,
    environment_versions,
    make_estimator,
)
from .rubric import decided_grade

#: Weight of each training row by the file it comes from (others weigh 1). Real wording
#: (``real.jsonl``: what people actually wrote) counts more than the rows written to order, of
#: which there are four times as many; chosen by cross-validation on the real train split
#: grouped by source site (``scripts/tune_grader.py``), never on a test split.
FILE_WEIGHTS = {"real.jsonl": 1.0}

#: Weight of each training row by its gold grade (the file weight times this). The sigmoid
#: calibration learns the grades' shares in the weighted training rows, so these weights move the
#: model's prior between the grades; the written rows hold many more specific and vague
#: objectives than real wording does. Chosen by cross-validation on the real train split grouped
#: by source site (``scripts/tune_grader.py --grade-weights``), never on dev or a test split.
GRADE_WEIGHTS = {"vague": 1.5, "improved": 1.0, "specific": 1.35}


def row_weight(file_name: str, grade: str, file_weights: dict[str, float] | None = None,
               grade_weights: dict[str, float] | None = None) -> float:
    """A training row's sample weight: its file's weight times its grade's.

    >>> row_weight("real.jsonl", "improved", {"real.jsonl": 2.0}, {"improved": 1.5})
    3.0
    """
    files = FILE_WEIGHTS if file_weights is None else file_weights
    grades = GRADE_WEIGHTS if grade_weights is None else grade_weights
    return float(files.get(file_name, 1.0)) * float(grades.get(grade, 1.0))


def featurize(nlp: Language, texts: Iterable[str], batch_size: int = 128) -> tuple[list[dict], list[list[dict]]]:
    """Feature dicts and predicted target roles for each text, parsed in batches.

    Each text is parsed in the form ``coach check`` parses it (:func:`coach.api.parsed_form`:
    markup and invisible characters out, spaces collapsed, shouting lowered), so the grader is
    trained and scored on the features it meets in use; roles are placed in the text as written."""
    from .api import parsed_form  # (the API imports this module's neighbours: imported here, once used)

    texts = list(texts)
    forms = [parsed_form(text) for text in texts]
    features, roles = [], []
    for text, (_, where), doc in zip(texts, forms, nlp.pipe([form for form, _ in forms], batch_size=batch_size)):
        features.append(doc_features(doc))
        roles.append(target_roles(doc, text, where))
    return features, roles


def train(nlp: Language, data_path: Path | list[Path], out_dir: Path | None = None, seed: int = SEED,
          C: float = DEFAULT_C, file_weights: dict[str, float] | None = None, score_test: bool = True,
          skip_test: Iterable[str] = (), grade_weights: dict[str, float] | None = None) -> Grader:
    """Fit the grader on the train split of ``data_path`` (one file or several); score each
    file's test split separately (none if ``score_test`` is false, nor those of the files named in
    ``skip_test``); save if asked.

    ``file_weights`` maps a file name to the weight of its rows (default :data:`FILE_WEIGHTS`),
    ``grade_weights`` a gold grade to a factor on that (default :data:`GRADE_WEIGHTS`).
    """
    paths = [Path(p) for p in (data_path if isinstance(data_path, (list, tuple)) else [data_path])]
    by_file = {p: read_labeled(p) for p in paths}
    examples = [e for p in paths for e in by_file[p]]
    weights_by_file = dict(FILE_WEIGHTS if file_weights is None else file_weights)
    weights_by_grade = dict(GRADE_WEIGHTS if grade_weights is None else grade_weights)
    train_set, sample_weight = [], []
    for p in paths:
        for e in by_file[p]:
            if e.split == "train":
                train_set.append(e)
                sample_weight.append(row_weight(p.name, e.grade, weights_by_file, weights_by_grade))
    if len({e.grade for e in train_set}) < 3:
        raise ValueError(f"{', '.join(map(str, paths))}: the train split needs examples of all three grades")
    with out_of_fold(nlp):  # the need judge's answers on its own training rows, held out (see there)
        features, _ = featurize(nlp, [e.text for e in train_set])
    pipeline = make_estimator(C=C, seed=seed)
    pipeline.fit(features, [e.grade for e in train_set], classify__sample_weight=sample_weight)
    skipped = {Path(name).name for name in skip_test}  # "real.jsonl" or "data/real.jsonl"
    tests = {p: [e for e in by_file[p] if e.split == "test"] if score_test and p.name not in skipped else []
             for p in paths}
    grader = Grader.from_pipeline(pipeline, {
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "versions": environment_versions(nlp.meta),
        "labels": [str(c) for c in pipeline.classes_],
        "seed": seed,
        "hyperparameters": {"C": C, "ngram_weight": NGRAM_WEIGHT,
                            "file_weights": {p.name: weights_by_file.get(p.name, 1.0) for p in paths},
                            "grade_weights": {g: weights_by_grade.get(g, 1.0) for g in sorted(weights_by_grade)}},
        "data": {"path": ", ".join(p.name for p in paths), "hash": data_hash([(e.text, e.grade) for e in examples]),
                 "train": len(train_set), "test": sum(len(t) for t in tests.values()),
                 "files": {p.name: {"train": sum(e.split == "train" for e in by_file[p]), "test": len(tests[p])}
                           for p in paths}},
    })
    metrics = {}
    for p, test_set in tests.items():
        if test_set:
            result = evaluate(nlp, grader, test_set)
            result.pop("errors")  # the metadata keeps figures, not the test texts
            metrics["test" if p == paths[0] else f"test:{p.name}"] = result
    if metrics:
        grader.meta["metrics"] = metrics
    if out_dir is not None:
        grader.save(Path(out_dir))
    return grader


def evaluate(nlp: Language, grader: Grader, examples: list[Example]) -> dict:
    """Grade and role metrics of ``grader`` on ``examples`` (never used for fitting)."""
    features, predicted_roles = featurize(nlp, [e.text for e in examples])
    probabilities = grader.predict_proba(features)
    predicted = [decided_grade(p, bool(f.get(SURE_NEED_FEATURE))) for p, f in zip(probabilities, features)]
    result = {"grade": grade_metrics([e.grade for e in examples], predicted)}
    if any(e.roles for e in examples):
        result["roles"] = role_metrics(
            (gold_spans(e.text, e.roles), p) for e, p in zip(examples, predicted_roles))
    result["errors"] = [
        {"text": e.text, "gold": e.grade, "predicted": g, "probabilities": p}
        for e, g, p in zip(examples, predicted, probabilities) if e.grade != g
    ]
    return result
