"""Does an unknown noun name a kind of person? A learned judgement from the word's letters.

The role finder knows job titles from lists (O*NET, the lexicon, informal forms), but people write
words no list holds: "kitchenhands", "bellboys", "tournants", "deckies", "franchisees",
"celebrants". Where the sentence's structure puts a person ("meet X", "talk to X", "X who …"),
the head finder asks this model whether the word itself looks like a word for a person: a
logistic regression over hashed character n-grams (3 to 5 letters, with word boundaries) and
word endings (1 to 5 letters) of the word's singular. It is trained by
``scripts/build_person_nouns.py``: positives are the head words of O*NET 27.0 titles and the
lexicon's heads and informal title words ("farmhand", "deckhand", "tradie", "-ant", "-ee",
"-man"), negatives the nouns of the labelled objectives' train splits that name no one ("shifts",
"deadlines", "rigs") and the words O*NET titles use only as modifiers ("kitchen", "software").

The fitted weights are plain arrays (``lexicon/person_nouns.npz``: one weight per hash bucket,
the intercept, the cut-offs), scored with the standard library alone: a few dozen look-ups per
word, asked only about nouns no list holds, in a person slot.
"""
from __future__ import annotations

import functools
import math
import zlib
from pathlib import Path

import numpy as np

from .lexicon import singular

#: Hash buckets of the character features (a power of two).
BUCKETS = 1 << 17
NGRAMS = (3, 4, 5)
SUFFIXES = (1, 2, 3, 4, 5)


def word_features(word: str, person_words: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The features of a word: its singular's boundary-marked character n-grams and endings, and
    whether it ends with a word of ``person_words`` after three letters or more ("kitchen|hand",
    "bell|boy": a compound whose last part names a person).

    >>> word_features("cabbies")[:3], word_features("cabbies")[-2:]
    (['^ca', 'cab', 'abb'], ['$bby', '$abby'])
    >>> word_features("kitchenhands", {"hand"})[-1]
    '+compound'
    """
    w = singular(word.lower())
    padded = f"^{w}$"
    feats = [padded[k:k + n] for n in NGRAMS for k in range(len(padded) - n + 1)]
    feats += [f"${w[-n:]}" for n in SUFFIXES if len(w) > n]
    if person_words and any(w[k:] in person_words for k in range(3, len(w) - 2)):
        feats.append("+compound")
    return feats


def person_vocabulary(data) -> frozenset[str]:
    """The words a compound's last part is matched against: the role lexicon's heads and the
    words that end three or more multi-word titles ("hand", "boy"), of three letters or more
    (``data``: a :class:`~coach.lexicon.CoachData`)."""
    endings = (w for w, n in data.title_endings.items() if n >= 3)
    return frozenset(w for w in (*data.roles.heads, *endings) if len(w) >= 3 and w.isalpha())


def bucket(feature: str) -> int:
    """A feature's hash bucket (stable across runs and machines)."""
    return zlib.crc32(feature.encode("utf-8")) & (BUCKETS - 1)


class PersonNounModel:
    """Scores words with fitted weights; see the module docstring. Without the file it knows
    nothing (:attr:`fitted` is False and every probability is 0)."""

    def __init__(self, path: Path | None, person_words: frozenset[str] = frozenset()) -> None:
        self.person_words = person_words
        self.weights: list[float] = []
        self.intercept = 0.0
        #: Probability from which a word no dictionary knows names a person in a person slot,
        #: and the stricter one for a dictionary word ("worms", "hats" are things first).
        self.threshold = 1.1
        self.known_threshold = 1.1
        if path is not None and Path(path).is_file():
            with np.load(path, allow_pickle=False) as arrays:
                weights = np.asarray(arrays["weights"], dtype=np.float64)
                if weights.shape != (BUCKETS,) or not np.isfinite(weights).all():
                    raise ValueError(f"{path}: weights of the wrong shape or not finite")
                self.weights = weights.tolist()
                self.intercept = float(arrays["intercept"])
                self.threshold = float(arrays["threshold"])
                self.known_threshold = float(arrays["known_threshold"])
        self.probability = functools.lru_cache(maxsize=1 << 12)(self._probability)

    @property
    def fitted(self) -> bool:
        return bool(self.weights)

    def _probability(self, word: str) -> float:
        """P(the word names a kind of person)."""
        if not self.weights:
            return 0.0
        weights = self.weights
        z = self.intercept + sum(weights[bucket(f)] for f in word_features(word, self.person_words))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def names_person(self, word: str, known: bool) -> bool:
        """True when ``word`` looks like a word for a person (``known``: a dictionary word, which
        needs the stricter cut-off)."""
        return self.probability(word) >= (self.known_threshold if known else self.threshold)


def save(path: Path, weights: np.ndarray, intercept: float, threshold: float, known_threshold: float) -> None:
    """Write fitted weights with NumPy alone."""
    np.savez_compressed(path, weights=weights.astype(np.float16), intercept=np.array(intercept),
                        threshold=np.array(threshold), known_threshold=np.array(known_threshold))
