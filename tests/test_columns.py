"""The per-Doc token columns and joined text the components share (coach/components/_columns.py,
_sentences.py): the same values as the tokens give, and never another Doc's."""
from coach.components._columns import _GETTERS, column
from coach.components._sentences import text_of

TEXTS = [
    "I want to meet three senior data engineers at fintech startups in Toronto by March 2027.",
    "Connect with 2 ICU nurses!! Who've worked night shifts?",
    "",
]


def test_columns_are_the_tokens_values(nlp):
    for doc in nlp.pipe(TEXTS):
        assert column(doc, "lower") == [t.lower_ for t in doc]
        assert column(doc, "text") == [t.text for t in doc]
        assert column(doc, "like_num") == [t.like_num for t in doc]
        assert column(doc, "pos") == [t.pos_ for t in doc]
        assert column(doc, "lemma") == [t.lemma_ for t in doc]
        assert column(doc, "tag") == [t.tag_ for t in doc]
        assert column(doc, "dep") == [t.dep_ for t in doc]
        assert column(doc, "word_lemmas") == [t.lemma_.lower() for t in doc if not t.is_punct and not t.is_space]
        assert column(doc, "flags") == [(t.is_punct, t.is_stop, t.is_upper) for t in doc]
        assert column(doc, "idx") == [t.idx for t in doc]
        assert [type(v) for v in column(doc, "like_num")] == [bool] * len(doc)  # (read through to_array)
        assert column(doc, "lower") is column(doc, "lower")  # made once per Doc
        assert set(_GETTERS) == {"lower", "text", "like_num", "pos", "lemma", "tag", "dep", "word_lemmas", "flags", "idx"}


def test_a_doc_carrying_anothers_user_data_gets_its_own(nlp):
    doc = nlp(TEXTS[0])
    column(doc, "lower")
    text_of(doc)
    part = doc[5:10].as_doc(copy_user_data=True)  # the user data of the whole Doc, copied
    assert column(part, "lower") == [t.lower_ for t in part]
    assert text_of(part) == part.text
    same_length = nlp(TEXTS[0].replace("Toronto", "Calgary"))
    same_length.user_data.update(doc.user_data)  # as a copy of the Doc's user data would be
    assert column(same_length, "lower") == [t.lower_ for t in same_length]
    assert text_of(same_length) == same_length.text
