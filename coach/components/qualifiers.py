"""The qualifier finder: what narrows the people to meet, each with a ``kind``.

Kinds follow the rubric: ``industry``, ``technology``, ``situation``, ``company`` (size or
type), ``place`` (a named place), ``time`` (a time frame that narrows the people: "who were
hired this year"; a deadline on the writer's own plan, "within 6 weeks", is not one) and
``event``. A qualifier is looked for after each target role ("CFOs *at mid-sized
manufacturers*", "brokers *in Columbus*", "nurses *who switched to electronic health
records*", "subcontractors *must be registered with SAM*"), and inside the role before its head
("*Astropy* developers", "*USATF-certified* coaches"); named places and events elsewhere in the
sentence count when the parse attaches them to a target or to the verb whose argument a target
is ("In Columbus, I want to meet CPAs"), not when they hang on another noun ("which companies in
Akron …"). Prepositional phrases that no word list classifies ("in high-needs schools") are
proposed as ``situation`` and left to the learned judgement. Relative and participle clauses on
the people ("who bill Medicaid", "working on LLM inference", "backed by YC") are candidates for
the judgement too, one per coordinated predicate ("who work in small museums | and are willing to
share"); a hope among them never reaches it. A place qualifier carries the
named place alone on ``coach_place`` ("Northeast Ohio" in "throughout Northeast Ohio").

Hopes and judgements ("who might need my services", "experienced") and bare "local" / "in my
area" are not qualifiers: the separate ``coach_non_qualifiers`` component flags them so that
feedback can say why.

Runs after ``coach_roles`` and ``coach_needs``. Results in ``doc.spans["coach_qualifiers"]``
(and the phrases judged vacuous in ``doc.spans["coach_rejected_qualifiers"]``, which the
``coach_non_qualifiers`` component reports with the other non-qualifiers).
"""
from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import CoachData
from ._columns import column
from ._places import PlaceMatcher
from ._sentences import sentence_of, text_of
from ._shared import (NEEDS, NON_QUALIFIERS, QUALIFIERS, REJECTED_QUALIFIERS, ROLES, DataComponent,
                      register_extensions)
from .qualifier_judge import QualifierJudge

_PLACE_ENTITIES = ("GPE", "LOC", "FAC")
#: Prepositions after which a place names where the people are.
_LOCATIVE = frozenset({"in", "near", "around", "across", "throughout", "from", "of", "at", "on", "outside", "within"})

#: Size and type words that make it a company qualifier rather than an industry one.
COMPANY_TYPE_RX = re.compile(
    r"\b(?:small|mid-?sized?|medium-?sized|large|family-(?:run|owned)|fortune\s?\d+|inc\s?\d+|"
    r"enterprise|b2b|b2c|publicly[- ]traded|private(?:ly[- ]held)?|venture-backed|bootstrapped|"
    r"public|independent|franchised?|employee-owned|\d+\+?\s*(?:-|to)?\s*\d*\s*(?:employees|staff|people|"
    r"locations|stores|beds))\b", re.I)

#: Phrases that only say "near me": not a qualifier (rubric).
LOCAL_RX = re.compile(r"\b(?:local(?:ly)?|in (?:my|our|your|their|the) (?:area|region|town|city|community|"
                      r"neighbou?rhood)|near(?:by| me)|around here|in town)\b", re.I)

#: Relative clauses that state a hope or a judgement, not a checkable fact (rubric).
HOPE_RX = re.compile(
    r"\b(?:might|may|could|would)\b|(?:'|’)d\b|\b(?:need|needs|want|wants|interested|looking for|like|"
    r"help|helpful|know|knows|willing|open to|care about|value)\b", re.I)

