"""How a role relates to the writer: a person to meet (``target``), the writer's own role
(``own``), someone named only inside another role's qualifier or need (``mention``), or someone
the writer rules out (``excluded``: "not recruiters", "no more realtors", "instead of VCs",
"anyone except lawyers", "I'm done chasing recruiters", "I don't want to meet …").

Exclusion is a scope rule over the clause: a cue before the role, with nothing between them but
the words of the cue's phrase, other roles of the same list, determiners and modifiers; a comma,
a semicolon, "but", or a new subject ("… I'd like to meet …") ends the scope. A cue governs only
its own words: "why not talk to …" suggests, and "no" of another noun ("There is no question
that …") rules nothing out.

Who does what, from the parse: a role that seeks people ("Researchers … are seeking X") or that
meets another role as its clause's subject ("farmers will get ten minutes with buyers", "founders
came … because they were searching for co-founders") is a mention, and the people it seeks or
meets are the targets, unless what they do is asked of them (a question, a "how" clause). People
who spoke or acted in a story ("One intern told me …", "a CPA … contacted me") and what someone
wants to be ("Do you want to be a curator?") are mentions too, as are people a statement speaks
of in general ("Most inspectors have …"), people heard from in a story ("We heard from many buyers
that …") and people named in a "who" clause on the writer's own role ("As one of the few MBAs who
went on to become a computer scientist"). The one a verb tells to seek people is a seeker ("advises
owners of old buildings to hire an engineer"). The kind of person advice is about, in the third
person ("installers should partner with …", "If a company owner joins …"), is the writer's or
reader's own, as "If you're a …" and "Are you a …? Do you see …" are, and as the readers a text is
addressed to ("For travel bloggers, here are five tips …", "Tips for NPs"), advised in any form
("If you are a new librarian, don't hesitate to ask …"; a call to them, "we invite you", keeps
them a target) or urged with "every" ("Every food truck operator should …").

Background and ask: once some target is what a verb of seeking or meeting is after, a target that
only acts in the text's background, as the subject of a finite verb or the agent of a passive
("All anesthesia is performed by MDs … Anyone know how to contact a CRNA?"), is a mention. A
negated statement about a role is no ask either ("A corporate lawyer is not good enough here").
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lexicon import CoachData, singular
from ._sentences import sentence_of, text_of

#: Text just before a role that makes it the writer's own: "I'm a", "as an", "we are".
_OWN_ROLE_BEFORE = re.compile(
    r"(?:\b(?:i|we)\s*(?:am|'m|’m|are|'re|’re|was|were|have been|'ve been|’ve been)"
    r"|\bi\s?m|\bim|\bas an?|\bas the|\bas one of|\bwork(?:ing|s)? as an?"
    r"|\bbeing an?|\bi(?:'m| am) (?:currently|now|still|just) an?"
    r"|\b(?:work|serve|volunteer|act|started|start)(?:s|ed|ing)? as(?: an?| the)?"
    r"|\b(?:become|be|becoming)(?: known| seen| recognized| recognised)?(?: as)?(?: an?| the)"
    r"|\b(?:get|getting)(?: known| seen| recognized| recognised) as(?: an?| the)?"
    r"|\b(?:we|i|us)\s*,?\s+as"
    r"|\b(?:i|we)\s*(?:am|'m|’m|are|'re|’re)(?:\s+\w+)?\s+(?:one|some|two|among) of the(?: few| many| only)?"
    r"|\bpromoted to"
    r"|\b(?:our|my)\s+(?:[\w-]+\s+){0,2}(?:firm|team|practice|agency|group|company|studio|office|clinic|crew|band"
    r"|partnership|shop|department|collective|network|circle|cohort|class)\s+of"
    r"|\b(?:my|our)\s+fellow"
    r"|\b(?:i|we)\s*(?:am|'m|’m|are|'re|’re)\s+an?\s+(?:[\w-]+\s+){0,2}(?:team|group|couple|pair|family|bunch|duo|trio"
    r"|handful|band|collective|partnership)\s+of"
    r"|\b(?:my|our)\s+(?:[\w-]+\s+){1,2}(?<!such )as(?: an?| the)?)"
    r"(?:\s+(?:an?|the|go-to|currently|now|still|just|new|recently|freelance|self-employed|two|three|four|five|six"
    r"|seven|eight|nine|ten|several|few|couple|group|bunch|of|other))*\s*$",
    re.I,
)
#: A cue that names the writer itself ("I'm a", "we as", "our firm of", "my fellow").
_FIRST_PERSON = re.compile(r"\b(?:i|we|us|my|our|i'm|i’m|im)\b", re.I)
#: A whole "before" that is only the start of a self-introduction.
_OWN_ROLE_OPENERS = ("as", "i'm", "im", "i am")
#: Verbs that open a request ("Meet salespeople, …"), read as a modifier when tagged as a name.
_OPENING_VERBS = frozenset({"meet", "contact", "call", "ask", "find", "email", "interview", "survey", "talk", "connect"})
#: Verbs of intending whose clause, with the writer as subject, says who they want to meet.
_INTENT_VERBS = frozenset({"hope", "plan", "love", "like", "wish", "try", "aim", "intend", "would"})
#: Negation words as the tokenizer splits them, with a typographic apostrophe too ("don’t").
_NEGATIONS = frozenset({"n't", "n’t", "not", "never"})
#: Dependencies through which a role hangs under another role's clause or preposition.
_NESTING_DEPS = ("relcl", "acl", "prep", "pobj", "dobj", "advcl")


class RelationFinder:
    """Assigns each role its relation to the writer; see the module docstring."""

    def __init__(self, data: CoachData):
        lists = data.lists
        self.self_intro_next = lists.words("self_intro_next")
        self.clause_markers = lists.words("clause_markers")
        self.meet_verbs = lists.words("meet_verbs")
        self.exclusion_cues = lists.words("exclusion_cues")
        self.want_verbs = lists.words("want_verbs")
        self.weariness = lists.words("weariness_words")
        self.enumeration_cues = lists.words("enumeration_cues")
        self.contact_nouns = {p.split()[-1] for p in lists.words("contact_nouns")}
        self.seeking_verbs = self.meet_verbs | self.want_verbs | lists.words("seek_verbs")
        self.seeker_verbs = lists.words("seeker_verbs")
        self.sought_by = self.seeking_verbs | self.seeker_verbs
        #: verbs whose object is a person the subject seeks or meets (not "sell", "pitch", "deal")
        self.people_seeking_verbs = self.meet_verbs | lists.words("seek_verbs") | self.seeker_verbs
        self.call_words = lists.words("call_words")
        self.sought_nouns = lists.words("sought_nouns")
        self.fit_words = lists.words("fit_words")
        self.avoiding_verbs = lists.words("avoiding_verbs")
        self.refusal_cues = lists.words("refusal_cues") | self.avoiding_verbs
        self.urging_verbs = lists.words("urging_verbs")
        self.condition_words = lists.words("condition_words")
        self.advice_nouns = lists.words("advice_nouns")
        self.meeting_verbs = self.meet_verbs | lists.words("seek_verbs")
        self.speech_verbs = lists.words("speech_verbs")
        self.generic_people_words = lists.words("generic_people")
        self.org_words = lists.words("org_words")
        # a go-between: "people who could connect me with / put me in touch with …"
        self.referral_verbs = lists.words("referral_verbs") | {"connect", "link", "put"}
        self.is_role_head = data.roles.is_head
        self.people_words = data.people_words
        self.enumeration_words = {w for cue in self.enumeration_cues for w in cue.split()} - {"for", "as"}

    def relations(self, doc: Doc, spans: list[Span]) -> list[str]:
        """The relation of each span, in order."""
        own = [self.is_own_role(doc, span) or _asks_readers_kind(doc, span, spans) for span in spans]
        role_tokens = {i for span in spans for i in range(span.start, span.end)}
        excluded = [not is_own and self.is_excluded(doc, span, role_tokens) for span, is_own in zip(spans, own)]
        seekers = [not is_own and not ex and self._seeks_others(span, spans)
                   for span, is_own, ex in zip(spans, own, excluded)]
        # "for booksellers to network with other booksellers", "farmers will get ten minutes with
        # buyers": the subject does the meeting, the role it meets is the one the text is about
        met_by = [None if is_own or ex or seeks else _meets_other_role(span, spans)
                  for span, is_own, ex, seeks in zip(spans, own, excluded, seekers)]
        # but one who knows or refers others is a go-between to meet: "planners know every florist"
        met_by = [None if verb is None or verb.lemma_ in self.referral_verbs or verb.lemma_ == "know" else verb
                  for verb in met_by]
        seekers = [seeks or verb is not None for seeks, verb in zip(seekers, met_by)]
        target_roots = {span.root.i for span, is_own, ex, seeks in zip(spans, own, excluded, seekers)
                        if not is_own and not ex and not seeks}
        # a role nested in a seeker's own phrase is named only to describe the seeker
        holder_roots = target_roots | {span.root.i for span, seeks in zip(spans, seekers) if seeks}
        own_roots = {span.root.i for span, is_own in zip(spans, own) if is_own}
        sought_verbs = {verb.i for span, seeks in zip(spans, seekers) if seeks
                        and (verb := self._seeking_verb_of(span.root.head)) is not None}
        sought_verbs |= {verb.i for verb in met_by if verb is not None}
        out: list[str] = []
        last_target: Span | None = None
        relation_of_root: dict[int, str] = {}
        denied: list[int] = []
        for span, is_own, is_excluded, seeks in zip(spans, own, excluded, seekers):
            example_of = self._example_of(doc, span, relation_of_root)
            listed_with = _list_head_relation(span, relation_of_root)
            if listed_with in ("own", "excluded") and not is_own and not is_excluded:
                relation = listed_with  # "not a nursing student, a retired nurse or …"
            elif is_own:
                relation = "own"
            elif is_excluded:
                relation = "excluded"
            elif seeks:
                relation = "mention"  # "Researchers at NREL are seeking solar workers": they seek, they are not sought
            elif _hangs_from(span, sought_verbs):
                relation = "target"  # … and what they seek is what the text asks for
            elif example_of is not None:
                relation = example_of  # "educators, including teachers": more of the same people
            elif (item_of := self._next_list_item_of(doc, span, relation_of_root)) is not None:
                relation = item_of  # "a banker …, a realtor who sells land, an immigration lawyer"
            elif _career_change_slot(span.root) == "to":
                relation = "mention"  # "switching from oncology nurse to school nurse": a career goal
            elif _aspired_to(span.root):
                relation = "mention"  # "Do you want to be a museum curator?": a career goal too
            elif self._object_of_someone(span):
                relation = "mention"  # "anyone that hires software developers": the one to meet is "anyone"
            elif self._generic_statement(span):
                relation = "mention"  # "Most inspectors have some background in building": said of them
            elif (denial := self._denied_of(span)) is not None:
                relation = denial  # "A corporate lawyer is not good enough here", "Accountants cannot wait …"
                if denial == "excluded":
                    denied.append(len(out))
            elif _already_met_or_there(span):
                relation = "mention"  # "I have found a co-founder", "There are lots of marketers around"
            elif self._speaks_in_story(span):
                relation = "mention"  # "One intern told me …", "a CPA … contacted me": quoted, not sought
            elif self._writers_people_acting(span):
                relation = "mention"  # "Our cannabis business lawyers are often asked …": the writer's own
            elif self._titles_a_named_person(span):
                relation = "mention"  # "said Marty Vermey, senior agronomist at …": one person, named
            elif _inside_other(span, holder_roots - {span.root.i}) or self._describes_writer(span, own_roots) or (
                    last_target is not None and self._in_clause_after(doc, last_target, span)):
                relation = "mention"
            else:
                relation = "target"
            if relation == "target":
                last_target = span
            relation_of_root[span.root.i] = relation
            out.append(relation)
        # a kind denied in one place and asked for in another is not ruled out: the denial only
        # speaks of them ("Recruiters aren't right for this …; I want to meet two recruiters in Akron")
        target_kinds = {_role_kind(span) for span, relation in zip(spans, out) if relation == "target"}
        for k in denied:
            if _role_kind(spans[k]) in target_kinds:
                out[k] = "mention"
        return self._background_subjects(spans, out)

    def _background_subjects(self, spans: list[Span], relations: list[str]) -> list[str]:
        """Targets that only act in a statement, once the text asks for someone else: a role that is
        the subject of a finite verb or the agent of a passive ("Engineers, teachers … were among
        those of you who …", "All anesthesia is performed by MDs", "But small business owners are
        concerned") is a mention when another target is what a verb of seeking or meeting is
        after ("… I need a CRNA willing to give a reference"). The text's ask names who to meet;
        its background names the people it talks about. Not in a question ("Which recruiters
        placed you?"), not a subject the seeking is said of ("Tutors are needed", "pharmacists were
        contacted"), and not when no target is sought: then the statement is all the text says."""
        sought = [relation == "target" and self._is_sought(span) for span, relation in zip(spans, relations)]
        if not any(sought):
            return relations
        # the writer may ask for them later by a pronoun ("Nurses … struggle with burnout and I want
        # to interview them") or say so of them with "be" ("Data scientists are who I want to meet")
        referred = self._referred_by_sought_pronoun(spans)
        sought = [is_sought or (relation == "target" and (k in referred or self._said_to_be_sought(span)))
                  for k, (span, relation, is_sought) in enumerate(zip(spans, relations, sought))]
        if not any(sought):
            return relations
        # (the same kind named where it is sought: "how teachers are responding … we will be
        # surveying teachers" asks for the teachers, reported where they are first named)
        sought_kinds = {_role_kind(span) for span, is_sought in zip(spans, sought) if is_sought}
        out = list(relations)
        for k, (span, relation) in enumerate(zip(spans, relations)):
            if relation == "target" and not sought[k] and _role_kind(span) not in sought_kinds \
                    and _acts_in_statement(span) \
                    and not _is_question(sentence_of(span.doc, span.start)):
                out[k] = "mention"
        return out

    def _referred_by_sought_pronoun(self, spans: list[Span]) -> set[int]:
        """Indexes of the roles a later sought pronoun ("them", "these", "those", "they") stands
        for: the last role named before it, with the list it stands in, in the same sentence or
        the one before ("Product managers … know the market; I want to meet them")."""
        if not spans:
            return set()
        doc = spans[0].doc
        out: set[int] = set()
        for token in doc:
            if token.lower_ not in _PLURAL_PRONOUNS or token.pos_ != "PRON" or not self._token_sought(token):
                continue
            before = [k for k, span in enumerate(spans) if span.end <= token.i]
            if not before:
                continue
            # the last people named before it, not counting nouns inside a role's own phrase
            # ("Product managers at SaaS startups": the managers): a role, or someone else
            roots = {spans[k].root.i: k for k in before}
            plurals = [t for t in doc[:token.i] if t.tag_ in ("NNS", "NNPS") and (
                t.i in roots or not any(a.i in roots for a in t.ancestors))]
            if not plurals or plurals[-1].i not in roots:
                continue  # "… their clients and ask them": them is the clients
            antecedent = spans[roots[plurals[-1].i]]
            sent, prev = sentence_of(doc, token.i), sentence_of(doc, antecedent.start)
            if prev.start != sent.start and prev.end != sent.start:
                continue  # (too far back: only the same sentence or the one just before)
            head = _list_head(antecedent.root)
            out |= {k for k in before if _list_head(spans[k].root).i == head.i}
        return out

    def _said_to_be_sought(self, span: Span) -> bool:
        """True when the role is the subject of "be" whose attribute or clause says the writer
        seeks them ("Data scientists at Microsoft are who I want to meet", "Nurses are my target",
        "Recruiters are the people I need")."""
        root = _list_head(span.root)
        verb = root.head
        if root.dep_ != "nsubj" or verb.i < root.i or not _is_be(verb):
            return False
        return self._complement_says(verb, self.sought_nouns, ("attr", "ccomp", "acomp", "xcomp"))

    def _is_sought(self, span: Span) -> bool:
        """True when the role is what a verb of seeking or meeting is after, through objects,
        prepositions and lists ("looking for nurses", "talk to CPAs and bankers", "interviews with
        farmers"), or the subject of such a verb in the passive ("Tutors are needed")."""
        return self._token_sought(span.root)

    def _token_sought(self, token: Token) -> bool:
        """``_is_sought`` for one token (a role's root, or a pronoun standing for one)."""
        for _ in range(16):  # (a long list: "Wood, metal, glass, …, and sculptors are all sought")
            if token.dep_ == "nsubjpass" and self._seeks(token.head):
                return True
            if token.dep_ not in _SOUGHT_PATH or token.head.i == token.i:
                return False
            head = token.head
            if head.pos_ in ("VERB", "AUX") and self._seeks(head):
                return True
            if head.pos_ == "NOUN" and head.lower_ in self.contact_nouns:
                return True  # "interviews with nurses", "a survey of farmers"
            token = head
        return False

    def structural_mention(self, span: Span, spans: list[Span]) -> bool:
        """True when a mention rests on structure the rubric spells out, which a learned judgement
        may not overturn: a speaker in a story ("I met two chefs who said …"), a seeker ("urges
        owners … to hire an electrician", "Researchers … are seeking X"), people said to exist
        ("there would be a caterer, a florist and a photographer"), people named as what someone
        else does ("someone who employs crane operators": the one to meet is "someone")."""
        return self._speaks_in_story(span) or self._seeks_others(span, spans) or _said_to_exist(span) \
            or _meets_other_role(span, spans) is not None or self._object_of_someone(span)

    def structural_target(self, span: Span) -> bool:
        """True when a target rests on structure that a learned judgement may not overturn: the
        writer or the reader seeks or meets the person ("I'm looking for a CPA", "Meet plant
        managers"), a contact with them is sought ("focus groups with school staff"), they are
        sought in the passive ("Tutors are needed"), or the writer wants them to say something
        ("I want recruiters to tell me …", "find out whether HR directors say …")."""
        who, verb = self._seeking(span.root)
        if who in ("writer", "reader", "contact", "passive") and (
                who == "contact" or verb.lemma_.lower() in self.people_seeking_verbs):
            return True  # (not a verb of dealing: "I sell HVAC controls", "pitching investors")
        root = span.root
        verb = root.head
        return root.dep_ == "nsubj" and verb.i > root.i and verb.lemma_ in self.speech_verbs \
            and verb.tag_ in ("VB", "VBP", "VBZ") and not _reports_speech(verb) \
            and not _is_question(sentence_of(span.doc, span.start))

    def seeker_of(self, token: Token) -> str | None:
        """Who seeks the role whose root is ``token``: the subject of the verb of seeking or
        meeting it hangs from (see ``_token_sought``), as "writer" (I, we), "reader" ("you", or
        none: an imperative), "other" (a third party: "Researchers are looking for …"), the first
        or the third with "_past" for a past event ("We interviewed 20 nurses"), "passive"
        ("Tutors are needed"); None when no such verb is after it. For the role judge: whether
        the person is sought, and by whom, is what tells a person to meet from one talked about."""
        return self._seeking(token)[0]

    def _seeking(self, token: Token) -> tuple[str | None, Token | None]:
        """:meth:`seeker_of`, with the verb of seeking or meeting (or the contact noun) it found."""
        for _ in range(16):
            if token.dep_ == "nsubjpass" and self._seeks(token.head):
                return "passive", token.head
            if token.dep_ not in _SOUGHT_PATH or token.head.i == token.i:
                return None, None
            head = token.head
            if head.pos_ in ("VERB", "AUX") and self._seeks(head):
                verb = head
                while verb.dep_ in ("xcomp", "conj", "advcl") and not any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and verb.head.i != verb.i:
                    verb = verb.head  # "I want to meet …", "I'd love to talk with …"
                subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is None or subject.lower_ in ("you", "anyone", "anybody"):
                    return "reader", head
                who = "writer" if subject.lower_ in _WRITER else "other"
                # a past event reported ("We interviewed 20 nurses who …") is no ask
                return (who + "_past" if verb.tag_ == "VBD" or head.tag_ == "VBD" else who), head
            if head.pos_ == "NOUN" and head.lower_ in self.contact_nouns:
                return "contact", head  # "interviews with nurses", "a survey of farmers"
            token = head
        return None, None

    def acts_in_statement(self, span: Span) -> bool:
        """Public form of :func:`_acts_in_statement`, for the role judge."""
        return _acts_in_statement(span)

    def _seeks(self, verb: Token) -> bool:
        """The verb is one of seeking or meeting people ("look", "hire", "meet", "talk")."""
        return verb.lemma_ in self.sought_by or verb.lower_ in self.sought_by

    def _generic_statement(self, span: Span) -> bool:
        """True when the role is the subject of a statement about what such people are like or do
        in general, in the present tense, with a quantifier or "the" ("Most inspectors have some
        background in building", "Many mortgage brokers rely on referrers", "The lawyer who
        represents himself has a fool for a client", "guitarists all believe …"): background, not
        the people asked for. Not a form of "be" ("Journalists are busy people", "good drummers
        are hard to come by": where the writer says who is wanted), not a bare kind ("Science
        teachers have a natural attraction to this program"), not a verb of seeking, not a
        question."""
        root = span.root
        verb = root.head
        if root.dep_ != "nsubj" or verb.i < root.i or verb.tag_ not in ("VBP", "VBZ"):
            return False
        if verb.dep_ != "ROOT" and not (verb.dep_ == "ccomp" and verb.i < verb.head.i):
            return False  # (a first clause before ", so I'd like …" is parsed as the object of "like")
        if verb.pos_ != "VERB" or _is_be(verb) or verb.lemma_ in self.seeking_verbs:
            return False
        quantified = any(c.dep_ in ("det", "amod", "predet") and c.lower_ in _GENERIC_QUANTIFIERS and c.i < root.i
                         for c in root.children) or any(c.lower_ == "all" and c.i == root.i + 1 for c in verb.children)
        return quantified and not _is_question(sentence_of(span.doc, span.start))

    def _denied_of(self, span: Span) -> str | None:
        """The relation of a role that is the subject of a negated statement: "excluded" when the
        statement says they are not who is wanted ("A corporate lawyer is not good enough here",
        "buyers should not be your point of entry", "… are not who I need"), "mention" when it
        says what they do not do or are not otherwise ("Accountants simply cannot wait for
        referrals", "Brokers do not need to exist", "Recruiters aren't the enemy"); None otherwise. Not when the statement is about finding them ("a good
        welder is not an easy thing to find": sought), not "not just/only", not in a question."""
        root = span.root
        while root.dep_ in ("conj", "appos") and root.head.i < root.i:
            root = root.head
        verb = root.head
        if root.dep_ not in ("nsubj", "nsubjpass") or verb.i < root.i or verb.pos_ not in ("VERB", "AUX"):
            return None
        negations = [c for c in verb.children if c.dep_ == "neg"]
        if not negations or _is_question(sentence_of(span.doc, span.start)):
            return None
        doc = span.doc
        if any(n.i + 1 < len(doc) and doc[n.i + 1].lower_ in ("just", "only", "merely", "simply") for n in negations):
            return None  # "… isn't just convenient, it's essential"
        if _is_be(verb) and self._predicate_speaks_of_fit(verb):
            return "excluded"  # "… is not the right partner", "… are not who I need"
        if any(self._seeks(t) for t in verb.subtree if t.pos_ == "VERB" and t.i > root.i):
            return None  # "… is not an easy thing to find", "don't want to meet …" (said of the subject)
        # (what else they are not says nothing of whom the writer wants: "Recruiters aren't the
        # enemy", "Developers aren't the problem")
        return "mention"

    def _predicate_speaks_of_fit(self, verb: Token) -> bool:
        """True when what follows "be" says whether the subject fits or is wanted: a word of fit
        ("right", "good enough", "a fit", "the point of entry": the vocab list fit_words) or a
        clause of the writer seeking ("who I need", "what we're looking for")."""
        return self._complement_says(verb, self.fit_words, ("attr", "acomp", "ccomp", "xcomp", "advmod"))

    def _complement_says(self, verb: Token, words: frozenset[str], deps: tuple[str, ...]) -> bool:
        # What follows "be" (its complements of the kinds ``deps``) holds one of ``words`` or a
        # clause of the writer seeking ("who I want to meet"; not "Your rep might be able to
        # introduce you": the seeker must be I or we).
        for child in verb.children:
            if child.i < verb.i or child.dep_ not in deps:
                continue
            for token in child.subtree:
                if token.lower_ in words or token.lemma_.lower() in words:
                    return True
                if token.pos_ in ("VERB", "AUX") and self._seeks(token) and any(
                        c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in token.children):
                    return True
        return False

    def _describes_writer(self, span: Span, own_roots: set[int]) -> bool:
        """True when the role is named in a "who" clause on the writer's own role, to say what the
        writer is or does ("As one of the few MBAs who went on to become a computer scientist",
        "as a recruiter who places nurses"), or in an "as a …" phrase of any clause on it ("If you
        are a new grad embarking on your first year as a working therapist"); not when the clause
        says whom the writer seeks ("I'm a landscaper looking to meet property managers")."""
        if not own_roots or not _inside_other(span, own_roots):
            return False
        token = span.root
        # "as a …" in a clause on the writer's or reader's own role says what they are or will be
        # ("If you are a new grad embarking on your first year as a working therapist")
        described = token.dep_ == "pobj" and token.head.lower_ == "as"
        while token.i not in own_roots and token.head.i != token.i:
            described = described or token.dep_ == "relcl"
            token = token.head
            if token.lemma_ in self.seeking_verbs or token.lower_ in self.seeking_verbs \
                    or token.lemma_ in _INTENT_VERBS or token.lemma_ in self.referral_verbs:
                return False
        # (a "who" clause says what the writer is; a participle what they are doing: "We are
        # graduate students organising a panel of civil engineers" gathers the engineers)
        return described

    def _object_of_someone(self, span: Span) -> bool:
        """True when the role is the object of a clause describing an unnamed person ("anyone that
        hires software developers", "people who sell to dentists"): the text asks for that person,
        and names the role only to say what they do. Not "someone who is a tax lawyer"."""
        token = span.root
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head  # "… hires software developers and system engineers"
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            token = token.head
        if token.dep_ not in ("dobj", "prep"):
            return False
        verb = token.head
        if verb.dep_ != "relcl" or _is_be(verb):
            return False
        if verb.lemma_ in self.referral_verbs or verb.lemma_ in ("know", "explain"):
            return False  # "people who could introduce me to VCs", "anybody who knows about customs brokers"
        if token.dep_ == "prep" and token.lower_ == "as":
            return False  # "those who work as nurses": what they are
        holder = verb.head
        if holder.pos_ not in ("NOUN", "PRON"):
            return False
        low, lemma = holder.lower_, holder.lemma_.lower()
        # (a company, a business or a person no list holds as a title: "businesses that need an
        # accountant", "companies who have used freelance copywriters", "new moms who may have
        # worked with doulas"; a role's own "who" clause is another rule's: "recruiters who place nurses")
        return low in self.generic_people_words or (verb.dep_ == "relcl" and (
            low in self.org_words or lemma in self.org_words or low in self.people_words or lemma in self.people_words)
            and not (self.is_role_head(low) or self.is_role_head(lemma)))

    def _speaks_in_story(self, span: Span) -> bool:
        """True when the role is someone who spoke or acted in a story or a news report: the
        subject of a past-tense verb of saying ("One intern told me …", "Council members expressed
        …") or of a past-tense verb whose object is the writer ("a CPA … contacted me"), or a role
        described by a verb of saying ("musicians telling me …", "owners who said …"). They are
        quoted, not asked for. Not in a question ("Which recruiter told you …?")."""
        root = span.root
        if _is_question(sentence_of(span.doc, span.start)):
            return False
        verb = root.head
        if root.dep_ == "pobj" and verb.lower_ == "from" and verb.head.lemma_ == "hear" \
                and verb.head.tag_ in ("VBD", "VBN"):
            return True  # "We heard from many buyers that …", "I heard from two owners who said …"
        if root.dep_ == "nsubj" and verb.tag_ == "VBD" and verb.i > root.i:
            if verb.lemma_ in self.speech_verbs or _to_the_writer(verb):
                return True  # "One intern told me …", "a CPA from the next town over contacted me"
        if root.dep_ == "nsubj" and verb.lemma_ == "ask" and verb.i > root.i and _asks_a_question(verb):
            return True  # "Every so often a recent journalism grad asks about …", "Astronomers ask me about …"
        if root.dep_ == "nsubj" and verb.lemma_ in self.speech_verbs and verb.lemma_ != "ask":
            if verb.i < root.i and verb.tag_ in ("VBD", "VBZ"):
                return True  # '"We are looking for coaches …," said Barker': a quote's speaker, inverted
            if verb.i > root.i and verb.tag_ in ("VBP", "VBZ", "VB") \
                    and any(c.dep_ == "ccomp" for c in verb.children) and _reports_speech(verb):
                # what such people say, reported ("Spokesmen for companies in Odessa say it's a
                # profession …", "I constantly hear practice managers say they are too busy")
                return True
        for child in root.children:
            if child.dep_ not in ("acl", "relcl") or child.lemma_ not in self.speech_verbs:
                continue
            speaks_to_writer = _to_the_writer(child)
            says_something = speaks_to_writer or any(c.dep_ in ("ccomp", "parataxis") for c in child.children)
            if child.tag_ == "VBG" and child.i == root.i + 1 and (speaks_to_writer or child.lemma_ != "ask") or (
                    child.tag_ == "VBD" and says_something
                    and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in child.children)):
                # "musicians telling me …", "two owners … who said …"; not "emails to professors
                # asking them …", where the writer asks
                return True
        return False

    def _writers_people_acting(self, span: Span) -> bool:
        """True when the role is the writer's own people ("my", "our") as the subject of a
        statement ("Our cannabis business lawyers are often asked to recommend accountants", "some
        of our long-time carpenters are retiring", "One of my photographer friends called me",
        "supported by our outreach partners"): people the writer has, who do something in the
        text; not people the writer asks for ("in touch with every one of our farmers", "speaking
        to our congressional staffers"), not a verb of seeking, not a question."""
        root = span.root
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head
        if not any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in root.children):
            return False
        token = root
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("NOUN", "PRON", "NUM", "DET"):
            token = token.head.head  # "some of our carpenters", "one of my friends"
        if token.dep_ == "pobj" and token.head.dep_ == "agent":
            token = token.head  # "supported by our partners"
        elif token.dep_ not in ("nsubj", "nsubjpass"):
            return False
        verb = token.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ in self.seeker_verbs:
            return False  # "our members need …", "our nurses are needed": seeking, or sought
        if token.dep_ == "nsubj" and verb.lemma_ in self.seeking_verbs and not _to_the_writer(verb):
            return False  # "our engineers want to meet …"; but "one of my friends called me" acts
        return not _is_question(sentence_of(span.doc, span.start))

    def _titles_a_named_person(self, span: Span) -> bool:
        """True when the role stands after a person's full name as its apposition ("said David
        Hudson, president, Xcel Energy", "Kamala Srinivasan, the director of ABI"): it says who
        that one person is (news and thank-you notes quoting people), and a named person alone is
        no kind of person to meet (rubric). Not when the writer asks to meet the named person
        ("Contact Coach Education Manager, Gerard O Donnell": the title comes first there)."""
        root = span.root
        start = span.start
        while root.dep_ == "conj" and root.head.i < root.i and root.head.tag_ != "NNP":
            root = root.head  # "Adrian Lipscombe, chef and owner of …": the owner is that person too
            start = root.left_edge.i
        if span.root.tag_ in ("NNS", "NNPS") or root.tag_ in ("NNS", "NNPS"):
            return False  # a plural is no one person's title: "Meet Tom Reed, accountants and bookkeepers"
        name = root.head
        # (the parser takes a bare title after the name for a list item: "Adrian Lipscombe, chef
        # and owner of …")
        if root.dep_ not in ("appos", "conj") or name.i > root.i or name.tag_ != "NNP" or name.is_upper \
                or self.is_role_head(name.lower_):
            return False  # (a title in capitals is no name: "Registered Nurse Anesthetist (CRNA)")
        k = start - 1
        # back over the article and the title's own modifiers left out of the span ("David
        # Weller, the community manager at …")
        while k > name.i and (span.doc[k].lower_ in ("the", "a", "an") or (
                span.doc[k].head.i == root.i and span.doc[k].dep_ in ("compound", "amod", "nmod", "det"))):
            k -= 1
        if k <= name.i or span.doc[k].text != ",":
            return False  # "Name, title": not "Intensive Care Unit (ICU) nurses"
        if not any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == name.i - 1 and not c.is_upper
                   and not self.is_role_head(c.lower_) for c in name.children):
            return False  # a full name has a first name: not an acronym ("Certified Nurse Anesthetist (CRNA)")
        slot = name.head.head if name.dep_ == "pobj" else name.head
        return not (name.dep_ in ("dobj", "pobj") and (slot.lemma_ in self.seeking_verbs
                                                      or slot.lower_ in self.seeking_verbs))

    def _seeks_others(self, span: Span, spans: list[Span]) -> bool:
        """True when the role is the subject of a verb of seeking whose object is people, and the
        subject is not the writer: "Researchers … are looking for prescribers", "the legal services
        provider recruits private attorneys", "The organizers are looking for law students"."""
        root = span.root
        if root.dep_ == "dobj" and root.head.pos_ == "VERB" and root.head.lemma_ not in self.seeking_verbs:
            # the object of a verb is the subject of its infinitive: "The city advises owners of old
            # buildings to hire an engineer", "… forced legal aid groups to seek attorneys"
            control = [c for c in root.head.children if c.dep_ in ("xcomp", "ccomp") and c.i > root.i
                       and c.tag_ == "VB" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)]
            if not control or control[0].lemma_ not in self.seeker_verbs:
                return False
            verb = control[0]
        elif root.dep_ != "nsubj":
            return False
        else:
            verb = root.head
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("relcl", "acl"):
            return False
        sought = self._seeking_verb_of(verb)
        if sought is None:
            return False
        doc = span.doc
        if any(t.text in ("-", "—", "–", ":", ";") for t in doc[span.end:max(span.end, verb.i)]):
            return False  # "Insurance brokers - looking for someone to explain …": a heading, then the writer's ask
        if _is_question(sentence_of(doc, span.start)) or _asks_how(verb) or any(
                t.dep_ == "aux" and t.i < root.i and t.lemma_ == "do" for t in verb.children):
            return False  # "What do hotel general managers look for in a vendor?", "learn how
            # principals recruit teachers": asked of them
        other_roots = {s.root.i for s in spans if s.root.i != root.i}
        for token in sought.subtree:
            if token.i <= sought.i or token.i in range(span.start, span.end):
                continue
            if token.i in other_roots and token.dep_ in ("dobj", "pobj", "conj", "appos"):
                return True
            embedded_subject = token.dep_ == "nsubj" and token.head.i != sought.i  # "looking for X to volunteer"
            if (token.dep_ in ("dobj", "pobj") or embedded_subject) and token.pos_ in ("NOUN", "PROPN") and (
                    token.lemma_.lower() in self.people_words or token.lower_ in self.people_words
                    or self.is_role_head(token.lower_) or self.is_role_head(token.lemma_.lower())):
                return True  # "looking for law students", "seeking volunteers"
        return False

    def _seeking_verb_of(self, verb: Token) -> Token | None:
        """``verb`` itself if it is a verb of seeking people, else such a verb it opens ("are
        looking to recruit", "wanted to work with"), else None."""
        for candidate in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
            if candidate.lemma_ in self.seeker_verbs or candidate.lower_ in self.seeker_verbs:
                return candidate
        return None

    def _example_of(self, doc: Doc, span: Span, relation_of_root: dict[int, str]) -> str | None:
        """The relation of the role ``span`` gives examples of, if it does: a role right after an
        enumeration cue ("educators, including teachers", "(e.g., library directors)"), or one
        coordinated with such an example ("including teachers, … and media specialists")."""
        root = span.root
        if root.dep_ in ("conj", "appos") and root.head.i in relation_of_root and root.head.i < root.i:
            previous = root.head
            if any(t.lower_ in self.enumeration_words for t in doc[max(0, previous.left_edge.i - 4):previous.i]):
                return relation_of_root[previous.i]
        k = span.start - 1
        while k >= 0 and doc[k].text in (",", "(", ":", "-", "—"):
            k -= 1
        cue_end = k + 1
        for length in (2, 1):
            start = cue_end - length
            if start < 0 or " ".join(t.lower_ for t in doc[start:cue_end]) not in self.enumeration_cues:
                continue
            if doc[start].lower_ == "like" and start > 0 and doc[start - 1].pos_ not in ("NOUN", "PROPN", "PUNCT"):
                return None  # "I'd like recruiters …" is a wish, not an example
            if doc[start].tag_ == "VB" and start > 0 and doc[start - 1].lower_ == "to":
                return None  # "the need to include landlords": a verb of its own, not examples
            # the role before the cue, in the same sentence
            sent = sentence_of(doc, span.start)
            for j in range(start - 1, sent.start - 1, -1):
                if j in relation_of_root:
                    return relation_of_root[j]
            return None
        return None

    def is_own_role(self, doc: Doc, span: Span) -> bool:
        """True when ``span`` is the writer's own role ("I'm a web designer", "Bookkeeper here")."""
        sent = sentence_of(doc, span.start)
        before = _text_before_modifiers(doc, span, sent)
        if before.strip().lower() in _OWN_ROLE_OPENERS:
            return True
        cue = _OWN_ROLE_BEFORE.search(before)
        if cue and _said_to_exist(span) and re.search(r"\bbe\b", cue.group(0), re.I):
            cue = None  # "there might be a general counsel": someone who may be there, not the writer
        if cue:
            # "As a nurse, …", "Being a probate attorney, my best referral sources …": an opening
            # phrase is the writer's whatever the clause's subject; elsewhere the clause must be
            # the writer's: not "if anyone is interested in being an investor", "volunteers to
            # serve as interpreters", "one who wants to be a published novelist".
            if _FIRST_PERSON.search(cue.group(0)):
                return True  # "I'm a …", "we as …", "our firm of …": the cue names the writer
            becoming = bool(re.search(r"\b(?:be|become|becoming|being)\b", cue.group(0), re.I))
            if not before[:cue.start()].strip() or _clause_is_writers(span, becoming, self._names_no_person):
                return True
            return not becoming and re.search(r"\bas(?: an?| the)?$", cue.group(0).strip(), re.I) is not None \
                and _as_phrase_is_readers(span)
        if not before.strip() and span.end < sent.end and self._opens_self_introduction(doc, span):
            return True
        if _in_apposition_with_writer(span) and not self.structural_target(span):
            # "I, an experienced program manager, …", "for us developers", "we journalists"; but not
            # people the writer seeks or meets ("hoping to meet us healthcare consultants": the country)
            return True
        after = doc[span.end:span.end + 2]
        if len(after) == 2 and after[0].lower_ == "and" and after[1].lower_ in ("i", "me") and after[1].text != "ME":
            return True  # "my fellow nurses and I …", "other dentists and I"
        after = [t.lower_ for t in doc[span.end:min(span.end + 6, sent.end)] if not t.is_punct]
        if any(a in ("including", "like", "incl") and b in ("me", "myself", "us", "ourselves")
               for a, b in zip(after[:5], after[1:6])):
            return True  # "Some growers in my area (including me) …"
        if span.start > sent.start and doc[span.start - 1].lower_ == "as" and span.end + 1 < sent.end \
                and doc[span.end].text == "," and doc[span.end + 1].lower_ in ("we", "i"):
            return True  # "as truckers, we need to …": a plural role with no article
        root = span.root
        if _career_change_slot(root) == "from":
            return True  # "switching from inpatient oncology nurse to …": what the writer is now
        if self._advised_kind(span, sent):
            return True  # "installers should also partner with …": the kind of person advised
        if _addressed_audience(span, sent, self.advice_nouns):
            return True  # "For travel bloggers, here are five tips …", "Tips for new realtors"
        if root.dep_ == "nsubj" and root.head.tag_ in ("VBZ", "VBG") and root.head.i > root.i \
                and (root.head.lemma_ in self.seeking_verbs or root.head.lemma_ == "seek") \
                and span[-1].tag_ not in ("NNS", "NNPS") \
                and all(t.pos_ in ("PROPN", "PUNCT") for t in doc[sent.start:span.start]):
            return True  # "Steve P. … Tech Entrepreneur seeks sales partners": a profile's own role
        if root.dep_ in ("attr", "appos") and _is_be(root.head):
            if self._reader_as_networker(doc, root.head, sent):
                return True
            # "I am …", "We are …", "My wife and I are both pharmacists"
            return any(c.dep_ == "nsubj" and (c.lower_ in ("i", "we") or any(
                m.lower_ in ("i", "we") for m in c.conjuncts)) for c in root.head.children)
        return False

    def _advised_kind(self, span: Span, sent: Span) -> bool:
        """Advice about how a kind of person in general should network, in the third person: a role
        with no determiner or with "a/an" that is the subject of a modal verb or of an "if/when"
        clause, or with "every/each" and "should", or urged with "every/each" ("installers should
        also partner with established organizations", "Every food truck operator should grow …",
        "I would encourage every salon leader to …", "An estate
        planning attorney with three CPA partners can generate …", "If a company owner joins an
        organization …"). The role is the one advised, as the reader is in "If you're a freelance
        editor, you could ask …"; the people it should meet are named elsewhere. Not a form of
        "be" or a passive ("Tutors aged 21 and up are needed"), not a call that names the writer
        ("Interested pharmacists can contact us"), not in a question, not a particular person
        ("The Treasurer should have …")."""
        root = span.root
        verb = root.head
        determiners = [c.lower_ for c in root.children if c.dep_ in ("det", "poss", "nummod")]
        urged = root.dep_ == "dobj" and verb.lemma_ in self.urging_verbs and determiners[:1] in (["every"], ["each"])
        if urged and any(c.dep_ in ("xcomp", "ccomp") and c.i > root.i for c in verb.children) \
                and not _is_question(sent):
            return True  # "I would encourage every salon leader to evaluate their network"
        if root.dep_ != "nsubj" or verb.i < root.i or verb.pos_ != "VERB" or _is_be(verb):
            return False
        if verb.dep_ not in ("ROOT", "advcl") or _is_question(sent):
            return False
        if any(d not in ("a", "an", "every", "each") for d in determiners):
            return False
        # a bare plural only with "should": "Pharmacists may take part until May 1", "Farmers must
        # farm ten acres" are a call and a requirement, said of the people sought; "every" too
        # ("Every food truck operator should grow …"), not "every nurse can apply"
        modals = ("should", "ought") if not determiners or determiners[0] in ("every", "each") else _ADVICE_MODALS
        modal = any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)
        conditional = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "when")
                                                   for c in verb.children)
        if not (modal or conditional) or (conditional and not determiners):
            return False
        return not any(t.lower_ in _WRITER or t.lower_ in ("my", "our") for t in verb.subtree)

    def _names_no_person(self, noun: Token) -> bool:
        """True when the noun names no kind of person ("time", "team"; not "cofounders", "someone")."""
        return not (noun.lower_ in self.people_words or noun.lemma_.lower() in self.people_words
                    or self.is_role_head(noun.lower_) or self.is_role_head(noun.lemma_.lower())
                    or noun.lower_ in self.generic_people_words)

    def _reader_as_networker(self, doc: Doc, be: Token, sent: Span) -> bool:
        """Advice to the reader about their own networking: "If you're a freelance editor, you
        could ask friends …", "When you're a small business owner, you're looking for …", "If you
        are a young librarian, don't hesitate to ask …", "Perhaps you're a nurse looking to move
        …". The role is the reader's own, as the writer's is in "I'm a …". Not a call to the
        reader, where the rest of the sentence names the writer or a taking part ("If you are a
        hygienist, we invite you to …", "… please contact me", "complete this survey if you are
        …", "a researcher is looking for you"), nor a question ("If you're a writer, where do you
        find beta readers?"), which ask for them; nor a favour asked of the reader that names no
        people and no meeting ("If you're a Seattle-based blogger, point them in this direction")."""
        if not any(c.dep_ == "nsubj" and c.lower_ == "you" for c in be.children) or _is_question(sent):
            return False
        # ("when" is parsed as an adverb of the clause, "if" as its marker)
        conditional = be.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in self.condition_words
                                                 for c in be.children)
        supposed = any(c.dep_ == "advmod" and c.lower_ in ("perhaps", "maybe") and c.i < be.i for c in be.children)
        if not (conditional or supposed):
            return False
        inside = range(be.left_edge.i, be.right_edge.i + 1) if conditional else range(0)
        rest = [t for t in sent if t.i not in inside]
        # (the writer who only gives the advice makes no call: "If you are a new grad …, I highly
        # recommend you look for a setting that provides mentorship")
        advising = {t.i for t in rest if t.dep_ == "nsubj" and t.lower_ in ("i", "we")
                    and t.head.lemma_ in self.urging_verbs and any(c.dep_ in ("ccomp", "xcomp") for c in t.head.children)}
        if any((t.lower_ in _WRITER or t.lower_ in ("my", "our")) and t.i not in advising
               or t.lemma_ in self.call_words or t.lower_ in self.call_words for t in rest):
            return False  # a call: "we invite you", "contact me", "take part in the study"
        # "a Manitoba researcher is looking for you": the reader is sought
        if any(t.lower_ == "you" and t.dep_ in ("dobj", "pobj") and t.head.i not in inside
               and (self._seeks(t.head) or t.head.dep_ == "prep" and self._seeks(t.head.head)) for t in rest):
            return False
        main = be.head
        if conditional and any(c.dep_ == "nsubj" and c.lower_ == "you" for c in main.children) and (
                any(c.dep_ == "aux" and c.tag_ == "MD" for c in main.children) or main.lemma_ in self.seeking_verbs):
            return True  # "If you're a freelance editor, you could ask …", "… you should attend …"
        # advice on the reader's networking names people or a meeting ("ask a seasoned colleague",
        # "know who to talk to", "working with an editor"); "If you're a blogger, point them here"
        # asks the reader a favour
        return any(t.lemma_ in self.meeting_verbs or t.lower_ in self.meeting_verbs
                   or t.pos_ == "NOUN" and not self._names_no_person(t) for t in rest)

    def is_excluded(self, doc: Doc, span: Span, role_tokens: set[int]) -> bool:
        """True when the writer rules the role out; see the module docstring."""
        sent = sentence_of(doc, span.start)
        k = span.start - 1
        saw_verb = False
        after_thing_and = False  # crossed "and" after a noun that is no role
        while k >= sent.start and span.start - k <= 10:
            token = doc[k]
            low = token.lower_
            if k in role_tokens:  # another role of the same list: "not recruiters or headhunters"
                k -= 1
                continue
            if token.is_punct and low not in ("-", "/", "&", "'"):
                return False
            if low == "but":
                before = doc[k - 1].lower_ if k > sent.start else ""
                return before in ("anyone", "anybody", "everyone", "everybody", "all", "nobody")
            if low in ("than", "of") and k > sent.start and doc[k - 1].lower_ in ("rather", "other", "instead"):
                return True
            if low == "than" and any(t.lower_ == "rather" for t in doc[sent.start:k]):
                return True  # "I'd rather meet plant managers … than consultants"
            if low == "than" and k > sent.start and any(t.lower_ == "better" for t in doc[max(sent.start, k - 4):k]) \
                    and token.is_ancestor(span.root):
                return True  # "catering staff is a better option than off work waiters"; not "a better
                #             way than cold calling is meeting wedding planners"
            if low == "of" and k > sent.start and doc[k - 1].lower_ == "rid":
                return True  # "Get rid of that bartender"
            if token.tag_ == "VBG" and k > sent.start and doc[k - 1].lower_ in self.avoiding_verbs \
                    and token.is_ancestor(span.root) \
                    and not any(t.lower_ in _NEGATIONS for t in doc[max(sent.start, k - 4):k - 1]):
                return True  # "Avoid asking photographers for referrals": the verb after the cue is ruled
                #             out; not "Don't stop asking plumbers", "never stop learning from machinists"
            if low in self.exclusion_cues and low not in ("rather", "instead"):
                if token.dep_ == "prep" and after_thing_and and (token.head.i in role_tokens or k - 1 in role_tokens):
                    return False  # "farmers without an heir and new farmers": the cue qualifies the
                    # role before it and rules out its own object; the role after "and" is another
                    # item of the outer list (the parser may hang it under the cue)
                if low == "not" and k > sent.start and doc[k - 1].lower_ == "why":
                    return False  # "why not talk to some immigration lawyers?": a suggestion
                if token.dep_ == "det" and token.head.i not in role_tokens and token.head.i < span.start:
                    return False  # "There is no question that divorce attorneys …": "no" is the question's
                if low == "not" and k + 1 < len(doc) and doc[k + 1].lower_ in ("only", "just", "that", "because"):
                    return False  # "not just PIs", "It's not that town clerks know …": not ruled out
                # "don't forget to look for directors", "never skip the …": a reminder, not a refusal
                return not (low in self.refusal_cues and (k + 1 < len(doc) and doc[k + 1].lower_ == "to" or any(
                    t.lower_ in _NEGATIONS for t in doc[max(sent.start, k - 2):k])))
            # ("DON'T" in capitals stays one token)
            if (low in _NEGATIONS and low != "not") or low.endswith(("n't", "n’t")) or (low == "not" and saw_verb):
                return saw_verb
            if low in self.weariness:
                # "done with", "tired of", "done chasing"; not "our taxes done professionally by a CPA"
                after = doc[k + 1] if k + 1 < len(doc) else None
                return after is None or after.lower_ in ("with", "of") or after.tag_ == "VBG" or after.i >= span.start
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() not in self.want_verbs \
                    and low not in self.want_verbs and token.lemma_ not in ("be", "do", "will", "would"):
                return False  # another verb: "I don't know any CPAs, …" is not ruling them out
            if token.pos_ == "VERB" or low in self.want_verbs:
                saw_verb = True
            if token.pos_ == "PRON" and token.dep_ in ("nsubj", "nsubjpass"):
                return False  # a new subject starts a new clause: "… I'd like to meet hiring managers"
            if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj" and token.head.lower_ in self.exclusion_cues \
                    and not token.is_ancestor(span.root):
                return False  # the cue rules out its own object: "farmers without an heir and new farmers"
            if low in ("and", "or") and k + 1 < len(doc) and doc[k + 1].pos_ in ("VERB", "AUX"):
                return False  # "… and want to meet bank loan officers": a new clause
            if low in ("and", "or") and k > sent.start and doc[k - 1].pos_ in ("NOUN", "PROPN") \
                    and doc[k - 1].i not in role_tokens:
                after_thing_and = True  # "… an heir and new farmers": a thing, then "and"
            k -= 1
        return False

    def _opens_self_introduction(self, doc: Doc, span: Span) -> bool:
        """A fragment that opens with the writer's role: "Bookkeeper here;", "Court reporter looking to …"."""
        nxt = doc[span.end]
        if nxt.lower_ == "here":
            return True
        if nxt.text == "?" and span.start == 0 and span[-1].tag_ not in ("NNS", "NNPS"):
            return True  # "Real estate agent? Couples downsizing; …": advice to the writer's own kind
        if span[-1].tag_ in ("NNS", "NNPS") or span[-1].lower_.endswith("s"):
            return False  # "Event planners, any of them": plural openers are who to meet
        after = doc[span.end + 1] if span.end + 1 < len(doc) else None
        return nxt.lower_ in self.self_intro_next or (
            nxt.text in (",", ":", ";", "-", "—") and after is not None
            and after.lower_ not in ("to", "who", "that", "in", "at", "from", "with", "and", "or")
            and after.pos_ != "PROPN")

    def _next_list_item_of(self, doc: Doc, span: Span, relation_of_root: dict[int, str]) -> str | None:
        """The relation of the list a role continues when its items open alike: ", a/an …" after
        earlier roles opened by "a/an" ("I need a banker for the estate, a realtor who sells rural
        land, an immigration lawyer, or a tax preparer"): each item is one of the people sought,
        whatever clause the item before it ends with."""
        k = span.start - 1
        if k < 1 or doc[k].lower_ not in ("a", "an"):
            return None
        k -= 1
        if doc[k].lower_ in ("or", "and"):
            k -= 1
        if k < 0 or doc[k].text != ",":
            return None
        sent = sentence_of(doc, span.start)
        for j in range(k - 1, sent.start, -1):
            if j in relation_of_root:
                root = doc[j]
                first = root.left_edge
                if first.i > sent.start and first.lower_ in ("a", "an"):
                    return relation_of_root[j]
        return None

    def _sought_by_writer(self, span: Span) -> bool:
        """The role is the object of a verb of seeking or meeting whose subject is the writer or
        nobody ("to find good developers", "look for retired engineers"), not someone else
        ("how they hired engineers")."""
        root = span.root
        doc = span.doc
        if span.end < len(doc) and doc[span.end].tag_ in ("VBP", "VBZ", "VBD", "MD"):
            return False  # "ask which planners refer them": the subject of a clause, misread as an object
        verb = root.head
        if root.dep_ == "pobj" and verb.lower_ in ("of", "with", "to", "among") \
                and verb.head.lower_ in self.contact_nouns and verb.head.pos_ == "NOUN":
            return True  # "a national survey of long-haul truck drivers", "interviews with nurses"
        if root.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        elif root.dep_ != "dobj":
            return False
        if verb.pos_ != "VERB" or (verb.lemma_ not in self.seeking_verbs and verb.lower_ not in self.seeking_verbs):
            return False
        if verb.dep_ == "relcl" or verb.dep_ == "acl" and not (
                any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and self._names_no_person(verb.head)):
            return False  # (but "an effort to connect farmers with buyers", "a chance to meet …": nobody's)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return all(c.lower_ in ("i", "we", "you") for c in subjects)

    def _in_clause_after(self, doc: Doc, previous: Span, span: Span) -> bool:
        """True when ``span`` sits in a clause that follows an earlier target role in its sentence:
        "HR directors … how they recruit *drivers*", "CTOs … about how they hired *engineers*"."""
        if sentence_of(doc, previous.start).start != sentence_of(doc, span.start).start:
            return False
        if self._sought_by_writer(span):
            return False  # "… but it is hard to find good developers": the writer's own search
        between = doc[previous.end:span.start]
        if any(t.lower_ in ("i", "we") and t.dep_ in ("nsubj", "nsubjpass") and t.head.i < span.start
               and (t.head.lemma_ in self.seeking_verbs or t.head.lower_ in self.seeking_verbs
                    or t.head.lemma_ in _INTENT_VERBS) for t in between):
            return False  # the writer's own new clause: "… (I am still looking for a technical co-founder)"
        for k, token in enumerate(between):
            nxt = between[k + 1] if k + 1 < len(between) else None
            if token.lower_ in ("and", "or", "&") and nxt is not None and nxt.lemma_ in self.meet_verbs:
                return False  # "… and talk to CFOs": a second target
            # (a gerund opens no clause about the earlier role: "asking landlords you know …",
            # "quizzing a brewer", "meeting mechanical engineers would help me …" are the writer's)
            if token.lower_ in self.clause_markers or (
                    token.lower_ == "to" and nxt is not None and nxt.pos_ == "VERB"):
                return True
        return False


