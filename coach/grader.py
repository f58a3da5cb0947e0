"""The grader: a scikit-learn pipeline from feature dicts to calibrated grade probabilities.

``DictVectorizer`` -> ``LogisticRegression`` wrapped in ``CalibratedClassifierCV`` (sigmoid, 5
folds). Saved with joblib as ``grader.joblib`` beside ``meta.json`` (package versions, data hash,
labels, metrics) and ``grader-weights.npz``: the same fitted model's numbers (vocabulary, the five
folds' coefficients and sigmoid calibrators), which :class:`Grader` scores with NumPy alone.
Importing scikit-learn takes longer than loading the whole spaCy pipeline, so ``coach check``
does not; the sklearn pipeline is loaded on first use of :attr:`Grader.pipeline` (notebooks,
``coach evaluate``), and a test checks both give the same probabilities.
:func:`load_grader` refuses a corrupt file or one made with other versions.

**Trust.** ``grader.joblib`` is a pickle, and unpickling a file can run any code in it; the
SHA-256 in ``meta.json`` sits in the same folder, so it detects damage, not tampering. So the
pickle is never needed to grade: prediction uses ``grader-weights.npz`` (plain arrays, read with
``allow_pickle=False`` and checked for shape and finite values). :attr:`Grader.pipeline` unpickles
only the package's own model, or a folder loaded with ``load_grader(path, trusted=True)``.
"""
from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import __version__, paths
from .errors import CoachError
from .rubric import GRADES
from .textio import TextInputError, loads_json, unzipped_size

MODEL_FILE = "grader.joblib"
WEIGHTS_FILE = "grader-weights.npz"
META_FILE = "meta.json"
#: Bump when :func:`coach.features.doc_features` changes meaning: old models are then refused
#: (7: the need spans are judged by the learned need judge; 8: whether a field or need sits in the
#: generic people's own phrase; 9: how sure the role and qualifier judges were).
FEATURES_VERSION = 9
SEED = 13
#: Inverse regularisation of the logistic regression, chosen by grouped cross-validation on the
#: real train split (``scripts/tune_grader.py``).
DEFAULT_C = 1.0
#: Largest weights archive loaded, unzipped (the shipped one is about 5 MiB).
MAX_WEIGHTS_UNZIPPED = 256 << 20


class GraderError(CoachError, RuntimeError):
    """The saved grader is missing, corrupt or made with other versions."""


