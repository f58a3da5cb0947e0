"""The grader: a scikit-learn pipeline from feature dicts to calibrated grade probabilities.

``DictVectorizer`` -> ``LogisticRegression`` wrapped in ``CalibratedClassifierCV``. Saved with
joblib as ``grader.joblib`` beside ``meta.json`` (package versions, data hash, labels, metrics);
:func:`load_grader` refuses a corrupt file or one made with other versions.
"""
from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import sklearn
import spacy
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from . import __version__
from .features import GRADES

MODEL_FILE = "grader.joblib"
META_FILE = "meta.json"
#: Bump when :func:`coach.features.doc_features` changes meaning: old models are then refused.
FEATURES_VERSION = 3
SEED = 13


class GraderError(RuntimeError):
    """The saved grader is missing, corrupt or made with other versions."""


def make_estimator(C: float = 4.0, seed: int = SEED) -> Pipeline:
    """A fresh, unfitted grader pipeline.

    >>> make_estimator().steps[0][0]
    'vectorize'
    """
    logistic = LogisticRegression(C=C, max_iter=4000, class_weight="balanced", random_state=seed)
    return Pipeline([
        ("vectorize", DictVectorizer(sparse=True)),
        ("classify", CalibratedClassifierCV(logistic, method="sigmoid", cv=5)),
    ])


@dataclass
class Grader:
    """A fitted grader with its metadata."""

    pipeline: Pipeline
    meta: dict = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.pipeline.classes_]

    def predict_proba(self, features: list[dict]) -> list[dict[str, float]]:
        """Probabilities per grade for each feature dict, keys in :data:`GRADES` order."""
        if not features:
            return []
        rows = self.pipeline.predict_proba(features)
        labels = self.labels
        return [{g: float(row[labels.index(g)]) for g in GRADES} for row in rows]

    def save(self, directory: Path) -> None:
        """Write ``grader.joblib`` and ``meta.json`` into ``directory``."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        joblib.dump(self.pipeline, directory / MODEL_FILE, compress=3)
        meta = dict(self.meta)
        meta["model_sha256"] = _sha256(directory / MODEL_FILE)
        (directory / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
        self.meta = meta


def environment_versions(base_meta: dict | None = None) -> dict:
    """Versions recorded with a model and checked when it is loaded."""
    versions = {
        "coach": __version__,
        "scikit-learn": sklearn.__version__,
        "spacy": spacy.__version__,
        "python": platform.python_version(),
        "features": FEATURES_VERSION,
    }
    if base_meta:
        versions["base_pipeline"] = f"{base_meta.get('lang')}_{base_meta.get('name')}-{base_meta.get('version')}"
    return versions


def load_grader(directory: Path) -> Grader:
    """Load a saved grader, refusing a missing, corrupt or mismatched one with a clear message."""
    directory = Path(directory)
    model_path, meta_path = directory / MODEL_FILE, directory / META_FILE
    if not model_path.is_file() or not meta_path.is_file():
        raise GraderError(f"no trained grader in {directory}: run `coach train` to build it")
    try:
        meta = json.loads(meta_path.read_text())
    except (OSError, ValueError) as err:
        raise GraderError(f"grader metadata {meta_path} is unreadable ({err}): run `coach train`") from err
    expected_sha = meta.get("model_sha256")
    if expected_sha and _sha256(model_path) != expected_sha:
        raise GraderError(f"grader file {model_path} does not match its metadata (corrupt or replaced): "
                          "run `coach train`")
    versions = meta.get("versions", {})
    if versions.get("features") != FEATURES_VERSION:
        raise GraderError(f"grader in {directory} was trained with features v{versions.get('features')}, "
                          f"this coach computes v{FEATURES_VERSION}: run `coach train`")
    if _minor(versions.get("scikit-learn", "")) != _minor(sklearn.__version__):
        raise GraderError(f"grader in {directory} was saved with scikit-learn {versions.get('scikit-learn')}, "
                          f"installed is {sklearn.__version__}: run `coach train`")
    try:
        pipeline = joblib.load(model_path)
    except Exception as err:  # joblib raises many types on a damaged file; all mean the same here
        raise GraderError(f"cannot load grader {model_path}: {err}. Run `coach train`") from err
    if not hasattr(pipeline, "predict_proba") or sorted(map(str, pipeline.classes_)) != sorted(GRADES):
        raise GraderError(f"{model_path} is not a grader of {', '.join(GRADES)}: run `coach train`")
    return Grader(pipeline, meta)


def data_hash(texts_and_labels: list[tuple[str, str]]) -> str:
    """A short hash of labeled data, recorded so a model says what it was trained on."""
    digest = hashlib.sha256()
    for text, label in texts_and_labels:
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()[:16]


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _minor(version: str) -> str:
    return ".".join(str(version).split(".")[:2])