def _asks_readers_kind(doc: Doc, span: Span, spans: list[Span]) -> bool:
    """"Are you a flooring installer? Do you see a new home going up with a sign naming the
    general contractor?": a question to the reader about their own kind, then advice naming
    other people, in a text where the writer never speaks of themself. The reader's own role, as
    in "If you're a freelance editor, you could ask …". Not a call ("Are you a pediatric OT
    working in a school?" alone, "Are you a nurse? We'd love to hear from you")."""
    root = span.root
    be = root.head
    if root.dep_ != "attr" or not _is_be(be) or be.i > root.i:
        return False
    sent = sentence_of(doc, span.start)
    if doc[sent.start].i != be.i or not _is_question(sent) \
            or not any(c.dep_ == "nsubj" and c.lower_ == "you" for c in be.children):
        return False
    if not any(other.start >= sent.end for other in spans):
        return False  # nobody else is named: the reader is the one asked for
    return not any(t.lower_ in _WRITER or t.lower_ in ("my", "our", "i'm", "i’m", "im") for t in doc)


def _text_before_modifiers(doc: Doc, span: Span, sent: Span) -> str:
    """Up to 60 characters before the role, after stepping back over the writer's own
    modifiers ("I'm a licensed, second-year …")."""
    k = span.start - 1
    while k >= sent.start and span.start - k <= 6 and (
            doc[k].pos_ in ("ADJ", "NOUN", "PROPN", "NUM", "ADV") or doc[k].text in ("-", "/", "&", ",")
            or doc[k].tag_ == "POS"  # "As a children's book author"
            or doc[k].tag_ in ("``", "''") and doc[k].text in _QUOTES  # 'we as "food activists"'
            # the first part of a hyphenated modifier, whatever its tag ("the go-to caterer",
            # "a stay-at-home parent": "go" is tagged a verb)
            or _joined_by_hyphen(doc, k)
    ) and doc[k].lower_ not in ("i", "we", "as", "a", "an", "the", "fellow") and not (k == sent.start and doc[k].lower_ in _OPENING_VERBS):
        k -= 1
    cut = doc[k + 1].idx if k + 1 < span.start else span.start_char
    return text_of(doc)[max(sent.start_char, cut - 60):cut]


