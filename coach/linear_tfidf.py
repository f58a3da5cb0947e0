"""Linear field scores over TF-IDF features, kept with NumPy alone: what the title -> field model
(:mod:`coach.field_model`) and the context -> field model (:mod:`coach.context_fields`) share.

Both score a bag of features as one sparse dot product: the known features' TF-IDF values
(sublinear counts times the feature's idf, L2-normalised) times the weight rows, plus the bias.
Both save the fitted arrays without pickles: the vocabulary and the classes as one text each (one
entry a line), idf and weights as float16, the bias as float64; not compressed, since they are
read at the first role of a ``coach check`` (inflating the field model cost about 13 ms).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import numpy as np


def tfidf_vector(counts: Mapping[str, int], vocabulary: Mapping[str, int], idf: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and L2-normalised TF-IDF values of the known features of ``counts``."""
    cols, vals = [], []
    for f, c in counts.items():
        j = vocabulary.get(f)
        if j is not None:
            cols.append(j)
            vals.append((1 + math.log(c)) * float(idf[j]))
    vals_a = np.array(vals, dtype=np.float64)
    norm = math.sqrt(float(vals_a @ vals_a)) if vals else 0.0
    return np.array(cols, dtype=np.int64), (vals_a / norm if norm else vals_a)


def save_arrays(path: Path, vocabulary: Mapping[str, int], idf: np.ndarray, weights: np.ndarray, bias: np.ndarray,
                classes: list[str], **extra: np.ndarray) -> None:
    """Write a fitted model's arrays (``extra``: more arrays of the model's own)."""
    names = [""] * len(vocabulary)
    for f, i in vocabulary.items():
        names[i] = f
    np.savez(path, vocabulary=np.array("\n".join(names)), idf=idf.astype(np.float16),
             weights=weights.astype(np.float16), bias=bias.astype(np.float64),
             classes=np.array("\n".join(classes)), **extra)


def load_arrays(path: Path) -> dict:
    """A saved model's arrays: ``vocabulary`` (feature -> column), ``idf`` (float32), ``weights``,
    ``bias``, ``classes`` (a list), and any other array saved with it."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    names = str(arrays["vocabulary"]).split("\n")
    arrays["vocabulary"] = dict(zip(names, range(len(names))))
    arrays["idf"] = arrays["idf"].astype(np.float32)
    arrays["classes"] = str(arrays["classes"]).split("\n")
    return arrays
