"""The behaviour suite (``tests/behaviour/cases.jsonl``) run against any version of the coach.

The pass rate per capability, with the suite's own checks (``tests/behaviour/test_behaviour.py``),
for the ``coach`` package on the path: this checkout, or another one for a before/after
comparison (only ``coach.load()`` and ``check_many`` are used)::

    python benchmarks/behaviour.py
    PYTHONPATH=../other-checkout python benchmarks/behaviour.py
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import coach

SUITE = Path(__file__).resolve().parents[1] / "tests" / "behaviour" / "test_behaviour.py"


def main() -> None:
    spec = importlib.util.spec_from_file_location("behaviour_suite", SUITE)
    suite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(suite)
    cases = suite.load_cases()
    c = coach.load()
    texts = list(dict.fromkeys([k["text"] for k in cases] + [k["variant"] for k in cases if "variant" in k]))
    graded = dict(zip(texts, c.check_many(texts, errors="keep")))
    passed: dict[str, list[bool]] = {}
    for case in cases:
        variant = graded.get(case["variant"]) if "variant" in case else None
        passed.setdefault(case["capability"], []).append(not suite.evaluate(case, graded[case["text"]], variant))
    print(f"coach from {Path(coach.__file__).parent}")
    for name, results in passed.items():
        print(f"{name:<30}{sum(results):>5}/{len(results):<5}{sum(results) / len(results):8.1%}")
    everything = [r for results in passed.values() for r in results]
    print(f"{'overall':<30}{sum(everything):>5}/{len(everything):<5}{sum(everything) / len(everything):8.1%}")


if __name__ == "__main__":
    main()
