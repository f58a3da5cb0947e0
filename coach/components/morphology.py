"""The base pipeline's attribute ruler and lemmatizer, computed once per kind of token.

In ``en_core_web_sm`` the attribute ruler (tag -> part of speech and morphology, plus word
exceptions) and the rule lemmatizer cost as much as the parser, yet both are token-local: apart
from a handful of two-word patterns ("gonna", "let's", "there is"), a token's part of speech,
morphology and lemma follow from its text, tag and dependency label alone. This component owns
both originals, runs them once on a one-token Doc for each (text, tag, label) it meets and copies
the result after that; a Doc where a two-word pattern matches goes through the originals whole.
The output is the originals' output, token for token (``tests/test_morphology.py``).
"""
from __future__ import annotations

import functools
import re
import warnings
from pathlib import Path

from spacy.attrs import DEP, LOWER
from spacy.errors import Warnings
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: Above this many remembered kinds of token the memo starts again (bounded memory on any input).
MAX_REMEMBERED = 200_000


class CachedMorphology:
    """Runs an :class:`~spacy.pipeline.AttributeRuler` and a rule :class:`~spacy.pipeline.Lemmatizer`
    with their results remembered per (text, tag, dependency label)."""

    def __init__(self, vocab: Vocab, name: str = "coach_morphology"):
        self.vocab = vocab
        self.name = name
        self.ruler: AttributeRuler | None = None
        self.lemmatizer: Lemmatizer | None = None
        self._context = Matcher(vocab)
        self._memo: dict[tuple[int, int, int], tuple] = {}
        self._starts = _StartWords.of([])
        self._lower_free = _LowerFree.of([])
        self._ruled: dict[tuple[int, int, bool], tuple] = {}
        self._lemma_in_place = False

    def take_over(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> CachedMorphology:
        """Use these two components (taken out of the base pipeline) from now on."""
        self.ruler, self.lemmatizer = ruler, lemmatizer
        self._context = Matcher(self.vocab)
        firsts = []
        for k, spec in enumerate(ruler.patterns):
            longer = [p for p in spec["patterns"] if len(p) > 1]
            if longer:  # only patterns over several tokens need the context of the Doc
                self._context.add(f"context-{k}", longer)
                firsts += [p[0] for p in longer]
        self._starts = _StartWords.of(firsts)
        self._lower_free = _LowerFree.of([token for spec in ruler.patterns for p in spec["patterns"] for token in p])
        self._memo.clear()
        self._ruled.clear()
        _index_as_sets(lemmatizer)
        self._lemma_in_place = _reads_the_token_alone(lemmatizer)
        return self

    def forget(self) -> None:
        """Forget the remembered results (they are found again as tokens come)."""
        self._memo.clear()
        self._ruled.clear()

    def __call__(self, doc: Doc) -> Doc:
        if self.ruler is None or self.lemmatizer is None:
            raise ValueError("coach_morphology has no attribute ruler and lemmatizer: call take_over() or from_disk()")
        if len(self._context) and self._starts.may_start(doc) and self._context(doc):
            return self.lemmatizer(self.ruler(doc))
        memo = self._memo
        if len(memo) > MAX_REMEMBERED:
            memo.clear()
        for token in doc:
            key = (token.orth, token.tag, token.dep)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self._in_place(token, key) or self._alone(token.text, token.tag_, token.dep_)
            # (spaCy 3 tokenizer exceptions set only ORTH and NORM, so no lemma is set before this)
            token.tag, token.dep, token.pos, token.lemma, token.morph = found
        return doc

    def pipe(self, docs, batch_size: int = 256):
        for doc in docs:
            yield self(doc)

    def _in_place(self, token, key: tuple[int, int, int]) -> tuple | None:
        """What :meth:`_alone` gives, set on the token itself (no one-token Doc, a third of the
        cost), when it is the same: a word no pattern names whose tag and label the ruler has
        met, and a lemmatizer that reads the token alone (see :func:`_reads_the_token_alone`).
        Else None, the token untouched."""
        if not self._lemma_in_place or not self.lemmatizer._validated:
            return None
        ruled = self._ruled.get((key[1], key[2], token.is_space))
        if ruled is None or not self._lower_free(token.lower_):
            return None
        lemmatizer = self.lemmatizer
        token.tag, token.dep, token.pos, token.lemma, token.morph = ruled
        if lemmatizer.overwrite or token.lemma == 0:  # (as Lemmatizer.__call__ does per token)
            token.lemma_ = lemmatizer.lemmatize(token)[0]
        return token.tag, token.dep, token.pos, token.lemma, token.morph

    def _alone(self, text: str, tag: str, dep: str) -> tuple:
        one = Doc(self.vocab, words=[text], spaces=[False])
        token = one[0]
        token.tag_, token.dep_ = tag, dep
        if self._lower_free(token.lower_):
            # No pattern of the ruler can match on this word's text: what it does to the token
            # follows from the tag, the label and whether it is a space, remembered per those.
            key = (token.tag, token.dep, token.is_space)
            ruled = self._ruled.get(key)
            if ruled is None:
                self.ruler(one)
                ruled = self._ruled[key] = (token.tag, token.dep, token.pos, token.lemma, token.morph)
            else:
                token.tag, token.dep, token.pos, token.lemma, token.morph = ruled
            self.lemmatizer(one)
        else:
            self.lemmatizer(self.ruler(one))
        return token.tag, token.dep, token.pos, token.lemma, token.morph

    # -- the component owns the two originals' data ---------------------------------------------

    def to_disk(self, path: str | Path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.ruler.to_disk(path / "attribute_ruler")
        self.lemmatizer.to_disk(path / "lemmatizer")

    def from_disk(self, path: str | Path, exclude=()) -> CachedMorphology:
        path = Path(path)
        ruler = AttributeRuler(self.vocab).from_disk(path / "attribute_ruler")
        lemmatizer = _english_rule_lemmatizer(self.vocab).from_disk(path / "lemmatizer")
        return self.take_over(ruler, lemmatizer)


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Make a rule lemmatizer look its candidate forms up in sets: spaCy's ``rule_lemmatize``
    tests ``form in index`` on the lemma index's lists (tens of thousands of words each), a
    tenth of a millisecond per new token. Same rules, same order, same forms; only the
    membership test is a set's (and only for spaCy's own ``rule_lemmatize``)."""
    if getattr(lemmatizer, "mode", None) != "rule" or type(lemmatizer).rule_lemmatize is not Lemmatizer.rule_lemmatize:
        return
    if "lemma_index" not in lemmatizer.lookups.tables:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    index = {key: frozenset(words) for key, words in table.items()}  # (keys: the part of speech's hash)
    lemmatizer.lemmatize = functools.partial(_rule_lemmatize, lemmatizer, (table, index))


def _reads_the_token_alone(lemmatizer: Lemmatizer) -> bool:
    """True when the lemmatizer sets each token's lemma from that token's text, part of speech,
    morphology and lemma alone: spaCy's own ``__call__`` around the rule lemmatizer as
    :func:`_index_as_sets` leaves it, with spaCy's or the English base-form test. Then a token
    inside a Doc gets the lemma it gets alone."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    lemmatize = getattr(lemmatizer, "lemmatize", None)
    return isinstance(lemmatize, functools.partial) and lemmatize.func is _rule_lemmatize \
        and type(lemmatizer).__call__ is Lemmatizer.__call__ \
        and type(lemmatizer).is_base_form in (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form)


def _rule_lemmatize(self: Lemmatizer, index_sets: tuple, token) -> list[str]:
    """spaCy 3's ``Lemmatizer.rule_lemmatize``, line for line, with the lemma index as sets."""
    cache_key = (token.orth, token.pos, token.morph.key)
    if cache_key in self.cache:
        return self.cache[cache_key]
    string = token.text
    univ_pos = token.pos_.lower()
    if univ_pos in ("", "eol", "space"):
        if univ_pos == "":
            warnings.warn(Warnings.W108)
        return [string.lower()]
    if self.is_base_form(token):
        return [string.lower()]
    index_table = self.lookups.get_table("lemma_index", {})
    exc_table = self.lookups.get_table("lemma_exc", {})
    rules_table = self.lookups.get_table("lemma_rules", {})
    if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
        if univ_pos == "propn":
            return [string]
        return [string.lower()]
    table, sets = index_sets
    index = sets.get(get_string_id(univ_pos)) if index_table is table else None
    if index is None:  # (the lookups were replaced since: their own lists)
        index = index_table.get(univ_pos, {})
    exceptions = exc_table.get(univ_pos, {})
    rules = rules_table.get(univ_pos, {})
    orig = string
    string = string.lower()
    forms = []
    oov_forms = []
    for old, new in rules:
        if string.endswith(old):
            form = string[: len(string) - len(old)] + new
            if not form:
                pass
            elif form in index or not form.isalpha():
                if form in index:
                    forms.insert(0, form)
                else:
                    forms.append(form)
            else:
                oov_forms.append(form)
    forms = list(dict.fromkeys(forms))
    for form in exceptions.get(string, []):
        if form not in forms:
            forms.insert(0, form)
    if not forms:
        forms.extend(oov_forms)
    if not forms:
        forms.append(orig)
    self.cache[cache_key] = forms
    return forms


def _english_rule_lemmatizer(vocab: Vocab) -> Lemmatizer:
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    return EnglishLemmatizer(vocab, model=None, name="lemmatizer", mode="rule")


def replace_in(nlp: Language) -> Language:
    """Put one ``coach_morphology`` where the base pipeline's attribute ruler and lemmatizer were
    (when it has both, the lemmatizer in rule mode); else leave the pipeline as it is."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return nlp
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or names.index("lemmatizer") < names.index("attribute_ruler"):
        return nlp
    at = names.index("attribute_ruler")
    _, ruler = nlp.remove_pipe("attribute_ruler")
    _, lemmatizer = nlp.remove_pipe("lemmatizer")
    component = nlp.add_pipe("coach_morphology", before=nlp.pipe_names[at] if at < len(nlp.pipe_names) else None)
    component.take_over(ruler, lemmatizer)
    return nlp


@Language.factory(
    "coach_morphology",
    assigns=["token.pos", "token.morph", "token.lemma"],
    requires=["token.tag", "token.dep"],
)
def make_cached_morphology(nlp: Language, name: str) -> CachedMorphology:
    """spaCy factory of :class:`CachedMorphology` (empty until ``take_over`` or ``from_disk``)."""
    return CachedMorphology(nlp.vocab, name)


class _LowerFree:
    """Whether no pattern of the attribute ruler can match a token on its lower-case text: the
    text is none of the patterns' words, in none of their lists, matched by none of their
    expressions. Understands what ``en_core_web_sm``'s patterns test (LOWER as a word, an IN list
    or a REGEX; TAG, DEP, POS, MORPH, IS_SPACE, which the remembered key covers); with any other
    test on a token, it is never sure (every token goes through the ruler)."""

    _KEYED = frozenset(("TAG", "DEP", "POS", "MORPH", "IS_SPACE", "OP"))

    def __init__(self, words: frozenset[str], regexes: tuple, never: bool):
        self.words, self.regexes, self.never = words, regexes, never

    @classmethod
    def of(cls, tokens: list[dict]) -> _LowerFree:
        words, regexes = set(), []
        for spec in tokens:
            for key, value in spec.items():
                if key in cls._KEYED:
                    continue
                if key != "LOWER":
                    return cls(frozenset(), (), never=True)
                if isinstance(value, str):
                    words.add(value)
                elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(w, str) for w in value["IN"]):
                    words.update(value["IN"])
                elif isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
                    regexes.append(re.compile(value["REGEX"]))
                else:
                    return cls(frozenset(), (), never=True)
        return cls(frozenset(words), tuple(regexes), never=not tokens)

    def __call__(self, lower: str) -> bool:
        return not self.never and lower not in self.words and not any(r.search(lower) for r in self.regexes)


class _StartWords:
    """What the first token of a multi-token pattern can be, to skip the matcher on Docs where
    no token could start one. Understands first tokens given by a lower-case word, a regular
    expression on it, or a dependency label (all that ``en_core_web_sm``'s patterns use); with any
    other kind of first token, every Doc goes to the matcher."""

    def __init__(self, lowers: frozenset[str], regexes: tuple, deps: frozenset[str], always: bool):
        self.lowers, self.regexes, self.deps, self.always = lowers, regexes, deps, always
        # The same tests on the tokens' hashes; a word's regular-expression test remembered.
        self._lower_ids = frozenset(get_string_id(w) for w in lowers)
        self._dep_ids = frozenset(get_string_id(d) for d in deps)
        self._searched: dict[int, bool] = {}

    @classmethod
    def of(cls, first_tokens: list[dict]) -> _StartWords:
        lowers, regexes, deps = set(), [], set()
        for spec in first_tokens:
            spec = {k: v for k, v in spec.items() if k not in ("TAG", "POS", "OP")} if "LOWER" in spec else spec
            if set(spec) == {"LOWER"} and isinstance(spec["LOWER"], str):
                lowers.add(spec["LOWER"])
            elif set(spec) == {"LOWER"} and set(spec["LOWER"]) == {"REGEX"}:
                regexes.append(re.compile(spec["LOWER"]["REGEX"]))
            elif set(spec) == {"DEP"} and isinstance(spec["DEP"], str):
                deps.add(spec["DEP"])
            else:
                return cls(frozenset(), (), frozenset(), always=True)
        return cls(frozenset(lowers), tuple(regexes), frozenset(deps), always=False)

    def may_start(self, doc: Doc) -> bool:
        if self.always:
            return True
        lowers, deps = doc.to_array([LOWER, DEP]).T.tolist() if len(doc) else ([], [])
        if not self._lower_ids.isdisjoint(lowers) or not self._dep_ids.isdisjoint(deps):
            return True
        if not self.regexes:
            return False
        searched = self._searched
        if len(searched) > MAX_REMEMBERED:
            searched.clear()
        strings = doc.vocab.strings
        for lower in lowers:
            hit = searched.get(lower)
            if hit is None:
                text = strings[lower]
                hit = searched[lower] = any(r.search(text) for r in self.regexes)
            if hit:
                return True
        return False