"""Finding the head noun of a role: "managers", "CFOs", "nurses", "homebrewers".

A head is a head noun of the title lexicon, a typo one edit away from one, an abbreviation
("CFOs"), the last word of a known multi-word title ("scrum masters"), or an agent noun no list
holds in a place only a person goes ("meet homebrewers who …").
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lexicon import CoachData, singular

_ABBREVIATION_PLURAL = re.compile(r"^[A-Z]{2,5}s$")
_AGENT_SUFFIX = re.compile(r"(?:er|or|ist|ian|eer|monger|wright|smith)s?$")


class HeadFinder:
    """Decides which tokens head a role; see the module docstring."""

    def __init__(self, data: CoachData, fuzzy: bool = True):
        self.data = data
        self.fuzzy = fuzzy
        lists = data.lists
        self.generic_people = lists.words("generic_people")
        self.outcome_people = lists.words("outcome_people")
        self.abbreviations = lists.words("abbreviations")
        self.plural_abbreviations = self.abbreviations | lists.words("plural_only_abbreviations")
        self.weak_heads = {singular(w) for w in lists.words("weak_heads")}
        self.generic_modifiers = lists.words("generic_modifiers")
        self.meet_verbs = lists.words("meet_verbs")
        self.informal_people = lists.words("informal_people")
        self.not_people = lists.words("not_people_heads")
        self.aliases = data.occupations.aliases
        self._deletes: dict[str, str] | None = None
        self._head_cache: dict[str, bool] = {}

    def _typo_index(self) -> dict[str, str]:
        # SymSpell-style index of single deletions of every long head, built on first use.
        if self._deletes is None:
            index: dict[str, str] = {}
            for head in self.data.roles.heads:
                if len(head) >= 6:
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
        word = singular(word.lower())
        heads = self.data.roles.heads
        if len(word) < 6 or not word.isalpha() or word in heads or word in self.data.known_words:
            return None  # a real word ("career", "service") is not a typo
        index = self._typo_index()
        candidates = [index.get(word)]  # the writer dropped a letter: "recruter" -> "recruiter"
        for k in range(len(word)):
            variant = word[:k] + word[k + 1:]
            candidates.append(variant if variant in heads else None)  # "mannager"
            candidates.append(index.get(variant))  # a wrong letter: "maneger"
        for head in candidates:
            # Typos keep a word's first two letters and its last one: "estimater" -> "estimator".
            if head and head[:2] == word[:2] and head[-1] == word[-1]:
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
        if left.pos_ not in ("NOUN", "PROPN", "ADJ") and not left.is_upper:
            return False
        return bool(self.data.fields.fields_in(left.text)) or self.data.roles.is_head(low) \
            or singular(low) in self.aliases or (left.is_upper and len(left) <= 5)

    def _is_acronym_role(self, token: Token) -> bool:
        """"CFOs", "SWEs", "BAs": a plural acronym whose singular is a short title we know."""
        if not _ABBREVIATION_PLURAL.match(token.text):
            return False
        short = token.lower_[:-1]
        # Written in capitals, a known short title is the acronym ("DJs"), whatever the dictionary says.
        return short in self.plural_abbreviations or short in self.aliases or short in self.data.occupations.titles

    def _is_head_word(self, token: Token) -> bool:
        low = token.lower_
        cached = self._head_cache.get(low)
        if cached is None:
            roles = self.data.roles
            cached = not self.is_people_word(low) and (roles.is_head(low) or roles.is_head(token.lemma_.lower())
                                                       or singular(low) in self.aliases)
            self._head_cache[low] = cached
        return cached

    def is_head(self, token: Token) -> bool:
        """True when ``token`` heads a role."""
        low = token.lower_
        # A head modifies nothing to its right: "nurse turnover" is about turnover, "CPA firms"
        # about firms. Plurals are exempt: they rarely modify, so "consultants price projects"
        # is a misparse.
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and token.dep_ in ("compound", "amod", "nmod") \
                and token.head.i > token.i and token.tag_ not in ("NNS", "NNPS"):
            return False
        if self._is_acronym_role(token):
            return True  # "CFOs", "GMs", "EDs"
        if self.is_informal_role(token):
            return True
        if singular(low) in self.abbreviations and low != "hr":
            return token.text[:2].isupper() or token.pos_ in ("NOUN", "PROPN")
        if self.is_people_word(low):
            return False
        if token.pos_ not in ("NOUN", "PROPN") and not _is_mistagged_plural(token) \
                and not self._is_title_after_meet_verb(token):
            return False
        if self._is_head_word(token):
            return True
        if self.fuzzy and token.is_lower and token.pos_ == "NOUN" and self.corrected_head(low):
            return True
        return self._is_unlisted_agent(token)

    def _is_title_after_meet_verb(self, token: Token) -> bool:
        """"Meet veterinarians in …": a title the tagger read as a verb right after a verb of meeting."""
        if token.i == 0 or token.tag_ not in ("VBZ", "VBP", "VB") or not self._is_head_word(token):
            return False
        return token.doc[token.i - 1].lemma_.lower() in self.meet_verbs

    def ends_known_title(self, doc: Doc, token: Token) -> bool:
        """The last word of a two- or three-word title whose head the lists leave out
        ("scrum masters", "tattoo artists")."""
        if not token.is_alpha or self.is_people_word(token.lower_) or singular(token.lower_) in self.not_people:
            return False
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("NOUN", "PROPN") \
                and token.tag_ not in ("NNS", "NNPS"):
            return False  # it modifies the next noun
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
        if len(low) < 6 or not _AGENT_SUFFIX.search(low) or token.pos_ not in ("NOUN", "PROPN"):
            return False
        known = self.data.known_words
        if singular(low) not in known and token.lemma_.lower() not in known:
            return low.endswith("s") and token.pos_ == "NOUN" or self._in_person_slot(token)
        return self._in_person_slot(token)

    def _in_person_slot(self, token: Token) -> bool:
        """The parse puts a person here: "meet X", "talk to X", "X who …"."""
        if any(c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") for w in c.children) for c in token.children):
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
        words = [t.lower_ for t in span if not t.is_punct]
        if all(w in self.generic_modifiers for w in words[:-1]):
            return True
        fields = self.data.fields
        if len(words) > 1 and (self.data.roles.is_title(words) or fields.fields_in(span[:-1].text)
                               or fields.industries_in(span[:-1].text)):
            return False
        return True


def _is_mistagged_plural(token: Token) -> bool:
    """"sales reps", "DevOps leads": a plural head the tagger read as a verb after a noun."""
    if token.tag_ != "VBZ" or token.i == 0:
        return False
    return token.doc[token.i - 1].pos_ in ("NOUN", "PROPN", "ADJ")
