"""The role extractor: kinds of people in an objective, each mapped to fields.

A role is found from its head noun ("managers", "CFOs", "nurses"): a head of the title lexicon
(``data/lexicon``), a typo one edit away from one, or an agent noun the parse puts where a person
goes ("meet homebrewers who…"). The span then grows left over the title's modifiers ("commercial
real estate brokers") and right over "of …" for relational heads ("owners of family-run
restaurants", "VP of Sales"). Each role says whether it is a person to meet (``target``) or the
writer's own role / a person named only inside another role's qualifier.

Results on ``doc._.roles`` (list of dicts) and ``doc._.generic_people`` (list of dicts).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ._sentences import sentence_of
from ..lexicon import (
    ABBREVIATIONS,
    GENERIC_PEOPLE,
    GENERIC_PHRASES,
    JUDGEMENT_WORDS,
    OUTCOME_PEOPLE,
    WEAK_HEADS,
    FieldLexicon,
    RoleLexicon,
    load_fields,
    known_words,
    load_roles,
    singular,
)
from ._places import PlaceMatcher

ROLES_ATTR = "roles"
GENERIC_ATTR = "generic_people"

#: Heads that take "of …" as part of the title: "owners of restaurants", "VP of Sales".
RELATIONAL_HEADS = frozenset("""
owner founder cofounder co-founder head director manager vp svp evp avp president chief officer
ceo cfo cto cio cmo coo chro ciso chair chairman chairperson dean principal partner member
leader lead editor superintendent secretary commissioner professor teacher buyer
""".split())

#: Verbs whose object is the person the writer wants to reach.
MEET_VERBS = frozenset("""
meet connect talk speak ask reach contact interview find introduce shadow learn chat network
approach call email visit join sit
""".split())

#: Words that end a role's left edge: the writer's framing, not the title.
LEFT_STOP = JUDGEMENT_WORDS | GENERIC_PEOPLE | frozenset("""
a an the my our your their his her its this that these those some any few many more most
other several various two three four five six seven eight nine ten dozen couple w ppl abt
""".split())

#: Modifiers that leave a weak head generic: "business leaders", "industry professionals".
GENERIC_MODIFIERS = frozenset("""
business industry community corporate company professional working career local senior
junior top thought civic young
""".split())

#: Owners, founders and the like belong to entrepreneurship when nothing else names a field.
ENTREPRENEUR_HEADS = frozenset({"owner", "founder", "cofounder", "co-founder", "entrepreneur",
                                "solopreneur", "proprietor"})

_OWN_ROLE_BEFORE = re.compile(
    r"(?:\b(?:i|we)\s*(?:am|'m|’m|are|'re|’re|was|were|have been|'ve been|’ve been)"
    r"|\bi\s?m|\bim|\bas an?|\bas the|\bwork(?:ing|s)? as an?|\bmy (?:role|job|work) as an?"
    r"|\bbeing an?|\bi(?:'m| am) (?:currently|now|still|just) an?"
    r"|\b(?:work|serve|volunteer|act|started|start)(?:s|ed|ing)? as(?: an?| the)?"
    r"|\b(?:become|be|get|getting|becoming)(?: known| seen| recognized| recognised)?(?: as)?(?: an?| the)"
    r"|\bpromoted to)"
    r"(?:\s+(?:an?|the|go-to|currently|now|still|just|new|recently|freelance|self-employed))*\s*$",
    re.I,
)


def _role_dict(span: Span, fields: list[str], target: bool, relation: str) -> dict:
    return {
        "text": span.text,
        "start": span.start_char,
        "end": span.end_char,
        "head": span.root.lower_ if span.root in span else span[-1].lower_,
        "fields": fields,
        "target": target,
        "relation": relation,
    }


class RoleExtractor:
    """Find roles and generic people words; see the module docstring for the rules."""

    def __init__(self, nlp: Language, name: str, fuzzy: bool = True, max_fields: int = 3):
        if not isinstance(fuzzy, bool):
            raise ValueError(f"fuzzy: expected a bool, got {fuzzy!r}")
        if not isinstance(max_fields, int) or max_fields < 1:
            raise ValueError(f"max_fields: expected a positive int, got {max_fields!r}")
        self.name = name
        self.fuzzy = fuzzy
        self.max_fields = max_fields
        self.roles: RoleLexicon = load_roles()
        self.fields: FieldLexicon = load_fields()
        self._deletes: dict[str, str] | None = None
        self._head_cache: dict[str, bool] = {}
        self.known_words = known_words(nlp)
        self.places = PlaceMatcher(self.known_words)

    # -- head detection ---------------------------------------------------------------------

    def _typo_index(self) -> dict[str, str]:
        # SymSpell-style index of single deletions of every long head, built on first use.
        if self._deletes is None:
            index: dict[str, str] = {}
            for head in self.roles.heads:
                if len(head) >= 6:
                    for k in range(len(head)):
                        index.setdefault(head[:k] + head[k + 1:], head)
            self._deletes = index
        return self._deletes

    def corrected_head(self, word: str) -> str | None:
        """The head ``word`` is one edit (deletion, insertion, substitution) away from, if any.

        >>> RoleExtractor(None, "r").corrected_head("recruters")
        'recruiter'
        """
        word = singular(word.lower())
        if len(word) < 6 or not word.isalpha() or word in self.roles.heads or word in self.known_words:
            return None  # a real word ("career", "service") is not a typo
        index = self._typo_index()
        candidates = [index.get(word)]  # the writer dropped a letter: "recruter" -> "recruiter"
        for k in range(len(word)):
            variant = word[:k] + word[k + 1:]
            candidates.append(variant if variant in self.roles.heads else None)  # "mannager"
            candidates.append(index.get(variant))  # a wrong letter: "maneger"
        for head in candidates:
            # Typos keep a word's first two letters and its last one: "estimater" -> "estimator".
            if head and head[:2] == word[:2] and head[-1] == word[-1]:
                return head
        return None

    def _is_head_word(self, token: Token) -> bool:
        low = token.lower_
        cached = self._head_cache.get(low)
        if cached is None:
            cached = (
                low not in GENERIC_PEOPLE
                and low not in OUTCOME_PEOPLE
                and (self.roles.is_head(low) or self.roles.is_head(token.lemma_.lower()))
            )
            self._head_cache[low] = cached
        return cached

    def _is_head(self, token: Token) -> bool:
        low = token.lower_
        # A head modifies nothing to its right: "nurse turnover" is about turnover, "CPA firms"
        # about firms. Plurals are exempt: they rarely modify, so "consultants price projects"
        # is a misparse.
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and token.dep_ in ("compound", "amod", "nmod") \
                and token.head.i > token.i and token.tag_ not in ("NNS", "NNPS"):
            return False
        if _ABBREVIATION_PLURAL.match(token.text) and low[:-1] in ABBREVIATIONS | PLURAL_ONLY_ABBREVIATIONS:
            return True  # "CFOs", "GMs", "EDs"
        if singular(low) in ABBREVIATIONS and low != "hr":
            return token.text[:2].isupper() or token.pos_ in ("NOUN", "PROPN")
        if low in GENERIC_PEOPLE or low in OUTCOME_PEOPLE:
            return False
        if token.pos_ not in ("NOUN", "PROPN") and not self._is_mistagged_plural(token):
            return False
        if self._is_head_word(token):
            return True
        if self.fuzzy and token.is_lower and token.pos_ == "NOUN" and self.corrected_head(low):
            return True
        return self._is_unlisted_agent(token)

    def _ends_known_title(self, doc: Doc, token: Token) -> bool:
        """The last word of a two- or three-word title whose head the lists leave out
        ("scrum masters", "tattoo artists")."""
        if not token.is_alpha or token.lower_ in GENERIC_PEOPLE or token.lower_ in OUTCOME_PEOPLE:
            return False
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("NOUN", "PROPN") \
                and token.tag_ not in ("NNS", "NNPS"):
            return False  # it modifies the next noun
        for length in (3, 2):
            start = token.i - length + 1
            if start >= 0 and all(t.is_alpha for t in doc[start:token.i + 1]) \
                    and self.roles.is_title([t.lower_ for t in doc[start:token.i + 1]]):
                return True
        return False

    @staticmethod
    def _is_mistagged_plural(token: Token) -> bool:
        """"sales reps", "DevOps leads": a plural head the tagger read as a verb after a noun."""
        if token.tag_ != "VBZ" or token.i == 0:
            return False
        left = token.doc[token.i - 1]
        return left.pos_ in ("NOUN", "PROPN", "ADJ")

    def _is_unlisted_agent(self, token: Token) -> bool:
        """An agent noun no list holds, in a place only a person goes ("meet homebrewers who …").

        Words the lemmatizer's dictionary knows are left to the lexicon: a known word that is not
        a title head ("sector", "mentor") is not a role.
        """
        low = token.lower_
        if len(low) < 6 or not re.search(r"(?:er|or|ist|ian)s?$", low) or token.pos_ != "NOUN":
            return False
        if singular(low) in self.known_words or token.lemma_.lower() in self.known_words:
            return False
        has_who = any(c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") for w in c.children)
                      for c in token.children)
        return has_who or (token.dep_ == "dobj" and token.head.lemma_ in MEET_VERBS)

    # -- span building ----------------------------------------------------------------------

    def _span_for(self, doc: Doc, head: Token) -> Span:
        start = head.i
        sent = sentence_of(doc, head.i)
        sent_start = sent.start
        while start - 1 >= sent_start:
            left = doc[start - 1]
            low = left.lower_
            if low in LEFT_STOP or left.like_num or left.is_space or (len(low) > 1 and "/" in low):
                break  # "w/ recruiters": texting shorthand is not part of the title
            if left.text in ("-", "&", "/") and start - 2 >= sent_start and not doc[start - 2].is_punct:
                start -= 1
                continue
            if left.pos_ in ("NOUN", "PROPN", "ADJ") or (left.pos_ == "VERB" and left.dep_ == "amod") \
                    or (left.is_alpha and not left.is_stop and self.fields.fields_in(left.text)):
                if (left.pos_ == "PROPN" and left.ent_type_ in ("GPE", "LOC", "DATE")
                        or not left.is_lower and self.places.end_of_place(doc, left.i) > left.i) \
                        and not self.fields.fields_in(left.text):
                    break  # "Columbus brokers", "Akron CPAs": the place is a qualifier, not the title
                start -= 1
                continue
            # A known title reaches further than the tags allow ("learning engineers" after a verb tag).
            if left.is_alpha and self.roles.is_title([t.lower_ for t in doc[start - 1:head.i + 1]]):
                start -= 1
                continue
            break
        # "second-year teacher", "first-time buyers": the number stopped the span inside a
        # hyphenated word, so drop the rest of that word too.
        while start < head.i and (doc[start].text in ("-", "&", "/")
                                  or (start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_)):
            start += 1
        end = head.i + 1
        if singular(head.lower_) in RELATIONAL_HEADS and end + 1 < len(doc) and doc[end].lower_ == "of":
            k = end + 1
            while k < len(doc) and k < sent.end and (
                doc[k].pos_ in ("ADJ", "NOUN", "PROPN") or doc[k].text in ("-", "&")
                or (doc[k].pos_ == "VERB" and doc[k].dep_ == "amod")
                or (doc[k].lower_ in ("and",) and k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN"
                    and doc[k - 1].lower_ in ("sales", "marketing", "research", "operations"))
            ):
                if doc[k].ent_type_ in ("GPE", "LOC", "DATE"):
                    break
                k += 1
            if k > end + 1 and doc[k - 1].pos_ in ("NOUN", "PROPN"):
                end = k
        return doc[start:end]

    def _is_weak_only(self, span: Span, head: Token) -> bool:
        """A weak head ("professionals", "leaders") with no field word or known title before it."""
        if singular(head.lower_) not in {singular(w) for w in WEAK_HEADS}:
            return False
        words = [t.lower_ for t in span if not t.is_punct]
        if all(w in GENERIC_MODIFIERS for w in words[:-1]):
            return True
        if len(words) > 1 and (self.roles.is_title(words) or self.fields.fields_in(span[:-1].text)
                               or self.fields.industries_in(span[:-1].text)):
            return False
        return True

    # -- fields -----------------------------------------------------------------------------

    def _fields_for(self, span: Span, head: Token, doc: Doc) -> list[str]:
        modifiers = doc[span.start:head.i].text + " " + doc[head.i + 1:span.end].text
        head_word = (self.corrected_head(head.lower_) if self.fuzzy else None) or head.text
        found = self.fields.fields_in(modifiers) + self.fields.industries_in(modifiers)
        if not found:
            found = self.fields.fields_in(doc[span.start:head.i].text + " " + head_word)
        if not found:
            found = self.fields.fields_in(head_word)
            bls = self.fields.field_of_head(head_word)
            if bls and bls not in found:
                found = [bls] + found if len(found) != 1 else found + [bls]
        if singular(head.lower_) in ENTREPRENEUR_HEADS:
            found.append("entrepreneurship")
        if not found:
            # Nothing in the title: the sentence's industry words ("… in the restaurant trade").
            sentence = sentence_of(doc, head.i).text
            found = self.fields.industries_in(sentence) or self.fields.fields_in(sentence)
        unique = list(dict.fromkeys(found))
        return unique[: self.max_fields]

    # -- relation to the writer -------------------------------------------------------------

    @staticmethod
    def _is_own_role(doc: Doc, span: Span) -> bool:
        # Step back over the writer's own modifiers ("I'm a licensed, second-year …") first.
        sent = sentence_of(doc, span.start)
        k = span.start - 1
        while k >= sent.start and span.start - k <= 6 and (
                doc[k].pos_ in ("ADJ", "NOUN", "PROPN", "NUM", "ADV") or doc[k].text in ("-", "/", "&", ",")
        ) and doc[k].lower_ not in ("i", "we", "as", "a", "an", "the"):
            k -= 1
        cut = doc[k + 1].idx if k + 1 < span.start else span.start_char
        before = doc.text[max(sent.start_char, cut - 60):cut]
        if _OWN_ROLE_BEFORE.search(before) or before.strip().lower() in ("as", "i'm", "im", "i am"):
            return True
        # A fragment that opens with the writer's role: "Bookkeeper here;", "Court reporter looking to …".
        if not before.strip() and span.end < sent.end:
            nxt = doc[span.end]
            if nxt.lower_ == "here":
                return True
            if span[-1].tag_ in ("NNS", "NNPS") or span[-1].lower_.endswith("s"):
                return False  # "Event planners, any of them": plural openers are who to meet
            after = doc[span.end + 1] if span.end + 1 < len(doc) else None
            if nxt.lower_ in _SELF_INTRO_NEXT or (
                    nxt.text in (",", ":", ";", "-", "—") and after is not None
                    and after.lower_ not in ("to", "who", "that", "in", "at", "from", "with", "and", "or")
                    and after.pos_ != "PROPN"):
                return True
        root = span.root
        if root.dep_ in ("attr", "appos") and root.head.lemma_ == "be":
            return any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in root.head.children)
        return False

    @staticmethod
    def _inside_other(span: Span, role_roots: set[int]) -> bool:
        """True when the span hangs under another role through a clause or a preposition."""
        token = span.root
        steps = 0
        while token.head.i != token.i and steps < 12:
            if token.dep_ == "conj":  # "CFOs … and HR managers": coordinated, not nested
                return False
            if token.dep_ in ("relcl", "acl", "prep", "pobj", "dobj", "advcl") and token.head.i in role_roots:
                return token.head.i not in range(span.start, span.end)
            token = token.head
            steps += 1
        return False

    # -- main -------------------------------------------------------------------------------

    def find_spans(self, doc: Doc, generic: list[dict] | None = None) -> list[tuple[Span, Token]]:
        """Return (span, head) pairs of every role, longest first where two overlap."""
        if generic is None:
            generic = list(_generic_people(doc))
        found: list[tuple[Span, Token]] = []
        generic_chars = {c for g in generic for c in range(g["start"], g["end"])}
        for token in doc:
            if token.idx not in generic_chars and (self._is_head(token) or self._ends_known_title(doc, token)):
                span = self._span_for(doc, token)
                if self._is_weak_only(span, token):
                    continue
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

    def __call__(self, doc: Doc) -> Doc:
        generic = list(_generic_people(doc))
        pairs = self.find_spans(doc, generic)
        own = [self._is_own_role(doc, span) for span, _ in pairs]
        target_roots = {span.root.i for (span, _), is_own in zip(pairs, own) if not is_own}
        roles = []
        last_target: Span | None = None
        for (span, head), is_own in zip(pairs, own):
            if is_own:
                relation = "own"
            elif self._inside_other(span, target_roots - {span.root.i}) or (
                    last_target is not None and _in_clause_after(doc, last_target, span)):
                relation = "mention"
            else:
                relation = "target"
            if relation == "target":
                last_target = span
            roles.append(_role_dict(span, self._fields_for(span, head, doc), relation == "target", relation))
        doc._.set(ROLES_ATTR, roles)
        doc._.set(GENERIC_ATTR, generic)
        return doc


_ABBREVIATION_PLURAL = re.compile(r"^[A-Z]{2,5}s$")
#: Short forms too ambiguous alone ("ED", "OT") but clear as a plural of people ("EDs").
PLURAL_ONLY_ABBREVIATIONS = frozenset({"ed", "ae", "lp", "gp", "pt", "ot", "cro", "pi"})
#: Words after a sentence-opening role that make it the writer's self-introduction.
_SELF_INTRO_NEXT = frozenset({"here", "looking", "trying", "hoping", "seeking", "wanting", "needing",
                              "starting", "turned", "wanna", "want", "wants", "who's", "moving"})


_CLAUSE_MARKERS = frozenset({"who", "whom", "whose", "that", "which", "how", "what", "why", "where", "when"})


def _in_clause_after(doc: Doc, previous: Span, span: Span) -> bool:
    """True when ``span`` sits in a clause that follows an earlier target role in its sentence:
    "HR directors … how they recruit *drivers*", "CTOs … about how they hired *engineers*"."""
    if sentence_of(doc, previous.start).start != sentence_of(doc, span.start).start:
        return False
    between = doc[previous.end:span.start]
    for k, token in enumerate(between):
        nxt = between[k + 1] if k + 1 < len(between) else None
        if token.lower_ in ("and", "or", "&") and nxt is not None and nxt.lemma_ in MEET_VERBS:
            return False  # "… and talk to CFOs": a second target
        if token.lower_ in _CLAUSE_MARKERS or token.tag_ == "VBG" or (
                token.lower_ == "to" and nxt is not None and nxt.pos_ == "VERB"):
            return True
    return False


def _generic_people(doc: Doc) -> Iterable[dict]:
    low = doc.text.lower()
    seen: set[int] = set()
    for phrase in GENERIC_PHRASES:
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", low):
            seen.update(range(m.start(), m.end()))
            yield {"text": doc.text[m.start():m.end()], "start": m.start(), "end": m.end()}
    for token in doc:
        if token.idx in seen:
            continue
        if token.lower_ in GENERIC_PEOPLE and token.pos_ in ("NOUN", "PRON", "PROPN") \
                and token.dep_ != "compound":
            yield {"text": token.text, "start": token.idx, "end": token.idx + len(token)}
        elif token.lower_ in {"professionals", "leaders", "experts", "executives", "partners"} and all(
            t.lower_ in GENERIC_MODIFIERS or t.pos_ not in ("NOUN", "PROPN", "ADJ") for t in token.lefts
        ):
            yield {"text": token.text, "start": token.idx, "end": token.idx + len(token)}


@Language.factory(
    "coach_roles",
    assigns=[f"doc._.{ROLES_ATTR}", f"doc._.{GENERIC_ATTR}"],
    requires=["token.pos", "token.dep", "token.lemma", "token.ent_type"],
    default_config={"fuzzy": True, "max_fields": 3},
)
def make_role_extractor(nlp: Language, name: str, fuzzy: bool, max_fields: int) -> RoleExtractor:
    """spaCy factory of :class:`RoleExtractor`."""
    for attr in (ROLES_ATTR, GENERIC_ATTR):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    return RoleExtractor(nlp, name, fuzzy=fuzzy, max_fields=max_fields)
