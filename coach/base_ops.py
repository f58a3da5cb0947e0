"""The base pipeline's matrix products through NumPy's BLAS, on one thread.

Thinc multiplies the base pipeline's matrices (tok2vec's embedding mix and its four window
layers, the tagger's output, the parser's precomputed features) with ``blis``; the ``blis``
wheel installed with spaCy may carry only its ``generic`` kernels (``BLIS_ARCH_DEBUG=1`` prints
``selecting sub-configuration 'generic'`` on the 2-core AMD EPYC these figures come from). On that
machine NumPy's BLAS (OpenBLAS, with kernels for the CPU) did the same products in about 60% of
the CPU time, and tok2vec, tagger and parser together took about 0.65 ms of CPU per objective
rather than 1.05 ms (``docs/benchmarks.md``, stop 17). Thinc supports this switch itself:
``NumpyOps(use_blis=False)`` sends ``gemm`` to ``numpy.dot`` and changes nothing else.

The sums are added in another order, so the activations differ in their last bits; the tags,
parses and every finding were the same on the identity set (``benchmarks/same_findings.py``).

OpenBLAS would split each product over every core, which on a shared machine costs more CPU
than it saves time (busy threads waiting), and it would let the coach use cores the bare spaCy
pipeline does not. Each product therefore runs with the BLAS libraries held to one thread; the
limit is process-wide while a product runs (counted, so concurrent products in several threads
restore it only when the last one ends). (The OpenBLAS bundled with NumPy 2.4 did not always
report, nor seemingly honour, a limit set from a thread other than the main one once it had
multiplied there: such a product may use more threads, with the same result.)
"""
from __future__ import annotations

from spacy.language import Language
from thinc.api import NumpyOps

from .shared_switch import SharedSwitch

_controller = None


class OneThreadNumpyOps(NumpyOps):
    """``NumpyOps`` whose ``gemm`` is NumPy's (not ``blis``), run on one BLAS thread."""

    def __init__(self) -> None:
        super().__init__(use_blis=False)

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        with one_blas_thread():
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def _limit_blas_to_one_thread():
    return _blas_controller().limit(limits=1, user_api="blas").restore_original_limits


_blas_switch = SharedSwitch(_limit_blas_to_one_thread)


def one_blas_thread():
    """The BLAS libraries held to one thread meanwhile (as they were before, after)."""
    return _blas_switch.held()


def _blas_controller():
    # Made once: it lists the loaded shared libraries (about 10 ms at a cold start here); a limit
    # through it then costs some microseconds, against milliseconds per product.
    global _controller
    if _controller is None:
        from threadpoolctl import ThreadpoolController

        _controller = ThreadpoolController()
    return _controller


def use_numpy_blas(nlp: Language) -> Language:
    """Give every model of ``nlp``'s components :class:`OneThreadNumpyOps` (only the products
    change: layers read ``model.ops`` when they run)."""
    ops = OneThreadNumpyOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return nlp
