"""Is this candidate a person to meet? A learned judgement on the role rules' candidates.

The rules (:mod:`.role_heads`, :mod:`.role_spans`, :mod:`.role_relations`) propose every word
that can head a job title, and a relation from cues ("I'm a", "not", "who place"). In real posts
many of those are no person to meet: people the post only talks about ("the organizers are
looking for law students", "the work ethic of the American farmer"), the writer's own role
without a cue the rules know ("As a PhD student and postdoc I …"), or a role named twice. The
judge scores each candidate from its parse and words: the head's lemma and ending, what the
lists and O*NET know of it, how sure the title classifier is, the dependency to its governing
verb and that verb, the subject of that verb, determiner, number, capitals, neighbours,
position, and the rules' own relation. A multinomial logistic model gives the probability of
``target``, ``own``, ``mention`` or ``none`` (no role).

It is trained by ``scripts/train_role_judge.py`` on the written-to-order and real train splits
and saved as plain arrays (``lexicon/role_judge.npz``: feature names, weights, the classes and
the two cut-offs chosen by cross-validation on the real train split), scored with NumPy alone.
Without the file the rules decide alone, as before.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from ..lexicon import CoachData, singular
from ..occupations import Occupation, normalize_title
from ._sentences import sentence_of

CLASSES = ("target", "own", "mention", "none")
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
_WORD = re.compile(r"\w+")
_SECOND_PERSON = frozenset({"you", "your"})
_DETERMINERS = frozenset({"a", "an", "the", "my", "our", "your", "their", "his", "her", "its", "these", "those",
                          "this", "that", "any", "some", "other", "every", "each", "all", "many", "no", "one"})


@functools.lru_cache(maxsize=1 << 14)
def _normalized(text: str) -> str:
    return normalize_title(text)


@dataclass
class RoleContext:
    """What the judge reads about the other candidates of a document."""

    sentences: dict[int, tuple[int, list[str]]]
    n_roles: int
    role_heads: frozenset[int]
    sought: frozenset[int]
    relation_of: dict[int, str]
    earlier_heads: set[str] = field(default_factory=set)
    target_rank: int = 0
    #: who seeks each candidate (head index): "writer", "reader", "other", "passive", "contact" or None
    seekers: dict[int, str | None] = field(default_factory=dict)
    #: heads of the candidates that are the subject of a finite verb (they act in a statement)
    acting: frozenset[int] = frozenset()


#: Words that name the writer.
_FIRST_PERSON_WORDS = frozenset({"i", "we", "my", "our", "me", "us", "i'm", "we're", "i’m", "we’re"})


class RoleJudge:
    """Scores role candidates from fitted weights; see the module docstring."""

    def __init__(self, weights_path: Path | None, data: CoachData, heads) -> None:
        self.data = data
        self.heads = heads
        lists = data.lists
        self.meet_verbs = lists.words("meet_verbs")
        self.seek_verbs = lists.words("seek_verbs")
        self.generic_modifiers = lists.words("generic_modifiers")
        self.vocabulary: dict[str, int] = {}
        self.coef = np.zeros((len(CLASSES), 0))
        self.intercept = np.zeros(len(CLASSES))
        #: Demote a rule target below this probability of ``target``; promote an own or mention
        #: role to target from ``promote``.
        self.demote = 0.0
        self.promote = 1.1
        if weights_path is not None and Path(weights_path).is_file():
            with np.load(weights_path, allow_pickle=False) as arrays:
                classes = tuple(str(c) for c in arrays["classes"])
                if classes != CLASSES:
                    raise ValueError(f"{weights_path}: classes {classes}, expected {CLASSES}")
                coef = np.asarray(arrays["coef"], dtype=np.float64)
                names = arrays["names"].tolist()  # str already; a loop over NumPy strings cost ms at start
                if coef.shape != (len(CLASSES), len(names)) or not np.isfinite(coef).all():
                    raise ValueError(f"{weights_path}: weights of the wrong shape or not finite")
                self.vocabulary = dict(zip(names, range(len(names))))
                self.coef = coef
                self.intercept = np.asarray(arrays["intercept"], dtype=np.float64)
                self.demote = float(arrays["demote"])
                self.promote = float(arrays["promote"])
        # (one tolist of the transposed weights, not a column slice per name: same tuples, faster start)
        self._weights = dict(zip(self.vocabulary, map(tuple, self.coef[:, list(self.vocabulary.values())].T.tolist())))
        self._intercept = tuple(self.intercept.tolist())

    @property
    def fitted(self) -> bool:
        return bool(self.vocabulary)

    def sentence_features(self, doc: Doc, heads: frozenset[int]) -> dict[int, tuple[int, list[str]]]:
        """For each role head (a token index): its sentence's start and the features the sentence
        gives its roles (computed once per sentence that holds a role)."""
        out: dict[int, tuple[int, list[str]]] = {}
        cache: dict[int, list[str]] = {}
        starts = None
        for i in heads:
            sent = sentence_of(doc, i)  # (``doc[i].sent`` rescans the Doc on every call)
            feats = cache.get(sent.start)
            if feats is None:
                if sent.start == 0:
                    k = 0
                else:
                    if starts is None:
                        starts = doc.to_array("SENT_START")
                    k = int((starts[1:sent.start] == 1).sum()) + 1
                text = sent.text
                lows = set(_WORD.findall(text.lower()))
                feats = [f"sent={min(k, 2)}", f"root={sent.root.lemma_.lower()}"]
                if text.rstrip().endswith("?"):
                    feats.append("question")
                if lows & _FIRST_PERSON:
                    feats.append("first_person_sent")
                if lows & _SECOND_PERSON:
                    feats.append("you_sent")
                cache[sent.start] = feats
            out[i] = (sent.start, feats)
        return out

    def features(self, doc: Doc, span: Span, head: Token, relation: str, occupation: Occupation | None,
                 context: RoleContext) -> list[str]:
        """The candidate's features, as names (values are 1)."""
        earlier_heads, n_roles, sought = context.earlier_heads, context.n_roles, context.sought
        role_heads, relation_of = context.role_heads, context.relation_of
        target_rank = context.target_rank
        low = head.lower_
        sing = singular(low)
        children = list(head.children)
        words = [t.lower_ for t in span if not t.is_punct]
        feats = [f"rel={relation}", f"lem={sing}", f"suf3={sing[-3:]}", f"suf2={sing[-2:]}",
                 f"tag={head.tag_}", f"dep={head.dep_}", f"rel_dep={relation}_{head.dep_}",
                 f"nw={min(len(words), 4)}", f"nroles={min(n_roles, 4)}"]
        if head.i in sought:
            feats.append("slot")  # "meet X", "talk to X", "X who …", "looking for X"
        elif sought:
            feats.append("other_in_slot")
        if relation_of:
            # listed with another role: "As a PhD student and postdoc", "editors and art directors"
            listed = [c for c in children if c.dep_ in ("conj", "appos")]
            if head.dep_ in ("conj", "appos") and head.head.i != head.i:
                listed.append(head.head)
            linked = [relation_of[t.i] for t in listed if t.i in relation_of]
            for other in linked[:2]:
                feats.append(f"listed_with={other}")
                feats.append(f"listed_with={relation}_{other}")
        if relation == "target":
            feats.append(f"trank={min(target_rank, 2)}")
        if context.seekers:
            seeker = context.seekers.get(head.i)
            feats.append(f"seek_by={seeker or 'no'}")
            others = {v for i, v in context.seekers.items() if i != head.i and v is not None}
            if seeker is None and others & {"writer", "reader", "passive"}:
                feats.append("other_sought_not_self")  # the text asks for someone else
            if head.i in context.acting:
                feats.append("acts" if not others else "acts_other_sought")
        feats.append(f"cat={self.heads._head_cache.get(low, 'x') or 'no'}")
        if self.data.roles.is_title(words):
            feats.append("lex_title")
        if _normalized(span.text) in self.data.occupations.titles:
            feats.append("onet_title")
        if occupation is None:
            feats.append("occ=none")
        else:
            c = occupation.confidence
            feats.append("occ=high" if c >= 0.8 else "occ=mid" if c >= 0.5 else "occ=low")
            feats.append(f"soc={occupation.code[:2]}")
        if sing in earlier_heads:
            feats.append("repeat_head")
        # capitals and position
        if head.is_upper and len(head) > 1:
            feats.append("upper")
        elif head.is_title and not head.is_sent_start:
            feats.append("capital")
        if head.ent_type_:
            feats.append(f"ent={head.ent_type_}")
        sent_start, sentence = context.sentences[head.i]
        if span.start == sent_start:
            feats.append("sent_start")
        feats += sentence
        if head.head.i != head.i:
            feats.append(f"hhead={head.head.lemma_.lower()}")
        # neighbours
        prev = doc[span.start - 1].lower_ if span.start > 0 else "<s>"
        prev2 = doc[span.start - 2].lower_ if span.start > 1 else "<s>"
        nxt = doc[span.end].lower_ if span.end < len(doc) else "</s>"
        feats += [f"prev={prev}", f"prev2={prev2}_{prev}", f"next={nxt}"]
        if prev == "(":
            feats.append("in_parens")
        for child in children:
            if child.dep_ in ("det", "poss", "predet"):
                feats.append(f"det={child.lower_ if child.lower_ in _DETERMINERS else 'other'}")
            elif child.dep_ == "nummod":
                feats.append("number")
            elif child.dep_ == "relcl":
                feats.append("relcl")
                if any(w.lower_ in ("who", "whom", "that") for w in child.children):
                    feats.append("who_clause")
            elif child.dep_ == "prep":
                feats.append(f"prep={child.lower_}")
        if any(t.lower_ in self.generic_modifiers for t in span if t.i < head.i):
            feats.append("generic_modifier")
        # the path up to the governing verb, and its subject
        path, node = [head.dep_], head
        while node.dep_ != "ROOT" and node.pos_ not in ("VERB", "AUX") and len(path) < 5:
            node = node.head
            if node.pos_ not in ("VERB", "AUX"):
                path.append(node.dep_ if node.pos_ != "ADP" else f"{node.dep_}:{node.lower_}")
        feats.append(f"path={'>'.join(path[:3])}")
        if node.pos_ in ("VERB", "AUX"):
            verb = node.lemma_.lower()
            feats.append(f"gov={verb}")
            feats.append(f"gov_dep={verb}_{head.dep_}")
            if verb in self.meet_verbs:
                feats.append("gov_meet")
            if verb in self.seek_verbs:
                feats.append("gov_seek")
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                feats.append("subj=none")
            elif subject.i == head.i or subject.i in range(span.start, span.end):
                feats.append("subj=self")
                if any(t.i in role_heads and t.i != head.i for t in node.subtree):
                    feats.append("subject_over_role")  # "the organizers are looking for law students"
            elif subject.lower_ in _FIRST_PERSON:
                feats.append("subj=first")
            elif subject.lower_ == "you":
                feats.append("subj=you")
            else:
                feats.append("subj=other")
                if subject.i in role_heads:
                    feats.append("object_of_role")
            if any(c.dep_ == "neg" for c in node.children):
                feats.append("gov_neg")
            if node.tag_ in ("VBD", "VBN"):
                feats.append("gov_past")
        else:
            feats.append("gov=none")
        return feats

    def in_slot(self, head: Token) -> bool:
        """The parse puts a person here: "meet X", "talk to X", "X who …", "looking for X"."""
        heads = self.heads
        return heads._in_person_slot(head) or heads._is_sought(head) or heads._is_spoken_with(head)

    def protected(self, span: Span, head: Token, in_slot: bool | None = None) -> bool:
        """The rules' safety net: a known title (O*NET or the lexicon, whole) in a clear person
        slot stays a target (``in_slot``: :meth:`in_slot` of the head, if known)."""
        if in_slot is False:
            return False
        words = [t.lower_ for t in span if not t.is_punct]
        known = self.data.roles.is_title(words) or _normalized(span.text) in self.data.occupations.titles
        return known and (in_slot if in_slot is not None else self.in_slot(head))

    def probabilities(self, feats: list[str]) -> list[float]:
        """Probabilities of :data:`CLASSES`, from the fitted weights (plain Python: a few dozen
        features, faster than NumPy's call overhead)."""
        a, b, c, d = self._intercept
        weights = self._weights
        for f in feats:
            w = weights.get(f)
            if w is not None:
                a += w[0]
                b += w[1]
                c += w[2]
                d += w[3]
        top = max(a, b, c, d)
        e = (math.exp(a - top), math.exp(b - top), math.exp(c - top), math.exp(d - top))
        total = e[0] + e[1] + e[2] + e[3]
        return [v / total for v in e]

    def decide(self, relation: str, probs: list[float], protected: bool) -> str | None:
        """The candidate's relation after the judgement (None: no role at all).

        A rule target the judge doubts (``target`` below :attr:`demote`) takes the likeliest other
        class, unless ``protected``; an own or mention role it is sure of (from :attr:`promote`)
        becomes a target. Excluded roles (a cue the writer wrote) stay as the rules say.
        """
        p_target = probs[0]
        if relation == "target" and p_target < self.demote and not protected:
            other = CLASSES[1 + max(range(len(CLASSES) - 1), key=lambda k: probs[1 + k])]
            return None if other == "none" else other
        if relation in ("own", "mention") and p_target >= self.promote and not protected:
            return "target"
        return relation

    def keeps_relation(self, span: Span, relation: str) -> bool:
        """The rules' structure an own or mention role rests on, which the judge may not overturn:
        the writer named in the same breath ("my fellow nurses and I", "we're three dentists"), or
        a person named inside a clause about another ("consultants who train *sales managers*",
        the rubric's "recruiters who place *nurses*")."""
        doc = span.doc
        if relation == "own":
            near = doc[max(0, span.start - 4):min(len(doc), span.end + 3)]
            return any(t.lower_ in _FIRST_PERSON_WORDS for t in near)
        if relation == "mention":
            token = span.root
            for _ in range(8):
                if token.head.i == token.i:
                    return False
                if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
                    return True
                token = token.head
        return False


def save_weights(path: Path, names: list[str], coef: np.ndarray, intercept: np.ndarray, demote: float,
                 promote: float) -> None:
    """Write fitted weights with NumPy alone."""
    np.savez_compressed(path, names=np.array(names, dtype=str), coef=coef.astype(np.float32),
                        intercept=intercept.astype(np.float32), classes=np.array(CLASSES, dtype=str),
                        demote=np.array(demote), promote=np.array(promote))
