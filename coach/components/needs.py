"""The need finder: what information, idea or resource the writer wants, plus two signals.

A need is a phrase like "who can point me to …", "to learn how they …", "for introductions to
…", "advice on …", "which groups they attend". The signals say whether the objective is
measurable ("three CFOs", "5 introductions") and time-bound ("by March", "this quarter").

Results in ``doc.spans["coach_needs"]``, ``doc.spans["coach_measurable"]`` and
``doc.spans["coach_time_bound"]``. The verbs and nouns of the patterns are word lists
(``need_verbs``, ``learn_verbs``, ``learn_objects``, ``help_cues``, ``help_nouns``,
``story_nouns``, ``study_nouns``).

The patterns are a closed list; whether the objective as a whole states a need is judged by a
learned model (:mod:`.need_judge`) that reads the patterns' hits with the words and the parse:
below its cut-off the patterns' finds are dropped (background: "I learned a good bit about …"),
except the explicit asks for help the rubric names (``need_judge.SURE_PATTERNS``),
above it an objective the patterns missed gets its most needful sentence as the need
("we are looking for volunteers to tutor adults"). Its probability is kept in
``doc.user_data["coach_need_probability"]``. Without the model file the patterns decide alone.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..lexicon import WordLists
from ._sentences import _sentence_spans, sentence_of, text_of
from ._shared import MEASURABLE, NEEDS, TIME_BOUND, DataComponent, register_extensions
from ._token_patterns import Columns, TokenPatterns
from ._token_runs import merged_windows
from .need_judge import SURE_PATTERNS, NeedJudge

#: ``doc.user_data`` key of the learned judge's probability that the objective states a need.
NEED_PROBABILITY = "coach_need_probability"


#: Verbs of being sent on to someone or something: "who can point me to …", "could introduce us".
_REFERRAL_VERBS = frozenset({"point", "steer", "direct", "refer", "introduce"})


def asks_for_a_referral(need: Span) -> bool:
    """Whether a "point me" need is the rubric's own explicit ask: a referral verb that people
    *can* or *could* do for the writer ("people who can point me to business opportunities"),
    kept whatever the learned judge says, as the other sure patterns are."""
    if need.label_ != "point-me":
        return False
    verb = need[0]
    return verb.lemma_.lower() in _REFERRAL_VERBS and any(child.tag_ == "MD" for child in verb.children)


def is_sure_need(need: Span) -> bool:
    """Whether a need is one the rubric names outright (a sure pattern or a referral people can
    give), which the learned judge never drops."""
    return need.label_ in SURE_PATTERNS or asks_for_a_referral(need)


def need_patterns(lists: WordLists) -> dict[str, list[list[dict]]]:
    """Token patterns of a stated need, each starting where the need phrase starts."""
    return {
        "point-me": [[{"LEMMA": {"IN": list(lists.phrases("need_verbs"))}},
                      {"OP": "{0,3}", "POS": {"IN": ["NOUN", "DET", "ADJ", "ADP", "PROPN"]}},
                      {"LOWER": {"IN": ["me", "us", "my", "our", "you"]}}]],
        # "talk to freight forwarders about shipping to Canada": the topic is what is wanted
        "about-topic": [[{"LOWER": {"IN": ["about", "regarding"]}},
                         {"POS": {"IN": ["VERB", "NOUN", "PROPN", "ADJ", "DET", "PRON"]}, "TAG": {"NOT_IN": ["PRP"]}}]],
        "learn": [[{"LOWER": {"IN": ["to", "and"]}, "OP": "?"},
                   {"LEMMA": {"IN": list(lists.phrases("learn_verbs"))}},
                   {"LOWER": {"IN": list(lists.phrases("learn_objects"))}}]],
        "for-help": [[{"LOWER": {"IN": list(lists.phrases("help_cues"))}},
                      {"LOWER": {"IN": list(lists.phrases("help_nouns"))}}]],
        "wh-they": [[{"LOWER": {"IN": ["how", "which", "what", "why", "where", "whether"]}},
                     {"OP": "{0,3}"},
                     {"LOWER": {"IN": ["they", "their", "them", "he", "she", "you", "to", "it"]}}]],
        "pick-brains": [[{"LEMMA": "pick"}, {"OP": "?"}, {"LOWER": "brains"}]],
        # volunteer and team calls: "volunteers to help low-income families file taxes", "to assist with"
        "to-help": [[{"LOWER": "to"}, {"LEMMA": {"IN": ["help", "assist", "oversee", "mentor", "advise", "coach"]}},
                     {"POS": {"IN": ["VERB", "ADP", "NOUN", "ADJ", "DET"]}, "LOWER": {"NOT_IN": ["me", "us"]}}]],
        "shed-light": [[{"LEMMA": {"IN": ["shed", "throw", "cast"]}}, {"LOWER": "some", "OP": "?"},
                        {"LOWER": "light"}, {"LOWER": {"IN": ["on", "upon"]}}]],
        # "I'd love to hear your stories", "please share your experiences": what they know
        "their-stories": [[{"LEMMA": {"IN": ["hear", "share", "tell", "gather", "collect", "learn"]}},
                           {"LOWER": {"IN": ["your", "their"]}}, {"OP": "?"},
                           {"LEMMA": {"IN": list(lists.phrases("story_nouns"))}}]],
        # research and recruiting calls: the information wanted is the people's participation
        "participate": [[{"LEMMA": {"IN": ["participate", "take"]}}, {"LOWER": "part", "OP": "?"},
                         {"LOWER": "in"}, {"OP": "{0,4}"},
                         {"LEMMA": {"IN": list(lists.phrases("study_nouns"))}}],
                        [{"LEMMA": {"IN": ["request", "invite", "seek", "need"]}}, {"LOWER": {"IN": ["your", "their"]}},
                         {"LOWER": "participation"}],
                        [{"LEMMA": {"IN": ["conduct", "complete", "run", "develop", "launch"]}},
                         {"OP": "{0,3}"}, {"LEMMA": {"IN": list(lists.phrases("study_nouns"))}},
                         {"LOWER": {"IN": ["on", "of", "into", "about", "exploring", "aimed", "to", "that", "with"]}}],
                        [{"LOWER": "purpose"}, {"LOWER": "of"}, {"LOWER": {"IN": ["this", "the", "our"]}},
                         {"LEMMA": {"IN": list(lists.phrases("study_nouns"))}}]],
    }




def _measure_rx(number_words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:\d+(?:[.,]\d+)?%?|" + "|".join(number_words) + r"|a couple of|at least)\b", re.I)


_TIME_RX = re.compile(
    r"\b(?:by|before|until|within|in the next|over the next|during|each|every|per|this|next|end of(?: the)?|"
    r"by the end of(?: the)?)\s+(?:the\s+)?(?:\d+\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|"
    r"june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|"
    r"fall|autumn|winter|q[1-4]|quarter|month|months|week|weeks|year|years|day|days|semester|"
    r"term|season|friday|monday|tuesday|wednesday|thursday|weekend|\d{4}|[a-z]+ (?:weeks|months|days))\b",
    re.I)


class NeedFinder(DataComponent):
    """Find stated needs and the measurable / time-bound signals."""

    def __init__(self, nlp: Language, name: str, patterns: dict[str, list] | None = None):
        if patterns is not None and not isinstance(patterns, dict):
            raise ValueError(f"patterns: expected a dict of label -> token patterns, got {type(patterns).__name__}")
        super().__init__()
        self.name = name
        self.vocab = nlp.vocab
        self.patterns = patterns

    def set_data(self, data) -> None:
        super().set_data(data)
        patterns = self.patterns or need_patterns(data.lists)
        # Matched over lists of the Doc's words (see ._token_patterns: the same matches, a fraction
        # of the cost), unless the patterns use what those cannot match: then by spaCy's Matcher.
        try:
            self.matcher = TokenPatterns()
            for label, pats in patterns.items():
                self.matcher.add(label, pats)
        except ValueError:
            self.matcher = Matcher(self.vocab)
            for label, pats in patterns.items():
                self.matcher.add(label, pats)
        self.starts = _PatternStarts([p for pats in patterns.values() for p in pats])
        self.measure_rx = _measure_rx(data.lists.phrases("number_words"))
        self.judge = NeedJudge(data.root / "lexicon" / "need_judge.npz")

    def _matches(self, doc: Doc) -> list[tuple]:
        """The patterns' matches, the matcher run only from the words a match can start at.

        The matcher costs time per token and pattern whether it matches or not; most words can
        start no need phrase, so it runs over the stretch from each possible first word to as
        far as the longest pattern reaches (a pattern the starts cannot bound: the whole Doc).
        """
        matcher = self.matcher
        if isinstance(matcher, TokenPatterns):
            columns = Columns.of(doc, {0, 4} | matcher.columns)
            stretches = self.starts.stretches_of(columns.rows[0], columns.rows[4])
            return [m for start, end in (stretches if stretches is not None else [(0, len(doc))])
                    for m in matcher(columns, start, end)]
        stretches = self.starts.stretches(doc)
        if stretches is None:
            return matcher(doc)
        found: list[tuple[int, int, int]] = []
        for start, end in stretches:
            found.extend((label, start + a, start + b) for label, a, b in matcher(doc[start:end]))
        return found

    @staticmethod
    def _extend(doc: Doc, start: int) -> Span:
        """From the trigger to the end of its clause (the next strong punctuation or 25 tokens)."""
        end = start + 1
        limit = min(len(doc), start + 25, sentence_of(doc, start).end)
        while end < limit and not (doc[end].is_punct and doc[end].text in ".;!?"):
            end += 1
        return doc[start:end]

    def __call__(self, doc: Doc) -> Doc:
        _ = self.data  # load the package data on first use
        # Start, then the longer match, then the label: two patterns firing at one word must pick
        # the same label every run (the matches come from a set, whose order follows string hashes).
        matches = sorted(self._matches(doc), key=lambda m: (m[1], -m[2], str(m[0])))
        needs: list[Span] = []
        last_end = -1
        for label, start, _end in matches:
            if start < last_end:
                continue
            span = self._extend(doc, start)
            needs.append(Span(doc, span.start, span.end, label=label))  # labelled by the pattern that fired
            last_end = span.end
        if self.judge.fitted and len(doc):
            needs = self._judged(doc, needs)
        ents = doc.ents
        measurable = [ent for ent in ents if ent.label_ in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY")
                      and self.measure_rx.search(ent.text)]
        if not measurable:
            # (a number inside a date is no count of people: "by 31/12/2027")
            dates = [(e.start_char, e.end_char) for e in ents if e.label_ in ("DATE", "TIME")]
            measurable = _char_spans(doc, [m for m in self.measure_rx.finditer(text_of(doc))
                                           if not m.group(0).lower().startswith("one ")
                                           and not any(a <= m.start() < b for a, b in dates)][:3])
        time_bound = _char_spans(doc, list(_TIME_RX.finditer(text_of(doc))))
        for ent in ents:
            if ent.label_ in ("DATE", "TIME") and not any(
                    t.start_char <= ent.start_char < t.end_char for t in time_bound):
                time_bound.append(ent)
        doc.spans[NEEDS] = needs
        doc.spans[MEASURABLE] = measurable
        doc.spans[TIME_BOUND] = time_bound
        return doc


    def _judged(self, doc: Doc, needs: list[Span]) -> list[Span]:
        """The patterns' needs as the learned judge sees the whole objective (module docstring)."""
        judge = self.judge
        p = judge.probability(doc, [n.label_ for n in needs], text_of(doc))
        doc.user_data[NEED_PROBABILITY] = p
        if p < judge.cutoff:
            return [n for n in needs if n.label_ in SURE_PATTERNS or asks_for_a_referral(n)]
        if needs:
            return needs
        sentences = [doc[a:b] for a, b in _sentence_spans(doc)]
        if len(sentences) > 1:
            # (no pattern fired anywhere: each sentence is scored on its own words and parse)
            sentences.sort(key=lambda s: judge.score(s, []), reverse=True)
        best = sentences[0]
        end = best.end
        while end > best.start + 1 and doc[end - 1].is_punct:
            end -= 1
        return [Span(doc, best.start, end, label="learned")]


