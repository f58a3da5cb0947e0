"""Does the writer ask these people for something? A learned judgement on a whole objective.

The need finder's patterns ("who can point me to …", "to learn how they …", "advice on …")
are a closed list, and real posts state what they want in open wording ("looking for
volunteers to tutor adults", "we are carrying out an interview study with …", "do you have
any positions?") while the same patterns fire on background ("how did you reach out …",
"I learned a good bit about …"). So a logistic model reads the objective as a whole: its word
lemmas and lemma pairs, which patterns fired, and parse cues (a purpose clause "to learn",
a relative clause with a modal "who can help", a question, the reader addressed, the writer
as subject of a wanting verb, an imperative opening), and gives the probability that the
objective states a need (the rubric's: what information, idea or resource is sought).

It is trained by ``scripts/train_need_judge.py`` on the written-to-order and real train splits
and saved as plain arrays (``lexicon/need_judge.npz``: feature names, weights, the cut-off, and
the out-of-fold probability of each training text, so that a model stacked on the judgement,
the grader, is trained on what the judge says of texts it has not seen). Scored with NumPy
alone; without the file the patterns decide alone, as before.
"""
from __future__ import annotations

import hashlib
import math
from itertools import pairwise
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from ._columns import column
from ._sentences import sentence_of

#: Pronouns of the writer and of the reader.
_WRITER = frozenset({"i", "we", "me", "us", "my", "our"})
_READER = frozenset({"you", "your", "yours", "anyone", "anybody"})
_MODALS = frozenset({"can", "could", "would", "will", "might", "may"})
#: The need patterns kept whatever the judge says (the rules' safety net): explicit asks for help
#: the rubric names ("for introductions to …", "advice on …", "pick their brains", "shed light on").
SURE_PATTERNS = frozenset({"for-help", "pick-brains", "shed-light", "their-stories"})


def text_key(text: str) -> str:
    """The key of a text in the out-of-fold table (a short hash of its stripped text)."""
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:16]


def need_features(doc: Doc | Span, rule_labels: list[str]) -> list[str]:
    """The features of an objective (or one of its sentences) as names (values 1): words, rule
    hits (``rule_labels``: the need patterns that fired) and parse cues."""
    if isinstance(doc, Doc):  # (the whole objective: its columns, read once per Doc)
        whole, start, end = doc, 0, len(doc)
        lemmas = column(doc, "word_lemmas")
    else:
        whole, start, end = doc.doc, doc.start, doc.end
        lemmas = [t.lemma_.lower() for t in doc if not t.is_punct and not t.is_space]
    feats = [f"w={lemma}" for lemma in lemmas]
    feats += [f"b={a}_{b}" for a, b in pairwise(lemmas)]
    feats += [f"rule={label}" for label in rule_labels] or ["rule=none"]
    deps, lowers, poses = (column(whole, name)[start:end] for name in ("dep", "lower", "pos"))
    for i, dep, lower, pos in zip(range(start, end), deps, lowers, poses):
        if pos in ("VERB", "AUX"):
            t = whole[i]
            if dep in ("advcl", "xcomp", "relcl", "acl") and any(c.lower_ == "to" and c.dep_ == "aux"
                                                                 for c in t.children):
                feats.append(f"to_{dep}={t.lemma_.lower()}")  # "to learn", "volunteers to tutor"
            if dep == "relcl" and any(c.lower_ in _MODALS for c in t.children):
                feats.append("relcl_modal")  # "who can point me", "who would be willing"
            if any(c.dep_ == "nsubj" and c.lower_ in _WRITER for c in t.children):
                feats.append(f"writer_subj={t.lemma_.lower()}")  # "we are looking", "I'd love"
            if any(c.dep_ == "nsubj" and c.lower_ in _READER for c in t.children):
                feats.append(f"reader_subj={t.lemma_.lower()}")  # "do you know", "if you have"
            if dep == "ROOT" and t.tag_ == "VB" and t.i == sentence_of(t.doc, t.i).start:
                feats.append(f"imperative={t.lemma_.lower()}")  # "Ask members to talk bees with you"
        elif lower in _READER:
            feats.append("reader")
        if lower == "?":
            feats.append("question")
    return feats


class NeedJudge:
    """Scores how likely an objective states a need, from fitted weights (see the module docstring)."""

    def __init__(self, weights_path: Path | None) -> None:
        self.vocabulary: dict[str, int] = {}
        self.coef = np.zeros(0)
        self.intercept = 0.0
        self.cutoff = 0.5
        #: Out-of-fold probabilities of the training texts, by :func:`text_key`.
        self.out_of_fold: dict[str, float] = {}
        #: Read :attr:`out_of_fold` for the texts it holds (set while featurising rows for a model
        #: stacked on this one, never when checking an objective).
        self.use_out_of_fold = False
        if weights_path is not None and Path(weights_path).is_file():
            with np.load(weights_path, allow_pickle=False) as arrays:
                # The names are one UTF-8 text, split at line breaks: as an array of strings
                # (fixed width, the longest name's, four bytes a letter) the 73,000 names took
                # 75 ms to read at every start.
                stored = arrays["names"]
                names = stored.tobytes().decode("utf-8").split("\n") if stored.dtype == np.uint8 \
                    else stored.tolist()
                self.vocabulary = dict(zip(names, range(len(names))))
                self.coef = arrays["coef"].astype(float)
                self.intercept = float(arrays["intercept"])
                self.cutoff = float(arrays["cutoff"])
                self.out_of_fold = dict(zip(arrays["oof_keys"].tolist(), arrays["oof_proba"].tolist()))

    @property
    def fitted(self) -> bool:
        return bool(self.vocabulary)

    def probability(self, doc: Doc, rule_labels: list[str], text: str | None = None) -> float:
        """Probability that the objective states a need (``text``: the Doc's text, if at hand);
        with :attr:`use_out_of_fold`, a training text's out-of-fold probability."""
        if self.use_out_of_fold:
            held_out = self.out_of_fold.get(text_key(doc.text if text is None else text))
            if held_out is not None:
                return held_out
        return self.score(doc, rule_labels)

    def score(self, tokens: Doc | Span, rule_labels: list[str]) -> float:
        """The model's probability for an objective or one of its sentences."""
        vocabulary, coef = self.vocabulary, self.coef
        z = self.intercept
        for name in set(need_features(tokens, rule_labels)):
            k = vocabulary.get(name)
            if k is not None:
                z += coef[k]
        return 1 / (1 + math.exp(-z))


def save_weights(path: Path, names: list[str], coef: np.ndarray, intercept: float, cutoff: float,
                 oof: dict[str, float]) -> None:
    """Write the fitted judge with NumPy alone."""
    keys = sorted(oof)
    if any("\n" in name for name in names):
        raise ValueError("a feature name holds a line break: the names are stored one a line")
    np.savez_compressed(path, names=np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8),
                        coef=np.asarray(coef, dtype=np.float32),
                        intercept=np.array(intercept), cutoff=np.array(cutoff),
                        oof_keys=np.array(keys, dtype=str),
                        oof_proba=np.array([oof[k] for k in keys], dtype=np.float32))
