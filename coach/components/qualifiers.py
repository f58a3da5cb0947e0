"""The qualifier finder: what narrows the people to meet, each with a ``kind``.

Kinds follow the rubric: ``industry``, ``technology``, ``situation``, ``company`` (size or
type), ``place`` (a named place), ``time`` (a time frame that narrows the people: "who were
hired this year"; a deadline on the writer's own plan, "within 6 weeks", is not one) and
``event``. A qualifier is looked for after each target role ("CFOs *at mid-sized
manufacturers*", "brokers *in Columbus*", "nurses *who switched to electronic health
records*"); named places and events count wherever they stand. Hopes and judgements ("who might
need my services", "experienced") and bare "local" / "in my area" are not qualifiers; they are
reported on ``doc._.non_qualifiers`` so that feedback can say why.

Runs after ``coach_roles`` and ``coach_needs``. Results on ``doc._.qualifiers`` and ``doc._.non_qualifiers``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import JUDGEMENT_WORDS, known_words, load_fields
from ._places import PlaceMatcher
from ._sentences import sentence_of

QUALIFIERS_ATTR = "qualifiers"
NON_QUALIFIERS_ATTR = "non_qualifiers"

#: Tools and technologies people are narrowed by ("currently using a CRM").
TECHNOLOGY_TERMS = (
    "crm", "erp", "salesforce", "hubspot", "sap", "oracle", "netsuite", "quickbooks", "xero",
    "workday", "servicenow", "shopify", "woocommerce", "magento", "epic", "cerner", "ehr", "emr",
    "electronic health records", "electronic medical records", "kubernetes", "docker", "aws",
    "azure", "gcp", "google cloud", "python", "java", "react", "autocad", "revit", "solidworks",
    "bim", "procore", "scada", "plc", "mes", "wms", "tms", "power bi", "tableau", "excel",
    "zoom", "slack", "jira", "figma", "canva", "ai", "generative ai", "chatgpt", "machine learning",
    "blockchain", "3d printing", "cnc", "robotics", "drones", "telehealth", "lms", "ats",
    "contact management", "software-based", "cloud", "saas", "api", "crispr", "gis", "lidar",
    "john deere operations center", "precision agriculture", "solar", "heat pumps", "ev chargers",
    "point of sale", "pos", "iot", "cybersecurity", "marketing automation", "mailchimp",
)
_TECH_RX = re.compile(r"(?<![\w-])(?:" + "|".join(
    sorted((re.escape(t) for t in TECHNOLOGY_TERMS), key=len, reverse=True)) + r")s?(?![\w-])", re.I)

#: Verbs that introduce a tool: "using", "switched to", "adopting".
TECH_VERBS = frozenset({"use", "using", "switch", "adopt", "implement", "migrate", "run", "deploy",
                        "move", "roll", "install", "upgrade", "build"})

EVENT_WORDS = frozenset("""
conference conferences expo expos show shows summit summits meetup meetups meeting meetings fair
fairs convention conventions webinar webinars gala galas mixer mixers event events workshop
workshops seminar seminars forum forums breakfast luncheon symposium congress hackathon
""".split())

#: Organisation words that make a prepositional phrase an industry or company qualifier.
ORG_WORDS = frozenset("""
company companies firm firms business businesses startup startups start-ups manufacturer
manufacturers hospital hospitals clinic clinics school schools district districts university
universities college colleges bank banks agency agencies nonprofit nonprofits non-profits
charity charities restaurant restaurants hotel hotels store stores shop shops brand brands
retailer retailers plant plants factory factories farm farms lab labs practice practices
firm organizations organisations organization organisation corporation corporations enterprise
enterprises sector industry industries space field market markets chain chains
co-ops coops cooperatives utilities utility distributors suppliers vendors wholesalers carriers
insurers brokerages dealerships franchises studios publishers newsrooms foundations ngos
""".split())

#: Size and type words that make it a company qualifier rather than an industry one.
COMPANY_TYPE_RX = re.compile(
    r"\b(?:small|mid-?sized?|medium-?sized|large|family-(?:run|owned)|fortune\s?\d+|inc\s?\d+|"
    r"enterprise|b2b|b2c|publicly[- ]traded|private(?:ly[- ]held)?|venture-backed|bootstrapped|"
    r"public|independent|franchised?|employee-owned|\d+\+?\s*(?:-|to)?\s*\d*\s*(?:employees|staff|people|"
    r"locations|stores|beds))\b", re.I)

#: Phrases that only say "near me": not a qualifier (rubric).
LOCAL_RX = re.compile(r"\b(?:local(?:ly)?|in (?:my|our|the) (?:area|region|town|city|community|"
                      r"neighbou?rhood)|near(?:by| me)|around here|in town)\b", re.I)

#: Relative clauses that state a hope or a judgement, not a checkable fact (rubric).
HOPE_RX = re.compile(
    r"\b(?:might|may|could|would)\b|(?:'|’)d\b|\b(?:need|needs|want|wants|interested|looking for|like|"
    r"help|helpful|know|knows|willing|open to|care about|value)\b", re.I)

#: Clause verbs that state a need (the help sought), handled by ``coach_needs``.
NEED_VERBS = frozenset("""
point introduce refer recommend share tell advise explain teach mentor show connect help guide
""".split())

QUALIFIER_PREPS = frozenset({"at", "in", "from", "for", "with", "of", "within", "across",
                             "inside", "on", "based", "throughout", "near", "around", "serving"})


def _span_dict(span: Span, kind: str) -> dict:
    return {"text": span.text, "start": span.start_char, "end": span.end_char, "kind": kind}


class QualifierFinder:
    """Find qualifiers of the target roles; see the module docstring."""

    def __init__(self, nlp: Language, name: str, max_window: int = 25):
        if not isinstance(max_window, int) or max_window < 1:
            raise ValueError(f"max_window: expected a positive int, got {max_window!r}")
        self.name = name
        self.max_window = max_window
        self.fields = load_fields()
        self.places = PlaceMatcher(known_words(nlp))

    def _classify_phrase(self, phrase: Span) -> str | None:
        """Kind of a prepositional or clause phrase, or None when it narrows nothing."""
        text = phrase.text
        lowered = text.lower()
        if LOCAL_RX.search(text) and not any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in phrase):
            return None
        if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in phrase) or self._has_place(phrase):
            return "place"
        if any(t.ent_type_ == "EVENT" or t.lower_ in EVENT_WORDS for t in phrase):
            return "event"
        if _TECH_RX.search(text):
            return "technology"
        if COMPANY_TYPE_RX.search(text):
            return "company"
        words = {t.lower_ for t in phrase}
        if words & ORG_WORDS or self.fields.industries_in(lowered) or any(
            t.ent_type_ == "ORG" for t in phrase
        ):
            return "industry"
        if self.fields.fields_in(lowered) and phrase[0].lower_ in ("in", "within", "across", "from"):
            return "industry"
        if phrase[0].lower_ in ("at", "from", "with") and any(
                t.pos_ == "PROPN" and t.dep_ == "pobj" for t in phrase):
            return "company"  # a named organisation: "at Acme"
        return None

    def _has_place(self, phrase: Span) -> bool:
        """A gazetteer place right after the phrase's preposition ("in dayton", "near Lee Road")."""
        doc = phrase.doc
        k = phrase.start + 1
        while k < phrase.end and doc[k].lower_ in ("the", "northeast", "northwest", "southeast",
                                                   "southwest", "central", "northern", "southern",
                                                   "eastern", "western", "greater", "downtown"):
            k += 1
        return k < phrase.end and self.places.end_of_place(doc, k) > k

    def _clause_kind(self, clause: Span) -> str | None:
        """Kind of a relative or participial clause on a role ("who export to Canada")."""
        words = {t.lemma_.lower() for t in clause}
        if words & NEED_VERBS and any(t.lower_ in ("me", "us", "my", "our") for t in clause):
            return None  # "who can point me to …" is the need, not a narrowing fact
        if HOPE_RX.search(clause.text):
            return "judgement"
        if _TECH_RX.search(clause.text) and words & TECH_VERBS:
            return "technology"
        if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in clause):
            return "place"
        if any(t.ent_type_ in ("DATE", "TIME") for t in clause):
            return "time"  # "who were hired this year"
        if any(t.pos_ in ("VERB", "AUX") for t in clause) or any(
            t.lower_ in ("currently", "recently", "already", "now") for t in clause):
            return "situation"
        return None

    def _after_role(self, doc: Doc, role: dict) -> list[tuple[Span, str]]:
        """Qualifiers in the stretch of the sentence that follows a role."""
        role_span = doc.char_span(role["start"], role["end"], alignment_mode="expand")
        if role_span is None:
            return []
        out: list[tuple[Span, str]] = []
        sent_end = sentence_of(doc, role_span.start).end
        k = role_span.end
        limit = min(sent_end, k + self.max_window)
        while k < limit:
            token = doc[k]
            low = token.lower_
            if token.is_punct and low not in ("-", "'"):
                if low in (",",) and k + 1 < limit and doc[k + 1].lower_ in ("who", "that", "which"):
                    k += 1
                    continue
                break
            if low in QUALIFIER_PREPS or (low == "based" and k + 1 < limit):
                end = self._phrase_end(doc, k, limit)
                phrase = doc[k:end]
                kind = self._classify_phrase(phrase)
                if kind:
                    out.append((phrase, kind))
                k = end
                continue
            if low in ("who", "that", "whose") or token.tag_ in ("VBG", "VBN") or low in (
                    "currently", "recently", "already", "now", "still"):
                end = self._clause_end(doc, k, limit)
                clause = doc[k:end]
                kind = self._clause_kind(clause)
                if kind and kind != "judgement":
                    out.append((clause, kind))
                k = end
                continue
            break
        return out

    def _place_before(self, doc: Doc, role: dict) -> list[tuple[Span, str]]:
        """A place written before the role: "Akron CPAs", "Denver law firm partners"."""
        span = doc.char_span(role["start"], role["end"], alignment_mode="expand")
        if span is None:
            return []
        for start in range(max(0, span.start - 3), span.start):
            end = self.places.end_of_place(doc, start)
            if end == span.start and not doc[start].is_lower:
                return [(doc[start:end], "place")]
        return []

    def _phrase_end(self, doc: Doc, start: int, limit: int) -> int:
        k = start + 1
        if k < limit and doc[k].is_title and doc[k].is_alpha:
            k += 1  # "in Reading": a capitalised word after the preposition, whatever its tag
        while k < limit and (doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "ADP", "CCONJ", "PART")
                             or (doc[k].text in ("&", "'s", "/"))
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

    @staticmethod
    def _clause_end(doc: Doc, start: int, limit: int) -> int:
        k = start + 1
        while k < limit and not (doc[k].is_punct and doc[k].text not in ("-", "'")):
            # "currently using HubSpot who can tell me …": the second clause is judged on its own.
            if doc[k].lower_ in ("who", "whose") and k > start + 1:
                break
            # A second purpose clause ("… to learn how") starts the need, not the qualifier.
            if doc[k].lower_ == "to" and k + 1 < limit and doc[k + 1].lemma_ in (
                    "learn", "ask", "find", "hear", "understand", "get", "discuss", "see"):
                break
            if doc[k].lower_ in ("and", "so") and k + 1 < limit and doc[k + 1].lower_ in (
                    "ask", "learn", "find", "get", "i", "we", "see"):
                break
            k += 1
        return k

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[Span, str]] = []
        non: list[dict] = []
        roles = doc._.get("roles") or []
        for role in roles:
            if role["target"]:
                found.extend(self._after_role(doc, role))
                found.extend(self._place_before(doc, role))
                # "owners of family-run restaurants": the "of" part of the title narrows it.
                if " of " in role["text"]:
                    span = doc.char_span(role["start"], role["end"], alignment_mode="expand")
                    of_at = next(t.i for t in span if t.lower_ == "of")
                    kind = self._classify_phrase(doc[of_at:span.end])
                    if kind and not (kind == "industry" and _bare_org(doc[of_at + 1:span.end])):
                        found.append((doc[of_at:span.end], kind))
        if any(r["target"] for r in roles):
            # Named places and events narrow the people wherever they stand, except inside the
            # need ("… to find out which companies in Akron …" says nothing about who).
            needs = doc._.get("needs") or []
            for ent in doc.ents:
                if ent.label_ in ("GPE", "LOC", "FAC", "EVENT") and not _covered(ent, found) \
                        and not _inside_roles(ent, roles) \
                        and not any(n["start"] <= ent.start_char < n["end"] for n in needs):
                    found.append((ent, "place" if ent.label_ != "EVENT" else "event"))
        for m in LOCAL_RX.finditer(doc.text):
            non.append({"text": m.group(0), "start": m.start(), "end": m.end(), "kind": "local"})
        for token in doc:
            if token.lower_ in JUDGEMENT_WORDS - {"other", "more", "new", "many", "several", "some",
                                                  "few", "various", "local"} and token.pos_ == "ADJ":
                non.append({"text": token.text, "start": token.idx, "end": token.idx + len(token),
                            "kind": "judgement"})
        for m in re.finditer(r"\bwho (?:might|may|could|would)[^,.;]*", doc.text, re.I):
            if not re.search(r"\b(?:introduce|point|refer|recommend|tell|share|advise)\b", m.group(0), re.I):
                non.append({"text": m.group(0), "start": m.start(), "end": m.end(), "kind": "judgement"})
        found.sort(key=lambda pair: pair[0].start_char)
        unique = []
        for span, kind in found:
            if not unique or span.start_char >= unique[-1]["end"]:
                unique.append(_span_dict(span, kind))
        doc._.set(QUALIFIERS_ATTR, unique)
        doc._.set(NON_QUALIFIERS_ATTR, non)
        return doc