def _in_apposition_with_writer(span: Span) -> bool:
    """The role names the writer in apposition: "I, the author/publisher", "I, an experienced
    technical program manager", "us developers", "we journalists" ("US" in capitals is the country)."""
    doc, root = span.doc, span.root
    if root.dep_ == "appos" and root.head.lower_ in _WRITER and root.head.text != "US":
        return True
    if _names_the_writers(span[0]):
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    # (right before the role, and its head or, as the parse sometimes has it, its sibling)
    return prev is not None and _names_the_writers(prev) \
        and (prev.head.i == root.i or prev.head.i == root.head.i and prev.dep_ == root.dep_)  # not "send us engineers"


def _names_the_writers(token: Token) -> bool:
    """"us"/"we" as the writer and company: not "US" (the country in capitals), not "us-based" (the
    country joined to a word), not "Us Weekly" (a capital inside the sentence: a name)."""
    if token.lower_ not in ("us", "we") or token.text == "US":
        return False
    if not token.whitespace_ and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-":
        return False
    return not (token.text[0].isupper() and not token.is_sent_start)


def _joined_by_hyphen(doc: Doc, k: int) -> bool:
    """Whether token ``k`` is joined to the next word by a hyphen written without spaces."""
    return k + 2 < len(doc) and doc[k + 1].text == "-" and not doc[k].whitespace_ and not doc[k + 1].whitespace_


