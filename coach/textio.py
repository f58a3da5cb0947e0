"""Reading text input one way for every command: decoding, line splitting, limits, JSON.

Every command that reads text (``coach check`` on standard input, ``coach grade`` for CSV, TSV,
JSONL and plain text, ``coach plan --answers``, ``coach evaluate`` and ``coach train --data``)
goes through :class:`TextLines`, so a file means the same thing to all of them:

- **Encoding**: a byte-order mark decides (UTF-8, UTF-16 or UTF-32); UTF-16 without a mark is
  recognised by its zero bytes (mostly Latin text). Otherwise every line is decoded as
  UTF-8, and only a line that is not valid UTF-8 falls back to cp1252 (what Excel writes); the
  fallback is reported in :attr:`TextLines.notes`. There is no guessing from a sample: a cp1252
  byte on line 9,000 changes line 9,000 only, and one stray byte cannot turn a UTF-8 file into
  mojibake.
- **Lines** end at ``\\r\\n``, ``\\n`` or a lone ``\\r`` (old Mac exports), and nowhere else: form
  feed, vertical tab, NEL (U+0085) and the Unicode line and paragraph separators are characters
  inside a line, as in CSV. A byte-order mark at the start of any line (concatenated exports) is
  dropped.
- **Limits**: a line longer than :data:`MAX_LINE_BYTES`, or a stream longer than the caller's
  ``max_bytes``, stops reading with :class:`TextInputError` (one line), so endless input such
  as ``/dev/zero`` cannot exhaust memory. Other NUL bytes at the start of a stream mean binary
  data.

>>> import io
>>> [line for line in TextLines(io.BytesIO(b"a\\rb\\r\\nc\\x0cd\\n"), "demo")]
['a\\r', 'b\\r\\n', 'c\\x0cd\\n']
"""
from __future__ import annotations

from .errors import CoachError

import codecs
import json
import re
import zipfile
from collections.abc import Iterator
from typing import IO

#: Longest physical line read, in bytes (characters for UTF-16). Objectives are at most 5,000
#: characters; a CSV row of a form export is a few KB. A longer line is not a table of objectives.
MAX_LINE_BYTES = 1 << 20
#: Largest standard input ``coach check`` reads: it checks every objective before loading the
#: pipeline, so it holds them all (about 100,000 objectives); batches go to ``coach grade``.
MAX_CHECK_BYTES = 16 << 20
#: Deepest JSON nesting accepted (objects and arrays); input objects are flat.
MAX_JSON_DEPTH = 64
_CHUNK = 1 << 16
_BYTES_EOL = re.compile(rb"\r\n|\r|\n")
_TEXT_EOL = re.compile(r"\r\n|\r|\n")
_SURROGATE = re.compile("[\ud800-\udfff]")


class TextInputError(CoachError, ValueError):
    """Input that cannot be read as text; the message says why in one line."""


def decode_line(raw: bytes) -> tuple[str, bool]:
    """A line's text: UTF-8, else cp1252 (undefined bytes become U+FFFD). True when it fell back.

    >>> decode_line("José".encode()), decode_line("José".encode("cp1252"))
    (('José', False), ('José', True))
    """
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), True


