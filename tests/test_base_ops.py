"""The base pipeline multiplies through NumPy's BLAS on one thread, and gives the threads back."""
import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits
from thinc.api import NumpyOps

from coach.base_model import load_base
from coach.base_ops import OneThreadNumpyOps, one_blas_thread, use_numpy_blas


def _blas_threads() -> list[int]:
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


@pytest.fixture
def two_blas_threads():
    """BLAS on two threads while the test runs, so one thread is a change to see (with
    OPENBLAS_NUM_THREADS=1 set, or a one-core machine, the checks below would hold for nothing)."""
    with threadpool_limits(2, user_api="blas"):
        assert all(n == 2 for n in _blas_threads())
        yield


def test_the_coach_pipeline_models_use_the_numpy_blas_ops(nlp):
    for name in ("tok2vec", "tagger", "parser"):
        assert all(isinstance(node.ops, OneThreadNumpyOps) for node in nlp.get_pipe(name).model.walk()), name


def test_products_are_numpy_dot_and_run_on_one_thread(monkeypatch, two_blas_threads):
    ops = OneThreadNumpyOps()
    assert ops.use_blis is False
    rng = np.random.default_rng(0)
    x, w = rng.random((40, 12), dtype=np.float32), rng.random((7, 12), dtype=np.float32)
    seen = []
    real_dot = np.dot

    def dot(*args, **kwargs):
        seen.append(_blas_threads())
        return real_dot(*args, **kwargs)

    monkeypatch.setattr(np, "dot", dot)
    before = _blas_threads()
    out = ops.gemm(x, w, trans2=True)
    assert seen and all(n == 1 for n in seen[0])
    assert _blas_threads() == before
    monkeypatch.undo()
    assert np.array_equal(out, np.dot(x, w.T))
    into = np.empty((40, 7), dtype=np.float32)
    assert ops.gemm(x, w, out=into, trans2=True) is into and np.array_equal(into, out)


def test_threads_restored_only_when_the_last_of_overlapping_products_ends(two_blas_threads):
    # (Overlapping products come from several threads; the count is checked here in one thread,
    # where this OpenBLAS reports its limit reliably.)
    before = _blas_threads()
    first, second = one_blas_thread(), one_blas_thread()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first product ends while the second still runs
    assert all(n == 1 for n in _blas_threads())
    second.__exit__(None, None, None)
    assert _blas_threads() == before
    with pytest.raises(RuntimeError), one_blas_thread():
        raise RuntimeError("a product that fails")
    assert _blas_threads() == before


def test_same_tags_and_parse_as_with_blis():
    texts = ["Meet ICU nurses in Akron who run wound clinics.", "Talk to two CFOs of family-owned bakeries by May.",
             "", "I want to find React devs, hiring managers and recruiters at fintech startups in Leeds!"]
    blis, numpy_blas = load_base(exclude=("ner",)), use_numpy_blas(load_base(exclude=("ner",)))
    assert isinstance(blis.get_pipe("tok2vec").model.ops, NumpyOps)
    assert not isinstance(blis.get_pipe("tok2vec").model.ops, OneThreadNumpyOps)
    for a, b in zip(blis.pipe(texts), numpy_blas.pipe(texts)):
        assert [(t.tag_, t.dep_, t.head.i) for t in a] == [(t.tag_, t.dep_, t.head.i) for t in b]
        assert np.allclose(a.tensor, b.tensor, atol=1e-4)