_WRITER = frozenset({"i", "we", "me", "us"})

#: Words that make a statement about people in general: "Most inspectors have …", "The lawyer who …".
_GENERIC_QUANTIFIERS = frozenset({"the", "many", "most", "all", "every", "each", "these", "those"})
#: Modal verbs of advice: "installers should …", "an attorney … can …".
_ADVICE_MODALS = frozenset({"should", "can", "could", "might", "may", "ought"})
#: Quotation marks a writer may put around their own role.
_QUOTES = frozenset({'"', "“", "”"})
#: Forms of "be" with a curly apostrophe, which the base lemmatizer leaves as they are.
_CURLY_BE = frozenset({"’re", "’m"})


def _is_be(token: Token) -> bool:
    """A form of "be", "you’re" and "I’m" with a curly apostrophe included."""
    if token.lemma_ == "be" or token.lower_ in _CURLY_BE:
        return True
    # ("’s" is "is" or "has": "has" when a participle follows, "she’s been")
    return token.lower_ == "’s" and token.pos_ in ("VERB", "AUX") and not (
        token.i + 1 < len(token.doc) and token.nbor(1).tag_ == "VBN")


#: Dependencies from a role up to the verb that seeks it: "talk to CPAs and bankers".
_SOUGHT_PATH = frozenset({"conj", "appos", "pobj", "prep", "dobj", "dative", "xcomp", "pcomp", "npadvmod"})
#: Tags of a finite verb, or of the auxiliary that makes one finite.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


