"""The base parser's transition steps scored through NumPy's BLAS.

spaCy's greedy parser scores each step of a batch's parses in Cython (``_parseC``), multiplying
the states' hidden vectors by the output weights with thinc's ``CBlas``, which is ``blis``; the
``blis`` wheel may carry only its portable kernels (see :mod:`coach.base_ops`), and no Python
setting reaches that pointer. spaCy's own Python-level step model does the same arithmetic a
step at a time (``ParserStepModel``: the precomputed features summed with the same ``CBlas``
``saxpy``, the bias, maxout, then the output layer through ``model.ops.gemm``, which the coach
sends to NumPy's BLAS, unseen classes set to the lowest score) and the parser's own
``transition_states`` picks each state's best valid move, as ``_parseC`` does. Only the output
product's sums are added in another order; the parses were the same on the identity set
(``benchmarks/same_findings.py``), and the parser's CPU per objective fell from about 0.25 to
0.11 ms (``docs/benchmarks.md``, speed10).

:class:`NumpyStepParser` wraps the loaded parser (a Cython class: its ``predict`` cannot be
replaced on the instance) and is put in the pipeline under the parser's name; everything else
(labels, ``set_annotations``, serialisation, ``model``) is the wrapped parser's.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy import util
from spacy.language import Language
from spacy.tokens import Doc

from .base_ops import one_blas_thread


class NumpyStepParser:
    """A greedy spaCy parser whose steps are scored by its Python step model."""

    def __init__(self, parser) -> None:
        self.parser = parser

    def __getattr__(self, name: str):
        return getattr(self.parser, name)

    def predict(self, docs: list[Doc]):
        """The final parse states of ``docs`` (as the parser's own ``predict``)."""
        parser = self.parser
        if isinstance(docs, Doc):
            docs = [docs]
        if parser.cfg["beam_width"] != 1:
            return parser.predict(docs)
        batch = parser.moves.init_batch(docs)
        if not any(len(doc) for doc in docs):
            return batch
        model = parser.model.predict(docs)
        states = [state for state in batch if not state.is_final()]
        with one_blas_thread():  # (once for the whole parse, not once per step's product)
            while states:
                states = parser.transition_states(states, model.predict(states))
        model.clear_memory()
        return batch

    def __call__(self, doc: Doc) -> Doc:
        self.parser.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """The parser's own ``pipe``: batches of ``batch_size``, parsed in quarters by length."""
        parser = self.parser
        error_handler = parser.get_error_handler()
        for batch in util.minibatch(docs, size=batch_size):
            batch_in_order = list(batch)
            try:
                by_length = sorted(batch_in_order, key=len)
                for subbatch in util.minibatch(by_length, size=max(batch_size // 4, 2)):
                    subbatch = list(subbatch)
                    parser.set_annotations(subbatch, self.predict(subbatch))
                yield from batch_in_order
            except Exception as e:  # (the parser's own error handler decides, as in its pipe)
                error_handler(parser.name, parser, batch_in_order, e)


def use_numpy_steps(nlp: Language, name: str = "parser") -> Language:
    """Run ``nlp``'s greedy parser ``name`` (if any) through :class:`NumpyStepParser`."""
    if name not in nlp.component_names:
        return nlp
    at = nlp.component_names.index(name)
    parser = nlp.get_pipe(name)
    if isinstance(parser, NumpyStepParser) or not hasattr(parser, "transition_states"):
        return nlp
    # (Language has no public way to swap a component object under its name and config)
    nlp._components[at] = (name, NumpyStepParser(parser))
    return nlp
