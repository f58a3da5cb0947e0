"""The coach's base pipeline gives exactly what the plain one gives, token for token: coach_morphology
stands in for the attribute ruler and lemmatizer, and the tokenizer is loaded into an empty one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import srsly

from coach.base_model import _load, load_base, resolve_base_model
from coach.components import morphology

DATA = Path(__file__).resolve().parents[1] / "data"

#: Words the two-token patterns of en_core_web_sm's attribute ruler change, and spacing tokens.
TRICKY = [
    "I'm gonna meet y'all, let's go. There is a CFO who ain't hiring. C'mon, gotta try.",
    "There are recruiters and there were bankers; is there anyone?",
    "  spaced   out\n\nrecruiters \t and\u00a0CPAs ",
    "I want it, you want it, give it to me and you.",
    "MEET CFOS IN AKRON WHO DO WHAT THEY SAY",
    "But but, I did have what they had done.",
]


def _texts() -> list[str]:
    rows = [json.loads(line)["text"] for line in (DATA / "objectives.jsonl").open(encoding="utf-8")]
    real = [json.loads(line)["text"] for line in (DATA / "real.jsonl").open(encoding="utf-8")]
    return TRICKY + rows[::4] + real[::3]


def _annotations(docs):
    return [[(t.text, t.tag_, t.dep_, t.pos_, t.lemma_, str(t.morph)) for t in doc] for doc in docs]


@pytest.fixture(scope="module")
def pipelines():
    original = _load(resolve_base_model(), (), {})  # as spacy.load gives it
    cached = morphology.replace_in(load_base())
    return original, cached


def test_the_two_components_become_one(pipelines):
    original, cached = pipelines
    assert "attribute_ruler" in original.pipe_names and "lemmatizer" in original.pipe_names
    assert "attribute_ruler" not in cached.pipe_names and "lemmatizer" not in cached.pipe_names
    assert cached.pipe_names.index("coach_morphology") == original.pipe_names.index("attribute_ruler")


def test_same_annotations_as_the_originals(pipelines):
    original, cached = pipelines
    texts = _texts()
    expected = _annotations(original.pipe(texts))
    # twice: the first pass fills the memo, the second reads it
    assert _annotations(cached.pipe(texts)) == expected
    assert _annotations(cached.pipe(texts)) == expected


def test_a_token_set_in_place_gets_what_it_gets_alone(pipelines):
    # The fast path for a new word (set on the token in its Doc) against the plain one (a one-token Doc).
    _, cached = pipelines
    component = cached.get_pipe("coach_morphology")
    assert component._lemma_in_place
    component.forget()
    texts = _texts()
    list(cached.pipe(texts))  # the ruler's output per tag and label, remembered
    plain = lambda found: (*found[:4], str(found[4]))  # noqa: E731
    compared = 0
    with cached.select_pipes(disable=["coach_morphology"]):
        for doc in cached.pipe(texts):
            for token in doc:
                alone = component._alone(token.text, token.tag_, token.dep_)
                in_place = component._in_place(token, (token.orth, token.tag, token.dep))
                if in_place is not None:
                    compared += 1
                    assert plain(in_place) == plain(alone), token.text
    assert compared > 5000


def test_the_tokenizer_is_the_saved_one(pipelines):
    original, cached = pipelines
    assert _rules(cached) == _rules(original)
    text = "e-mail a@b.com re: U.S. CPAs (don't) gonna 5km $3.50 C++ node.js http://x.io/a?b=c #tag :)"
    assert [t.text for t in cached.make_doc(text)] == [t.text for t in original.make_doc(text)]


def test_two_word_patterns_still_apply(pipelines):
    _, cached = pipelines
    doc = cached("I'm gonna call y'all. There is a CFO.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gon"] == "go" and lemmas["y'"] == "you"
    assert next(t for t in doc if t.text == "is").pos_ == "VERB"  # "there is": the expl pattern


def test_saved_and_loaded_with_its_data(pipelines, tmp_path):
    _, cached = pipelines
    component = cached.get_pipe("coach_morphology")
    component.to_disk(tmp_path / "morphology")
    loaded = morphology.CachedMorphology(cached.vocab).from_disk(tmp_path / "morphology")
    assert loaded.ruler.patterns == component.ruler.patterns
    with cached.select_pipes(disable=[n for n in ("coach_morphology", "ner", "coach_entities") if n in cached.pipe_names]):
        docs = list(cached.pipe(TRICKY))
    assert _annotations(loaded(d) for d in docs) == _annotations(cached.pipe(TRICKY))


def test_without_its_originals_it_says_so(pipelines):
    _, cached = pipelines
    empty = morphology.CachedMorphology(cached.vocab)
    with pytest.raises(ValueError, match="take_over"):
        empty(cached.make_doc("Meet CFOs"))


def _rules(nlp) -> dict:
    """What the tokenizer splits by (not its vocabulary's strings, which differ by use)."""
    return srsly.msgpack_loads(nlp.tokenizer.to_bytes(exclude=["vocab"]))