class QualifierFinder(DataComponent):
    """Find qualifiers of the target roles; see the module docstring."""

    def __init__(self, nlp: Language, name: str, max_window: int = 25, threshold: float = 0.5):
        if not isinstance(max_window, int) or max_window < 1:
            raise ValueError(f"max_window: expected a positive int, got {max_window!r}")
        super().__init__()
        self.name = name
        self.max_window = max_window
        self.threshold = threshold
        self._sorted_known: list[str] | None = None  # the known words in order, for clippings

    def set_data(self, data: CoachData) -> None:
        super().set_data(data)
        lists = data.lists
        self.fields = data.fields
        self.places = PlaceMatcher(data)
        terms = sorted((re.escape(t) for t in lists.phrases("technology_terms")), key=len, reverse=True)
        self.tech_rx = re.compile(r"(?<![\w-])(?:" + "|".join(terms) + r")s?(?![\w-])", re.I)
        self.tech_verbs = lists.words("tech_verbs")
        self.event_words = lists.words("event_words")
        self.org_words = lists.words("org_words")
        self.bare_org_words = lists.words("bare_org_words")
        self.need_verbs = lists.words("need_verbs")
        self.qualifier_preps = lists.words("qualifier_preps")
        self.place_prefix_words = lists.words("place_prefix_words")
        self.need_clause_verbs = lists.words("need_clause_verbs")
        self.situation_adverbs = lists.words("situation_adverbs")
        self.situation_modifiers = lists.words("situation_modifiers")
        # "still" opens a situation clause but alone does not make one ("who are still deciding").
        self.situation_state_adverbs = self.situation_adverbs - {"still"}
        # Nationalities locate the people ("Canadian truck drivers"); peoples and religions do not.
        demographic = lists.words("demographic_demonyms")
        self.nationalities = lists.words("demonyms") - demographic
        # After a nationality these make it an identity ("Korean American"), not where people are from.
        self.demographic_words = demographic | {"american", "americans"}
        self.judge = QualifierJudge(data.root / "lexicon" / "qualifier_judge.npz", self.org_words, self.event_words)

    def _classify_phrase(self, phrase: Span) -> str | None:
        """Kind of a prepositional or clause phrase, or None when it narrows nothing."""
        text = phrase.text
        lowered = text.lower()
        if LOCAL_RX.search(text) and not any(t.ent_type_ in _PLACE_ENTITIES for t in phrase):
            return None
        if phrase[0].lower_ in _COUNT_PREPS:
            # "under 40", "over 65", "aged 18 to 30": an age or a count is checkable; "over the
            # next year" (a time frame on the writer's plan) is not one.
            nxt = phrase[1] if len(phrase) > 1 else None
            aged = any(t.lower_ in ("old", "older", "younger", "age") for t in phrase)  # "over 18 years old"
            return "situation" if nxt is not None and nxt.like_num and (
                aged or nxt.ent_type_ not in ("DATE", "TIME")) else None
        if any(t.ent_type_ in _PLACE_ENTITIES for t in phrase) or self._has_place(phrase):
            return "place"
        if any(t.ent_type_ == "EVENT" or t.lower_ in self.event_words for t in phrase):
            return "event"
        if self._names_tool(phrase):
            return "technology"
        if COMPANY_TYPE_RX.search(text):
            return "company"
        words = {t.lower_ for t in phrase}
        if words & self.org_words or self.fields.industries_in(lowered) or any(
            t.ent_type_ == "ORG" for t in phrase
        ):
            return "industry"
        if self.fields.fields_in(lowered) and phrase[0].lower_ in ("in", "within", "across", "from"):
            return "industry"
        if phrase[0].lower_ in ("at", "from", "with") and any(
                t.pos_ == "PROPN" and t.dep_ == "pobj" for t in phrase):
            return "company"  # a named organisation: "at Acme"
        if phrase[0].lower_ == "with" and len(phrase) > 1 and any(t.pos_ in ("NOUN", "PROPN") for t in phrase[1:]):
            # "with Class A endorsements", "with chronic disabilities", "with a good track record":
            # what the people have; the learned judgement tells a checkable fact from a judgement.
            return "situation"
        return None

    def candidate_kind(self, span: Span) -> str | None:
        """The kind the finder gives ``span`` as a candidate after a role: a prepositional phrase
        is classified (or an open setting), anything else read as a clause; None when the finder
        would not propose it. For the scripts that train and inspect the learned judgement."""
        if not len(span):
            return None
        if span[0].lower_ in self.qualifier_preps:
            return self._classify_phrase(span) or self._open_phrase_kind(span)
        return self._clause_kind(span)

    def _open_phrase_kind(self, phrase: Span) -> str | None:
        """A prepositional phrase on the role that no list classifies ("in high-needs schools",
        "of very small primary schools", "at 32 truck stops"): a setting or situation whose
        concreteness is an open vocabulary, so it becomes a ``situation`` candidate for the learned
        judgement to accept or reject. "Local" frames and bare prepositions stay out."""
        if len(phrase) < 2 or phrase[0].lower_ in _COUNT_PREPS or phrase[0].lower_ == "based":
            return None
        if LOCAL_RX.search(phrase.text):
            return None
        if not any(t.pos_ in ("NOUN", "PROPN") for t in phrase[1:]):
            return None
        return "situation"

    def _has_place(self, phrase: Span) -> bool:
        """A gazetteer place right after the phrase's preposition ("in dayton", "near Lee Road")."""
        doc = phrase.doc
        k = phrase.start + 1
        while k < phrase.end and doc[k].lower_ in self.place_prefix_words:
            k += 1
        return k < phrase.end and self.places.end_of_place(doc, k) > k

    def _clause_kind(self, clause: Span) -> str | None:
        """Kind of a relative or participial clause on a role ("who export to Canada")."""
        words = {t.lemma_.lower() for t in clause}
        if words & self.need_verbs and any(t.lower_ in ("me", "us", "my", "our") for t in clause):
            return None  # "who can point me to …" is the need, not a narrowing fact
        if _states_hope(clause):
            return "judgement"
        if self._names_tool(clause) and words & self.tech_verbs:
            return "technology"
        if any(t.ent_type_ in _PLACE_ENTITIES for t in clause):
            return "place"
        if any(t.ent_type_ in ("DATE", "TIME") for t in clause):
            return "time"  # "who were hired this year"
        if any(t.pos_ in ("VERB", "AUX") for t in clause) or any(
            t.lower_ in self.situation_state_adverbs for t in clause):
            return "situation"
        return None

    def _after_role(self, doc: Doc, role_span: Span) -> list[tuple[Span, str]]:
        """Qualifiers in the stretch of the sentence that follows a role."""
        out: list[tuple[Span, str]] = []
        sent_end = sentence_of(doc, role_span.start).end
        k = role_span.end
        limit = min(sent_end, k + self.max_window)
        while k < limit:
            token = doc[k]
            low = token.lower_
            if token.is_punct and low not in ("-", "'"):
                # "plumbers, in Dayton, who …", "directors - in the craft beer industry": a comma
                # or dash before a qualifier phrase does not end the role's stretch.
                nxt = doc[k + 1] if k + 1 < limit else None
                if low in (",", "-", "–", "—") and nxt is not None and (
                        nxt.lower_ in ("who", "that", "which") or nxt.lower_ in self.qualifier_preps
                        or nxt.tag_ == "VBG" or nxt.lower_ in _ETC):
                    k += 1
                    continue
                if low == "," and nxt is not None and k > role_span.end and self._place_goes_on(doc, k, limit):
                    k = self._place_end(doc, k + 1)  # "drummers in Austin, TX who …": the state
                    continue
                if low == "/" and nxt is not None and k == role_span.end and not token.whitespace_ \
                        and nxt.is_alpha and nxt.pos_ in ("NOUN", "PROPN"):
                    k += 2  # "SLPs/SLTs working with children": another name of the same people
                    continue
                break
            if low in _ETC:
                k += 1  # "editors, art directors, etc. from children's publishers": the list goes on
                if k < limit and doc[k].text == ".":
                    k += 1
                continue
            if low == "out" and k + 1 < limit and doc[k + 1].lower_ == "there":
                k += 2  # "any other tellers out there who …": filler before the clause
                continue
            age_end = _age_end(doc, k, limit)
            if age_end:
                out.append((doc[k:age_end], "situation"))  # "beekeepers 18 years or older"
                k = age_end
                continue
            if token.ent_type_ in ("DATE", "TIME") or (low in ("later", "earlier") and k + 1 < limit
                                                        and doc[k + 1].ent_type_ in ("DATE", "TIME")):
                # "attorneys later this week at a law firm in …": when the writer meets them, not
                # who they are; what follows may still narrow them.
                k += 1
                continue
            if low in self.qualifier_preps or (low == "based" and k + 1 < limit):
                end = self._phrase_end(doc, k, limit)
                phrase = doc[k:end]
                kind = self._classify_phrase(phrase) or self._open_phrase_kind(phrase)
                if kind:
                    out.append((phrase, kind))
                k = end
                continue
            if _predicate_on(token, role_span):
                # "actors must be at least 18 years old", "subcontractors must be registered with
                # SAM": a predicate on the role as subject states a fact about the people (the
                # learned judgement tells it from "are in demand", "are hard to find").
                k = self._take_clause(doc, k, limit, out)
                continue
            if token.tag_ in ("VBG", "VBN") and (_writers_action(token) or not _on_role(token, role_span)):
                break  # "I called brokers in Denver, asking them …": what the writer does, not the people
            if low == "that" and not _on_role(token, role_span):
                break  # "It is only by working with landlords that we can …": not a relative clause
            if low in ("who", "that", "whose") or token.tag_ in ("VBG", "VBN") or low in self.situation_adverbs:
                k = self._take_clause(doc, k, limit, out)
                continue
            break
        return out

    def _place_goes_on(self, doc: Doc, comma: int, limit: int) -> bool:
        """Whether the comma at ``comma`` sits inside a named place: a place before it and a
        gazetteer place (a state, a country) right after it that ends the place ("in Austin, TX
        who …", "in Dayton, Ohio, with …")."""
        before = doc[comma - 1]
        if not (before.ent_type_ in _PLACE_ENTITIES or before.is_title):
            return False
        return comma + 1 < self._place_end(doc, comma + 1) <= limit and not doc[comma + 1].is_lower

    def _place_end(self, doc: Doc, k: int) -> int:
        """End of the named place starting at ``k`` (gazetteer or place entity), or ``k``."""
        end = self.places.end_of_place(doc, k)
        if doc[k].ent_type_ in _PLACE_ENTITIES and doc[k].ent_iob_ == "B":
            j = k + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            end = max(end, j)
        return end

    def _take_clause(self, doc: Doc, start: int, limit: int, out: list[tuple[Span, str]]) -> int:
        # The clause from ``start``, one candidate per coordinated predicate (a hope among them is
        # left out alone: "who work in small museums and are willing to share" keeps the first);
        # returns the clause's end.
        end = self._clause_end(doc, start, limit)
        for piece in _clause_pieces(doc[start:end]):
            kind = self._clause_kind(piece)
            if kind and kind != "judgement":
                out.append((piece, kind))
        return end

    def _before_head(self, doc: Doc, role: Span) -> list[tuple[Span, str]]:
        """A situation written into the role before its title: "retired engineers", "bilingual
        nurses" (``situation_modifiers``), "Spanish-speaking business owners", "school-based
        therapists" (a hyphenated "-speaking" / "-based" word)."""
        start = self._modifiers_start(doc, role)
        # "Rural and remote pharmacists": a listed word coordinated with the role's first modifier.
        if start >= 2 and doc[start - 1].lower_ in ("and", "or") and doc[start - 2].lower_ in self.situation_modifiers \
                and doc[start - 2].head.i >= start - 2:
            start -= 2
        for token in doc[start:role.end - 1]:
            if self._premodifier(doc[token.i:token.i + 1]):
                return [(doc[token.i:token.i + 1], "situation")]
            end = token.i + 3
            if end < role.end and self._premodifier(doc[token.i:end]):
                return [(doc[token.i:end], "situation")]
        return []

    @staticmethod
    def _modifiers_start(doc: Doc, role: Span) -> int:
        """Where the role's describing words start: the span may leave some out ("retired
        engineers": the role is "engineers"), yet the words right before it that hang on it
        still modify it."""
        start = role.start
        while start > 0 and doc[start - 1].dep_ in ("amod", "compound", "advmod", "nmod", "npadvmod") \
                and role.start - 3 <= start - 1 and doc[start - 1].head.i >= start - 1:
            start -= 1
        if start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
            start -= 2  # "Seattle-based bloggers": the hyphen's first half is a modifier too
        return start

    def _premodifier(self, span: Span) -> bool:
        """One listed situation word, or a word joined by a hyphen to "speaking" / "based" /
        "certified" / "licensed" ("USATF-certified coaches": a credential is checkable)."""
        if len(span) == 1:
            return span[0].lower_ in self.situation_modifiers
        return (len(span) == 3 and span[1].text == "-" and not span[0].whitespace_ and not span[1].whitespace_
                and span[2].lower_ in _HYPHEN_QUALIFIER_TAILS and span[0].is_alpha)

    def _named_modifier(self, doc: Doc, role: Span) -> list[tuple[Span, str]]:
        """A named organisation, project, event or tool written into the role before its head:
        "Astropy developers", "Ludum Dare developers", "Shopify brand owners". A capitalised word
        that is no English word (nor an acronym such as "ICU" or "HR", which are often part of the
        title) may name something checkable the people belong to or use; one that the title
        vocabulary knows as part of the title ("Frontend developers", "Devops engineers") does
        not, whatever its case. Whether it is a name is :meth:`is_concrete`'s call."""
        head = role.root
        if not head.is_lower:
            return []  # "Senior Backend Engineer": in a title-cased title every word is capitalised
        known = self.places.known_words
        k = role.start
        while k < head.i:
            token = doc[k]
            place_end = self.places.end_of_place(doc, k)
            if k < place_end <= head.i and token.is_title and token.pos_ == "PROPN":
                return [(doc[k:place_end], "place")]  # "Kodiak fishermen", "Illinois farmers"
            if token.pos_ in ("PROPN", "NOUN") and token.is_alpha and len(token) > 2 and _capitalised(token) \
                    and token.lower_ not in known and token.lemma_.lower() not in known \
                    and token.ent_type_ not in ("PERSON", "NORP") and token.lower_ not in self.nationalities:
                end = k + 1
                while end < head.i and doc[end].pos_ == "PROPN" and doc[end].is_title:
                    end += 1  # "Ludum Dare"
                span = doc[k:end]
                if self._in_title(doc[k:head.i + 1]) or (not self._name_evidence(span) and all(
                        self._ordinary_word(t.lower_) for t in span)):
                    k = end
                    continue  # "Onboarding specialists", "Cyber security analysts": a title's own words
                return [(span, "technology" if self._names_tool(span) else "company")]
            k += 1
        return []

    def _in_title(self, words: Span) -> bool:
        """Whether the occupation book knows ``words`` (lower-cased) as one title whose first word
        is part of it ("frontend developers", "devops engineers", "onboarding specialists")."""
        match = self.data.occupations.find(words.text.lower())
        return match.evidence != "neighbours" and bool(match.title) and not match.modifiers

    def _name_evidence(self, span: Span) -> bool:
        """Evidence that a capitalised modifier is a name, not a title word in capitals: the
        recogniser calls it an organisation or product, it has internal capitals ("HubSpot"), or
        the technology list holds it ("Shopify")."""
        return (any(t.ent_type_ in ("ORG", "PRODUCT", "EVENT", "WORK_OF_ART") for t in span)
                or any(any(c.isupper() for c in t.text[1:]) and not t.is_upper for t in span)
                or bool(self.tech_rx.search(span.text)))

    def _ordinary_word(self, word: str) -> bool:
        """A word made of English words: a closed compound ("frontend", "fullstack", "onboarding")
        or a clipping ("neuro", "ortho": the start of a longer word). Capitalised before a title
        it is the title's own word, not a name."""
        known = self.places.known_words
        if any(word[:i] in known and word[i:] in known for i in range(2, len(word) - 1)):
            return True
        if self._sorted_known is None:
            self._sorted_known = sorted(known)
        at = bisect.bisect_right(self._sorted_known, word)
        return at < len(self._sorted_known) and self._sorted_known[at].startswith(word) \
            and len(self._sorted_known[at]) > len(word)

    def _nationality_in(self, doc: Doc, role: Span) -> list[tuple[Span, str]]:
        """A nationality written into the role before its title: "Canadian truck drivers",
        "Norwegian and Russian fishermen" (the role may start after it): where the people are from
        or work, a place. Peoples and religions ("Hispanic", "Christian") are not places."""
        start = self._modifiers_start(doc, role)
        while start > 0 and role.start - start < 4 and (doc[start - 1].ent_type_ == "NORP" or (
                doc[start - 1].lower_ in ("and", "or", ",") and start > 1 and doc[start - 2].ent_type_ == "NORP")):
            start -= 1
        for token in doc[start:role.end - 1]:
            if token.ent_type_ == "NORP" and token.is_title and token.lower_ in self.nationalities \
                    and token.head.i >= token.i and not _names_language(doc, token.i) \
                    and not self._not_where_from(doc, token.i):
                return [(doc[token.i:token.i + 1], "place")]
        return []

    def _not_where_from(self, doc: Doc, i: int) -> bool:
        """The nationality word at ``i`` says something other than where the people are from: a
        kind of food or business ("Chinese restaurant owners", "Irish pub owners") or an identity
        ("Korean American business owners": demographic words are part of the person)."""
        if i + 1 >= len(doc):
            return False
        nxt = doc[i + 1].lower_
        return nxt in _CUISINE_NEXT or nxt in self.demographic_words or nxt == "-"

    def _place_before(self, doc: Doc, span: Span) -> list[tuple[Span, str]]:
        """A place written before the role: "Akron CPAs", "Denver law firm partners"."""
        for start in range(max(0, span.start - 3), span.start):
            end = self.places.end_of_place(doc, start)
            if end == span.start and not doc[start].is_lower:
                return [(doc[start:end], "place")]
        return []

    def _phrase_end(self, doc: Doc, start: int, limit: int) -> int:
        k = start + 1
        if doc[start].lower_ in _COUNT_PREPS and k < limit and doc[k].like_num:
            # "over 65", "aged 18 to 30 years old", "under 40 and over": the age or count ends the
            # phrase; what follows an "and" is another kind of person ("over 65 and beekeepers").
            k += 1
            while k < limit and (doc[k].like_num or doc[k].lower_ in _COUNT_TAIL
                                 or (doc[k].lower_ in ("and", "or") and k + 1 < limit
                                     and doc[k + 1].lower_ in ("over", "older", "up", "above", "younger"))):
                k += 1
            return k
        if k < limit and doc[k].is_title and doc[k].is_alpha:
            k += 1  # "in Reading": a capitalised word after the preposition, whatever its tag
        while k < limit and (doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "ADP", "CCONJ", "PART")
                             or _before_number(doc, k, limit)  # "with at least 5 years", "with more than 20"
                             or (doc[k].text in ("&", "'s", "/"))
                             or (doc[k].text in ("'", "’") and doc[k - 1].lower_.endswith("s"))  # "years’ service"
                             or (doc[k].dep_ == "poss" and doc[k].pos_ == "PRON")  # "in my area", "at their firms"
                             or (doc[k].dep_ == "advmod" and doc[k].head.pos_ == "ADJ" and doc[k].head.i > k)  # "very small"
                             or (doc[k].text == "-" and not doc[k - 1].whitespace_)  # "family-run", not " - "
                             or doc[k].dep_ == "amod"
                             or (doc[k].is_upper and doc[k].is_alpha
                                 and doc[k].lower_ not in self.places.known_words)):  # "SHRM" read as a verb
            if doc[k].lower_ in ("which", "what", "whose", "how", "where"):
                break
            if doc[k].lower_ in ("who", "that", "to", "and") and k + 1 < limit and doc[k + 1].pos_ in ("VERB", "AUX", "PRON"):
                break
            if doc[k].pos_ == "ADP" and doc[k].lower_ not in ("of", "in", "at", "with", "to", "for"):
                break
            k += 1
        return k

    def _clause_end(self, doc: Doc, start: int, limit: int) -> int:
        k = start + 1
        while k < limit and not (doc[k].is_punct and doc[k].text not in ("-", "'") and not (
                # "who either currently, or have previously, worked as …": a relative clause has
                # not ended before its verb
                doc[k].text == "," and doc[start].lower_ in _RELATIVES and k + 1 < limit
                and (doc[k + 1].lower_ in ("or", "and", "either") or doc[k + 1].pos_ in ("VERB", "AUX"))
                and not any(t.pos_ == "VERB" for t in doc[start + 1:k])) and not (
                # "licensed, bonded, and insured": a comma in a list of like words
                doc[k].text == "," and k + 2 < limit and k > start + 1 and doc[k - 1].tag_ in ("VBN", "JJ")
                and doc[k - 1].tag_ in (doc[k + 1].tag_, doc[k + 2].tag_))):
            # "currently using HubSpot who can tell me …": the second clause is judged on its own.
            if doc[k].lower_ in ("who", "whose") and k > start + 1:
                break
            # A second purpose clause ("… to learn how") starts the need, not the qualifier.
            if doc[k].lower_ == "to" and k + 1 < limit and doc[k + 1].lemma_ in self.need_clause_verbs:
                break
            if doc[k].lower_ in ("and", "so") and k + 1 < limit and (
                    doc[k + 1].lower_ in self.need_clause_verbs or doc[k + 1].lower_ in ("i", "we")):
                break  # "… and ask them …", "… so I can …": the need starts
            if doc[k].lower_ in ("and", "or") and k + 1 < limit and doc[k + 1].lower_ in _WRITERS_OPENERS:
                break  # "… who work in cargo and if you would …", "… and to create a network": the writer's text
            k += 1
        return k

    def _names_tool(self, span: Span) -> bool:
        return self.tool_of(span) is not None

    def tool_of(self, span: Span) -> str | None:
        """The first named tool in ``span``: from the word list ("CRM", "Salesforce") or O*NET's
        technology skills ("AutoCAD", "Procore"), as written in the objective or O*NET."""
        hit = self.tech_rx.search(span.text)
        if hit:
            return hit.group(0)
        words = [t.lower_ for t in span]
        tools = self.data.tools
        for k in range(len(words)):
            found = tools.find(words, k)
            if found:
                return found[1]
        return None

    def place_of(self, span: Span) -> str | None:
        """The named place in a place qualifier, without its preposition or clause words
        ("Northeast Ohio" in "throughout Northeast Ohio", "Lagos" in "Shopify agencies in Lagos").

        Candidates are gazetteer places and place entities inside the span; a gazetteer place
        beats an entity alone (the recogniser calls some brands places), and a place right after
        a locative preposition beats one elsewhere; then the last one wins.
        """
        doc = span.doc
        candidates: list[tuple[int, int]] = [(e.start, e.end) for e in doc.ents
                                             if e.label_ in _PLACE_ENTITIES and span.start <= e.start and e.end <= span.end]
        for k in range(span.start, span.end):
            end = self.places.end_of_place(doc, k)
            if k < end <= span.end:
                candidates.append((k, end))
        if not candidates:
            return None

        gazetteer = [(k, end) for k, end in candidates if " ".join(t.lower_ for t in doc[k:end]) in self.places.places]

        def score(candidate: tuple[int, int]) -> tuple[bool, bool, int]:
            start, end = candidate
            # An entity holding a gazetteer place is confirmed by it: "Lake Erie".
            confirmed = any(start <= k and e <= end for k, e in gazetteer)
            prefix = start
            while prefix > span.start and doc[prefix - 1].lower_ in self.place_prefix_words:
                prefix -= 1
            locative = prefix > span.start and doc[prefix - 1].lower_ in _LOCATIVE
            return confirmed, locative, start

        start, end = max(candidates, key=score)
        while start > span.start and doc[start - 1].lower_ in self.place_prefix_words and doc[start - 1].lower_ != "the":
            start -= 1  # "Northeast Ohio", "Greater Cleveland"
        if doc[start].lower_ == "the" and end - start > 1:
            start += 1  # "the Gulf Coast": the article is not part of the name
        return doc[start:end].text

    def __call__(self, doc: Doc) -> Doc:
        _ = self.data  # load the package data on first use
        found: list[tuple[Span, str]] = []
        roles = list(doc.spans[ROLES]) if ROLES in doc.spans else []
        targets = [r for r in roles if r._.coach_relation == "target"]
        for role in targets:
            found.extend(self._after_role(doc, role))
            found.extend(self._place_before(doc, role))
            # "owners of family-run restaurants": the "of" part of the title narrows it.
            if " of " in role.text:
                of_at = next(t.i for t in role if t.lower_ == "of")
                kind = self._classify_phrase(doc[of_at:role.end])
                if kind and not (kind == "industry" and self._bare_org(doc[of_at + 1:role.end])):
                    found.append((doc[of_at:role.end], kind))
        if targets:
            # Named places and events narrow the people where they hang on them (or on the verb
            # whose argument they are), even inside the need ("interview fishers along the coast
            # of Bago"); one that hangs on another noun ("… which companies in Akron …") does not.
            target_sentences = {sentence_of(doc, r.start).start for r in targets}
            for ent in doc.ents:
                if sentence_of(doc, ent.start).start not in target_sentences:
                    continue  # "I just moved here from Ohio. Meet sales trainers.": background
                if ent.label_ in ("GPE", "LOC") and self._unlikely_place(ent):
                    continue
                if ent.label_ in ("GPE", "LOC", "FAC", "EVENT") and not _covered(ent, found) \
                        and not _inside_roles(ent, roles) and not _writers_own(ent) \
                        and (_attached_to_targets(ent, targets) or self._sole_target_place(doc, ent, roles)) \
                        and not self._surname_like(ent):
                    found.append((ent, "place" if ent.label_ != "EVENT" else "event"))
        for role in targets:
            found.extend(self._before_head(doc, role))
            found.extend(self._nationality_in(doc, role))
            found.extend(self._named_modifier(doc, role))
        found.sort(key=lambda pair: pair[0].start_char)
        unique: list[Span] = []
        rejected: list[Span] = []
        for span, kind in found:
            if not unique or span.start_char >= unique[-1].end_char:
                span = doc[span.start:span.end]  # a fresh span: entity spans carry a label
                score = self.concreteness(span, kind)
                span._.coach_score = score  # (the grader reads how concrete, not only yes or no)
                if score < self.threshold:
                    rejected.append(span)  # "at companies", "who are friendly": flagged, not counted
                    continue
                span._.coach_kind = kind
                if kind == "place":
                    span._.coach_place = self.place_of(span) or span.text
                elif kind == "technology":
                    span._.coach_tool = self.tool_of(span)
                unique.append(span)
        doc.spans[QUALIFIERS] = unique
        doc.spans[REJECTED_QUALIFIERS] = rejected
        return doc

    def _surname_like(self, ent: Span) -> bool:
        """A one-word place entity right after a capitalised word inside a sentence is usually a
        person's surname the recogniser took for a place ("Dr Susan Patterson", "Laura Murray");
        not after a compass or region word ("South Florida") or where the gazetteer holds both
        words as one place."""
        if not _surname_like(ent):
            return False
        doc = ent.doc
        prev = doc[ent.start - 1]
        if prev.lower_ in _COMPASS or prev.lower_ in self.place_prefix_words:
            return False
        return self.places.end_of_place(doc, prev.i) < ent.end

    def _sole_target_place(self, doc: Doc, ent: Span, roles: list[Span]) -> bool:
        """A named place in the sentence of the only people the sentence names, outside the need,
        where no organisation or event is there for it to locate instead ("Looking for CPAs -
        Columbus area", "I want to meet, in Columbus, three CPAs"; not "… a conference in Denver
        to meet CFOs", where it locates the event, nor "I live in Denver …", the writer)."""
        if ent.label_ not in _PLACE_ENTITIES:
            return False
        sent = sentence_of(doc, ent.start)
        in_sent = [r for r in roles if sent.start <= r.start < sent.end]
        if len(in_sent) != 1 or in_sent[0]._.coach_relation != "target":
            return False
        target = in_sent[0]
        if any(n.start <= ent.start < n.end for n in doc.spans.get(NEEDS, [])):
            return False
        for token in sent:
            if target.start <= token.i < target.end or ent.start <= token.i < ent.end:
                continue
            if token.pos_ in ("NOUN", "PROPN") and (token.lower_ in self.org_words or token.lemma_.lower() in self.org_words
                                                  or token.lower_ in self.event_words
                                                  or token.lemma_.lower() in self.event_words):
                return False  # "a conference in Denver": the place locates the event
        nouns_passed = False
        for up in ent.root.ancestors:
            if up.pos_ in ("NOUN", "PROPN", "PRON") and not target.start <= up.i < target.end \
                    and up.lower_ not in _PLACE_NOUNS and not nouns_passed:
                return False  # "The law in New York …": the place locates another noun
            if up.pos_ in ("VERB", "AUX"):
                nouns_passed = True
                if up.lemma_.lower() in _SEEKER_PLACE_VERBS:
                    return False  # "I live in Denver", "I'm moving to Ohio": where the writer is
        return True

    def _unlikely_place(self, ent: Span) -> bool:
        """A one-word gazetteer place met outside a locative phrase that reads as something else:
        a first name before a surname ("Adrian Lipscombe", "Ann Daniels": the gazetteer holds towns
        named Adrian and Ann) or an English word in a capitalised name ("Spring 2025", "Mentor",
        "Best Practice"). After "in", "near", … it is the place ("in Mentor")."""
        if len(ent) != 1:
            return False
        doc = ent.doc
        if ent.start > 0 and doc[ent.start - 1].lower_ in _LOCATIVE:
            return False
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is None or (ent.start > 0 and doc[ent.start - 1].text == ","):
            return False  # "Portland, Oregon": a state or country after a town
        if ent[0].lower_ in self.places.known_words:
            return nxt.is_title or nxt.like_num  # "Best Practice", "Spring 2025": inside a capitalised name
        return (nxt.is_title and nxt.is_alpha and nxt.ent_type_ == ""
                and nxt.lower_ not in self.places.known_words and nxt.lower_ not in self.org_words)

    def is_concrete(self, phrase: Span, kind: str) -> bool:
        """The learned judgement (see :mod:`.qualifier_judge`); named places always count."""
        return self.concreteness(phrase, kind) >= self.threshold

    def concreteness(self, phrase: Span, kind: str) -> float:
        """How concrete the phrase is: the judge's probability, or 1.0 / 0.0 where a rule decides."""
        if _possessive_frame(phrase):
            return 0.0  # "at their companies": their own organisation, whichever it is (an empty frame)
        if kind == "place" and self.place_of(phrase):
            return 1.0
        if kind == "place" and len(phrase) == 1 and phrase[0].lower_ in self.nationalities:
            return 1.0  # "Canadian truck drivers": a nationality is checkable
        if kind == "situation" and self._premodifier(phrase):
            return 1.0  # a listed situation before the title ("retired engineers"): the list decides
        if kind in ("company", "technology") and all(t.pos_ in ("PROPN", "NOUN") and _capitalised(t) for t in phrase) \
                and phrase.root.head.i >= phrase.end and self._name_evidence(phrase):
            return 1.0  # a named modifier before the title ("Astropy developers"): a name is checkable
        if kind in ("event", "company", "industry", "technology") and any(
                t.pos_ == "PROPN" or (t.is_upper and len(t) > 1 and t.is_alpha) or t.ent_type_ in ("EVENT", "ORG")
                for t in phrase[1:]):
            return 1.0  # a named event, organisation or tool ("the spring SHRM conference") is checkable
        feats = self.judge.features(phrase, kind, self._names_tool(phrase))
        return self.judge.probability(feats)

    def _bare_org(self, span: Span) -> bool:
        """True for "of companies" / "of businesses": an organisation word with nothing narrowing it."""
        words = [t.lower_ for t in span if not t.is_punct]
        return len(words) <= 1 and all(w in self.bare_org_words for w in words)