def _bare_org(span: Span) -> bool:
    """True for "of companies" / "of businesses": an organisation word with nothing narrowing it."""
    words = [t.lower_ for t in span if not t.is_punct]
    return len(words) <= 1 and all(w in {"companies", "businesses", "firms", "organizations",
                                         "organisations", "business", "company"} for w in words)


def _covered(ent: Span, found: list[tuple[Span, str]]) -> bool:
    return any(s.start_char <= ent.start_char and ent.end_char <= s.end_char for s, _ in found)


def _inside_roles(ent: Span, roles: list[dict]) -> bool:
    return any(r["start"] <= ent.start_char < r["end"] for r in roles if r["relation"] == "own") or \
        any(r["start"] <= ent.start_char and ent.end_char <= r["end"] and r["relation"] == "target"
            and " of " not in r["text"] for r in roles)


@Language.factory(
    "coach_qualifiers",
    assigns=[f"doc._.{QUALIFIERS_ATTR}", f"doc._.{NON_QUALIFIERS_ATTR}"],
    requires=["doc._.roles", "doc._.needs", "token.ent_type", "token.pos"],
    default_config={"max_window": 25},
)
def make_qualifier_finder(nlp: Language, name: str, max_window: int) -> QualifierFinder:
    """spaCy factory of :class:`QualifierFinder`."""
    for attr in (QUALIFIERS_ATTR, NON_QUALIFIERS_ATTR):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    return QualifierFinder(nlp, name, max_window=max_window)
