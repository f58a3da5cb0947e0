"""Where the time goes: milliseconds per objective for each step of the coach's whole path.

The texts are distinct (no cache can help). Each base component is timed on its own over the
batch (the parsed Docs are kept, so each step gets what the step before it gave), then the
coach's own components, then what ``check_many`` does after parsing: the rubric evidence,
features, grader, the result (venues, feedback, suggestion) and its serialization. The bare
base pipeline's whole ``nlp.pipe`` is printed beside it as the baseline.

    python benchmarks/breakdown.py [--n 2000]
"""
from __future__ import annotations

import argparse
import time

from _common import bundled_texts, machine

import coach
from coach.api import _freeze, _thaw, parse_form
from coach.base_model import load_base
from coach.features import doc_features
from coach.rubric import Evidence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    texts = bundled_texts(args.n, unique=True)[:args.n]
    print(f"machine: {machine()}")
    bare = load_base()
    c = coach.load()
    nlp = c.nlp
    n = len(texts)
    rows: list[tuple[str, float]] = []

    def clock(label, fn):
        start = time.perf_counter()
        out = fn()
        rows.append((label, 1000 * (time.perf_counter() - start) / n))
        return out

    list(bare.pipe(texts[:200]))  # warm up
    bare_ms = 1000 * _seconds(lambda: list(bare.pipe(texts, batch_size=256))) / n
    forms = [parse_form(t) for t in texts]
    docs = clock("tokenizer", lambda: [nlp.make_doc(t) for t in forms])
    for name, proc in nlp.pipeline:
        docs = clock(name, lambda proc=proc, docs=docs: list(proc.pipe(docs, batch_size=256)) if hasattr(proc, "pipe") else [proc(d) for d in docs])
    evidences = clock("evidence", lambda: [Evidence.from_doc(d, c.fields) for d in docs])
    features = clock("features", lambda: [doc_features(d, e) for d, e in zip(docs, evidences)])
    probabilities = clock("grader", lambda: c.grader.predict_proba(features))
    results = clock("result (venues, feedback, suggestion)", lambda: [c._result(t, d, e, p) for t, d, e, p
                                                                     in zip(texts, docs, evidences, probabilities)])
    clock("  of which venues", lambda: [c.venues.for_objective(r.text, r.roles, r.qualifiers, r.fields)
                                        for r in results])
    clock("freeze + thaw (private copies)", lambda: [_thaw(_freeze(r)) for r in results])
    c.clear_cache()
    whole_ms = 1000 * _seconds(lambda: list(c.check_many(texts))) / n
    print(f"{n} distinct objectives, milliseconds per objective")
    print(f"  {'bare base pipeline, nlp.pipe (baseline)':<42} {bare_ms:7.2f}")
    print(f"  {'coach check_many, whole':<42} {whole_ms:7.2f}  (ratio bare/coach {bare_ms / whole_ms:.2f})")
    print("  steps of the coach:")
    for label, ms in rows:
        print(f"    {label:<40} {ms:7.2f}")
    print(f"    {'sum of steps':<40} {sum(ms for label, ms in rows if not label.startswith(' ')):7.2f}")


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