def clean_text(text: str) -> str:
    """``text`` with lone surrogates (from JSON escapes or undecodable command-line bytes)
    replaced by U+FFFD, so that it can be encoded, written and refused properly downstream.

    >>> clean_text("a\\ud800b")
    'a\\ufffdb'
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def has_surrogates(text: str) -> bool:
    """True when ``text`` holds a lone surrogate (it cannot be encoded as UTF-8)."""
    return _SURROGATE.search(text) is not None


class TextLines:
    """The lines of a byte stream, decoded and split as described in the module docstring.

    Iterate once; each line keeps its ending (``\\r\\n``, ``\\n``, ``\\r`` or none at the end).
    ``line_number`` is the number of the line last yielded; ``notes`` gains a sentence about
    cp1252 lines when the stream is exhausted.
    """

    def __init__(self, raw: IO[bytes], name: str, max_bytes: int | None = None,
                 max_line: int = MAX_LINE_BYTES, binary_hint: str = "", size_hint: str = ""):
        self.name = name
        self.max_bytes = max_bytes
        self.size_hint = size_hint
        self.max_line = max_line
        self.binary_hint = binary_hint
        self.line_number = 0
        self.notes: list[str] = []
        self.fallback_lines: list[int] = []
        self._raw = raw
        self._read = getattr(raw, "read1", raw.read)
        self._consumed = 0
        head = self._chunk()
        if head.startswith(codecs.BOM_UTF8):
            self.encoding, head = "utf-8-sig", head[len(codecs.BOM_UTF8):]
        elif head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            # Before UTF-16: UTF-32's little-endian mark starts with UTF-16's.
            self.encoding = "utf-32"
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.encoding = "utf-16"
        elif b"\x00" in head:
            # UTF-16 saved without its mark (iconv, some scripts) is text, not binary: mostly
            # Latin text leaves every other byte zero, which binary data does not do for 4 KiB.
            self.encoding = _bomless_utf16(head)
            if self.encoding is None:
                raise TextInputError(f"{name} looks binary, not text{binary_hint}")
        else:
            self.encoding = "utf-8"
        self._head = head

    def _chunk(self) -> bytes:
        data = self._read(_CHUNK)
        self._consumed += len(data)
        if self.max_bytes is not None and self._consumed > self.max_bytes:
            raise TextInputError(f"{self.name} is larger than {_size(self.max_bytes)}{self.size_hint}")
        return data

    def _chunks(self) -> Iterator[bytes]:
        if self._head:
            yield self._head
        while data := self._chunk():
            yield data

    def __iter__(self) -> Iterator[str]:
        if self.encoding.startswith(("utf-16", "utf-32")):
            decoder = codecs.getincrementaldecoder(self.encoding)(errors="replace")

            def texts() -> Iterator[str]:
                for chunk in self._chunks():
                    yield decoder.decode(chunk)
                yield decoder.decode(b"", final=True)  # an odd last byte becomes U+FFFD on its line

            for line in _split(texts(), _TEXT_EOL, self.max_line, self._too_long):
                yield self._line(line)
            return
        for raw_line in _split(self._chunks(), _BYTES_EOL, self.max_line, self._too_long):
            text, fell_back = decode_line(raw_line)
            if fell_back:
                self.fallback_lines.append(self.line_number + 1)
            yield self._line(text)
        if self.fallback_lines:
            first = ", ".join(map(str, self.fallback_lines[:3])) + (", …" if len(self.fallback_lines) > 3 else "")
            count = len(self.fallback_lines)
            self.notes.append(f"{count} line{'s' if count > 1 else ''} of {self.name} not UTF-8, "
                              f"read as cp1252 (line {first})")

    def _line(self, text: str) -> str:
        self.line_number += 1
        return text[1:] if text.startswith("\ufeff") else text

    def _too_long(self) -> TextInputError:
        return TextInputError(f"{self.name}: line {self.line_number + 1} is longer than "
                              f"{_size(self.max_line)}; is this really text, one record a line?")


def _bomless_utf16(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``head`` reads as UTF-16 text without a byte-order
    mark (the high byte of nearly every character zero, the low byte almost never), else None.

    >>> _bomless_utf16("Meet CPAs\\r\\n".encode("utf-16-le")), _bomless_utf16(b"\\x7fELF\\x02\\x01\\x00\\x00")
    ('utf-16-le', None)
    """
    sample = head[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, letters, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) <= 0.01 * len(letters):
            return encoding
    return None


def _split(chunks, eol: re.Pattern, limit: int, too_long) -> Iterator:
    """Split a stream of chunks (bytes or str) into lines at ``eol``, endings kept.

    A ``\\r`` at the end of a chunk waits for the next one: it may be half of ``\\r\\n``.
    """
    pending = None
    for chunk in chunks:
        data = chunk if pending is None else pending + chunk
        start = 0
        while (m := eol.search(data, start)) is not None:
            if m.end() == len(data) and m.group() in ("\r", b"\r"):
                break
            if m.end() - start > limit:
                raise too_long()
            yield data[start:m.end()]
            start = m.end()
        pending = data[start:]
        if len(pending) > limit:
            raise too_long()
    if pending:
        yield pending


