"""Small token helpers shared by the components: stretches around trigger words, capitalised words."""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token


def merged_windows(positions: Iterable[int], length: int, before: int, after: int) -> list[tuple[int, int]]:
    """Token ranges from ``before`` tokens before to ``after`` tokens after each position (in
    increasing order), cut to the Doc's ``length`` and merged where they touch or overlap.

    >>> merged_windows([2, 4, 20], 25, before=1, after=3)
    [(1, 7), (19, 23)]
    """
    windows: list[list[int]] = []
    for i in positions:
        start, end = max(0, i - before), min(length, i + after)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [(a, b) for a, b in windows]


def is_capitalised(token: Token) -> bool:
    """A word of two or more letters written with a capital ("Society", "NASA"), not "I" or "&"."""
    return token.is_alpha and len(token) > 1 and (token.is_title or token.is_upper)
