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

import re

from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
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
        self._memo.clear()
        return self

    def forget(self) -> None:
        """Forget the remembered results (they are found again as tokens come)."""
        self._memo.clear()

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
                found = memo[key] = self._alone(token.text, token.tag_, token.dep_)
            # (spaCy 3 tokenizer exceptions set only ORTH and NORM, so no lemma is set before this)
            token.tag, token.dep, token.pos, token.lemma, token.morph = found
        return doc

    def pipe(self, docs, batch_size: int = 256):
        for doc in docs:
            yield self(doc)

    def _alone(self, text: str, tag: str, dep: str) -> tuple:
        one = Doc(self.vocab, words=[text], spaces=[False])
        token = one[0]
        token.tag_, token.dep_ = tag, dep
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


class _StartWords:
    """What the first token of a multi-token pattern can be, to skip the matcher on Docs where
    no token could start one. Understands first tokens given by a lower-case word, a regular
    expression on it, or a dependency label (all that ``en_core_web_sm``'s patterns use); with any
    other kind of first token, every Doc goes to the matcher."""

    def __init__(self, lowers: frozenset[str], regexes: tuple, deps: frozenset[str], always: bool):
        self.lowers, self.regexes, self.deps, self.always = lowers, regexes, deps, always

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
        return any(t.lower_ in self.lowers or t.dep_ in self.deps or any(r.search(t.lower_) for r in self.regexes)
                   for t in doc)