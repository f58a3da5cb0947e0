"""Where a role starts and ends: from its head, left over the title's modifiers, right over "of …".

"commercial real estate brokers", "owners of family-run restaurants", "VP of Sales". The left edge
stops at the writer's framing (determiners, counts, judgement and people words), at a place
("Columbus brokers": the place is a qualifier) and at texting shorthand ("w/").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lexicon import CoachData, singular
from ..occupations import normalize_title
from ._columns import column
from ._places import PlaceMatcher
from ._sentences import sentence_bounds

_JOINERS = ("-", "&", "/")
#: Words after which a contact verb opens the request: "please survey …", "to shadow …".
_VERB_OPENERS = frozenset({"to", "please", "and", "then", "i", "we", "'ll", "will", "should", "must", "can"})
#: Entities that end a title: a place or a date is a qualifier ("Columbus brokers", "2024 hires").
_EDGE_ENTITIES = ("GPE", "LOC", "DATE")


class SpanBuilder:
    """Builds a role's span around its head; see the module docstring."""

    def __init__(self, data: CoachData, places: PlaceMatcher):
        self.data = data
        self.places = places
        lists = data.lists
        self.left_stop = lists.words("judgement_words") | lists.words("generic_people") \
            | lists.words("determiners_and_counts") | lists.words("role_span_stops")
        self.relational_heads = lists.words("relational_heads")
        self.coordinated_functions = lists.words("coordinated_functions")
        self.contact_verbs = lists.words("contact_verbs")
        self.generic_people = lists.words("generic_people")
        self._phrases: frozenset[str] | None = None

    def span_for(self, doc: Doc, head: Token) -> Span:
        """The role's span around ``head``."""
        sent_start, sent_end = sentence_bounds(doc, head.i)
        start = self._left_edge(doc, head, sent_start)
        start = _skip_partial_word(doc, start, head.i)
        end = self._of_extension(doc, head, sent_end)
        return doc[start:end]

    # -- left edge ------------------------------------------------------------------------------

    def _left_edge(self, doc: Doc, head: Token, sent_start: int) -> int:
        start = head.i
        while start - 1 >= sent_start:
            left = doc[start - 1]
            if self._opens_field_phrase(doc, left, start):
                start -= 1  # "people ops leads", "people operations directors": an HR phrase
                continue
            if self._stops_left(left) or self._is_opening_verb(doc, left, head, sent_start) \
                    or self._governs_elsewhere(doc, left, head):
                break
            if left.text in _JOINERS and start - 2 >= sent_start and not doc[start - 2].is_punct:
                start -= 1
                continue
            if self._is_title_modifier(left):
                if self._is_place_before_title(doc, left):
                    break  # "Columbus brokers", "Akron CPAs": the place is a qualifier, not the title
                start -= 1
                continue
            # A known title reaches further than the tags allow ("learning engineers", "lorry
            # drivers", "letting agents" after a verb tag), and so does a misspelt or informal
            # title word the tagger cannot read ("buisness analysts", "hospo workers").
            if left.is_alpha and (self.data.roles.is_title(column(doc, "lower")[start - 1:head.i + 1])
                                  or self._is_known_title(doc[start - 1:head.i + 1].text)
                                  or self._is_title_word(left)):
                start -= 1
                continue
            break
        return start

    def _opens_field_phrase(self, doc: Doc, token: Token, start: int) -> bool:
        """A people word that opens a field phrase with the words after it ("people ops")."""
        if token.lower_ not in self.generic_people or start >= len(doc) or not doc[start].is_alpha:
            return False
        phrase = f"{token.lower_} {doc[start].lower_}"
        return phrase in self._field_phrase_openings()

    def _field_phrase_openings(self) -> frozenset[str]:
        """The first two words of every multi-word field keyword ("people ops", "real estate")."""
        if self._phrases is None:
            self._phrases = frozenset(" ".join(k.lower().split()[:2]) for f in self.data.fields.fields.values()
                                      for k in f.keywords if " " in k)
        return self._phrases

    def _is_opening_verb(self, doc: Doc, token: Token, head: Token, sent_start: int) -> bool:
        """"Contact podiatrists", "Survey pharmacists", "I want to shadow welders": a verb of
        what to do with the people, read as a title word when the tagger guesses wrong; but
        "hiring managers" is a title. A misspelt opening verb counts too ("Meeet CFOs")."""
        if self.data.roles.is_title(column(doc, "lower")[token.i:head.i + 1]):
            return False
        before = doc[token.i - 1] if token.i > sent_start else None
        opens = before is None or before.is_punct or before.lower_ in _VERB_OPENERS
        if not opens:
            return False
        low = token.lower_
        return low in self.contact_verbs or (before is None and len(low) >= 4 and token.is_alpha
                                             and any(_one_edit(low, verb) for verb in self.contact_verbs))

    def _governs_elsewhere(self, doc: Doc, token: Token, head: Token) -> bool:
        """The word before the role belongs to the sentence, not the title: the verb whose object
        the role is ("we will be surveying teachers"), or a noun modifying a word past the head
        ("the role district managers play in stores' success": "role" hangs on "success"; but in
        "fund mgrs running value strategies" both words hang on "strategies"). A known title wins
        ("hiring managers")."""
        if token.pos_ in ("VERB", "AUX") and head.head.i == token.i and head.dep_ in ("dobj", "nsubj", "attr") \
                and any(c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ in ("aux", "auxpass") and _is_auxiliary(c))
                        for c in token.children):
            return True  # a verb with its own subject or auxiliary; "to angel investors" is a misread noun
        return token.dep_ in ("compound", "amod", "nmod") and token.head.i > head.i and token.head.i != head.head.i \
            and not self.data.roles.is_title(column(doc, "lower")[token.i:head.i + 1])

    def _stops_left(self, token: Token) -> bool:
        low = token.lower_
        # "w/ recruiters": texting shorthand is not part of the title
        return low in self.left_stop or token.like_num or token.is_space or (len(low) > 1 and "/" in low) \
            or low in ("or", "and", "nor", "but")  # "… medical scientist, or director of …"

    def _is_title_modifier(self, token: Token) -> bool:
        return token.pos_ in ("NOUN", "PROPN", "ADJ") or (token.pos_ == "VERB" and token.dep_ == "amod") \
            or (token.is_alpha and (not token.is_stop or (token.is_upper and len(token) > 1))  # "IT admins"
                and bool(self.data.fields.fields_in(token.text)))

    def _is_place_before_title(self, doc: Doc, token: Token) -> bool:
        named_place = token.pos_ == "PROPN" and token.ent_type_ in _EDGE_ENTITIES
        gazetteer_place = not token.is_lower and self.places.end_of_place(doc, token.i) > token.i
        return (named_place or gazetteer_place) and not self.data.fields.fields_in(token.text)

    # -- right edge -----------------------------------------------------------------------------

    def _of_extension(self, doc: Doc, head: Token, sent_end: int) -> int:
        """Past "of …" for relational heads: "owners of family-run restaurants", "VP of Sales";
        and past "of" or "de" where the whole is a known title ("clerks of works", "chefs de
        partie", "directors of photography")."""
        end = head.i + 1
        if end + 1 < min(len(doc), sent_end) and doc[end].lower_ in ("of", "de"):
            for length in (3, 2):
                stop = end + length
                if stop <= min(len(doc), sent_end) and all(t.is_alpha for t in doc[end:stop]) \
                        and self._is_known_title(doc[head.i:stop].text):
                    return stop
        if singular(head.lower_) not in self.relational_heads or end + 1 >= len(doc) or doc[end].lower_ != "of":
            return end
        k = end + 1
        if k + 1 < min(len(doc), sent_end) and doc[k].lower_ in ("a", "an") and doc[k + 1].pos_ in ("ADJ", "NOUN"):
            k += 1  # "director of a nonprofit agency"
        while k < len(doc) and k < sent_end and self._continues_of_phrase(doc, k):
            if doc[k].ent_type_ in _EDGE_ENTITIES:
                break
            k += 1
        if k > end + 1 and doc[k - 1].pos_ in ("NOUN", "PROPN") and doc[k - 1].lower_ not in ("a", "an"):
            return k
        return end

    def _is_title_word(self, token: Token) -> bool:
        """An informal title word ("hospo", "paeds") or a misspelt one ("buisness", "markting")."""
        low = token.lower_
        book = self.data.occupations
        if low in book.aliases:
            return not token.is_stop
        return token.is_lower and len(low) >= 5 and low not in self.data.known_words \
            and bool(book.spellings(low, keep=2))

    def _is_known_title(self, text: str) -> bool:
        book = self.data.occupations
        key = normalize_title(text)
        return key in book.titles or key in book.phrase_aliases or key in book.title_fields \
            or self.data.roles.is_title(key.split())

    def _continues_of_phrase(self, doc: Doc, k: int) -> bool:
        token = doc[k]
        if token.pos_ in ("ADJ", "NOUN", "PROPN") or token.text in ("-", "&"):
            return True
        if token.pos_ == "VERB" and token.dep_ == "amod":
            return True
        # "VP of sales and marketing": a coordinated business function
        return token.lower_ == "and" and k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN" \
            and doc[k - 1].lower_ in self.coordinated_functions


def _is_auxiliary(token: Token) -> bool:
    """A real auxiliary ("will be surveying"), not a misread verb ("Meet startup founders")."""
    return token.tag_ == "MD" or token.lemma_.lower() in ("be", "have", "do")


def _skip_partial_word(doc: Doc, start: int, head_i: int) -> int:
    """"second-year teacher", "first-time buyers": a number stopped the span inside a hyphenated
    word, so drop the rest of that word too."""
    while start < head_i and (doc[start].text in _JOINERS
                              or (start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_)):
        start += 1
    return start


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of two
    neighbouring letters.

    >>> _one_edit("meeet", "meet"), _one_edit("meet", "meet"), _one_edit("mest", "meet"), _one_edit("fnid", "find")
    (True, False, True, True)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))
