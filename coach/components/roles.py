"""The role extractor: kinds of people in an objective, each with its fields and relation.

Four jobs, one helper each: :class:`~coach.components.role_heads.HeadFinder` (which tokens head
a role), :class:`~coach.components.role_spans.SpanBuilder` (where the role starts and ends),
:class:`~coach.components.role_relations.RelationFinder` (target, own or mention) and
:class:`~coach.components.role_fields.FieldFinder` (the rubric's fields). This component runs
them and writes ``doc.spans["coach_roles"]`` (with ``coach_relation``, ``coach_fields``,
``coach_head``) and ``doc.spans["coach_generic"]`` (generic people words).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import CoachData, singular
from ._columns import column
from ._places import PlaceMatcher
from ._sentences import sentence_of, text_of
from ._shared import GENERIC, ROLES, DataComponent, register_extensions
from ._token_runs import is_capitalised
from .role_fields import FieldFinder
from .role_heads import HeadFinder
from .role_judge import RoleContext, RoleJudge
from .role_relations import RelationFinder
from .role_spans import SpanBuilder


class RoleExtractor(DataComponent):
    """Find roles and generic people words; see the module docstring."""

    def __init__(self, nlp: Language, name: str, fuzzy: bool = True, max_fields: int = 3, judge: bool = True):
        if not isinstance(fuzzy, bool):
            raise ValueError(f"fuzzy: expected a bool, got {fuzzy!r}")
        if not isinstance(judge, bool):
            raise ValueError(f"judge: expected a bool, got {judge!r}")
        if not isinstance(max_fields, int) or max_fields < 1:
            raise ValueError(f"max_fields: expected a positive int, got {max_fields!r}")
        super().__init__()
        self.name = name
        self.fuzzy = fuzzy
        self.max_fields = max_fields
        self.use_judge = judge

    def set_data(self, data: CoachData) -> None:
        super().set_data(data)
        self.heads = HeadFinder(data, fuzzy=self.fuzzy)
        self.spans = SpanBuilder(data, PlaceMatcher(data))
        self.relations = RelationFinder(data)
        self.field_finder = FieldFinder(data, self.heads, self.max_fields)
        self.generic_phrases = data.lists.phrases("generic_phrases")
        self.generic_patterns = [(p, re.compile(r"\b" + re.escape(p) + r"\b")) for p in self.generic_phrases]
        self.generic_people = data.lists.words("generic_people")
        self.generic_modifiers = data.lists.words("generic_modifiers")
        self.generic_weak_heads = data.lists.words("generic_weak_heads")
        # The learned judgement of the rules' candidates (see .role_judge): on by default since
        # stop 17, when the mentions the relation rules read from structure ("Researchers … are
        # seeking X", "I met two chefs who said …") are kept from promotion (keeps_relation) and
        # it gains precision and recall on real dev (data/README.md, role judge model card).
        self.judge = RoleJudge(data.root / "lexicon" / "role_judge.npz" if self.use_judge else None,
                               data, self.heads)

    def forget(self) -> None:
        """Forget the occupations and fields remembered per role text."""
        self.field_finder.forget()

    def find_spans(self, doc: Doc, generic: list[Span] | None = None) -> list[tuple[Span, Token]]:
        """Return (span, head) pairs of every role, longest first where two overlap."""
        _ = self.data  # load the package data on first use
        if generic is None:
            generic = list(self.generic_spans(doc))
        generic_chars = {c for g in generic for c in range(g.start_char, g.end_char)}
        found: list[tuple[Span, Token]] = []
        offsets = column(doc, "idx")
        for i, (punct, stop, upper) in enumerate(column(doc, "flags")):
            if punct or (stop and not upper):
                continue  # "the", "to", "about": never the head of a role ("DO", "ME" in capitals may be)
            if offsets[i] in generic_chars:
                continue
            token = doc[i]  # (a Token only for the words that may head a role)
            if self.heads.is_head(token) or self.heads.ends_known_title(doc, token):
                span = self.spans.span_for(doc, token)
                if not self.heads.is_weak_only(span, token) and not _inside_a_name(span):
                    found.append((span, token))
        found.sort(key=lambda pair: (-(pair[0].end - pair[0].start), pair[0].start))
        taken: set[int] = set()
        kept = []
        for span, head in found:
            if taken.isdisjoint(range(span.start, span.end)):
                kept.append((span, head))
                taken.update(range(span.start, span.end))
        kept.sort(key=lambda pair: pair[0].start)
        return kept

    def generic_spans(self, doc: Doc) -> Iterator[Span]:
        """Generic people words and phrases ("people", "decision makers"), as spans."""
        _ = self.data
        low = text_of(doc).lower()
        seen: set[int] = set()
        for phrase, pattern in self.generic_patterns:
            if phrase not in low:
                continue  # (a substring test is far cheaper than the search)
            for m in pattern.finditer(low):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None:
                    seen.update(range(m.start(), m.end()))
                    yield span
        for i, low in enumerate(column(doc, "lower")):
            if low not in self.generic_people and low not in self.generic_weak_heads:
                continue  # (neither branch below can hold: skip the informal-role check)
            token = doc[i]
            if token.idx in seen or self.heads.is_informal_role(token):
                continue
            if token.lower_ in self.generic_people and token.pos_ in ("NOUN", "PRON", "PROPN") \
                    and token.dep_ != "compound":
                yield doc[token.i:token.i + 1]
            elif token.lower_ in self.generic_weak_heads and all(
                t.lower_ in self.generic_modifiers or (t.pos_ not in ("NOUN", "PROPN", "ADJ") and t.tag_ != "VBG")
                for t in token.lefts  # "managing partners", "consulting partners": a kind of partner
            ):
                yield doc[token.i:token.i + 1]

    def candidates(self, doc: Doc, generic: list[Span] | None = None) -> list[tuple[Span, Token, str]]:
        """The rules' roles: (span, head, relation), a repeated target left out."""
        pairs = self.find_spans(doc, generic)
        spans = [span for span, _ in pairs]
        employers = {k for k, span in enumerate(spans) if _employer_of_another_role(span, spans)}
        if employers:
            pairs = [pair for k, pair in enumerate(pairs) if k not in employers]
            spans = [span for span, _ in pairs]
        relations = self.relations.relations(doc, spans)
        repeats = _repeated_targets(spans, relations, self.relations.enumeration_words)
        return [(span, head, relation) for k, ((span, head), relation) in enumerate(zip(pairs, relations))
                if k not in repeats]

    def judge_features(self, doc: Doc, found: list[tuple[Span, Token, str, object]],
                       judged: list[bool] | None = None, slots: dict[int, bool] | None = None
                       ) -> list[list[str] | None]:
        """The judge's features of each (span, head, relation, occupation) candidate (None for those
        ``judged`` leaves out); ``slots``: whether each head is in a person slot, if known."""
        if not found:
            return []
        judge = self.judge
        if slots is None:
            slots = {head.i: judge.in_slot(head) for _, head, _, _ in found}
        role_heads = frozenset(head.i for _, head, _, _ in found)
        asked = role_heads if judged is None else frozenset(h.i for (_, h, _, _), a in zip(found, judged) if a)
        context = RoleContext(judge.sentence_features(doc, asked), len(found), role_heads,
                              frozenset(i for i, slot in slots.items() if slot),
                              {head.i: relation for _, head, relation, _ in found})
        # who seeks each candidate, from the parse (the relation rules' reading): a person the
        # writer or reader seeks is one to meet; one a third party seeks, or one only acting in a
        # statement while someone else is sought, is talked about
        context.seekers = {head.i: self.relations.seeker_of(span.root) for span, head, _, _ in found}
        context.acting = frozenset(head.i for span, head, _, _ in found if self.relations.acts_in_statement(span))
        out: list[list[str] | None] = []
        for k, (span, head, relation, occupation) in enumerate(found):
            out.append(judge.features(doc, span, head, relation, occupation, context)
                       if judged is None or judged[k] else None)
            context.earlier_heads.add(singular(head.lower_))
            context.target_rank += relation == "target"
        return out

    def keeps_relation(self, span: Span, relation: str, spans: list[Span]) -> bool:
        """An own or mention role the judge may not promote: the judge's own guard
        (:meth:`RoleJudge.keeps_relation`) or a mention from the relation rules' structure
        (:meth:`RelationFinder.structural_mention`), or a mention listed with such a one ("someone
        who employs crane operators or *riggers*": the list shares its place in the clause)."""
        if self._keeps_mention(span, relation, spans):
            return True
        token = span.root
        while relation == "mention" and token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
            first = next((other for other in spans if other.start <= token.i < other.end), None)
            if first is not None and first is not span:
                return self._keeps_mention(first, relation, spans)
        return False

    def _keeps_mention(self, span: Span, relation: str, spans: list[Span]) -> bool:
        return self.judge.keeps_relation(span, relation) or (
            relation == "mention" and self.relations.structural_mention(span, spans))

    def keeps_target(self, span: Span, head: Token, in_slot: bool | None = None) -> bool:
        """A target the judge may not demote: a known title in a clear person slot
        (:meth:`RoleJudge.protected`; ``in_slot``: whether the head is in one, if known) or a target
        from the relation rules' structure (:meth:`RelationFinder.structural_target`: sought by the
        writer or the reader, a contact with them sought, asked to say something)."""
        return self.judge.protected(span, head, in_slot) or self.relations.structural_target(span)

    def _judge(self, doc: Doc, found: list[tuple]) -> list[tuple]:
        """The candidates after the learned judgement (see :mod:`.role_judge`)."""
        judge = self.judge
        promoting = judge.promote <= 1.0
        slots = {head.i: judge.in_slot(head) for _, head, _, _, _ in found}
        spans = [span for span, _, _, _, _ in found]
        asked = [relation == "target" and not self.keeps_target(span, head, slots[head.i])
                 or (promoting and relation in ("own", "mention") and not self.keeps_relation(span, relation, spans))
                 for span, head, relation, _, _ in found]
        if not any(asked):
            return found
        feats = self.judge_features(doc, [(s, h, r, o) for s, h, r, o, _ in found], asked, slots)
        kept = []
        for (span, head, relation, occupation, fields), f in zip(found, feats):
            if f is not None:
                probs = judge.probabilities(f)
                relation = judge.decide(relation, probs, False)
                # The grader reads how sure the judge was (a doubted target grades lower).
                span._.coach_target_p = probs[0]
            if relation is not None:
                kept.append((span, head, relation, occupation, fields))
        return kept

    def __call__(self, doc: Doc) -> Doc:
        generic = list(self.generic_spans(doc))
        found = []
        for span, head, relation in self.candidates(doc, generic):
            occupation, fields = self.field_finder.occupation_and_fields(span, head, doc)
            found.append((span, head, relation, occupation, fields))
        if found and self.judge.fitted:
            found = self._judge(doc, found)
        spans = []
        for span, head, relation, occupation, fields in found:
            ext = span._  # (each ``span._`` makes a new accessor object)
            ext.coach_relation = relation
            ext.coach_fields = fields
            ext.coach_occupation = occupation.to_dict() if occupation else None
            root = span.root
            ext.coach_head = root.lower_ if root in span else span[-1].lower_
            spans.append(span)
        doc.spans[ROLES] = spans
        doc.spans[GENERIC] = generic
        return doc


