"""Checking that a text can be graded: valid Unicode, not empty, not binary, not huge, English."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from .errors import CoachError
from .surface import fold_letters
from .textio import has_surrogates

#: Longest objective accepted, in characters. Objectives are a sentence or three; a longer
#: text is a pasted document, and parsing it would stall a batch.
MAX_CHARS = 5000

# Frequent function words of the languages most often pasted by mistake. A text with more of
# these than of English function words is not English.
_FOREIGN_WORDS = frozenset("""
el la los las de del que y en un una por para con su sus es al lo como mas pero muy quiero
le les des et est une pour dans avec sur pas au aux je veux nous vous qui ce cette sont
der die das und ist nicht ein eine ich mit auf den dem zu fur für von sich auch wir möchte
il di che non sono gli della per una nel mi voglio questo
o os as um uma não com para eu quero mais dos das na no
""".split())
_FOREIGN_ONLY = _FOREIGN_WORDS - STOP_WORDS
_WORD_RX = re.compile(r"[^\W\d_]+", re.UNICODE)
# Control characters other than tab and line breaks: a few are tolerated (a stray form feed),
# more mean a binary or mis-decoded file.
_CONTROL_RX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class InputError(CoachError, ValueError):
    """A text the coach cannot grade; the message says why in one line."""


def check_text(text: object) -> str:
    """Return ``text`` stripped, or raise :class:`InputError` saying why it cannot be graded.

    >>> check_text("  Meet sales trainers ")
    'Meet sales trainers'
    >>> check_text("   ")
    Traceback (most recent call last):
    ...
    coach.inputs.InputError: empty objective: write what information you want and from whom
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as err:
            raise InputError(f"input is not UTF-8 text (undecodable byte at position {err.start})") from err
    if not isinstance(text, str):
        raise InputError(f"expected text, got {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise InputError(f"objective too long ({len(text):,} characters; at most {MAX_CHARS:,})")
    if has_surrogates(text):
        # Lone surrogates come from undecodable command-line bytes or JSON escapes like "\ud800";
        # they cannot be encoded, and the tokenizer would fail on them.
        raise InputError("input is not valid text (it holds undecodable characters)")
    if "\x00" in text or "\ufffd" in text or len(_CONTROL_RX.findall(text)) > 2:
        raise InputError("input looks binary or undecodable, not text")
    stripped = text.strip()
    if not stripped:
        raise InputError("empty objective: write what information you want and from whom")
    words = _WORD_RX.findall(fold_letters(stripped))  # styled letters ("𝗖𝗣𝗔𝘀") count as the letters they are
    if not words:
        raise InputError("no words in the objective: write what information you want and from whom")
    letters = "".join(words)
    # (encoding to ASCII with errors ignored keeps exactly the ASCII letters: their count)
    if not letters.isascii() and len(letters.encode("ascii", "ignore")) / len(letters) < 0.6:
        raise InputError("the objective does not look like English; the coach grades English objectives")
    if len(words) >= 4:
        lowered = [w.lower() for w in words]
        foreign = sum(w in _FOREIGN_ONLY for w in lowered)
        if foreign >= 2 and foreign > sum(w in STOP_WORDS for w in lowered):
            raise InputError("the objective does not look like English; the coach grades English objectives")
    return stripped


def validate_all(texts: list[str]) -> None:
    """Raise :class:`InputError` for the first text that cannot be graded, saying which one."""
    for number, text in enumerate(texts, 1):
        try:
            check_text(text)
        except InputError as err:
            where = f"objective {number}: " if len(texts) > 1 else ""
            raise InputError(f"{where}{err}") from None