class _PatternStarts:
    """Which tokens can start a match of some token patterns, and how far a match can reach.

    Understands the first tokens of patterns that test ``LOWER`` or ``LEMMA`` (a string or an
    ``IN`` list) and that repeat a bounded number of times (``?``, ``{m,n}``, ``{n}``); a pattern
    with any other first-token test or an unbounded operator makes :meth:`stretches` give up
    (``None``: match the whole Doc), so the answers never change, only the cost.
    """

    _BOUNDED = re.compile(r"^\{\d*,?\d+\}$")  # "{3}", "{0,3}", "{,3}"; not "+", "*", "!", "{2,}"

    def __init__(self, patterns: list[list[dict]]):
        self.lower: set[str] = set()
        self.lemma: set[str] = set()
        self.bounded = True
        self.longest = 0
        for pattern in patterns:
            self.longest = max(self.longest, sum(self._most(t) for t in pattern))
            for token in pattern:
                if not self._add_first(token):
                    self.bounded = False
                if not token.get("OP", "").startswith(("?", "*", "{0", "{,")):
                    break  # a token that must be there: no later token can start the match
            else:
                self.bounded = False  # every token optional: a match can start anywhere

    def _most(self, token: dict) -> int:
        op = token.get("OP", "")
        if op in ("", "?"):
            return 1
        if not self._BOUNDED.match(op):
            self.bounded = False
            return 0
        return int(op.strip("{}").split(",")[-1])

    def _add_first(self, token: dict) -> bool:
        tests = {k: v for k, v in token.items() if k != "OP"}
        if len(tests) != 1:
            return False  # no test, or two: not understood, so not bounded
        (attr, value), = tests.items()
        if attr not in ("LOWER", "LEMMA"):
            return False
        words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) and \
            set(value) == {"IN"} else None
        if words is None:
            return False
        (self.lower if attr == "LOWER" else self.lemma).update(words)
        return True

    def stretches(self, doc: Doc) -> list[tuple[int, int]] | None:
        """Merged (start, end) token ranges that hold every match, or None for the whole Doc."""
        if not self.bounded:
            return None
        return self.stretches_of([t.lower_ for t in doc], [t.lemma_ for t in doc])

    def stretches_of(self, lowers: list[str], lemmas: list[str]) -> list[tuple[int, int]] | None:
        """:meth:`stretches` of a Doc with these lower-case words and lemmas."""
        if not self.bounded:
            return None
        starts = (i for i, (lower, lemma) in enumerate(zip(lowers, lemmas)) if lower in self.lower or lemma in self.lemma)
        return merged_windows(starts, len(lowers), 0, self.longest)


