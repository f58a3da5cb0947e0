"""Per-Doc columns of token attributes, made once per Doc and shared by the coach's components.

Every ``for token in doc`` makes a new ``Token`` object per token (about half a microsecond each)
and every ``token.lower_`` or ``token.pos_`` another string; the entity, role, need and qualifier
finders, the evidence and the features each read the same few attributes of every token. Here
each column (``lower``, ``pos``, …) is read once per Doc, as a plain list, and kept in
``doc.user_data`` (plain values, so the Doc stays serializable), like the sentence bounds of
:mod:`._sentences`.

Only attributes that are final once the base pipeline has run are offered (words, parts of speech,
tags, lemmas, dependency labels, lexical flags, offsets): the coach's components read them after
``coach_morphology`` and never change them. Entity labels, which ``coach_entities`` sets, are not
cached. The columns are read through ``Doc.to_array`` (one C loop over the tokens, the hashes
turned into strings through a process-wide table), not through ``Token`` objects.
"""
from __future__ import annotations

from spacy.attrs import DEP, IDX, IS_PUNCT, IS_SPACE, IS_STOP, IS_UPPER, LEMMA, LIKE_NUM, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc

_KEY = "coach_columns"

#: The strings of the hashes (and part-of-speech ids) met so far, shared by every Doc: a hash
#: names one string in any spaCy vocabulary. Cleared when this full.
_STRINGS: dict[int, str] = {}
_STRINGS_SIZE = 200_000


def _names(doc: Doc, attr: int) -> list[str]:
    # The attribute's values through ``Doc.to_array`` (one C loop, no Token objects), each hash
    # read as its string once per process: the very strings ``token.lower_``, ``token.pos_``, …
    # give (``vocab.strings[h]``).
    if not len(doc):
        return []
    known = _STRINGS
    values = doc.to_array(attr).tolist()
    try:
        return [known[h] for h in values]
    except KeyError:  # a hash not met before
        if len(known) > _STRINGS_SIZE:
            known.clear()
        strings = doc.vocab.strings
        found = {h: known.get(h) or strings[h] for h in set(values)}
        known.update(found)  # (read from ``found``: another thread may clear ``known`` meanwhile)
        return [found[h] for h in values]


def _flags(doc: Doc, *attrs: int) -> list[tuple[bool, ...]]:
    # Boolean lexical flags of each token, through ``Doc.to_array`` (no Token objects).
    if not len(doc):
        return []
    return [tuple(v == 1 for v in row) for row in doc.to_array(list(attrs)).tolist()]


def _word_lemmas(doc: Doc) -> list[str]:
    lemmas = column(doc, "lemma")
    return [lemmas[i].lower() for i, (punct, space) in enumerate(_flags(doc, IS_PUNCT, IS_SPACE))
            if not punct and not space]


_GETTERS = {
    "lower": lambda doc: _names(doc, LOWER),
    "text": lambda doc: _names(doc, ORTH),
    "like_num": lambda doc: doc.to_array(LIKE_NUM).astype(bool).tolist() if len(doc) else [],
    "pos": lambda doc: _names(doc, POS),
    "lemma": lambda doc: _names(doc, LEMMA),
    "tag": lambda doc: _names(doc, TAG),
    "dep": lambda doc: _names(doc, DEP),
    # the lower-case lemmas of the words that are neither punctuation nor space, in order (the
    # word features of the need judge and the grader)
    "word_lemmas": _word_lemmas,
    # (is_punct, is_stop, is_upper) of each token, and its character offset: the role finder's
    # first test of every token
    "flags": lambda doc: _flags(doc, IS_PUNCT, IS_STOP, IS_UPPER),
    "idx": lambda doc: doc.to_array(IDX).tolist() if len(doc) else [],
}


def column(doc: Doc, name: str) -> list:
    """The Doc's column ``name`` (one of ``_GETTERS``), made on first use and kept with the Doc.

    The caller must not change the list. (A copy of the Doc, or a Doc made from part of it, may
    carry its user data: the columns are kept with the Doc's identity and length, and made again
    for another Doc.)
    """
    cached = doc.user_data.get(_KEY)
    owner = (id(doc), len(doc))
    if cached is None or cached[0] != owner:
        cached = doc.user_data[_KEY] = (owner, {})
    columns = cached[1]
    values = columns.get(name)
    if values is None:
        values = columns[name] = _GETTERS[name](doc)
    return values