def _inside_a_name(span: Span) -> bool:
    """True when the role's words are part of a longer name written with capitals after "the"
    ("through the Malaysian Pharmacists Society", "of the Illinois State Beekeepers", "the Michigan
    Value Chain Partners", "Ask The Headhunter Newsletter"): an organisation, a newsletter, a
    series, not people. Not in a headline or a text in capitals, where every word has one
    ("Meet Sales Trainers And Sales Consultants"), and not a title alone after "the" ("he is the
    Chief Shoe Inspector")."""
    doc = span.doc
    if not all(is_capitalised(t) or t.text == "&" for t in span):
        return False
    sent = sentence_of(doc, span.start)
    words = [t for t in sent if t.is_alpha and len(t) > 1]
    if sum(is_capitalised(t) for t in words) * 2 >= len(words):
        return False  # a headline or capitals throughout
    start, end = span.start, span.end
    while start - 1 > sent.start and is_capitalised(doc[start - 1]):
        start -= 1
    while end < sent.end and is_capitalised(doc[end]):
        end += 1
    return (start, end) != (span.start, span.end) and start > sent.start and doc[start - 1].lower_ == "the"


def _employer_of_another_role(span: Span, spans: list[Span]) -> bool:
    """True when the role's words are where another role works: the object of "at" hanging on
    another role ("IT directors at *regional insurers* who moved to the cloud", "reporters at
    *regional newspapers*", "senior agronomist at *Grain Farmers*"). People work at organisations,
    so the words name the employer (the other role's qualifier), not people to meet; a "who"
    clause on them, which otherwise marks a person, describes the organisation."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "at":
        return False
    # (the parse hangs "at" on the role or on the verb before it: "Talk to IT directors at …")
    prep, attached = root.head.i, root.head.head.i
    return any(other.start <= attached < other.end or other.end == prep for other in spans if other is not span)


def _role_key(span: Span) -> tuple[str, ...]:
    """A role's words, lower case, the last one singular: "Nurses" and "nurse" are one role."""
    words = [t.lower_ for t in span if not t.is_punct]
    return (*words[:-1], singular(words[-1])) if words else ()