def make_estimator(C: float = DEFAULT_C, seed: int = SEED):
    """A fresh, unfitted grader pipeline.

    >>> make_estimator().steps[0][0]
    'vectorize'
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    logistic = LogisticRegression(C=C, max_iter=4000, class_weight="balanced", random_state=seed)
    return Pipeline([
        ("vectorize", DictVectorizer(sparse=True)),
        ("classify", CalibratedClassifierCV(logistic, method="sigmoid", cv=5)),
    ])


@dataclass
class LinearWeights:
    """The fitted pipeline as numbers: enough to score it without scikit-learn."""

    vocabulary: dict[str, int]
    classes: list[str]           # output order of the calibrated probabilities
    coef: np.ndarray             # (folds, classes, features), columns in ``classes`` order
    intercept: np.ndarray        # (folds, classes)
    a: np.ndarray                # (folds, classes): sigmoid calibrator slope
    b: np.ndarray                # (folds, classes): sigmoid calibrator offset

    @classmethod
    def from_pipeline(cls, pipeline) -> LinearWeights:
        """Read the numbers out of a fitted ``make_estimator()`` pipeline."""
        vectorizer = pipeline.named_steps["vectorize"]
        calibrated = pipeline.named_steps["classify"]
        classes = [str(c) for c in calibrated.classes_]
        coefs, intercepts, slopes, offsets = [], [], [], []
        for fold in calibrated.calibrated_classifiers_:
            estimator = fold.estimator
            # A fold's estimator may order classes differently; map its rows onto ``classes``.
            order = [list(map(str, estimator.classes_)).index(c) for c in classes]
            coefs.append(estimator.coef_[order])
            intercepts.append(estimator.intercept_[order])
            by_class = dict(zip(map(str, estimator.classes_), fold.calibrators))
            slopes.append([by_class[c].a_ for c in classes])
            offsets.append([by_class[c].b_ for c in classes])
        return cls(dict(vectorizer.vocabulary_), classes, np.array(coefs), np.array(intercepts),
                   np.array(slopes), np.array(offsets))

    def predict_proba(self, features: list[dict[str, float]]) -> np.ndarray:
        """Calibrated probabilities, (rows, classes), as ``CalibratedClassifierCV`` computes them."""
        # decision (folds, rows, classes) from each row's few non-zero features (rows are sparse:
        # a dense matrix would be rows x 38k), then one-vs-rest sigmoid, normalise, mean over folds.
        decision = np.empty((self.coef.shape[0], len(features), self.coef.shape[1]))
        for row, feats in enumerate(features):
            columns, values = [], []
            for name, value in feats.items():
                column = self.vocabulary.get(name)
                if column is not None:
                    columns.append(column)
                    values.append(value)
            decision[:, row, :] = self.coef[:, :, columns] @ np.asarray(values, dtype=float)
        decision += self.intercept[:, None, :]
        proba = 1.0 / (1.0 + np.exp(self.a[:, None, :] * decision + self.b[:, None, :]))
        total = proba.sum(axis=2, keepdims=True)
        proba = np.divide(proba, total, out=np.full_like(proba, 1 / len(self.classes)), where=total != 0)
        return proba.mean(axis=0)

    def save(self, path: Path) -> None:
        names = [""] * len(self.vocabulary)
        for name, column in self.vocabulary.items():
            names[column] = name
        np.savez_compressed(path, names=np.array("\n".join(names)), classes=np.array("\n".join(self.classes)),
                            coef=self.coef, intercept=self.intercept, a=self.a, b=self.b)

    @classmethod
    def load(cls, path: Path) -> LinearWeights:
        with np.load(path, allow_pickle=False) as data:
            names = str(data["names"]).split("\n")
            return cls({n: k for k, n in enumerate(names)}, str(data["classes"]).split("\n"),
                       data["coef"], data["intercept"], data["a"], data["b"])

    def problem(self) -> str | None:
        """What is wrong with these numbers (shapes that do not fit, NaN or infinite values), if anything."""
        arrays = {"coef": self.coef, "intercept": self.intercept, "a": self.a, "b": self.b}
        if any(not isinstance(v, np.ndarray) or v.dtype.kind not in "fiu" for v in arrays.values()):
            return "its arrays are not numbers"
        if self.coef.ndim != 3:
            return f"coef has {self.coef.ndim} dimensions, not 3"
        folds, classes, features = self.coef.shape
        if folds < 1 or classes != len(self.classes) or features != len(self.vocabulary):
            return (f"coef is {folds}x{classes}x{features} for {len(self.classes)} classes and "
                    f"{len(self.vocabulary)} feature names")
        for key in ("intercept", "a", "b"):
            if arrays[key].shape != (folds, classes):
                return f"{key} is {'x'.join(map(str, arrays[key].shape))}, not {folds}x{classes}"
        if not all(np.isfinite(v).all() for v in arrays.values()):
            return "it holds NaN or infinite values"
        return None


@dataclass
class Grader:
    """A fitted grader with its metadata; scores with :class:`LinearWeights`."""

    weights: LinearWeights
    meta: dict = field(default_factory=dict)
    directory: Path | None = None
    _pipeline: object = None
    #: Whether ``grader.joblib`` in ``directory`` may be unpickled (see the module docstring).
    trusted: bool = False

    @classmethod
    def from_pipeline(cls, pipeline, meta: dict) -> Grader:
        return cls(LinearWeights.from_pipeline(pipeline), meta, None, pipeline, trusted=True)

    @property
    def pipeline(self):
        """The scikit-learn pipeline, unpickled from ``grader.joblib`` on first use: only for the
        package's own model or a grader loaded with ``trusted=True``. Grading never needs it."""
        if self._pipeline is None:
            if self.directory is None:
                raise GraderError("this grader has no scikit-learn pipeline")
            path = self.directory / MODEL_FILE
            if not self.trusted:
                raise GraderError(
                    f"not unpickling {path}: a pickle can run code when loaded, and {self.directory} is not "
                    "the coach's own model. Grading does not need it; if you trust the folder, "
                    "load it with load_grader(path, trusted=True)")
            self._pipeline = _load_pipeline(path)
        return self._pipeline

    def predict_proba(self, features: list[dict]) -> list[dict[str, float]]:
        """Probabilities per grade for each feature dict, keys in :data:`GRADES` order."""
        if not features:
            return []
        rows = self.weights.predict_proba(features)
        index = {c: k for k, c in enumerate(self.weights.classes)}
        return [{g: float(row[index[g]]) for g in GRADES} for row in rows]

    def save(self, directory: Path) -> None:
        """Write ``grader.joblib``, ``grader-weights.npz`` and ``meta.json`` into ``directory``."""
        import joblib

        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        joblib.dump(self._pipeline, directory / MODEL_FILE, compress=3)
        self.weights.save(directory / WEIGHTS_FILE)
        meta = dict(self.meta)
        meta["model_sha256"] = _sha256(directory / MODEL_FILE)
        meta["weights_sha256"] = _sha256(directory / WEIGHTS_FILE)
        (directory / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
        self.meta = meta
        self.directory = directory


def environment_versions(base_meta: dict | None = None) -> dict:
    """Versions recorded with a model and checked when it is loaded."""
    import sklearn
    import spacy

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


def load_grader(directory: Path, trusted: bool | None = None) -> Grader:
    """Load a saved grader, refusing a missing, corrupt or mismatched one with a clear message.

    ``meta.json`` and ``grader-weights.npz`` are read (``grader.joblib`` only hashed against its
    recorded SHA-256); nothing is unpickled. ``trusted``
    says whether :attr:`Grader.pipeline` may later unpickle ``grader.joblib``; by default only
    for the package's own model directory.
    """
    directory = Path(directory)
    model_path, weights_path, meta_path = directory / MODEL_FILE, directory / WEIGHTS_FILE, directory / META_FILE
    if not meta_path.is_file() or not weights_path.is_file():
        raise GraderError(f"no trained grader in {directory}: run `coach train` to build it")
    meta = read_meta(meta_path)
    for path, key in ((model_path, "model_sha256"), (weights_path, "weights_sha256")):
        if meta.get(key) and path.is_file() and _sha256(path) != meta[key]:
            raise GraderError(f"grader file {path} does not match its metadata (corrupt or replaced): "
                              "run `coach train`")
    versions = meta.get("versions", {})
    if versions.get("features") != FEATURES_VERSION:
        raise GraderError(f"grader in {directory} was trained with features v{versions.get('features')}, "
                          f"this coach computes v{FEATURES_VERSION}: run `coach train`")
    installed = _installed_sklearn()
    if installed and _minor(versions.get("scikit-learn", "")) != _minor(installed):
        raise GraderError(f"grader in {directory} was saved with scikit-learn {versions.get('scikit-learn')}, "
                          f"installed is {installed}: run `coach train`")
    try:
        unzipped_size(weights_path, str(weights_path), MAX_WEIGHTS_UNZIPPED)
        weights = LinearWeights.load(weights_path)
    except TextInputError as err:
        raise GraderError(f"cannot load grader: {err}. Run `coach train`") from None
    except Exception as err:  # numpy raises several types on a damaged archive; all mean the same
        raise GraderError(f"cannot load grader {weights_path}: {err}. Run `coach train`") from err
    if sorted(weights.classes) != sorted(GRADES):
        raise GraderError(f"{weights_path} is not a grader of {', '.join(GRADES)}: run `coach train`")
    problem = weights.problem()
    if problem:
        raise GraderError(f"{weights_path} is not a usable grader ({problem}): run `coach train`")
    if trusted is None:
        trusted = _same_folder(directory, paths.GRADER_DIR)
    return Grader(weights, meta, directory, trusted=trusted)


def read_meta(path: Path) -> dict:
    """A grader's ``meta.json``, checked for the shape the loader reads, or :class:`GraderError`."""
    try:
        meta = loads_json(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise GraderError(f"grader metadata {path} is unreadable ({err}): run `coach train`") from None
    if not isinstance(meta, dict):
        raise GraderError(f"grader metadata {path} is not a JSON object: run `coach train`")
    if not isinstance(meta.get("versions", {}), dict):
        raise GraderError(f"grader metadata {path}: 'versions' is not an object: run `coach train`")
    for key in ("model_sha256", "weights_sha256"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise GraderError(f"grader metadata {path}: {key!r} is not a string: run `coach train`")
    return meta


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _load_pipeline(path: Path):
    import joblib

    try:
        pipeline = joblib.load(path)
    except Exception as err:  # joblib raises many types on a damaged file; all mean the same here
        raise GraderError(f"cannot load grader {path}: {err}. Run `coach train`") from err
    if not hasattr(pipeline, "predict_proba") or sorted(map(str, pipeline.classes_)) != sorted(GRADES):
        raise GraderError(f"{path} is not a grader of {', '.join(GRADES)}: run `coach train`")
    return pipeline


def _installed_sklearn() -> str | None:
    # The version from the package metadata: importing sklearn itself costs half a second.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("scikit-learn")
    except PackageNotFoundError:
        return None


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
