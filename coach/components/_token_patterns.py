"""spaCy ``Matcher`` patterns of the simple kind the entity and need finders use, matched over plain lists.

spaCy's matcher tests every ``IN``/``NOT_IN``/``REGEX`` condition of every pattern's first token
through a Python call per token, tens of microseconds a token for the date patterns. These
patterns read only the words' lower-case and written forms, lemmas, ``LIKE_NUM``, ``POS`` and
``TAG``, and repeat a token at most a bounded number of times (``?``, ``{m,n}``): matched here over
those columns of the Doc, each pattern tried only where its first token can stand (looked up per
word), they give the same matches as the matcher (``tests/test_entities.py`` and
``tests/test_qualifiers_needs.py`` compare the two).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ._columns import column as doc_column

#: Above this many remembered words the memo of the patterns each word may start starts again.
_MAX_REMEMBERED = 100_000

#: What a token spec may test, and the column of :class:`Columns` that holds it.
_ATTRS = {"LOWER": 0, "TEXT": 1, "LIKE_NUM": 2, "POS": 3, "LEMMA": 4, "TAG": 5}
#: The name of each of those columns in :func:`._columns.column` (shared with the other components).
_NAMES = ("lower", "text", "like_num", "pos", "lemma", "tag")
#: A spaCy repeat operator with a bound: "{3}", "{0,3}", "{,3}", "{1,3}".
_BOUNDED = re.compile(r"^\{(\d*)(,?)(\d*)\}$")


class Columns:
    """The columns of a Doc that some patterns read, one list each (see ``_ATTRS``; None: not read)."""

    __slots__ = ("rows", "_keys")

    def __init__(self, rows: list):
        self.rows = tuple(rows)
        self._keys: dict[tuple[int, ...], list[tuple]] = {}

    @classmethod
    def of(cls, doc, columns=(0, 1, 2, 3), lower: list[str] | None = None) -> Columns:
        """The Doc's ``columns`` (ids as in ``_ATTRS``; read once per Doc, see :mod:`._columns`);
        ``lower``: its lower-case words, if the caller has them."""
        rows: list = [None] * len(_ATTRS)
        if lower is not None:
            rows[0] = lower
        for c in columns:
            if rows[c] is None:
                rows[c] = doc_column(doc, _NAMES[c])
        return cls(rows)

    def keys(self, columns: tuple[int, ...]) -> list[tuple]:
        """Per token, the tuple of its values in ``columns`` (made once per Doc)."""
        keys = self._keys.get(columns)
        if keys is None:
            keys = self._keys[columns] = list(zip(*(self.rows[c] for c in columns))) if columns \
                else [()] * len(next(r for r in self.rows if r is not None))
        return keys


def _check(attr: str, value) -> tuple:
    """One condition of a token spec as (column, kind, argument)."""
    column = _ATTRS[attr]
    if isinstance(value, dict):
        if len(value) != 1:
            raise ValueError(f"one operator per attribute, got {value!r}")
        (op, arg), = value.items()
        if op == "IN":
            return column, "in", frozenset(arg)
        if op == "NOT_IN":
            return column, "not_in", frozenset(arg)
        if op == "REGEX":
            return column, "regex", re.compile(arg)
        raise ValueError(f"unsupported operator {op!r}")
    return column, "eq", value


class _Spec:
    """One token of a pattern: its conditions and whether it may be left out (``"OP": "?"``)."""

    __slots__ = ("checks", "optional", "spec")

    def __init__(self, spec: dict):
        spec = dict(spec)
        op = spec.pop("OP", None)
        if op not in (None, "?"):
            raise ValueError(f"unsupported operator {op!r}")  # (bounded repeats: see _expanded)
        unknown = set(spec) - set(_ATTRS)
        if unknown:
            raise ValueError(f"unsupported token spec {spec!r}")
        self.optional = op == "?"
        self.checks = tuple(_check(attr, value) for attr, value in spec.items())
        self.spec = spec

    def holds(self, rows: tuple, i: int) -> bool:
        for column, kind, arg in self.checks:
            value = rows[column][i]
            if kind == "eq":
                if value != arg:
                    return False
            elif kind == "in":
                if value not in arg:
                    return False
            elif kind == "not_in":
                if value in arg:
                    return False
            elif not arg.search(value):
                return False
        return True

    def needs(self) -> tuple[str, object]:
        """What a token must have for this spec to hold, to look the patterns up by: ("lower",
        "text" or "lemma", the words), ("number", None) for ``LIKE_NUM``, ("regex", (column, the
        expression)), or ("any", None)."""
        for column, kind, arg in self.checks:
            if column in (0, 1, 4) and kind in ("eq", "in"):
                return ("lower", "text", "", "", "lemma")[column], (frozenset([arg]) if kind == "eq" else arg)
        for column, kind, arg in self.checks:
            if column == 2 and kind == "eq" and arg is True:
                return "number", None
        for column, kind, arg in self.checks:
            if kind == "regex":
                return "regex", (column, arg)
        return "any", None


class TokenPatterns:
    """Labelled patterns, matched as spaCy's ``Matcher`` matches them (every match, each length
    an optional token allows), over :class:`Columns`.

    A pattern is a list of token specs testing ``LOWER``, ``TEXT``, ``LEMMA``, ``POS``, ``TAG``
    (equal, ``IN``, ``NOT_IN``, ``REGEX``) and ``LIKE_NUM``, or nothing (any token), each with no
    operator, ``"OP": "?"`` or a bounded repeat (``"{0,3}"``); anything else raises ``ValueError``.
    """

    def __init__(self):
        # the patterns by what their first token needs (see _Spec.needs)
        self._by_lower: dict[str, list] = {}
        self._by_text: dict[str, list] = {}
        self._by_lemma: dict[str, list] = {}
        self._numbers: list = []
        self._by_regex: dict[tuple, list] = {}
        self._anywhere: list = []
        #: The columns a word's patterns are looked up by, and all the patterns read (ids as in
        #: ``_ATTRS``; a :class:`Columns` for these patterns needs ``columns``).
        self.key_columns: tuple[int, ...] = ()
        self.columns: set[int] = set()
        self._led: dict[tuple, list] = {}  # per key: the patterns a word may start

    def add(self, label: str, patterns: Sequence[Sequence[dict]]) -> None:
        self._led.clear()
        for pattern in patterns:
            specs = [_Spec(s) for s in _expanded(pattern)]
            self.columns.update(column for spec in specs for column, _, _ in spec.checks)
            if all(s.optional for s in specs):
                raise ValueError("a pattern needs a token that is not optional")
            # A leading optional token: the pattern with it and the pattern without it.
            while specs[0].optional:
                self._index(label, [_required(specs[0])] + specs[1:])
                specs = specs[1:]
            self._index(label, specs)

    def _index(self, label: str, specs: list[_Spec]) -> None:
        entry = (label, specs)
        kind, arg = specs[0].needs()
        if kind in ("lower", "text", "lemma"):
            table = {"lower": self._by_lower, "text": self._by_text, "lemma": self._by_lemma}[kind]
            for word in arg:
                table.setdefault(word, []).append(entry)
            self._keyed_by(_ATTRS[kind.upper()])
        elif kind == "number":
            self._numbers.append(entry)
            self._keyed_by(2)
        elif kind == "regex":
            self._by_regex.setdefault(arg, []).append(entry)
            self._keyed_by(arg[0])
        else:
            self._anywhere.append(entry)

    def _keyed_by(self, column: int) -> None:
        if column not in self.key_columns:
            self.key_columns = tuple(sorted({*self.key_columns, column}))
            self.columns.add(column)

    def _led_by(self, key: tuple) -> list:
        """The patterns whose first token a word with these values (in ``key_columns``) may be;
        remembered per key, as the same words recur."""
        if len(self._led) > _MAX_REMEMBERED:
            self._led.clear()
        value = dict(zip(self.key_columns, key))
        lower, text, like_num, lemma = value.get(0), value.get(1), value.get(2), value.get(4)
        led = [*self._by_lower.get(lower, ()), *self._by_text.get(text, ()), *self._by_lemma.get(lemma, ()),
               *(self._numbers if like_num else ()), *self._anywhere]
        for (column, regex), entries in self._by_regex.items():
            if regex.search(value[column]):
                led += entries
        self._led[key] = led
        return led

    def __call__(self, columns: Columns, start: int, end: int) -> set[tuple[str, int, int]]:
        """(label, start, end) of every match inside tokens ``start`` to ``end``."""
        rows = columns.rows
        keys = columns.keys(self.key_columns)
        led, led_by = self._led, self._led_by
        found: set[tuple[str, int, int]] = set()
        for i in range(start, end):
            entries = led.get(keys[i])
            if entries is None:
                entries = led_by(keys[i])
            for label, specs in entries:
                if not specs[0].holds(rows, i):
                    continue
                ends = {i + 1}
                for spec in specs[1:]:
                    reached = {k + 1 for k in ends if k < end and spec.holds(rows, k)}
                    if spec.optional:
                        reached |= ends
                    ends = reached
                    if not ends:
                        break
                found.update((label, i, e) for e in ends)
        return found


def _expanded(pattern: Sequence[dict]) -> list[dict]:
    """The pattern with each bounded repeat written out as spaCy reads it: "{1,3}" is one token
    that must be there and two that may ("?"); "+", "*", "!" and unbounded repeats raise."""
    out: list[dict] = []
    for spec in pattern:
        op = spec.get("OP")
        bounded = _BOUNDED.match(op) if isinstance(op, str) else None
        if bounded is None:
            out.append(spec)
            continue
        low, comma, high = bounded.groups()
        if comma and not high or not comma and not low:
            raise ValueError(f"unsupported operator {op!r}")  # "{2,}": unbounded
        least, most = (int(low or 0), int(high)) if comma else (int(low), int(low))
        bare = {k: v for k, v in spec.items() if k != "OP"}
        out += [dict(bare)] * least + [{**bare, "OP": "?"}] * (most - least)
    return out


def _required(spec: _Spec) -> _Spec:
    return _Spec(spec.spec)
