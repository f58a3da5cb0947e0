"""The need finder: what information, idea or resource the writer wants, plus two signals.

A need is a phrase like "who can point me to …", "to learn how they …", "for introductions to
…", "advice on …", "which groups they attend". The signals say whether the objective is
``measurable`` ("three CFOs", "5 introductions") and ``time_bound`` ("by March", "this quarter").

Results on ``doc._.needs`` (list of dicts with ``text``, ``start``, ``end``) and
``doc._.signals`` (dict with ``measurable`` and ``time_bound`` lists of dicts).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ._sentences import sentence_of

NEEDS_ATTR = "needs"
SIGNALS_ATTR = "signals"

#: Token patterns of a stated need. Each starts where the need phrase starts.
NEED_PATTERNS: dict[str, list[list[dict]]] = {
    "point-me": [[{"LEMMA": {"IN": ["point", "introduce", "refer", "connect", "steer", "direct",
                                     "recommend", "help", "guide", "tell", "show", "teach",
                                     "advise", "mentor", "explain", "share", "walk", "send"]}},
                  {"OP": "{0,3}", "POS": {"IN": ["NOUN", "DET", "ADJ", "ADP", "PROPN"]}},
                  {"LOWER": {"IN": ["me", "us", "my", "our", "you"]}}]],
    # "talk to freight forwarders about shipping to Canada": the topic is what is wanted
    "about-topic": [[{"LOWER": {"IN": ["about", "regarding"]}},
                     {"POS": {"IN": ["VERB", "NOUN", "PROPN", "ADJ", "DET", "PRON"]}, "TAG": {"NOT_IN": ["PRP"]}}]],
    "learn": [[{"LOWER": {"IN": ["to", "and"]}, "OP": "?"},
               {"LEMMA": {"IN": ["learn", "understand", "hear", "discover", "find", "figure",
                                 "ask", "get", "gain", "compare", "discuss", "know", "see",
                                 "research", "study", "explore", "pick", "swap", "exchange"]}},
               {"LOWER": {"IN": ["how", "what", "which", "why", "whether", "where", "who", "when",
                                 "out", "about", "their", "them", "advice", "feedback", "insight",
                                 "insights", "tips", "referrals", "introductions", "intros",
                                 "information", "info", "recommendations", "guidance", "input",
                                 "brains", "notes", "ideas", "lessons", "perspective", "a", "an",
                                 "if", "first-hand", "firsthand", "honest", "practical", "some"]}}]],
    "for-help": [[{"LOWER": {"IN": ["for", "about", "on", "regarding", "seeking", "get", "want",
                                    "need", "some"]}},
                  {"LOWER": {"IN": ["advice", "introductions", "introduction", "intros", "intro",
                                    "referrals", "referral", "feedback", "insight", "insights",
                                    "tips", "guidance", "recommendations", "leads", "mentoring",
                                    "mentorship", "information", "info", "ideas", "input",
                                    "pointers", "suggestions", "contacts", "names", "help",
                                    "support", "sponsorship", "funding", "data"]}}]],
    "wh-they": [[{"LOWER": {"IN": ["how", "which", "what", "why", "where", "whether"]}},
                 {"OP": "{0,3}"},
                 {"LOWER": {"IN": ["they", "their", "them", "he", "she", "you", "to", "it"]}}]],
    "pick-brains": [[{"LEMMA": "pick"}, {"OP": "?"}, {"LOWER": "brains"}]],
}

_NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve fifteen twenty "
                 "thirty forty fifty dozen hundred").split()
_MEASURE_RX = re.compile(r"\b(?:\d+(?:[.,]\d+)?%?|" + "|".join(_NUMBER_WORDS) + r"|a couple of|at least)\b",
                         re.I)
_TIME_RX = re.compile(
    r"\b(?:by|before|until|within|in the next|over the next|during|each|every|per|this|next|end of(?: the)?|"
    r"by the end of(?: the)?)\s+(?:the\s+)?(?:\d+\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|"
    r"june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|"
    r"fall|autumn|winter|q[1-4]|quarter|month|months|week|weeks|year|years|day|days|semester|"
    r"term|season|friday|monday|tuesday|wednesday|thursday|weekend|\d{4}|[a-z]+ (?:weeks|months|days))\b",
    re.I)


def _dict(span: Span) -> dict:
    return {"text": span.text, "start": span.start_char, "end": span.end_char}


class NeedFinder:
    """Find stated needs and the measurable / time-bound signals."""

    def __init__(self, nlp: Language, name: str, patterns: dict[str, list] | None = None):
        patterns = NEED_PATTERNS if patterns is None else patterns
        if not isinstance(patterns, dict):
            raise ValueError(f"patterns: expected a dict of label -> token patterns, got {type(patterns).__name__}")
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        for label, pats in patterns.items():
            self.matcher.add(label, pats)

    @staticmethod
    def _extend(doc: Doc, start: int) -> Span:
        """From the trigger to the end of its clause (the next strong punctuation or 25 tokens)."""
        end = start + 1
        limit = min(len(doc), start + 25, sentence_of(doc, start).end)
        while end < limit and not (doc[end].is_punct and doc[end].text in ".;!?" ):
            end += 1
        return doc[start:end]

    def __call__(self, doc: Doc) -> Doc:
        matches = sorted(self.matcher(doc), key=lambda m: m[1])
        needs: list[dict] = []
        last_end = -1
        for _, start, _end in matches:
            if start < last_end:
                continue
            span = self._extend(doc, start)
            needs.append(_dict(span))
            last_end = span.end
        ents = doc.ents
        measurable = [
            _dict(ent) for ent in ents
            if ent.label_ in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY")
            and _MEASURE_RX.search(ent.text)
        ]
        if not measurable:
            measurable = [{"text": m.group(0), "start": m.start(), "end": m.end()}
                          for m in _MEASURE_RX.finditer(doc.text)
                          if not m.group(0).lower().startswith("one ")][:3]
        time_bound = [{"text": m.group(0), "start": m.start(), "end": m.end()}
                      for m in _TIME_RX.finditer(doc.text)]
        for ent in ents:
            if ent.label_ in ("DATE", "TIME") and not any(
                t["start"] <= ent.start_char < t["end"] for t in time_bound
            ):
                time_bound.append(_dict(ent))
        doc._.set(NEEDS_ATTR, needs)
        doc._.set(SIGNALS_ATTR, {"measurable": measurable, "time_bound": time_bound})
        return doc


@Language.factory(
    "coach_needs",
    assigns=[f"doc._.{NEEDS_ATTR}", f"doc._.{SIGNALS_ATTR}"],
    requires=["token.lemma", "doc.ents"],
    default_config={"patterns": None},
)
def make_need_finder(nlp: Language, name: str, patterns: dict | None) -> NeedFinder:
    """spaCy factory of :class:`NeedFinder`."""
    for attr in (NEEDS_ATTR, SIGNALS_ATTR):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    return NeedFinder(nlp, name, patterns=patterns)
