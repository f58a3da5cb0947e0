"""The coach's parser scores its steps through NumPy's BLAS and parses as spaCy's own parser does."""
from coach.base_model import load_base
from coach.base_ops import use_numpy_blas
from coach.base_parse import NumpyStepParser, use_numpy_steps

TEXTS = ["Meet ICU nurses in Akron who run wound clinics.", "Talk to two CFOs of family-owned bakeries by May.",
         "", "   ", "I want to find React devs, hiring managers and recruiters at fintech startups in Leeds!",
         "Interview 5 bakers. Then ask three of them, and their suppliers, what they pay for flour each month."]


def _parses(docs):
    return [[(t.dep_, t.head.i, t.is_sent_start) for t in doc] for doc in docs]


def test_the_coach_pipeline_parser_is_wrapped(nlp):
    parser = nlp.get_pipe("parser")
    assert isinstance(parser, NumpyStepParser)
    assert "nsubj" in parser.labels  # (the wrapped parser's own attributes)


def test_same_parses_as_spacys_parser_in_pipe_and_call():
    base = use_numpy_blas(load_base(exclude=("ner",)))
    own = list(base.pipe(TEXTS, batch_size=4))
    use_numpy_steps(base)
    assert isinstance(base.get_pipe("parser"), NumpyStepParser)
    assert use_numpy_steps(base).get_pipe("parser").parser is base.get_pipe("parser").parser  # (not wrapped twice)
    assert _parses(base.pipe(TEXTS, batch_size=4)) == _parses(own)
    assert _parses(base(t) for t in TEXTS) == _parses(own)
    assert any(t.dep_ == "nsubj" for t in own[4])  # (a parse to compare, not empty labels)