class NonQualifierFlagger(DataComponent):
    """Flag what looks like a qualifier but is not: judgements, hopes, bare "local" (rubric)."""

    def __init__(self, nlp: Language, name: str):
        super().__init__()
        self.name = name

    def set_data(self, data: CoachData) -> None:
        super().set_data(data)
        lists = data.lists
        # "other", "more", "new", "local"…: judgement-list words that only count as people words.
        self.judgement_adjectives = lists.words("judgement_words") - lists.words("quantity_words")
        referral_verbs = "|".join(sorted(lists.words("referral_verbs")))
        self._need_rx = re.compile(rf"\b(?:{referral_verbs})\b", re.I)

    def __call__(self, doc: Doc) -> Doc:
        _ = self.data
        flagged: list[tuple[Span, str]] = []
        for m in LOCAL_RX.finditer(text_of(doc)):
            flagged.append((doc.char_span(m.start(), m.end(), alignment_mode="expand"), "local"))
        for i, (low, pos) in enumerate(zip(column(doc, "lower"), column(doc, "pos"))):
            if low in self.judgement_adjectives and pos == "ADJ":
                flagged.append((doc[i:i + 1], "judgement"))
        for m in _HOPE_CLAUSE_RX.finditer(text_of(doc)):
            if not self._need_rx.search(m.group(0)):
                flagged.append((doc.char_span(m.start(), m.end(), alignment_mode="expand"), "judgement"))
        taken = {(s.start, s.end) for s, _ in flagged if s is not None}
        for span in doc.spans[REJECTED_QUALIFIERS] if REJECTED_QUALIFIERS in doc.spans else []:
            if (span.start, span.end) not in taken:
                flagged.append((doc[span.start:span.end], "judgement"))
        spans = []
        for span, flag in flagged:
            if span is not None and len(span):
                span._.coach_flag = flag
                spans.append(span)
        doc.spans[NON_QUALIFIERS] = spans
        return doc


