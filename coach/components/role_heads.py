"""Finding the head noun of a role: "managers", "CFOs", "nurses", "homebrewers".

A head is a head noun of the title lexicon (in British spelling too: "councillors"), an informal
or short form of one ("tradies", "mgrs"), a typo one edit away from one ("nurces", also where the
tagger misread it), an abbreviation ("CFOs", or any plural acronym where a person stands: "ask
CPCUs", "KCs who …"), the last word of a known multi-word title ("scrum masters") or of a slang
phrase ("legal eagles"), team leads ("line leads", not "sales leads"), or a noun no list holds
where only a person goes ("meet homebrewers who …", "Oxford dons who …"), or a plural no list or
dictionary holds, in a person or contact slot, that the learned person-noun model
(:mod:`coach.person_nouns`) reads as a word for a person ("sit down with kitchenhands", "an intro
to deckies"). A learner by stage is a
head only as what the writer says they are ("I am a sophomore"); a player or partner with a noun
for what they play or do ("bass player", "critique partner") where a person is sought.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lexicon import CoachData, singular
from ..occupations import normalize_title, us_spelling
from ..person_nouns import PersonNounModel, person_vocabulary
from ._columns import column

_ABBREVIATION_PLURAL = re.compile(r"^[A-Z][A-Z&]{1,5}s$")
_ABBREVIATION = re.compile(r"^[A-Z][A-Z&]{1,5}$")
#: A plural acronym with a digit or a small letter inside ("FY1s", "PgMs"): a person only where
#: one is sought.
_MIXED_ACRONYM_PLURAL = re.compile(r"^(?=[^a-z]*[A-Z][^a-z]*[A-Z0-9])[A-Z][A-Za-z0-9]{1,5}s$")
_AGENT_SUFFIX = re.compile(r"(?:er|or|ist|ian|eer|eur|monger|wright|smith|path|crat|naut|ster|herd)s?$")  # "goatherds"
#: Agent nouns that name a person whatever else the word means: "-ist", "-ologist", "-ician".
#: Weak heads that end the titles of a line of work ("subrogation specialists", "blade repair
#: techs"), unlike ranks and people words ("executives", "leaders", "partners", "professionals").
_LINE_OF_WORK_HEADS = frozenset({"specialist", "tech", "technician", "worker", "admin", "staff", "employee"})
#: Weak heads named by what the person plays or does with the writer ("bass player", "critique
#: partner", "sparring partner"): a role with any noun before them, where a person is sought.
_ACTIVITY_HEADS = frozenset({"player", "partner"})
#: Weak heads for a rank or the staff of a place ("PE associates", "federal employees"): a role
#: with a field or sector word before them, and still wherever a known title ends with them
#: ("senior associate") or the parse puts a person ("associates who …"), as before they were weak.
_STAFF_HEADS = frozenset({"associate", "employee"})
#: Forms of "be" after "I"/"we" that say what the writer is.
_WRITER_BE = frozenset({"am", "'m", "’m", "are", "'re", "’re", "was", "were"})
#: Clipped heads that also clip a thing ("ops": operations): a title word only where the word
#: before them makes a known title with the full form ("camera ops", "CNC ops", "owner-ops").
_CLIPPED_HEADS = {"ops": "operators", "op": "operator"}
_PERSON_SUFFIX = re.compile(r"(?:[^l]ists?|alists?|ologists?|icians?|preneurs?|[a-z]{4}men|[a-z]{3}persons?)$")  # not "checklists"; "trawlermen", "forepersons"


def singulars(low: str) -> tuple[str, ...]:
    """The singulars a lower-case plural may have: "tradies" -> tradie (and trady), "nurses" -> nurse."""
    first = singular(low)
    if low.endswith("ies") and len(low) > 4:
        return first, low[:-1]
    return (first,)


class HeadFinder:
    """Decides which tokens head a role; see the module docstring."""

    def __init__(self, data: CoachData, fuzzy: bool = True):
        self.data = data
        self.fuzzy = fuzzy
        lists = data.lists
        self.generic_people = lists.words("generic_people")
        self.outcome_people = lists.words("outcome_people") | lists.words("no_role_people")
        self.abbreviations = lists.words("abbreviations")
        self.plural_abbreviations = self.abbreviations | lists.words("plural_only_abbreviations")
        self.weak_heads = {singular(w) for w in lists.words("weak_heads")}
        self.generic_modifiers = lists.words("generic_modifiers")
        self.meet_verbs = lists.words("meet_verbs")
        self.learner_words = lists.words("learner_words")
        self.school_levels = lists.words("school_levels")
        self.degree_levels = lists.words("degree_levels")
        self.employment_terms = lists.words("employment_terms")
        self.writer_learner_words = lists.words("writer_learner_words")
        self.story_nouns = lists.words("story_nouns")
        self.informal_people = lists.words("informal_people") | self.learner_words
        self.not_people = lists.words("not_people_heads")
        self.talk_verbs = lists.words("talk_verbs")
        self.org_acronyms = lists.words("org_acronyms")
        self.org_words = lists.words("org_words")
        self.seek_verbs = lists.words("seek_verbs")
        self.lead_outcome = lists.words("lead_modifiers_outcome")
        self.modifier_needed = lists.words("modifier_needed_heads")
        self.population_heads = lists.words("population_heads")
        self.settlement_words = lists.words("settlement_words")
        self.relational_heads = lists.words("relational_heads")
        self.book = data.occupations
        self.aliases = self.book.aliases
        self._deletes: dict[str, str] | None = None
        self._modifiers: dict[str, int] | None = None
        self.framing_words = lists.words("judgement_words") | lists.words("determiners_and_counts") \
            | lists.words("seniority_words") | {"new", "other", "good", "more", "many", "all", "some"}
        self._head_cache: dict[str, bool] = {}
        self.contact_nouns = lists.words("contact_nouns")
        self.dictionary_persons = lists.words("wordnet_person_nouns")
        self._person_nouns: PersonNounModel | None = None

    @property
    def person_nouns(self) -> PersonNounModel:
        """The learned person-noun model (:mod:`coach.person_nouns`), loaded on first use."""
        if self._person_nouns is None:
            self._person_nouns = PersonNounModel(self.data.root / "lexicon" / "person_nouns.npz",
                                                 person_vocabulary(self.data))
        return self._person_nouns

    def _typo_index(self) -> dict[str, str]:
        # SymSpell-style index of single deletions of every long head, built on first use.
        if self._deletes is None:
            index: dict[str, str] = {}
            # (in sorted order: the first head to claim a deletion keeps it, so iterating the set
            # would make the correction depend on the string hash seed, one run to the next)
            for head in sorted(self.data.roles.heads):
                if len(head) >= 5:
                    for k in range(len(head)):
                        index.setdefault(head[:k] + head[k + 1:], head)
            self._deletes = index
        return self._deletes

    def corrected_head(self, word: str) -> str | None:
        """The head ``word`` is one edit (deletion, insertion, substitution) away from, if any.

        >>> from coach.lexicon import load_data
        >>> HeadFinder(load_data()).corrected_head("recruters")
        'recruiter'
        """
        written = word.lower()
        word = singular(written)
        heads = self.data.roles.heads
        # (four letters left by a plural's "s" are enough: "buyrs")
        if len(word) < (4 if len(written) >= 5 and written.endswith("s") else 5) or not word.isalpha() or word in heads or word in self.data.known_words:
            return None  # a real word ("career", "service") is not a typo
        index = self._typo_index()
        candidates = [index.get(word)]  # the writer dropped a letter: "recruter" -> "recruiter"
        for k in range(len(word)):
            variant = word[:k] + word[k + 1:]
            candidates.append(variant if variant in heads else None)  # "mannager"
            candidates.append(index.get(variant))  # a wrong letter: "maneger"
        for head in candidates:
            # Typos keep a word's first two letters and its last one ("estimater" -> "estimator"),
            # or swap the last two ("drivre" -> "driver").
            if head and head[:2] == word[:2] and (head[-1] == word[-1] or head[-2:] == word[:-3:-1]):
                return head
        return None

    def is_people_word(self, low: str) -> bool:
        """Generic people or outcome words ("people", "clients"): never a head."""
        return low in self.generic_people or low in self.outcome_people

    def is_informal_role(self, token: Token) -> bool:
        """"HR folks", "PR people", "SEO guys": a people word after a field or title word."""
        if token.lower_ not in self.informal_people or token.i == 0:
            return False
        left = token.doc[token.i - 1]
        low = left.lower_
        if low in self.generic_modifiers or low in self.generic_people or not left.is_alpha:
            return False
        if token.lower_ in self.learner_words and low in self.school_levels:
            return False  # "college students": where they study, not what
        if token.lower_ in self.learner_words and (low in self.degree_levels or self.data.fields.fields_in(left.text) or (
                self._title_modifier_count(left) >= 20 and low not in self.employment_terms
                and low not in self.generic_modifiers)):
            # "doctoral students": the programme they are in; "core surgical trainees": a field
            # word, or a word of many titles, names what they learn (not the terms of a place in
            # one: "foreign students", "remote students")
            return True
        if left.pos_ not in ("NOUN", "PROPN", "ADJ") and not left.is_upper:
            return False
        if token.i >= 2 and token.doc[token.i - 2].is_alpha and self.data.fields.fields_in(token.doc[token.i - 2:token.i].text):
            return True  # "talent acquisition peeps"
        if bool(self.data.fields.fields_in(left.text)) or self.data.roles.is_head(low) \
                or singular(low) in self.aliases or (left.is_upper and len(left) <= 5):
            return True
        # Any trade or line of work before them where the parse puts a person: "meet roofing guys",
        # "news folks who cover city hall" (a noun, not a name or a quality: "new people").
        return left.pos_ == "NOUN" and left.lower_ not in self.org_words \
            and (self._in_person_slot(token) or self._is_sought(token) or self._is_spoken_with(token))

    def _is_acronym_role(self, token: Token, plural: bool = False) -> bool:
        """"CFOs", "SWEs", "BAs": a plural acronym whose singular is a short title we know, or
        any plural acronym where only a person goes ("ask CPCUs how …", "KCs who specialise …"),
        unless it names organisations or things ("NGOs", "APIs"). ``plural``: the token is the
        acronym of a plural written "DP's" (the "'s" is the next token)."""
        if plural:
            short = token.lower_
        elif not _ABBREVIATION_PLURAL.match(token.text):
            # "FY1s", "PgMs": only where a person is sought
            return bool(_MIXED_ACRONYM_PLURAL.match(token.text)) and token.lower_[:-1] not in self.org_acronyms \
                and self.in_contact_slot(token)
        else:
            short = token.lower_[:-1]
        if short in self.org_acronyms:
            return False
        # Written in capitals, a known short title is the acronym ("DJs"), whatever the dictionary says.
        return short in self.plural_abbreviations or short in self.aliases or short in self.book.titles \
            or self.in_contact_slot(token) or self._has_who_clause(token, lenient=True)

    def _is_head_word(self, token: Token) -> bool:
        low = token.lower_
        cached = self._head_cache.get(low)
        if cached is None:
            roles = self.data.roles
            forms = singulars(low)
            if not low.isascii():  # "gardaí": as titles are normalised
                forms += singulars(normalize_title(low) or low)
            cached = "" if self.is_people_word(low) else "head" if (
                roles.is_head(low) or roles.is_head(token.lemma_.lower())
                or singular(low) in self.weak_heads  # "shop floor staff": a role if a field word comes first
                or any(roles.is_head(us_spelling(f)) for f in forms if us_spelling(f) != f)  # "councillors"
            ) else "compound" if any(self.book.split_compound(f) for f in forms) \
                else "alias" if any(self._names_title(f) for f in forms) else ""
            self._head_cache[low] = cached
        if cached == "compound":  # "farmhands": O*NET's "farm hand"; not a name ("The Woodcutter")
            return token.is_lower or token.tag_ in ("NNS", "NNPS")
        if cached == "alias":
            # "devs", "mgrs", "EDs"; two or three letters only as an acronym ("higher ed" is no
            # executive director), in the plural or after an article ("an AE", not "out of AP")
            short = singular(low)
            if len(short) > 3:
                return True
            if len(short) == 3 and token.is_lower:
                return True  # "devs", "reps", "mgr"
            return token.text[:2].isupper() and (short != low or (
                token.i > 0 and token.doc[token.i - 1].lower_ in ("a", "an", "the", "one", "our", "my", "your")))
        if cached and token.is_upper and len(low) <= 4 and low.endswith("s") and not low.endswith("ss"):
            return False  # "GPS" is no plural of "GP": an acronym's plural has a small "s" ("GPs")
        return bool(cached)

    def _names_title(self, word: str) -> bool:
        """An informal or short word for a title ("dev", "mgr", "tradie"), not for a modifier ("biz", "shop")."""
        full = self.aliases.get(word)
        return bool(full) and (self.data.roles.is_head(full.split()[-1]) or full in self.book.titles
                               or self.data.roles.is_title(full.split()))  # "DoPs": directors of photography

    def is_head(self, token: Token) -> bool:
        """True when ``token`` heads a role."""
        low = token.lower_
        doc, i = token.doc, token.i
        # (The next word is read from the Doc's shared columns: no Token object for it.)
        if i + 1 < len(doc):
            pos, tags, tag = column(doc, "pos"), column(doc, "tag"), token.tag_
            # A head modifies nothing to its right: "nurse turnover" is about turnover, "CPA firms"
            # about firms. Plurals are exempt: they rarely modify, so "consultants price projects"
            # is a misparse.
            if pos[i + 1] in ("NOUN", "PROPN") and token.dep_ in ("compound", "amod", "nmod") \
                    and token.head.i > i and tag not in ("NNS", "NNPS") and not self._looks_plural(token):
                return False
            if column(doc, "text")[i + 1] == "-" and not token.whitespace_:
                return False  # "investor-owned utilities", "nurse-led clinics": part of an adjective
            if tags[i + 1] == "POS":
                # "farmer's markets", "our favorite authors' agents": the person owns the noun after
                # it; but "several DP's over …" is an acronym's plural written with an apostrophe.
                if not (i + 2 < len(doc) and pos[i + 2] in ("NOUN", "PROPN", "ADJ")):  # (no noun phrase after)
                    if _ABBREVIATION.match(token.text):
                        return self._is_acronym_role(token, plural=True)
                elif singular(column(doc, "lower")[i + 2]) not in self.weak_heads \
                        and (tag not in ("NNS", "NNPS") or column(doc, "lemma")[i + 2].lower() not in self.story_nouns):
                    return False  # but "state legislators' staff" are the legislators' people, and
                    # "teachers' experiences", "nurses' views" what a group of them knows and tells
        if self._is_writers_learner(token):
            return True  # "I am a sophomore", "We are students completing …": the writer's own role
        if singular(low) in self.modifier_needed and not self._has_title_context(token):
            return False  # "wrap one's head around", "the counsel of other beekeepers"
        if singular(low) in self.population_heads and self._is_placed(token) and not self._specialty_before(token):
            return False  # "County residents", "a resident of the city": who lives there, no job
        if low in ("leads", "lead") or token.lemma_ == "lead" and low.endswith("s"):
            return self._is_team_lead(token)
        if self._is_acronym_role(token):
            return True  # "CFOs", "GMs", "EDs"
        if self.is_informal_role(token):
            return True
        if singular(low) in self.abbreviations and low != "hr":
            return token.text[:2].isupper() or token.pos_ in ("NOUN", "PROPN")
        if self.is_people_word(low):
            return False
        if self.fuzzy and token.is_lower and low not in self.data.known_words and token.pos_ != "NOUN" \
                and low.endswith("s") and self.corrected_head(low):
            return True  # "carpentrs" read as an adjective
        if token.pos_ not in ("NOUN", "PROPN") and not _is_mistagged_plural(token) \
                and not self._is_title_after_meet_verb(token):
            # "one more coder, and a good designer": a title the tagger misread, listed with a role
            return token.is_alpha and self._is_head_word(token) and self._listed_with_role(token)
        if self._is_head_word(token) or self._ends_phrase_alias(token) or self.clipped_head(token):
            return True
        if self.fuzzy and token.is_lower and token.pos_ == "NOUN" and self.corrected_head(low):
            return True
        return self._is_unlisted_agent(token) or self._is_person_noun(token) or self._is_listed_person(token) \
            or self._is_learned_person(token) or self._is_dictionary_person(token)

    def _unknown(self, token: Token) -> bool:
        """No dictionary or list holds the word."""
        low = token.lower_
        return low not in self.data.known_words and token.lemma_.lower() not in self.data.known_words

    def clipped_head(self, token: Token) -> str | None:
        """The full form of a clipped head ("ops" -> "operators") when the word before it (across
        a hyphen: "owner-ops") makes a known title with that form ("camera operator"), else None."""
        full = _CLIPPED_HEADS.get(token.lower_)
        if full is None or token.i == 0:
            return None
        k = token.i - 1
        doc = token.doc
        if doc[k].text == "-" and k > 0 and not doc[k - 1].whitespace_:
            k -= 1
        left = doc[k]
        if not left.is_alpha and not left.is_upper:
            return None
        words = [left.lower_, singular(full)]
        if self.data.roles.is_title(words) or " ".join(words) in self.book.titles:
            return full
        return None

    def _is_learned_person(self, token: Token) -> bool:
        """A plural word no list or dictionary holds, where only a person goes, that the learned
        person-noun model reads as a word for a person ("meet kitchenhands", "an intro to
        bellboys", "coffee with deckies"); not a word for a thing ("oppurtunities") or a group
        of people the lists leave out ("folx")."""
        low = token.lower_
        if len(low) < 5 or not low.endswith("s") or low.endswith("ss") or not token.is_alpha or not token.is_lower \
                or token.pos_ not in ("NOUN", "PROPN") or token.ent_type_:
            return False
        sing = singular(low)
        known = self.data.known_words
        if sing in known or low in known or token.lemma_.lower() in known or self.is_people_word(low) \
                or low in self.org_words or sing in self.org_words or sing in self.not_people:
            return False
        return self.in_contact_slot(token) and self.person_nouns.names_person(low, known=False)

    def _is_dictionary_person(self, token: Token) -> bool:
        """A dictionary word that names a kind of person (WordNet's first sense is a person:
        ``vocab/wordnet_person_nouns.txt``), where only a person goes: "meet academics who …",
        "cabbies in London who …", "coffee with newsagents". The letters cannot tell these from
        things ("projects", "shifts"); the dictionary can."""
        low = token.lower_
        # Plurals only: a kind of person is sought in the plural far more often than one of them, and
        # a singular in such a slot is as often a group or a figure of speech ("join a mastermind").
        if not token.is_alpha or not token.is_lower or len(low) < 5 or token.tag_ != "NNS" or token.ent_type_:
            return False
        sing = singular(low)
        if sing not in self.dictionary_persons or low in self.org_words or sing in self.org_words \
                or sing in self.not_people or self.is_people_word(low):
            return False
        return self.in_contact_slot(token)

    def in_contact_slot(self, token: Token) -> bool:
        """The parse puts a person here: "meet X", "talk to X", "X who …", "looking for X", and
        the objects of a contact noun: "an intro to X" (also where the parse hangs "to" on the
        verb: "love an intro to X"), "coffee with X", "grab coffee with X"."""
        if self._in_person_slot(token) or self._is_sought(token) or self._is_spoken_with(token):
            return True
        if token.dep_ != "pobj":
            return False
        prep, gov = token.head, token.head.head
        if prep.lower_ == "to":
            intros = ("intro", "introduction", "introduce")
            return gov.lemma_.lower() in intros or any(c.dep_ == "dobj" and c.lemma_.lower() in intros
                                                       for c in gov.children)
        if prep.lower_ == "with":
            return gov.lower_ in self.contact_nouns or any(c.dep_ == "dobj" and c.lower_ in self.contact_nouns
                                                           for c in gov.children if c.i < prep.i)
        return False

    def _is_writers_learner(self, token: Token) -> bool:
        """A learner by stage that the writer says they are: "I am a sophomore", "I'm a doctoral
        candidate", "We are students completing …" (the complement of "am"/"are" with "I" or "we"
        as subject). Elsewhere a stage is no role ("college students", "graduates")."""
        if token.lower_ not in self.writer_learner_words:
            return False
        doc = token.doc
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("NOUN", "PROPN"):
            return False  # "I am a senior developer": the stage is a modifier
        verb = token.head
        if token.dep_ == "attr" and verb.lemma_ == "be" and any(
                c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children):
            return True
        # the words, where the tagger misreads them ("I am a junior studying …", "I'm a master's
        # candidate hoping …"): "I am"/"we are", an article, then only the learner's modifiers
        k = token.i - 1
        while k >= 0 and token.i - k <= 4 and (doc[k].pos_ in ("ADJ", "NOUN", "PROPN", "NUM")
                                                or doc[k].tag_ == "POS") and doc[k].lower_ not in ("i", "we"):
            k -= 1
        if k >= 0 and doc[k].lower_ in ("a", "an"):
            k -= 1
        return k >= 1 and doc[k].lower_ in _WRITER_BE and doc[k - 1].lower_ in ("i", "we")

    def _conjuncts(self, token: Token) -> list[Token]:
        """The other members of the list ``token`` stands in ("instrumentalists and vocalists")."""
        first = token
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        members = [first]
        k = 0
        while k < len(members) and len(members) < 12:
            members.extend(c for c in members[k].children if c.dep_ == "conj")
            k += 1
        return [m for m in members if m.i != token.i]

    def _listed_with_role(self, token: Token) -> bool:
        """A member of a list with a listed title in it ("one more coder, and a good designer")."""
        return any(m.pos_ in ("NOUN", "PROPN") and m.is_alpha and not self.is_people_word(m.lower_)
                   and singular(m.lower_) not in self.weak_heads and self._is_head_word(m)
                   for m in self._conjuncts(token))

    def _is_listed_person(self, token: Token) -> bool:
        """A noun no list holds as a head, listed with one that is, where the word ends several
        titles or names a person by its form ("instrumentalists and vocalists", "plumbers and
        pipefitters"); not things listed with people ("teachers and schools", "members and lists")."""
        low = token.lower_
        if not token.is_alpha or len(low) < 4 or token.ent_type_ in ("GPE", "LOC", "ORG", "NORP", "FAC", "DATE") \
                or low in self.org_words or singular(low) in self.org_words or singular(low) in self.not_people:
            return False
        if not ((len(low) >= 6 and (_AGENT_SUFFIX.search(low) or _PERSON_SUFFIX.search(low)))
                or self.data.title_endings.get(singular(low), 0) >= 20 or singular(low) in self.book.titles):
            return False
        return self._listed_with_role(token)

    def _looks_plural(self, token: Token) -> bool:
        """"fund mgrs running …" read as a proper noun: an unknown word whose singular is a head."""
        low = token.lower_
        return low.endswith("s") and singular(low) not in self.data.known_words and self._is_head_word(token)

    def _ends_phrase_alias(self, token: Token) -> bool:
        """"legal eagles", "bean counters": the last word of a slang phrase for a title."""
        if token.i == 0:
            return False
        previous = token.doc[token.i - 1]
        return any(self.book.is_phrase_alias_end(previous.lower_, f) for f in singulars(token.lower_))

    def _is_team_lead(self, token: Token) -> bool:
        """"line leads", "product marketing leads who …": leads of a team, not prospects ("sales
        leads", "warm leads"): a known title "X lead", a field named before it ("people ops
        leads"), or a "who" clause."""
        if token.i == 0 or not token.lower_.endswith("s"):
            return False
        left = token.doc[token.i - 1]
        if left.lower_ in self.lead_outcome or left.lower_ in self.generic_modifiers or not left.is_alpha \
                or left.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False
        if self._has_who_clause(token, lenient=True):
            return True
        start = max(0, token.i - 3)
        words = [t.lower_ for t in token.doc[start:token.i + 1]]
        if any(self.data.roles.is_title(words[k:]) for k in range(len(words) - 1)):
            return True
        before = token.doc[start:token.i]
        return left.pos_ != "ADJ" and bool(self.data.fields.fields_in(before.text)) and len(before) >= 2

    def _has_who_clause(self, token: Token, lenient: bool = False) -> bool:
        """A "who" clause on the token; ``lenient``: also on the last noun of its "at/in/from …"
        phrases, where the parse often hangs it ("SENCOs at Bristol schools who use …")."""
        if any(c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") for w in c.children) for c in token.children):
            return True
        if lenient:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("at", "in", "from", "of", "on"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and self._has_who_clause(obj, lenient=True):
                            return True
        return False

    def _is_sought(self, token: Token) -> bool:
        """"looking for PMMs", "an introduction to MGAs": the object of seeking or an introduction."""
        if token.dep_ != "pobj":
            return False
        prep = token.head
        return (prep.lower_ == "for" and prep.head.lower_ in self.seek_verbs) \
            or (prep.lower_ == "to" and prep.head.lemma_ in ("introduction", "intro"))

    def _is_person_noun(self, token: Token) -> bool:
        """A plural noun no list holds as a title where only a person goes: "Oxford dons who …",
        "montessori guides who …", "hear from frac hands", "hire tribologists"."""
        low = token.lower_
        if token.tag_ not in ("NNS", "NNPS") or not token.is_alpha or len(low) < 4:
            return False
        if low in self.org_words or singular(low) in self.org_words or self.is_people_word(low) \
                or token.ent_type_ in ("GPE", "LOC", "ORG", "NORP", "FAC", "DATE", "TIME", "MONEY"):
            return False
        if _PERSON_SUFFIX.search(low):
            return True  # "tribologists", "acousticians": an -ist or -ician is a person
        if not (self._has_who_clause(token) or self._is_spoken_with(token)):
            return False
        # The parse hangs "who" on things too ("better projects and clients who pay", "apps …: who
        # are …"): the word must end many titles ("guides", "hands") or be an O*NET title itself
        # ("connect with doulas", "bailiffs who …") to be a person there.
        return self.data.title_endings.get(singular(low), 0) >= 20 or singular(low) in self.book.titles  # "doulas"

    def _title_modifier_count(self, token: Token) -> int:
        """How many O*NET titles have the token's word before their head ("library" in "library
        technicians"); 0 for the writer's framing words ("new", "young", "senior")."""
        low = token.lower_
        if low in self.generic_modifiers or low in self.framing_words or token.pos_ not in ("NOUN", "ADJ", "PROPN"):
            return 0
        if self._modifiers is None:
            counts: dict[str, int] = {}
            for title in self.book.titles:
                for word in title.split()[:-1]:
                    counts[word] = counts.get(word, 0) + 1
            self._modifiers = counts
        return self._modifiers.get(low, 0)

    def _is_spoken_with(self, token: Token) -> bool:
        """"hear from X", "talk to X", "connect with X": the people a verb of talking reaches."""
        if token.dep_ != "pobj" or token.head.lower_ not in ("to", "with", "from"):
            return False
        return token.head.head.lemma_ in self.talk_verbs

    def _specialty_before(self, token: Token) -> bool:
        """A field or title word right before the token ("pediatric residents", "surgical
        residents"): a line of work, whatever place follows."""
        if token.i == 0:
            return False
        left = token.doc[token.i - 1]
        if not left.is_alpha or left.ent_type_ in ("GPE", "LOC", "FAC") or left.lower_ in self.settlement_words:
            return False
        return bool(self.data.fields.fields_in(left.text)) or self._title_modifier_count(left) >= 5

    def _is_placed(self, token: Token) -> bool:
        """A place right before the token ("Vancouver residents", "City residents") or "of", "in"
        or "from" a place after it ("residents of adjacent neighborhoods", "two residents from
        the City"): a named place or a word for one (``settlement_words``)."""
        doc = token.doc

        def is_place(t: Token) -> bool:
            return t.ent_type_ in ("GPE", "LOC", "FAC") or t.lower_ in self.settlement_words

        if token.i > 0 and is_place(doc[token.i - 1]):
            return True
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "from") and prep.i == token.i + 1:
                return any(c.dep_ == "pobj" and is_place(c) for c in prep.children)
        return False

    def _has_title_context(self, token: Token) -> bool:
        """A title word before the token ("department head", "general counsel"), or, for a head
        that takes one, an "of" after it ("head of sales")."""
        doc = token.doc
        left = doc[token.i - 1] if token.i > 0 else None
        if left is not None and left.is_alpha and left.pos_ in ("NOUN", "PROPN", "ADJ") \
                and left.lower_ not in self.generic_modifiers:
            return True
        return token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of" \
            and singular(token.lower_) in self.relational_heads

    def _is_title_after_meet_verb(self, token: Token) -> bool:
        """"Meet veterinarians in …": a title the tagger read as a verb right after a verb of meeting."""
        if token.i == 0 or token.tag_ not in ("VBZ", "VBP", "VB") or not self._is_head_word(token):
            return False
        return token.doc[token.i - 1].lemma_.lower() in self.meet_verbs

    def ends_known_title(self, doc: Doc, token: Token) -> bool:
        """The last word of a two- or three-word title whose head the lists leave out
        ("scrum masters", "tattoo artists")."""
        if token.pos_ not in ("NOUN", "PROPN") or not token.is_alpha or self.is_people_word(token.lower_) \
                or singular(token.lower_) in self.not_people:
            return False
        if not (token.tag_ in ("NNS", "NNPS") or _AGENT_SUFFIX.search(token.lower_)
                or self.data.title_endings.get(singular(token.lower_), 0) >= 100
                # "not a nursing student": one of them, so a person
                or any(token.i - k >= 0 and doc[token.i - k].lower_ in ("a", "an", "any", "every", "each", "one")
                       for k in (2, 3))):
            return False  # "emergency medicine", "hook up": a specialty or a verb the title list holds
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("NOUN", "PROPN") \
                and token.tag_ not in ("NNS", "NNPS"):
            return False  # it modifies the next noun
        endings = self.data.title_endings
        low = token.lower_
        if low not in endings and singular(low) not in endings:
            return False  # no title of two or more words ends with this word (the look-ups below need one)
        for length in (3, 2):
            start = token.i - length + 1
            if start >= 0 and all(t.is_alpha for t in doc[start:token.i + 1]) \
                    and self.data.roles.is_title([t.lower_ for t in doc[start:token.i + 1]]):
                return True
        return False

    def _is_unlisted_agent(self, token: Token) -> bool:
        """An agent noun no list holds ("cheesemongers", "tribologists", "homebrewers who …").

        A plural agent noun the dictionary does not know is a role wherever it stands; a word the
        dictionary knows ("sector", "mentor") only where the parse puts a person: the object of a
        verb of meeting ("talk to crofters"), or a noun with a "who" clause.
        """
        low = token.lower_
        if len(low) < 6 or not _AGENT_SUFFIX.search(low) or token.pos_ not in ("NOUN", "PROPN") \
                or token.ent_type_ in ("GPE", "LOC", "ORG", "FAC", "NORP", "PERSON"):
            return False  # "Denver", "Walmart Supercenter": names, not agent nouns
        known = self.data.known_words
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.lower_ == "of" and singular(low) in known:
            return False  # "a number of professionals", "all manner of people": a quantity, not a person
        if singular(low) not in known and token.lemma_.lower() not in known:
            return low.endswith("s") and token.pos_ == "NOUN" or self._in_person_slot(token)
        return self._in_person_slot(token)

    def _in_person_slot(self, token: Token) -> bool:
        """The parse puts a person here: "meet X", "talk to X", "X who …"."""
        if self._has_who_clause(token):
            return True
        if token.dep_ == "dobj" and token.head.lemma_ in self.meet_verbs:
            return True
        if token.dep_ == "attr" and token.head.lemma_ == "be" and any(
                c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in token.head.children):
            return True  # "I'm a landscaper": what the writer is, is a kind of person
        return token.dep_ == "pobj" and token.head.lower_ in ("to", "with", "from") \
            and token.head.head.lemma_ in self.meet_verbs

    def is_weak_only(self, span: Span, head: Token) -> bool:
        """A weak head ("professionals", "leaders") with no field word or known title before it."""
        if singular(head.lower_) not in self.weak_heads:
            return False
        if singular(head.lower_) in _STAFF_HEADS:
            if self.ends_known_title(span.doc, head):
                return False  # "senior associates"
            modifiers = [t.lower_ for t in span[:-1] if not t.is_punct]
            if modifiers and all(w in self.employment_terms or w in self.generic_modifiers for w in modifiers):
                return True  # "full-time employees", "remote associates": the terms of a job, not a line of work
            if self._is_person_noun(head):
                return False
        words = [t.lower_ for t in span if not t.is_punct]
        if all(w in self.generic_modifiers for w in words[:-1]):
            return True
        fields = self.data.fields
        left = span[-2] if len(span) > 1 and span[-2].i == head.i - 1 else None
        if left is not None and singular(head.lower_) == "player" and (
                left.lower_ in self.not_people or left.lower_ in self.org_words):
            return True  # "a team player": a trait, not an activity
        if left is not None and singular(head.lower_) in _LINE_OF_WORK_HEADS | _ACTIVITY_HEADS \
                and (left.pos_ in ("NOUN", "PROPN") or (left.pos_ == "ADJ" and left.is_alpha and self._unknown(left))) \
                and left.lower_ not in self.generic_modifiers and not left.ent_type_ and self.in_contact_slot(head):
            # "meet subrogation specialists", "VAT specialists who …", "an intro to C&B
            # specialists": a line of work; also after a word the tagger could not read
            # ("gumment workers")
            return False
        if len(words) > 1 and (self.data.roles.is_title(words) or fields.fields_in(span[:-1].text)
                               or fields.industries_in(span[:-1].text)):
            return False
        if any(self._title_modifier_count(t) >= 20 for t in span[:-1] if t.is_alpha):
            return False  # "public library workers", "veterinary professionals": words of many titles
        if len(words) > 1:
            # In their formal words: "Linux admins" (Linux administrator), "ag techs" (agricultural
            # technician), "TA partners" (talent acquisition), "hospo workers" (hospitality).
            book = self.book
            expanded = book.expand(normalize_title(span.text))
            modifiers = book.expand(normalize_title(span[:-1].text))
            if expanded in book.titles or self.data.roles.is_title(expanded.split()) \
                    or fields.fields_in(modifiers) or fields.industries_in(modifiers):
                return False
        return True


def _is_mistagged_plural(token: Token) -> bool:
    """"sales reps", "DevOps leads": a plural head the tagger read as a verb after a noun."""
    if token.tag_ != "VBZ" or token.i == 0:
        return False
    left = token.doc[token.i - 1]
    return left.pos_ in ("NOUN", "PROPN", "ADJ") or (left.is_upper and left.is_alpha and len(left) <= 5)  # "IT admins"
