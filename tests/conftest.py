"""Shared fixtures: the pipeline and the coach load once per test session (they are the slow part)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from coach.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture
def model_copy(tmp_path):
    """A copy of the shipped grader folder, for tests that damage or alter it."""
    import shutil

    from coach import paths

    target = tmp_path / "grader"
    shutil.copytree(paths.GRADER_DIR, target)
    return target


@pytest.fixture(scope="session")
def coach_instance():
    import coach

    return coach.load()


# -- the behaviour suite's results table (tests/behaviour) ---------------------------------------

#: Where the test module leaves its results: ``{"capabilities": {name: (passed, total)}, ...}``.
RESULTS_KEY = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def behaviour_results(pytestconfig) -> dict:
    """A dict the behaviour tests fill in; read back by the terminal summary below."""
    return pytestconfig.stash.setdefault(RESULTS_KEY, {})


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    results = config.stash.get(RESULTS_KEY, None)
    if not results or "capabilities" not in results:
        return
    rows = results["capabilities"]
    width = max(len(name) for name in rows) + 2
    tr = terminalreporter
    tr.write_sep("=", "behaviour suite (CheckList): pass rate per capability")
    tr.write_line(f"{'capability':<{width}}{'passed':>8}{'total':>7}{'rate':>8}")
    for name, (passed, total) in rows.items():
        mark = ""
        floor = results.get("floors", {}).get(name)
        if floor is not None:
            mark = f"   (floor {floor:.2f}{'' if passed / total >= floor else ', BELOW'})"
        tr.write_line(f"{name:<{width}}{passed:>8}{total:>7}{passed / total:>8.1%}{mark}")
    passed, total = results["overall"]
    floor = results.get("overall_floor")
    mark = f"   (floor {floor:.2f}{'' if passed / total >= floor else ', BELOW'})" if floor is not None else ""
    tr.write_line(f"{'overall':<{width}}{passed:>8}{total:>7}{passed / total:>8.1%}{mark}")


@pytest.fixture
def cli_uses_session_coach(monkeypatch, coach_instance):
    """The CLI with the default model uses the session's coach: loading one per call (about a
    second) would make CLI tests slow. Runs with --model, --venues or a base model load their own."""
    from coach import cli

    real = cli._load_coach

    def load(model, venues, base):
        if model is None and venues is None and base is None:
            return coach_instance
        return real(model, venues, base)

    monkeypatch.setattr(cli, "_load_coach", load)
