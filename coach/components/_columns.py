"""Per-Doc columns of token attributes, made once per Doc and shared by the coach's components.

Every ``for token in doc`` makes a new ``Token`` object per token (about half a microsecond each)
and every ``token.lower_`` or ``token.pos_`` another string; the entity, role, need and qualifier
finders, the evidence and the features each read the same few attributes of every token. Here
each column (``lower``, ``pos``, …) is read once per Doc, as a plain list, and kept in
``doc.user_data`` (plain values, so the Doc stays serializable), like the sentence bounds of
:mod:`._sentences`.

Only attributes that are final once the base pipeline has run are offered (words, parts of speech,
tags, lemmas, dependency labels): the coach's components read them after ``coach_morphology`` and
never change them. Entity labels, which ``coach_entities`` sets, are not cached.
"""
from __future__ import annotations

from spacy.tokens import Doc

_KEY = "coach_columns"

_GETTERS = {
    "lower": lambda doc: [t.lower_ for t in doc],
    "text": lambda doc: [t.text for t in doc],
    "like_num": lambda doc: [t.like_num for t in doc],
    "pos": lambda doc: [t.pos_ for t in doc],
    "lemma": lambda doc: [t.lemma_ for t in doc],
    "tag": lambda doc: [t.tag_ for t in doc],
    "dep": lambda doc: [t.dep_ for t in doc],
    # the lower-case lemmas of the words that are neither punctuation nor space, in order (the
    # word features of the need judge and the grader)
    "word_lemmas": lambda doc: [t.lemma_.lower() for t in doc if not t.is_punct and not t.is_space],
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

