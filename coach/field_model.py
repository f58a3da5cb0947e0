"""A learned title -> field model: any normalised job title to the rubric's field ids.

A linear model over TF-IDF features of the title (whole words, word pairs and character n-grams
of 2 to 5 letters inside words), trained by ``scripts/build_field_model.py`` on every O*NET 27.0
title (occupation, alternate, short and reported titles) labelled with its occupation's primary
field from ``data/onet/occupation_fields.tsv``, plus written-like variants (British spellings,
informal short forms) and the roles of the labelled objectives' train splits with their first field
(how people name the people they want to meet). Unlike the nearest-title classifier it learns which words decide the
field ("labourer" says little, "site" says construction), so it generalises to titles O*NET
lacks.

Scoring is one sparse dot product with NumPy/SciPy (no scikit-learn at run time); the fitted
arrays are saved with NumPy alone (``allow_pickle=False``). Probabilities are a softmax of the
linear scores with a temperature fitted on held-out O*NET titles.
"""
from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import numpy as np

from .linear_tfidf import load_arrays, save_arrays, tfidf_vector
from .title_classifier import features_of


def field_features(title: str, ngram_range: tuple[int, int] = (2, 5)) -> Counter:
    """Word, word-pair and in-word character n-gram counts of a normalised title.

    >>> sorted(field_features("rn", (2, 3)))
    [' r', ' rn', 'n ', 'rn', 'rn ', 'w:rn']
    """
    counts = features_of(title, ngram_range)  # the title classifier's words and in-word n-grams
    words = title.split()
    for before, word in itertools.pairwise(words):
        counts[f"b:{before} {word}"] += 1
    return counts


class FieldModel:
    """Linear field scores over TF-IDF title features (weights fitted elsewhere)."""

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray, weights: np.ndarray, bias: np.ndarray,
                 classes: list[str], temperature: float = 1.0, ngram_range: tuple[int, int] = (2, 5)):
        self.vocabulary = vocabulary
        self.idf = idf
        self.weights = weights  # (n_features, n_classes)
        self.bias = bias
        self.classes = list(classes)
        self.temperature = temperature
        self.ngram_range = ngram_range
        self._cache: dict[str, tuple[tuple[str, float], ...]] = {}

    def vector(self, title: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and L2-normalised TF-IDF values of a title's known features."""
        return tfidf_vector(field_features(title, self.ngram_range), self.vocabulary, self.idf)

    def decision(self, title: str, vector: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        cols, vals = self.vector(title) if vector is None else vector
        if cols.size == 0:
            return np.zeros(len(self.classes))
        return vals @ self.weights[cols].astype(np.float64) + self.bias

    def proba(self, title: str, vector: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """``vector``: the title's :meth:`vector`, when the caller has it already."""
        z = self.decision(title, vector) / self.temperature
        z = np.exp(z - z.max())
        return z / z.sum()

    def forget(self) -> None:
        """Forget the remembered predictions (a benchmark's cold run starts with none)."""
        self._cache.clear()

    def predict(self, title: str, k: int = 3) -> tuple[tuple[str, float], ...]:
        """The ``k`` likeliest fields of a normalised title with their probabilities (cached);
        empty when the title has no known feature."""
        cached = self._cache.get(title)
        if cached is None:
            vector = self.vector(title)
            if vector[0].size == 0:
                cached = ()
            else:
                p = self.proba(title, vector)
                order = np.argsort(-p)[:3]
                cached = tuple((self.classes[i], round(float(p[i]), 4)) for i in order)
            if len(self._cache) > 50000:
                self._cache.clear()
            self._cache[title] = cached
        return cached[:k]

    # -- persistence (NumPy only) -----------------------------------------------------------------

    def save(self, path: Path) -> None:
        save_arrays(path, self.vocabulary, self.idf, self.weights, self.bias, self.classes,
                    params=np.array([self.temperature, self.ngram_range[0], self.ngram_range[1]], dtype=np.float64))

    @classmethod
    def load(cls, path: Path) -> FieldModel:
        a = load_arrays(path)
        temperature, low, high = a["params"].tolist()
        return cls(a["vocabulary"], a["idf"], a["weights"], a["bias"], a["classes"], float(temperature),
                   (int(low), int(high)))