def _repeated_targets(spans: list[Span], relations: list[str], example_words: frozenset[str] = frozenset()) -> set[int]:
    """Indexes of target roles that repeat an earlier target ("talk with the vendors … asked many
    vendors"): a post names each kind of person once in the result, where it first appears.
    A more specific title is another role ("teachers (especially STEM teachers)")."""
    keys = [_role_key(span) if relation == "target" else () for span, relation in zip(spans, relations)]
    ends = {span.end for span in spans}
    repeats: set[int] = set()
    for k, key in enumerate(keys):
        if not key:
            continue
        if key in keys[:k] or _abbreviates_previous(spans[k], ends) \
                or _narrowed_elsewhere(k, spans, keys, example_words):
            repeats.add(k)
    return repeats


def _narrowed_elsewhere(k: int, spans: list[Span], keys: list[tuple[str, ...]], example_words: frozenset[str]) -> bool:
    """True when another target is the same kind of person narrowed by more words before it
    ("finding a drummer … good roots rock drummers are hard to come by", "interviewing a nurse …
    any current licensed nurse"): the narrower one is who the post asks for, the bare one only
    names the kind. Not when the narrower one is listed with it or given as its example ("Chief
    Nurse, Associate Chief Nurse", "investigators, especially senior investigators"): both stand."""
    key, root = keys[k], spans[k].root
    for j, other in enumerate(keys):
        if j == k or len(other) <= len(key) or other[-len(key):] != key:
            continue
        other_root = spans[j].root
        if other_root.head.i == root.i or root.head.i == other_root.i or (
                other_root.dep_ == root.dep_ == "conj" and other_root.head.i == root.head.i):
            continue  # coordinated or in apposition: items of one list
        doc = spans[j].doc
        before = [t.lower_ for t in doc[max(0, spans[j].start - 4):spans[j].start] if not t.is_punct]
        if example_words & set(before[-2:]):
            continue  # "(e.g., adult services librarians)": an example of the bare one
        return True
    return False