#: Words after a nationality that make it a language: "Spanish translator", "French teachers".
_LANGUAGE_NEXT = frozenset({"language", "languages", "translator", "translators", "interpreter", "interpreters",
                            "teacher", "teachers", "tutor", "tutors", "instructor", "instructors", "speaker",
                            "speakers", "professor", "professors", "literature", "-", "speaking"})


def _names_language(doc: Doc, i: int) -> bool:
    """Whether the nationality word at ``i`` names a language here ("Spanish language interpreters")."""
    return i + 1 < len(doc) and doc[i + 1].lower_ in _LANGUAGE_NEXT


#: After a nationality, words that make it a cuisine or a kind of business, not where people are from.
_CUISINE_NEXT = frozenset({"restaurant", "restaurants", "restaurateur", "restaurateurs", "pub", "pubs", "bakery",
                           "bakeries", "cuisine", "food", "foods", "grocery", "groceries", "market", "markets",
                           "takeaway", "takeaways", "deli", "delis", "cafe", "cafes", "café", "cafés", "bar", "bars",
                           "supermarket", "supermarkets", "store", "stores", "shop", "shops", "cooking", "dishes"})
#: Words that open an age or a count on the people when a number follows ("under 40").
_COUNT_PREPS = frozenset({"under", "over", "aged"})
_COUNT_TAIL = frozenset({"to", "-", "–", "years", "year", "yrs", "old", "over", "older", "up", "above", "younger", "plus", "+"})
#: Words that lead up to a number inside a phrase: "with at least 5 years", "with more than 20".
_NUMBER_LEADS = frozenset({"at", "least", "most", "more", "less", "fewer", "than", "over", "under", "about",
                           "almost", "nearly", "around", "roughly", "approximately", "up", "to"})