#: Pronouns that stand for people named before: "I want to interview them".
_PLURAL_PRONOUNS = frozenset({"them", "they", "these", "those"})


def _said_to_exist(span: Span) -> bool:
    """The role is what "there is" says exists ("there might be a general counsel")."""
    token = _list_head(span.root)
    return token.dep_ == "attr" and _is_be(token.head) and any(c.dep_ == "expl" for c in token.head.children)


def _list_head(token: Token) -> Token:
    """The first member of the list ``token`` stands in ("nurses" in "nurses and doctors")."""
    while token.dep_ in ("conj", "appos") and token.head.i < token.i:
        token = token.head
    return token


def _role_kind(span: Span) -> str:
    """The role's head word, lower case and singular: "Teachers" and "teacher" are one kind."""
    return singular(span[-1].lower_)


def _acts_in_statement(span: Span) -> bool:
    """True when the role (or the list it stands in) is the subject of a finite verb ("brewers
    bear the responsibility", "small business owners are concerned") or the agent of a passive
    ("performed by MDs"). Not the subject of an infinitive, which a verb before it asks for
    ("looking for library workers to participate", "let your director know"), nor of a "how" or
    "which" clause, which asks about them."""
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i < root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ in ("nsubj", "nsubjpass"):
        root = root.head.head  # "a lot of growers are …": the quantity word is the subject
    verb = root.head
    if root.dep_ not in ("nsubj", "nsubjpass") or verb.i < root.i or verb.pos_ not in ("VERB", "AUX"):
        return False
    if _asks_how(verb) or any(c.tag_ in _WH_TAGS for c in root.children):
        return False  # "learn how school principals recruit teachers": what they do is asked of them
    return verb.tag_ in _FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS
                                           for c in verb.children)


