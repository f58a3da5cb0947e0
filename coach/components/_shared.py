"""What the coach's components share: their span groups, span extensions and data handling.

Results live in ``doc.spans`` groups (one per kind of finding) with values on span extensions,
so later code reads spans, never offsets to re-parse:

========================  ===================================================================
group                     span extensions
========================  ===================================================================
``coach_roles``           ``coach_relation`` (target, own, mention, excluded), ``coach_fields``,
                          ``coach_head``, ``coach_occupation`` ({code, title, confidence} or None),
                          ``coach_target_p`` (the role judge's probability that the role is a
                          person to meet; None where the judge was not asked)
``coach_generic``         generic people words ("people", "decision makers")
``coach_needs``           the information, idea or resource sought
``coach_measurable``      numbers of people or meetings
``coach_time_bound``      time frames
``coach_qualifiers``      ``coach_kind`` (industry, technology, …), ``coach_place`` (the named place),
                          ``coach_tool`` (the named tool of a technology qualifier), ``coach_score``
                          (how concrete: the qualifier judge's probability, 1 or 0 where a rule
                          decides; also on ``coach_rejected_qualifiers``)
``coach_non_qualifiers``  ``coach_flag`` (judgement, local): words that look like qualifiers
========================  ===================================================================
"""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Span

from ..lexicon import CoachData, load_data

ROLES = "coach_roles"
GENERIC = "coach_generic"
NEEDS = "coach_needs"
MEASURABLE = "coach_measurable"
TIME_BOUND = "coach_time_bound"
QUALIFIERS = "coach_qualifiers"
NON_QUALIFIERS = "coach_non_qualifiers"
#: Phrases the qualifier finder judged vacuous ("at companies"); the non-qualifier flagger reports them.
REJECTED_QUALIFIERS = "coach_rejected_qualifiers"

#: Span extensions and their defaults.
SPAN_EXTENSIONS = {
    "coach_relation": None,
    "coach_fields": None,
    "coach_head": None,
    "coach_occupation": None,
    "coach_target_p": None,
    "coach_kind": None,
    "coach_place": None,
    "coach_tool": None,
    "coach_score": None,
    "coach_flag": None,
}

RELATIONS = ("target", "own", "mention", "excluded")


def register_extensions() -> None:
    """Register the span extensions once per process (idempotent)."""
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


class DataComponent:
    """Base of the components that read :class:`~coach.lexicon.CoachData`.

    The data arrives through :meth:`initialize` (the package's resources unless a ``data_dir``
    is given, e.g. in ``[initialize.components.<name>]`` of a config), is written by
    :meth:`to_disk` into the component's folder and read back by :meth:`from_disk`, so
    ``nlp.to_disk(path)`` then ``spacy.load(path)`` gives the same coach.
    """

    name: str

    def __init__(self) -> None:
        self._data: CoachData | None = None

    @property
    def data(self) -> CoachData:
        if self._data is None:
            # Added to a pipeline without initialize(): the package's own data, as initialize does.
            self.set_data(load_data())
        return self._data  # type: ignore[return-value]

    def set_data(self, data: CoachData) -> None:
        """Take ``data`` and prepare whatever is derived from it."""
        self._data = data

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp: Language | None = None,
                   data_dir: str | Path | None = None) -> None:
        """Load the component's data from ``data_dir`` (default: the package's resources)."""
        self.set_data(load_data(Path(data_dir) if data_dir else None))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the component's data files into ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        root = self.data.root
        for relative in CoachData.FILES:
            source, target = root / relative, path / relative
            if not source.exists():
                continue  # optional data (a scorer not trained yet)
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, target)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DataComponent:
        """Read the component's data files from ``path`` (written by :meth:`to_disk`)."""
        self.set_data(load_data(Path(path)))
        return self


def _plain(span: Span, **extra) -> dict:
    return {"text": span.text, "start": span.start_char, "end": span.end_char, **extra}


def findings(doc) -> dict[str, list[dict]]:
    """The components' span groups as plain data (for JSON, tables, notebooks and tests).

    Roles carry ``fields``, ``relation``, ``target``, ``head`` and ``occupation``; qualifiers
    ``kind``, ``place`` and ``tool``; non-qualifiers ``kind``.
    """
    def group(name: str) -> list[Span]:
        return list(doc.spans[name]) if name in doc.spans else []

    return {
        "roles": [_plain(r, fields=list(r._.coach_fields or []), relation=r._.coach_relation,
                         target=r._.coach_relation == "target", head=r._.coach_head,
                         occupation=r._.coach_occupation) for r in group(ROLES)],
        "generic_people": [_plain(s) for s in group(GENERIC)],
        "needs": [_plain(s) for s in group(NEEDS)],
        "measurable": [_plain(s) for s in group(MEASURABLE)],
        "time_bound": [_plain(s) for s in group(TIME_BOUND)],
        "qualifiers": [_plain(q, kind=q._.coach_kind, place=q._.coach_place, tool=q._.coach_tool)
                       for q in group(QUALIFIERS)],
        "non_qualifiers": [_plain(s, kind=s._.coach_flag) for s in group(NON_QUALIFIERS)],
    }