def _age_end(doc: Doc, k: int, limit: int) -> int:
    """End of an age written after the people ("18 years or older", "65 and over", "40 years old"),
    or 0 when none starts at ``doc[k]``."""
    if not doc[k].like_num:
        return 0
    j = k + 1
    if j < limit and doc[j].lower_ in ("years", "year", "yrs"):
        j += 1
    words = [t.lower_ for t in doc[j:min(limit, j + 3)]]
    for tail in (["or", "older"], ["and", "older"], ["and", "over"], ["or", "over"], ["or", "younger"],
                 ["and", "under"], ["old"], ["of", "age"]):
        if words[:len(tail)] == tail and (tail != ["old"] or j > k + 1):
            return j + len(tail)
    return 0


def _before_number(doc: Doc, k: int, limit: int) -> bool:
    """Whether ``doc[k]`` is a word like "at least" or "more than" that leads to a number soon after."""
    if doc[k].lower_ not in _NUMBER_LEADS:
        return False
    j = k
    while j < limit and j < k + 3 and doc[j].lower_ in _NUMBER_LEADS:
        j += 1
    return j < limit and doc[j].like_num


#: Hyphenated tails that make a checkable modifier of the word before them.
_HYPHEN_QUALIFIER_TAILS = frozenset({"speaking", "based", "certified", "licensed", "accredited"})