def _abbreviates_previous(span: Span, role_ends: set[int]) -> bool:
    """An acronym in parentheses right after a role: its short form or its kinds ("Registered
    Dental Hygienists (RDHs)", "nurses (LPN, RN, APN)"), not more people to meet."""
    if len(span) != 1 or not span[0].text.rstrip("s’'").isupper():
        return False
    doc = span.doc
    k = span.start - 1
    while k >= 0 and (doc[k].text == "," or (doc[k].text.rstrip("s’'").isupper() and doc[k].is_alpha)):
        k -= 1  # back over the other acronyms of the list
    return k >= 1 and doc[k].text == "(" and k in role_ends


@Language.factory(
    "coach_roles",
    assigns=["doc.spans", "span._.coach_relation", "span._.coach_fields", "span._.coach_head",
             "span._.coach_occupation", "span._.coach_target_p"],
    requires=["token.pos", "token.dep", "token.lemma", "token.ent_type"],
    default_config={"fuzzy": True, "max_fields": 3, "judge": True},
)
def make_role_extractor(nlp: Language, name: str, fuzzy: bool, max_fields: int, judge: bool) -> RoleExtractor:
    """spaCy factory of :class:`RoleExtractor` (``judge``: let the learned role judge decide on
    the rules' candidates, ``lexicon/role_judge.npz``)."""
    register_extensions()
    return RoleExtractor(nlp, name, fuzzy=fuzzy, max_fields=max_fields, judge=judge)