def content_lines(lines: TextLines | Iterator[str]) -> Iterator[str]:
    """Lines without their endings, blank ones (whitespace only) left out.

    ``coach check`` on standard input and ``coach grade --input-format txt`` both read with this.
    """
    for line in lines:
        line = line.rstrip("\r\n")
        if line.strip():
            yield line


def read_text(raw: IO[bytes], name: str, max_bytes: int) -> str:
    """A whole (small) stream as text, decoded like every other input."""
    return "".join(TextLines(raw, name, max_bytes=max_bytes))


#: Characters that are line breaks to some readers (``str.splitlines``, editors) though JSON
#: allows them raw inside strings: escaped, one JSON record stays one line for every reader.
#: (json.dumps escapes the ASCII control characters already.)
_JSON_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
_JSON_LINE_BREAK_RX = re.compile("[" + "".join(_JSON_LINE_BREAKS) + "]")


def dumps_json_line(value: object, ascii_only: bool = False) -> str:
    """``value`` as one line of JSON (UTF-8 text kept, or every non-ASCII character escaped with
    ``ascii_only``), with every character any reader takes for a line break escaped.

    >>> dumps_json_line({"text": "a\u2028b\x85c"})
    '{"text": "a\\\\u2028b\\\\u0085c"}'
    """
    text = json.dumps(value, ensure_ascii=ascii_only)
    return _JSON_LINE_BREAK_RX.sub(lambda m: _JSON_LINE_BREAKS[m.group()], text)


def loads_json(text: str) -> object:
    """``json.loads`` that raises ``ValueError`` for anything wrong, including nesting deeper than
    :data:`MAX_JSON_DEPTH` (which would otherwise end in ``RecursionError``).

    >>> loads_json('{"a": [1, 2]}')
    {'a': [1, 2]}
    >>> loads_json("[" * 5000)
    Traceback (most recent call last):
    ...
    ValueError: JSON nested more than 64 levels deep
    """
    if _max_depth(text) > MAX_JSON_DEPTH:
        raise ValueError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        return json.loads(text)
    except RecursionError:  # pragma: no cover - the depth check above comes first
        raise ValueError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep") from None


def _max_depth(text: str) -> int:
    """Deepest bracket nesting outside strings (an upper bound is enough: it only refuses)."""
    if "[" not in text and "{" not in text:
        return 0
    # Remove strings first (escaped quotes included), then count brackets in what is left.
    bare = re.sub(r'"(?:[^"\\]|\\.)*"', "", text)
    depth = deepest = 0
    for ch in re.sub(r"[^\[\]{}]", "", bare):
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def unzipped_size(source, name: str, limit: int, member_limits: dict[str, int] | None = None,
                  kind: str = "ZIP archive") -> None:
    """Refuse a ZIP archive (XLSX, NPZ) whose members would unzip to more than ``limit`` bytes.

    Sizes come from the archive's directory; Python's ``zipfile`` never reads past a member's
    recorded size, so a lying directory cannot get round the limit.
    """
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise TextInputError(f"{name} is not a readable {kind} ({type(err).__name__})") from None
    total = sum(m.file_size for m in members)
    if total > limit:
        raise TextInputError(f"{name} unzips to {_size(total)}, more than the {_size(limit)} accepted")
    for member in members:
        cap = (member_limits or {}).get(member.filename)
        if cap is not None and member.file_size > cap:
            raise TextInputError(f"{name}: {member.filename} unzips to {_size(member.file_size)}, "
                                 f"more than the {_size(cap)} accepted")


def _size(n: int) -> str:
    return f"{n / (1 << 20):,.0f} MiB" if n >= 1 << 20 else f"{n:,} bytes"
