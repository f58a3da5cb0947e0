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
turned into strings through a process-wide table), not through ``Token`` objects: every attribute
any column needs in one call, when the Doc's first column is asked for (so a column asked for
before ``coach_morphology`` has run would hold the lemmas of then; none is).
"""
from __future__ import annotations

from spacy.attrs import DEP, IDX, IS_PUNCT, IS_SPACE, IS_STOP, IS_UPPER, LEMMA, LIKE_NUM, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc

_KEY = "coach_columns"

#: The strings of the hashes (and part-of-speech ids) met so far, shared by every Doc: a hash
#: names one string in any spaCy vocabulary. Cleared when this full.
_STRINGS: dict[int, str] = {}
_STRINGS_SIZE = 200_000

#: Every attribute a column is made from, read in one ``Doc.to_array`` call when a Doc's first
#: column is asked for: each call costs about 10 µs whatever it reads (a 20-token Doc), and a Doc
#: that meets the coach's components is asked for nearly every column, a call each before.
_ARRAY = (LOWER, ORTH, POS, TAG, LEMMA, DEP, LIKE_NUM, IS_PUNCT, IS_STOP, IS_UPPER, IS_SPACE, IDX)
_AT = {attr: k for k, attr in enumerate(_ARRAY)}


def _raw(doc: Doc) -> list[list[int]]:
    # Per attribute of ``_ARRAY``, its value for each token (hashes, ids, 0/1 flags, offsets).
    if not len(doc):
        return [[] for _ in _ARRAY]
    return doc.to_array(list(_ARRAY)).T.tolist()


def _names(doc: Doc, raw: list[list[int]], attr: int) -> list[str]:
    # The attribute's hashes read as strings, each once per process: the very strings
    # ``token.lower_``, ``token.pos_``, … give (``vocab.strings[h]``).
    values = raw[_AT[attr]]
    known = _STRINGS
    try:
        return list(map(known.__getitem__, values))
    except KeyError:  # a hash not met before
        if len(known) > _STRINGS_SIZE:
            known.clear()
        strings = doc.vocab.strings
        found = {h: known.get(h) or strings[h] for h in set(values)}
        known.update(found)  # (read from ``found``: another thread may clear ``known`` meanwhile)
        return [found[h] for h in values]


def _flags(raw: list[list[int]], *attrs: int) -> list[tuple[bool, ...]]:
    # Boolean lexical flags of each token, as tuples.
    return list(zip(*([v == 1 for v in raw[_AT[a]]] for a in attrs)))


def _word_lemmas(doc: Doc, raw: list[list[int]]) -> list[str]:
    lemmas = column(doc, "lemma")
    return [lemmas[i].lower() for i, (punct, space) in enumerate(zip(raw[_AT[IS_PUNCT]], raw[_AT[IS_SPACE]]))
            if punct != 1 and space != 1]


_GETTERS = {
    "lower": lambda doc, raw: _names(doc, raw, LOWER),
    "text": lambda doc, raw: _names(doc, raw, ORTH),
    "like_num": lambda doc, raw: [v != 0 for v in raw[_AT[LIKE_NUM]]],
    "pos": lambda doc, raw: _names(doc, raw, POS),
    "lemma": lambda doc, raw: _names(doc, raw, LEMMA),
    "tag": lambda doc, raw: _names(doc, raw, TAG),
    "dep": lambda doc, raw: _names(doc, raw, DEP),
    # the lower-case lemmas of the words that are neither punctuation nor space, in order (the
    # word features of the need judge and the grader)
    "word_lemmas": _word_lemmas,
    # (is_punct, is_stop, is_upper) of each token, and its character offset: the role finder's
    # first test of every token
    "flags": lambda doc, raw: _flags(raw, IS_PUNCT, IS_STOP, IS_UPPER),
    "idx": lambda doc, raw: raw[_AT[IDX]],
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
        cached = doc.user_data[_KEY] = (owner, {}, _raw(doc))
    columns = cached[1]
    values = columns.get(name)
    if values is None:
        values = columns[name] = _GETTERS[name](doc, cached[2])
    return values