def _is_question(sent: Span) -> bool:
    """The sentence ends with a question mark."""
    return text_of(sent.doc)[sent.start_char:sent.end_char].rstrip().endswith("?")
#: Subjects that are someone other than the writer.
_OTHER_PEOPLE = frozenset({"he", "she", "they", "you", "one", "anyone", "anybody", "someone", "somebody",
                           "everyone", "people", "who", "it", "what"})


def _clause_subject(span: Span, is_thing=None) -> tuple[Token | None, bool]:
    """The subject of the clause holding ``span`` and whether it is a person described by that
    clause ("volunteers to serve as …", "someone who wants to be …"); (None, False) if none.
    ``is_thing``: whether a noun names no person (a clause on it is climbed through)."""
    token = span.root
    for _ in range(10):
        head = token.head
        if head.i == token.i:
            return None, False
        if token.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON") \
                and not (head.pos_ == "NOUN" and is_thing is not None and is_thing(head)):
            return head, True  # (not "I have a hard time finding cofounders as an engineer": a time
            # does not find, the clause goes on up to its subject)
        if token.pos_ == "VERB" and token.i >= 2 and token.nbor(-1).lower_ == "to" \
                and token.nbor(-2).pos_ in ("NOUN", "PROPN", "PRON"):
            return token.nbor(-2), True  # "volunteers to serve as interpreters": the noun before "to" does it
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != token.i]
        if subjects and head.pos_ in ("VERB", "AUX"):
            subject = subjects[0]
            if subject.lower_ in ("who", "that") and subject.head.dep_ == "relcl":
                return subject.head.head, True
            return subject, False
        token = head
    return None, False


