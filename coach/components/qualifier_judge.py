"""Concrete or vacuous? A learned judgement on qualifier phrases.

The rules find phrases that *look* like qualifiers after a role ("at mid-sized manufacturers",
"who are hiring", "at companies", "who are friendly"); whether a phrase says something
checkable about the people is an open vocabulary of wording, so a logistic model scores each
phrase from its words, its shape (a bare organisation word, a quantifier like "all", a named
entity, a number, a tool, "who are" + an adjective) and the kind the rules gave it. It is
trained by ``scripts/train_qualifier_judge.py`` on ``data/qualifiers/phrases.jsonl`` (labeled
concrete / vacuous), on the phrases the rules find in the written and real-wording train splits
(concrete when they overlap a labeled qualifier), and on the real train split's labeled qualifier
phrases the rules miss; saved as plain arrays (``lexicon/qualifier_judge.npz``, no pickle).
Without the file every phrase the rules accept counts, as before.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from spacy.tokens import Span

_QUANTIFIERS = frozenset({"all", "any", "every", "various", "different", "many", "some", "kinds", "sorts",
                          "types", "whatever", "several", "numerous", "varied", "diverse"})

#: Modifiers that narrow nothing: "in these particular markets", "at certain companies".
_EMPTY_MODIFIERS = frozenset({"particular", "certain", "specific", "other", "same", "similar", "relevant",
                              "right", "appropriate", "respective", "such", "own"})
#: Determiners that point back to something named elsewhere (or nowhere).
_DEICTIC = frozenset({"these", "those", "this", "that", "such", "same"})


class QualifierJudge:
    """Scores how likely a qualifier phrase is concrete (checkable), from fitted weights."""

    def __init__(self, weights_path: Path | None, org_words: frozenset[str], event_words: frozenset[str]):
        self.org_words = org_words
        self.event_words = event_words
        self.vocabulary: dict[str, int] = {}
        self.coef = np.zeros(0)
        self.intercept = 0.0
        if weights_path is not None and Path(weights_path).is_file():
            with np.load(weights_path, allow_pickle=False) as arrays:
                self.vocabulary = {str(n): k for k, n in enumerate(arrays["names"])}
                self.coef = arrays["coef"]
                self.intercept = float(arrays["intercept"])

    @property
    def fitted(self) -> bool:
        return bool(self.vocabulary)

    def features(self, phrase: Span, kind: str, tool: bool) -> list[str]:
        """The phrase's features, as names (values are 1)."""
        tokens = [t for t in phrase if not t.is_punct]
        if not tokens:
            return ["empty"]
        lemmas = [t.lemma_.lower() for t in tokens]
        feats = [f"kind={kind}", f"first={lemmas[0]}", f"n={min(len(tokens), 6)}"]
        if len(lemmas) > 1:
            feats.append(f"first2={lemmas[0]}_{lemmas[1]}")
        feats += [f"w={lemma}" for lemma in lemmas[1:]]
        feats += [f"adj={t.lemma_.lower()}" for t in tokens if t.pos_ == "ADJ"]
        nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
        if nouns:
            obj = nouns[-1]
            feats.append(f"obj={obj.lemma_.lower()}")
            modifiers = [c for c in obj.lefts if c.dep_ in ("amod", "compound", "nummod", "nmod", "poss")
                         and c.lower_ not in _QUANTIFIERS and c.lower_ not in _EMPTY_MODIFIERS]
            if obj.lower_ in self.org_words or obj.lemma_.lower() in self.org_words:
                feats.append("org_word" + ("" if modifiers else "_bare"))
            if obj.lower_ in self.event_words or obj.lemma_.lower() in self.event_words:
                feats.append("event_word" + ("" if modifiers else "_bare"))
        if any(t.lower_ in _QUANTIFIERS for t in tokens):
            feats.append("quantifier")
        if any(t.lower_ in _DEICTIC and t.dep_ == "det" for t in tokens):
            feats.append("deictic")  # "in these markets", "at those companies": points back, names nothing
        if any(t.pos_ == "PROPN" for t in tokens):
            feats.append("proper_noun")
        if any(t.like_num for t in tokens):
            feats.append("number")
        feats += [f"ent={t.ent_type_}" for t in tokens if t.ent_type_]
        if tool:
            feats.append("tool")
        if any(t.tag_ == "MD" for t in tokens):
            feats.append("modal")
        for k, t in enumerate(tokens[:-1]):
            if t.lemma_ == "be":
                nxt = tokens[k + 1]
                feats.append(f"be+{nxt.pos_}")
                if nxt.pos_ in ("ADJ", "ADV"):
                    feats.append(f"be+adj={nxt.lemma_.lower()}")
        return feats

    def probability(self, feats: list[str]) -> float:
        """Probability that the phrase is concrete (1.0 without fitted weights)."""
        if not self.fitted:
            return 1.0
        z = self.intercept + sum(float(self.coef[k]) for f in feats if (k := self.vocabulary.get(f)) is not None)
        return 1 / (1 + math.exp(-z))


def save_weights(path: Path, names: list[str], coef: np.ndarray, intercept: float) -> None:
    """Write fitted weights with NumPy alone."""
    np.savez_compressed(path, names=np.array(names, dtype=str), coef=coef.astype(np.float32),
                        intercept=np.array(intercept))
