"""Text for a terminal: what a user wrote is shown, never obeyed.

An objective (or a venue file's wording, or a plan answer) can hold control characters: an escape
sequence that retitles the window or clears the screen, a carriage return that writes over the
line, a right-to-left override that reorders what is shown. Printed raw, the terminal would act on
them; shown as escapes, the user sees what is there.
"""
from __future__ import annotations

import unicodedata


def printable(text: str) -> str:
    r"""``text`` with control and format characters shown as ``\xNN`` / ``\uNNNN`` escapes.

    >>> printable("Meet \x1b]0;title\x07 CFOs\rX")
    'Meet \\x1b]0;title\\x07 CFOs\\rX'
    >>> printable("café \u202eevil"), printable("plain text")
    ('café \\u202eevil', 'plain text')
    """
    if text.isprintable():
        return text
    return "".join(_escaped(c) for c in text)


def _escaped(char: str) -> str:
    if char.isprintable() or char == " ":
        return char
    if unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return char  # other spaces (no-break, thin) are harmless
    code = ord(char)
    if char == "\r":
        return "\\r"
    if char == "\t":
        return "\\t"
    if char == "\n":
        return "\\n"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
