"""A learned context -> field model: what the words around a role say of its field.

A role's own words can mislead where its sentence does not: "camera assistants" on film sets are
media, not retail; "deputy nursery managers" run childcare, not farms; "summer associates" work at
law firms. This model reads the words of the role's sentence *outside* the role span (the title is
the field model's job, :mod:`coach.field_model`) and gives a probability for each of the rubric's
fields. It is one source of evidence for the field combiner (:mod:`coach.field_combiner`), which
learns when the title outweighs the context: an industry named in the sentence is often only the
industry served ("hospital accountants" are finance; rubric), so the context never decides alone.

Features: the sentence's words (singular, lower case, spaCy's stop words left out) outside the
role, and separately the first words after the role and the last ones before it ("... *at law
firms*", "*film-set* ..."), where the setting is usually named. A multinomial logistic regression
over their TF-IDF is fitted by ``scripts/build_context_model.py``; scoring is a sparse dot product
with NumPy (no scikit-learn at run time), the arrays saved with NumPy alone.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from .lexicon import singular
from .linear_tfidf import load_arrays, save_arrays, tfidf_vector

#: Words as the model reads them: letters first, then letters, digits, "&" or inner hyphens.
_WORD = re.compile(r"[a-z][a-z0-9&]*(?:-[a-z0-9&]+)*")
#: Where a sentence ends (the role's sentence bounds the context; the rest of a long post is
#: about other things as often as not).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n+")
#: How many content words right after and right before the role count as its near context.
NEAR = 3


def sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the sentence holding ``text[start:end]`` before and after that span.

    >>> sentence_around("Hi all. Meet camera assistants on film sets! Thanks", 13, 30)
    ('Meet ', ' on film sets!')
    """
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    stop = _SENTENCE_END.search(text, end)
    return text[begin:start], text[end:stop.start() if stop else len(text)]


def _content_words(text: str) -> list[str]:
    return [singular(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 1]


def context_features(before: str, after: str) -> Counter:
    """Bag of the context's content words, plus the nearest few after ("a:") and before ("b:").

    >>> sorted(context_features("Meet the ", " at law firms in Boston"))
    ['a:boston', 'a:firm', 'a:law', 'b:meet', 'boston', 'firm', 'law', 'meet']
    """
    left, right = _content_words(before), _content_words(after)
    counts = Counter(left + right)
    for w in right[:NEAR]:
        counts["a:" + w] += 1
    for w in left[-NEAR:]:
        counts["b:" + w] += 1
    return counts


class ContextModel:
    """Linear field scores over TF-IDF context features (weights fitted elsewhere)."""

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray, weights: np.ndarray, bias: np.ndarray,
                 classes: list[str]):
        self.vocabulary = vocabulary
        self.idf = idf
        self.weights = weights  # (n_features, n_classes)
        self.bias = bias
        self.classes = list(classes)

    def vector(self, features: Counter) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and L2-normalised TF-IDF values of the known features."""
        return tfidf_vector(features, self.vocabulary, self.idf)

    def proba_features(self, features: Counter) -> dict[str, float]:
        """Each field's probability given the features; empty when none is known (no evidence)."""
        cols, vals = self.vector(features)
        if cols.size == 0:
            return {}
        z = vals @ self.weights[cols].astype(np.float64) + self.bias
        z = np.exp(z - z.max())
        p = z / z.sum()
        shares, classes = p.tolist(), self.classes  # (plain floats: no NumPy scalar per field)
        return {classes[i]: round(shares[i], 4) for i in np.argsort(-p).tolist()}

    def proba(self, text: str, start: int, end: int) -> dict[str, float]:
        """Each field's probability for the role at ``text[start:end]``, likeliest first."""
        return self.proba_features(context_features(*sentence_around(text, start, end)))

    # -- persistence (NumPy only) -----------------------------------------------------------------

    def save(self, path: Path) -> None:
        save_arrays(path, self.vocabulary, self.idf, self.weights, self.bias, self.classes)

    @classmethod
    def load(cls, path: Path) -> ContextModel:
        a = load_arrays(path)
        return cls(a["vocabulary"], a["idf"], a["weights"], a["bias"], a["classes"])