def _char_spans(doc: Doc, matches: list[re.Match]) -> list[Span]:
    """Token spans covering regex matches (a match inside a token takes the whole token)."""
    spans = (doc.char_span(m.start(), m.end(), alignment_mode="expand") for m in matches)
    unique = {(s.start, s.end): s for s in spans if s is not None and len(s)}  # "31/12/2027": one token, once
    return list(unique.values())


@contextmanager
def out_of_fold(nlp: Language) -> Iterator[None]:
    """Within this block the need judge gives its training texts their out-of-fold probability.

    For featurising the rows a model stacked on the judgement is trained on (the grader): on its
    own training texts the judge is surer than on new ones, and a grader trained on those
    in-sample answers would trust them too much. Other texts are judged as always.
    """
    finder = nlp.get_pipe("coach_needs") if "coach_needs" in nlp.pipe_names else None
    judge = finder.judge if finder is not None and finder.data is not None else None
    if judge is None:
        yield
        return
    before, judge.use_out_of_fold = judge.use_out_of_fold, True
    try:
        yield
    finally:
        judge.use_out_of_fold = before


@Language.factory(
    "coach_needs",
    assigns=["doc.spans"],
    requires=["token.lemma", "doc.ents"],
    default_config={"patterns": None},
)
def make_need_finder(nlp: Language, name: str, patterns: dict | None) -> NeedFinder:
    """spaCy factory of :class:`NeedFinder` (``patterns``: replace the built-in token patterns)."""
    register_extensions()
    return NeedFinder(nlp, name, patterns=patterns)