def _addressed_audience(span: Span, sent: Span, advice_nouns: frozenset[str]) -> bool:
    """True when the role names the readers a statement or advice is for: a "For …," phrase that
    opens the sentence ("For owner operators, every load matters", "For travel bloggers and
    photographers, here are five tips …") or the "for" of a noun of advice ("Four Tips for
    Bloggers Who Want to …", "Tip for NPs:"). The data's convention: the reader addressed is an
    own role, as in "If you're a …". Not in a question, which asks them ("For you hospital
    contractors, what are your thoughts?")."""
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i < root.i:
        root = root.head
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "for" or _is_question(sent):
        return False
    if prep.head.lower_ in advice_nouns:  # (the vocab list advice_nouns)
        return True
    doc = span.doc
    opening = all(t.lower_ in _OPENING_ADVERBS for t in doc[sent.start:prep.i])
    return opening and prep.head.pos_ in ("VERB", "AUX") and prep.right_edge.i + 1 < sent.end \
        and doc[prep.right_edge.i + 1].text == ","


#: Words that may come before an opening "as a …" phrase: "Especially as a solopreneur, …".
_OPENING_ADVERBS = frozenset({"especially", "particularly", "but", "and", "so", "also", "now", "still", "even",
                              "again", "today", "then", "yet", "well", "plus", "however", ","})


def _as_phrase_is_readers(span: Span) -> bool:
    """True when "as a …" gives the role of the writer or of the reader being advised, though the
    clause's subject is neither "I" nor "we": it opens the sentence after an adverb ("Especially as
    a solopreneur, events with other business owners …"), or its clause's subject is "you" ("in
    the course of your business as a broker, you may be called upon …") or an empty "it" ("It's
    valuable as a first-time founder to have someone to talk to")."""
    doc = span.doc
    prep = span.root.head
    if prep.lower_ != "as" or span.root.dep_ != "pobj":
        return False
    sent = sentence_of(doc, span.start)
    if all(t.lower_ in _OPENING_ADVERBS for t in doc[sent.start:prep.i]) \
            and any(t.text == "," for t in doc[span.end:sent.end]):
        return True
    # the verb the phrase hangs from, through nouns and prepositions only: in "what it's like to
    # work as a financial advisor, you can …" the phrase is about working, not about the reader
    verb = prep.head
    if verb.pos_ == "ADP":
        return False  # "… , for instance, as a financial advisor": a misparse, no telling whose
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.dep_ in ("pobj", "prep", "dobj", "npadvmod"):
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1:
        return False
    subject = subjects[0]
    return subject.lower_ == "you" or (subject.lower_ == "it" and _is_be(verb) and prep.head.i == verb.i)


def _clause_is_writers(span: Span, becoming: bool, is_thing=None) -> bool:
    """True unless the clause holding ``span`` has a subject other than the writer. ``becoming``
    (the cue is "be a", "become a", "being a"): what someone is or wants to be, so the writer's
    unless the subject is another person ("anyone interested in being an investor", "one who
    wants to be a published novelist"); "my goal is to become a pediatrician" is the writer's."""
    subject, described = _clause_subject(span, is_thing)
    if subject is None or subject.lower_ in _WRITER:
        return True
    if not becoming:
        return False
    return not (described or subject.lower_ in _OTHER_PEOPLE or subject.pos_ == "PROPN")


#: Verbs of finding someone: done in the past tense, the person is no longer sought.
_FOUND_VERBS = frozenset({"find", "meet", "hire", "recruit", "get", "land", "sign", "onboard"})


