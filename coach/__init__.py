"""Objective Coach: grades networking objectives, finds who can help and where they gather.

>>> import coach
>>> result = coach.load().check("Meet sales trainers")      # doctest: +SKIP
>>> result.grade, [r.text for r in result.roles]             # doctest: +SKIP
('improved', ['sales trainers'])
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load", "Coach", "CheckResult", "InputError"]


def __getattr__(name: str):
    # Lazy imports keep `import coach` (and `coach --help`) fast: spaCy loads only when used.
    if name in ("load", "Coach", "CheckResult"):
        from . import api
        return getattr(api, name)
    if name == "InputError":
        from .inputs import InputError
        return InputError
    raise AttributeError(f"module 'coach' has no attribute {name!r}")
