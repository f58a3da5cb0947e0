"""What the parser should not read: markup, emoji and invisible characters, blanked in place.

Objectives pasted from web pages, chats and rich-text forms carry characters that are not words:
zero-width spaces between or after words ("Meet CPAs in Akron\u200b" hides the place from the
gazetteer; "Meet\u200bCPAs" is one token), HTML tags ("Meet <b>CPAs</b>" hides the role),
Markdown emphasis ("**CPAs**"), emoji and their joiners and flags, which the tagger reads as
nouns and glues to the spans around them. :func:`blank_markup` replaces each such character with
a space, so the text keeps its length and every offset found in it still points into the
writer's original text, which is what results show.
"""
from __future__ import annotations

import re
import unicodedata

# HTML and XML tags, opening, closing or empty (not a lone "<" or "a < b").
_TAG_RX = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# Markdown emphasis and code marks against a word: **bold**, _italic_, `code` (not snake_case).
_EMPHASIS_RX = re.compile(r"(?<![\w*`])[*_`]+(?=\w)|(?<=\w)[*_`]+(?![\w*`])")

# Invisible format characters except the soft hyphen (inside a word: blanking it would split it).
_FORMAT = "Cf"
_KEEP = {"\u00ad"}
# Variation selectors and the combining keycap belong to the emoji before them.
_EMOJI_PARTS = set(map(chr, range(0xFE00, 0xFE10))) | {"\u20e3"}


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


def _is_noise(ch: str) -> bool:
    if ch.isascii():
        return False
    if ch in _EMOJI_PARTS:
        return True
    category = unicodedata.category(ch)
    if category == "Zs":  # no-break, thin, ideographic … spaces: the tokenizer splits on " " only
        return True
    if category == _FORMAT:
        return ch not in _KEEP
    # Other symbols (emoji, pictographs, flags' letters, dingbats) and modifier symbols (skin tones).
    return category in ("So", "Sk")


def blank_markup(text: str) -> str:
    """``text`` with tags, emphasis marks, emoji and invisible characters replaced by spaces
    (same length; a text without them is returned as it is).

    >>> blank_markup("Meet <b>CPAs</b> in Akron")
    'Meet    CPAs     in Akron'
    >>> blank_markup("Meet **CPAs** in\\u200bAkron 🚀")
    'Meet   CPAs   in Akron  '
    >>> blank_markup("a < b and snake_case stay")
    'a < b and snake_case stay'
    """
    if text.isascii():
        if "<" not in text and "*" not in text and "_" not in text and "`" not in text:
            return text
    else:
        text = "".join(" " if _is_noise(ch) else ch for ch in text)
    if "<" in text:
        text = _TAG_RX.sub(_blank, text)
    return _EMPHASIS_RX.sub(_blank, text)
