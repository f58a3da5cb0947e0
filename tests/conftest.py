"""Shared fixtures: the pipeline and the coach load once per test session (they are the slow part)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from coach.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def coach_instance():
    import coach

    return coach.load()