#: "… and so on" at the end of a list of roles, before the qualifier of the whole list.
_ETC = frozenset({"etc", "etc.", "&c"})

#: After "and" / "or" these open the writer's own text, not more of the people's clause.
_WRITERS_OPENERS = frozenset({"to", "if", "when", "then", "so", "i", "we", "you", "please"})
#: Words that open a relative clause on the people.
_RELATIVES = frozenset({"who", "that", "whose", "which", "whom", "who's", "who’s", "who've", "who’ve"})
#: Modals of a hope or a possibility ("who might need my services", "who would be open to …").
_HOPE_MODALS = frozenset({"might", "may", "could", "would", "'d", "’d"})


def _states_hope(clause: Span) -> bool:
    """Whether a clause on the people states a hope or a wish rather than a fact (rubric: "who
    might need my services", "who could help me", "who are interested in …"). "Like" counts
    as a verb only ("who have a track record … like a Ferrari" compares), "help" only when the
    writer is helped ("who help farmers" is what they do)."""
    if any(t.lower_ in _HOPE_MODALS and t.tag_ == "MD" for t in clause):
        return True
    for m in HOPE_RX.finditer(clause.text):
        word = m.group(0).lower()
        token = clause.char_span(m.start(), m.end(), alignment_mode="expand")
        if word == "like" and token is not None and token[0].pos_ != "VERB":
            continue
        if word in ("help", "helpful") and not any(t.lower_ in ("me", "us", "my", "our") for t in clause):
            continue
        if word in ("might", "may", "could", "would") and token is not None and token[0].tag_ != "MD":
            continue  # "May" the month, "could" tagged otherwise by a broken parse: not a modal
        return True
    return False