def _already_met_or_there(span: Span) -> bool:
    """A person the writer has already found ("I have found a potential co-founder", "we hired two
    designers"), who is only said to exist ("There are lots of marketers around") or who acts in a
    story ("The entrepreneur responded …", "our keys player flaked out"): not sought."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.tag_ == "VBD" and span.start > 0 \
            and span.doc[span.start - 1].lower_ in ("the", "his", "her", "their", "our", "my", "this", "that"):
        return True  # "The entrepreneur responded …": a particular person in a story
    token = root
    while token.dep_ in ("conj", "appos") and token.head.i < token.i:
        token = token.head  # "there would be a make-up person, a hairdresser, a photographer …"
    # "a ton of non-technical cofounders": climb from the "of" phrase to its quantity word
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("NOUN", "PRON", "NUM"):
        token = token.head.head
    verb = token.head
    if token.dep_ == "attr" and verb.lemma_ == "be" and any(c.dep_ == "expl" and c.i < verb.i for c in verb.children):
        # but "Are there any firmware engineers here?", "(if there are still active maintainers)",
        # "ask if there are other staff", "there might be a general counsel" ask for them or may meet them
        asked = any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in verb.children) \
            and not any(c.dep_ == "neg" for c in verb.children)
        return not asked and not any(c.dep_ == "aux" and c.lower_ in ("might", "may", "could") for c in verb.children)
    if token.dep_ == "attr" and verb.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c.i < verb.i and (c.pos_ == "PROPN" or c.lower_ in ("he", "she"))
            for c in verb.children):
        return True  # "Stephanie is a CPA …": what a particular person in a story is
    if root.dep_ == "dobj" and verb.i == root.head.i and verb.lemma_ in _FOUND_VERBS and verb.tag_ in ("VBD", "VBN"):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return bool(subjects) and all(c.lower_ in _WRITER for c in subjects) \
            and not any(c.dep_ == "neg" for c in verb.children)
    return False


#: Verbs of changing careers: "from" names the writer's role now, "to"/"into" the one they want.
_CAREER_CHANGE_VERBS = frozenset({"switch", "move", "transition", "change", "pivot", "go", "shift", "jump",
                                  "switching", "moving", "transitioning", "pivoting", "shifting"})


#: Of those, the verbs that only ever mean a change ("go to", "move to" may mean a visit).
_CHANGING_ONLY = frozenset({"switch", "transition", "pivot", "shift"})


def _career_change_slot(root: Token) -> str | None:
    """"from" or "to" when ``root`` is the object of that preposition under a verb (or noun) of
    changing careers ("switching from hospital nurse to school nurse", "a move from engineering
    manager into product"), else None."""
    if root.dep_ != "pobj" or root.head.lower_ not in ("from", "to", "into"):
        return None
    prep = root.head
    head = prep.head
    if prep.lower_ in ("to", "into") and head.lower_ == "from" and head.dep_ == "pobj":
        head = head.head  # "to" hanging under the "from" phrase: "from X to Y"
    if prep.lower_ in ("to", "into") and head.dep_ == "pobj" and head.head.lower_ == "from":
        head = head.head.head
    if head.lemma_ not in _CAREER_CHANGE_VERBS and head.lower_ not in _CAREER_CHANGE_VERBS:
        return None
    if prep.lower_ == "from":
        return "from"
    has_from = any(c.lower_ == "from" for c in head.children) or prep.head.lower_ == "from" \
        or (prep.head.dep_ == "pobj" and prep.head.head.lower_ == "from")
    # "go to the hiring manager" is meeting them; "switch to …" or "from X to Y" is a career move
    return "to" if has_from or head.lemma_ in _CHANGING_ONLY else None


def _meets_other_role(span: Span, spans: list[Span]) -> Token | None:
    """The verb of which the role is the subject and another role the object, directly or through
    its prepositions ("for booksellers to network with other booksellers", "How can teachers set up
    sessions with remote authors?", "farmers will get ten minutes each with buyers"), else None.
    The subject is the one who meets; the text is about the people it meets. Not a form of "be"
    ("Mechanics are some of the people …"), and not a verb whose object is the subject's own
    clause ("recruiters who place nurses" has no role as its subject)."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ == "nsubj" \
            and root.head.head.pos_ in ("NOUN", "PRON"):
        root = root.head.head  # "a lot of founders came …": the quantity word is the subject
    if root.dep_ != "nsubj":
        return None
    verb = root.head
    if verb.pos_ != "VERB" or _is_be(verb) or verb.i < root.i:
        return None
    if _is_question(sentence_of(span.doc, span.start)) or _asks_how(verb) or any(
            c.tag_ in _WH_TAGS for c in root.children):
        return None  # "How do restaurant owners find line cooks?", "learn how directors negotiate
        # with farmers", "which managers have hired bootcamp grads": what they do is asked of them
    for other in spans:
        if other.root.i == root.i or other.start < span.end:
            continue
        if _object_of_clause(other.root, verb):
            return verb
    return None


def _to_the_writer(verb: Token) -> bool:
    """The writer is the verb's object: "… contacted me", "… telling us"."""
    return any(c.dep_ in ("dobj", "dative") and c.lower_ in ("me", "us") for c in verb.children)


#: Tags of "how", "what", "which", "who": a clause they open asks what people do.
_WH_TAGS = frozenset({"WRB", "WDT", "WP"})


def _asks_how(verb: Token) -> bool:
    """The clause of ``verb`` is opened by a question word before it ("how they advise growers",
    "what owners look for", "learn how principals recruit teachers")."""
    return any(c.tag_ in _WH_TAGS and c.i < verb.i for c in verb.children)


#: Pronouns that take up the subject of the clause before: "founders came … because *they* were
#: searching for co-founders".
_SAME_SUBJECT = frozenset({"they", "he", "she"})


def _object_of_clause(token: Token, verb: Token) -> bool:
    """True when ``token`` is an object of ``verb``'s clause: its object or prepositional object,
    through lists, gerunds ("the difficulties in finding good trade contractors") and infinitives,
    and through a clause whose subject is a pronoun taking up ``verb``'s subject ("engineers say
    that they are looking for a co-founder")."""
    for _ in range(12):
        dep = token.dep_
        if dep in ("ccomp", "advcl"):
            if not any(c.dep_ == "nsubj" and c.lower_ in _SAME_SUBJECT for c in token.children) or _asks_how(token):
                return False  # not "… to understand how they handled the physicians"
        elif dep not in ("dobj", "pobj", "prep", "conj", "appos", "pcomp", "xcomp", "dative", "npadvmod"):
            return False  # ("npadvmod": "meet one-on-one with buyers", "talk face-to-face with …")
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i == verb.i:
            return True
    return False


def _aspired_to(root: Token) -> bool:
    """True when the role is what someone wants to be or is to become ("Do you want to be a museum
    curator?", "what it is like to be a physical therapist", "wants to become a published
    novelist"): the complement of an infinitive "to be" / "to become" with no subject of its own.
    A career goal, not a person to meet; but "someone to be our treasurer" describes the one
    sought (a clause on "someone", not a complement)."""
    if root.dep_ != "attr":
        return False
    verb = root.head
    if verb.lemma_ not in ("be", "become") or verb.tag_ != "VB" or verb.dep_ != "xcomp":
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _hangs_from(span: Span, verbs: set[int]) -> bool:
    """True when the role is the object (through prepositions and lists) of one of ``verbs``: what
    a seeking role (see ``RelationFinder._seeks_others``) looks for."""
    if not verbs:
        return False
    token = span.root
    for _ in range(8):
        if token.dep_ not in ("dobj", "pobj", "prep", "conj", "appos") or token.head.i == token.i:
            return False
        token = token.head
        if token.i in verbs:
            return True
    return False


def _list_head_relation(span: Span, relation_of_root: dict[int, str]) -> str | None:
    """The relation of the role heading the list ``span`` stands in, if any."""
    root = span.root
    if root.dep_ == "conj" and root.head.i < root.i \
            and any(t.dep_ == "cc" for t in (*root.head.children, *root.children)):
        return relation_of_root.get(root.head.i)  # "a nursing student, a retired nurse or …"
    return None  # "instead of VCs, angel investors who …" is no list: a comma ends the scope


def _inside_other(span: Span, role_roots: set[int]) -> bool:
    """True when the span hangs under another role through a clause or a preposition."""
    token = span.root
    steps = 0
    while token.head.i != token.i and steps < 12:
        if token.dep_ == "conj":  # "CFOs … and HR managers": coordinated, not nested
            return False
        if token.dep_ in _NESTING_DEPS and token.head.i in role_roots:
            return token.head.i not in range(span.start, span.end)
        token = token.head
        steps += 1
    return False


def _reports_speech(verb: Token) -> bool:
    """Whether a present-tense verb of saying reports what people say ("Spokesmen … say it's …",
    "I hear practice managers say …") rather than what the writer wants said or asks about ("I want
    recruiters to tell me …", "Let CFOs explain why …", "find out whether HR directors say …")."""
    if any((c.dep_ == "aux" and c.lower_ == "to") or c.dep_ == "mark" for c in verb.children):
        return False
    if verb.dep_ == "ROOT":
        return verb.tag_ != "VB"  # (a bare verb at the root is an imperative or a request)
    return verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_ in ("hear", "see")


def _asks_a_question(verb: Token) -> bool:
    """The verb "ask" puts a question ("asks about breaking in", "ask me if …", "asks how to …"),
    not a request for something ("employers ask for referrals"): its asker is heard from."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "about":
            return True
        if child.dep_ in ("ccomp", "advcl", "xcomp") and any(
                c.lower_ in ("if", "whether") or c.tag_ in _WH_TAGS for c in child.subtree if c.i < child.i):
            return True
        if child.dep_ in ("dobj", "dative") and child.lower_ in ("me", "us"):
            return True
    return False
