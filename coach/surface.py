"""What the parser should not read: markup, emoji and invisible characters, blanked in place,
and styled letters read as plain ones.

Objectives pasted from web pages, chats and rich-text forms carry characters that are not words:
zero-width spaces between or after words ("Meet CPAs in Akron\u200b" hides the place from the
gazetteer; "Meet\u200bCPAs" is one token), HTML tags ("Meet <b>CPAs</b>" hides the role), web
addresses, line breaks written as ``\\n`` escapes, Markdown emphasis ("**CPAs**"), emoji and
their joiners and flags, which the tagger reads as nouns and glues to the spans around them.
Fullwidth and "bold" or "italic" letters (mathematical alphanumerics, as social-media posts style
text) are not English words to the tagger, and a line break inside a sentence (a text box wrapped
by hand) ends the sentence for it.

:func:`blank_markup` replaces each such character and such a line break with spaces, and each
styled letter with its plain ASCII letter, so the text keeps its length; :func:`plain_form` then
makes runs of spaces one and says where each character came from, so every offset found in the
parsed text still points into the writer's original text, which is what results show.
"""
from __future__ import annotations

import re
import unicodedata

# HTML and XML tags, opening, closing or empty (not a lone "<" or "a < b").
_TAG_RX = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# Web addresses (with a scheme or www.): not words; the tagger glues them to the span before them.
_URL_RX = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
# Line breaks and tabs written out as escapes ("…in Akron\\nwho use…"), as some exports do.
_ESCAPE_RX = re.compile(r"(?<!\\)\\[nrt]")
# Markdown emphasis and code marks against a word: **bold**, _italic_, `code` (not snake_case).
_EMPHASIS_RX = re.compile(r"(?<![\w*`])[*_`]+(?=\w)|(?<=\w)[*_`]+(?![\w*`])")

# Invisible format characters except the soft hyphen (inside a word: blanking it would split it).
_FORMAT = "Cf"
_KEEP = {"\u00ad"}
# Variation selectors and the combining keycap belong to the emoji before them.
_EMOJI_PARTS = set(map(chr, range(0xFE00, 0xFE10))) | {"\u20e3"}


def _folded(ch: str) -> str:
    """A compatibility letter or digit as its ASCII self (fullwidth "Ｃ", the mathematical bold
    "𝗖" of styled social-media text), else the character as it is: one character for one."""
    plain = unicodedata.normalize("NFKC", ch)
    return plain if len(plain) == 1 and plain.isascii() and plain.isalnum() else ch


def fold_letters(text: str) -> str:
    """``text`` with fullwidth and styled (mathematical) letters and digits as plain ASCII, same length.

    >>> fold_letters("Meet 𝗖𝗣𝗔𝘀 in Ａｋｒｏｎ"), fold_letters("café ½")
    ('Meet CPAs in Akron', 'café ½')
    """
    if text.isascii():
        return text
    return "".join(_folded(ch) if not ch.isascii() else ch for ch in text)


# A single line break inside a sentence (the next line goes on in lower case): a form's text box
# wrapped by hand. The parser would read the break as a boundary and drop what follows it.
_BREAKS = "\r\n\x0b\x0c\x85\u2028\u2029"
_WRAP_RX = re.compile(rf"(?<![{_BREAKS}])[ \t]*(?:\r\n|[{_BREAKS}])[ \t]*(?=[a-z])")


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
    >>> blank_markup("Meet CPAs in Akron https://t.co/x\\\\nsoon")
    'Meet CPAs in Akron                 soon'
    >>> blank_markup("a < b and snake_case stay")
    'a < b and snake_case stay'
    >>> blank_markup("Meet HR directors\\nwho use Workday"), blank_markup("Meet CFOs.\\nGet leads")
    ('Meet HR directors who use Workday', 'Meet CFOs.\\nGet leads')
    """
    if text.isascii():
        if not any(mark in text for mark in "<*_`\n\r\x0b\x0c\t/\\"):
            return text
    else:
        text = "".join(" " if _is_noise(ch) else _folded(ch) if not ch.isascii() else ch for ch in text)
    if "<" in text:
        text = _TAG_RX.sub(_blank, text)
    if "\\" in text:
        text = _ESCAPE_RX.sub(_blank, text)
    if "//" in text or "www." in text.lower():
        text = _URL_RX.sub(_blank, text)
    text = _WRAP_RX.sub(_blank, text)
    return _EMPHASIS_RX.sub(_blank, text)


def plain_form(text: str) -> tuple[str, list[int] | None]:
    """The text the parser reads, and where each of its characters is in ``text`` (None when it
    is ``text`` itself).

    :func:`blank_markup`, then every run of spaces and tabs made one space and spaces at either
    end dropped: the tokenizer makes a token of each extra space, and the parser then reads a
    double space like a boundary ("Meet HR directors  at hospitals" lost its qualifier).

    >>> plain_form("Meet  CPAs  in <b>Akron</b> ")
    ('Meet CPAs in Akron', [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 18, 19, 20, 21, 22])
    >>> plain_form("Meet CPAs in Akron")
    ('Meet CPAs in Akron', None)
    """
    blanked = blank_markup(text)
    if "  " not in blanked and "\t" not in blanked and blanked == blanked.strip(" "):
        return blanked, (None if blanked is text or blanked == text else list(range(len(text))))
    kept = []
    for k, ch in enumerate(blanked):
        if ch in " \t":
            if not kept or blanked[kept[-1]] in " \t":
                continue  # at the start, or after a space
        kept.append(k)
    while kept and blanked[kept[-1]] in " \t":
        kept.pop()
    plain = "".join(" " if blanked[k] == "\t" else blanked[k] for k in kept)
    return plain, kept