def _clause_pieces(clause: Span) -> list[Span]:
    """A clause on the people cut at each predicate coordinated by "and" or "but": "who work in
    small museums and are willing to share" -> "who work in small museums", "are willing to
    share" (never at "or": alternatives are one condition). A cut needs a verb on both sides ("who buy and sell farms" stays whole: one predicate, two verbs)."""
    doc = clause.doc
    pieces, start = [], clause.start
    for k in range(clause.start + 2, clause.end - 1):
        if doc[k].lower_ not in ("and", "but"):
            continue  # (not "or": alternatives narrow only together, "who use Xero or might switch to it")
        j = k + 1
        while j < clause.end and doc[j].pos_ == "ADV":
            j += 1  # "and also are", "and currently work"
        if j >= clause.end or not (doc[j].pos_ in ("AUX", "VERB") or doc[j].lower_ in _RELATIVES):
            continue
        verbs = [t.i for t in doc[start:k] if t.pos_ in ("VERB", "AUX")]
        if not verbs:
            continue
        if doc[j].pos_ == "VERB" and not any(t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") for t in doc[verbs[0]:k]):
            continue  # "who buy and sell farms": two verbs of one predicate, sharing its object
        end = k - 1 if doc[k - 1].text == "," else k
        pieces.append(doc[start:end])
        start = k + 1
    pieces.append(doc[start:clause.end])
    return [p for p in pieces if len(p)]


#: "who might / may / could / would …": a hope about the people, unless it states the need.
_HOPE_CLAUSE_RX = re.compile(r"\bwho (?:might|may|could|would)[^,.;]*", re.I)


def _writers_action(verb) -> bool:
    """A participle that modifies the writer's own clause ("I have been calling brokers …,
    paring down the options"), not the people: an adverbial clause on a first-person verb."""
    return verb.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("i", "we")
                                        for c in verb.head.children)


def _writers_own(ent: Span) -> bool:
    """A place that belongs to the writer's own things, not to the people: "my school in
    Maryland", "our team in Dearborn" (a first-person possessive on the noun it attaches to)."""
    head = ent.root.head
    if head.dep_ == "prep":
        head = head.head
    return any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in head.children)


def _predicate_on(token, role: Span) -> bool:
    """Whether ``token`` opens the predicate of a copula whose subject is the role and which
    states a requirement or a credential: "actors *must be* at least 18", "subcontractors *need
    to be* registered", "welders *are* certified …". A plain present-tense statement about the
    whole kind ("CPAs are busy in April", "plumbers are expensive in Denver") narrows nothing,
    and neither does a negated one ("are not certified"); "would/could/might be" is a hope
    (rubric)."""
    doc = token.doc
    low = token.lower_
    if low in ("need", "needs", "have", "has") and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to" \
            and doc[token.i + 2].lower_ == "be":
        token = doc[token.i + 2]  # "need to be registered": the copula after the obligation
    elif low not in _COPULA_OPENERS:
        return False
    verb = token.head if token.dep_ in ("aux", "auxpass") else token
    if verb.lemma_ != "be" and not (verb.tag_ == "VBN" and any(c.lemma_ == "be" for c in verb.children)):
        return False
    holders = [verb]
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ("need", "have"):
        holders.append(verb.head)  # "actors need to be …": the subject hangs on "need"
    obligation = len(holders) > 1 or any(c.lower_ in _OBLIGATION for c in verb.children if c.dep_ == "aux")
    if not any(c.dep_ in ("nsubj", "nsubjpass") and role.start <= c.i < role.end for h in holders for c in h.children):
        return False
    if any(c.dep_ == "neg" for h in holders for c in h.children):
        return False  # "welders are not certified": what they are not narrows nothing checkable
    # What they must be: a state ("registered with SAM", "fluent in French", "at least 18", "based
    # in Ohio"), not a class noun ("Attorneys are the most common legal professionals …").
    k = token.i
    while k < len(doc) and doc[k].lower_ in _COPULA_FILLERS:
        k += 1
    if k >= len(doc) or doc[k].lower_ in ("not", "n't", "n’t", "never"):
        return False
    if not obligation:
        # No obligation: only a credential or a state that places them ("are certified", "are
        # based in Ohio") says something checkable about these people rather than the whole kind.
        return doc[k].lower_ in _STATE_WORDS
    return doc[k].tag_ == "VBN" or doc[k].pos_ in ("ADJ", "ADP", "NUM") or doc[k].lower_ in ("at", "over", "under")


_COPULA_OPENERS = frozenset({"must", "should", "shall", "be", "is", "are", "was", "were"})
_OBLIGATION = frozenset({"must", "should", "shall"})
_COPULA_FILLERS = frozenset({"must", "should", "shall", "be", "is", "are", "was", "were", "to", "also", "all",
                             "currently", "already", "fully"})
#: Credentials and placing states that a plain "are …" states of the people met.
_STATE_WORDS = frozenset({"registered", "licensed", "based", "certified", "insured", "accredited", "bonded",
                          "located", "credentialed", "qualified", "fluent", "bilingual", "enrolled", "employed",
                          "board-certified", "unionized", "unionised"})


def _capitalised(token) -> bool:
    """Title case or internal capitals ("Astropy", "HubSpot"), not an acronym ("ICU")."""
    return token.text[:1].isupper() and not token.is_upper


def _possessive_frame(phrase: Span) -> bool:
    """A preposition, a possessive pronoun and one bare noun: "at their companies", "in their
    hospitals", "with their teams". "Their X" is each person's own X, whichever it is, so it
    narrows nothing (the rubric's empty frame "at firms"); an age ("in their twenties") or a
    narrowed noun ("in their first year of practice") is not bare. ("In your/their area" is the
    local frame, read by ``LOCAL_RX``.)"""
    words = [t for t in phrase if not t.is_punct]
    if len(words) != 3 or words[0].pos_ != "ADP" or words[1].tag_ != "PRP$" or words[1].lower_ in ("my", "our"):
        return False
    noun = words[2]
    return noun.pos_ == "NOUN" and noun.is_alpha and not noun.like_num and noun.lower_ not in _DECADES


#: Compass words before a place: "South Florida", "West Texas".
_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                      "upstate", "downstate", "midwest", "coastal"})
#: Place nouns a named place may hang on and still be the people's place: "Columbus area".
_PLACE_NOUNS = frozenset({"area", "region", "metro", "county", "counties", "suburbs", "district", "city"})
#: Verbs whose place is where the writer is or goes, not where the people are.
_SEEKER_PLACE_VERBS = frozenset({"live", "move", "relocate", "go", "travel", "visit", "come", "stay", "grow",
                                 "be", "base", "fly", "head", "return", "attend"})

#: "in their twenties": an age, not the people's own place.
_DECADES = frozenset({"teens", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                      "nineties", "20s", "30s", "40s", "50s", "60s", "70s"})


def _on_role(token, role: Span) -> bool:
    """Whether the clause that ``token`` opens (a participle, or "that") can be about the role.
    Not when "that" is followed by the writer or the reader ("… landlords that we can develop …",
    "… that you know"): a complement or cleft clause about them, not a fact about the people.
    (Participles are kept: the small parser too often calls a participle on the people adverbial,
    "meet nurses using Epic", "Meet school librarians, attending the … conference".)"""
    doc = token.doc
    if token.lower_ == "that":
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        return not (nxt is not None and nxt.lower_ in ("i", "we", "you", "u"))
    return True


def _attached_to_targets(ent: Span, targets: list[Span]) -> bool:
    """Whether a named place or event elsewhere in the sentence narrows the people to meet: its
    chain of heads reaches a target ("farmers and administrators in the Midwest") or the verb
    whose argument a target is ("interviewed data scientists … at Microsoft", "In Columbus, meet
    CPAs"). A place that modifies some other noun ("the law in New York", "a gathering hosted by a
    bookstore in Manchester") or a clause of the writer's ("I moved to Maine") locates something
    else, not the people (the rubric's qualifier narrows the role)."""
    target_tokens = {t.i for r in targets for t in r}
    token = ent.root
    for _ in range(10):
        head = token.head
        if head.i == token.i:
            return False
        if head.i in target_tokens:
            return True
        if head.pos_ in ("VERB", "AUX"):
            # "In Columbus, I want to meet CPAs": the verb's complement clause carries the people.
            verbs = [head] + [c for c in head.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
            arguments = [c for v in verbs for c in v.children
                         if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "dative", "oprd")]
            # "talk to brokers in Denver", "conducted interviews with farmers … in the Midwest"
            arguments += [g for c in [*verbs, *arguments] for p in c.children if p.dep_ == "prep"
                          for g in p.children if g.dep_ == "pobj"]
            return any(c.i in target_tokens or any(cc.i in target_tokens for cc in c.conjuncts) for c in arguments)
        if head.pos_ in ("NOUN", "PROPN", "PRON") and head.dep_ not in ("pobj", "conj", "appos", "compound"):
            return False  # the phrase hangs on another noun: "the law in New York"
        token = head
    return False


def _surname_like(ent: Span) -> bool:
    """A one-word place entity right after a capitalised word inside a sentence is usually a
    person's surname the recogniser took for a place ("Dr Susan Patterson", "Laura Murray")."""
    if len(ent) != 1 or ent.start == 0:
        return False
    prev = ent.doc[ent.start - 1]
    return prev.is_title and prev.is_alpha and prev.ent_type_ in ("", "PERSON") and prev.pos_ == "PROPN" \
        and not prev.is_sent_start


def _covered(ent: Span, found: list[tuple[Span, str]]) -> bool:
    return any(s.start_char <= ent.start_char and ent.end_char <= s.end_char for s, _ in found)


def _inside_roles(ent: Span, roles: list[Span]) -> bool:
    # Inside the writer's own role or a mention ("to U.S. preservice teachers" narrows the
    # mentioned teachers, not the people to meet).
    head = ent.root.head  # "U.S. preservice teachers": the place modifies the mentioned people
    return any(r.start_char <= ent.start_char < r.end_char or (r.start <= head.i < r.end and head.i >= ent.end)
               for r in roles if r._.coach_relation in ("own", "mention")) or \
        any(r.start_char <= ent.start_char and ent.end_char <= r.end_char and r._.coach_relation == "target"
            and " of " not in r.text for r in roles)


@Language.factory(
    "coach_qualifiers",
    assigns=["doc.spans", "span._.coach_kind", "span._.coach_place", "span._.coach_tool", "span._.coach_score"],
    requires=["doc.spans", "token.ent_type", "token.pos"],
    default_config={"max_window": 25, "threshold": 0.5},
)
def make_qualifier_finder(nlp: Language, name: str, max_window: int, threshold: float) -> QualifierFinder:
    """spaCy factory of :class:`QualifierFinder` (``threshold``: the judgement's cut-off)."""
    register_extensions()
    return QualifierFinder(nlp, name, max_window=max_window, threshold=threshold)


@Language.factory(
    "coach_non_qualifiers",
    assigns=["doc.spans", "span._.coach_flag"],
    requires=["token.pos"],
)
def make_non_qualifier_flagger(nlp: Language, name: str) -> NonQualifierFlagger:
    """spaCy factory of :class:`NonQualifierFlagger`."""
    register_extensions()
    return NonQualifierFlagger(nlp, name)
