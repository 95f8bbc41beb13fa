"""Which text encoding a file is in.

Latvian Excel saves "CSV UTF-8" with a byte-order mark and plain "CSV" in
Windows-1257. We read UTF-8 (with or without BOM, as ``utf-8-sig`` so the BOM
never ends up in the first header), UTF-16 when its BOM says so, and Windows-1257
when the bytes are not UTF-8. An explicit ``--encoding`` always wins.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO

_CHUNK = 1 << 20


class EncodingProblem(Exception):
    """The bytes do not fit one encoding: ``code`` a message key, ``line`` the first bad line."""

    def __init__(self, code: str, encoding: str, line: int, reason: str) -> None:
        super().__init__(code)
        self.code, self.encoding, self.line, self.reason = code, encoding, line, reason


#: A UTF-8 encoded Latvian letter (U+0100-U+017F: ā č ē ģ ī ķ ļ ņ š ū ž): two bytes that in
#: Windows-1257 would read as "Ä" or "Å" followed by a symbol, which Latvian text never has.
_UTF8_LATVIAN_LETTER = re.compile(rb"[\xc4\xc5][\x80-\xbf]")


def detect_encoding(stream: BinaryIO, sample: bytes) -> tuple[str, bool]:
    """Return ``(encoding, has_bom)`` for a stream whose first bytes are ``sample``.

    A seekable stream is checked to its end (in chunks, so memory stays flat) and
    rewound; for a pipe only the sample can be checked. Bytes that are not UTF-8 are
    Windows-1257, unless the file also holds UTF-8 letters: a file mixing the two is
    an error naming the first bad line (reading it either way would garble names).
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", True
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts with FF FE
        return "utf-32", True
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", True
    without_bom = _utf16_without_bom(sample)
    if without_bom is not None:
        return without_bom, False
    bad = first_undecodable(stream, sample, "utf-8")
    if bad is None:
        return "utf-8-sig", False
    if _any_chunk(stream, sample, _UTF8_LATVIAN_LETTER):
        raise EncodingProblem("f_mixed_encoding", "utf-8", bad[0], bad[1])
    return "cp1257", False


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: Latin text has a zero byte in every other place (after each
    letter in little-endian, before it in big-endian); no text file in another encoding looks like that."""
    pairs = sample[: len(sample) - len(sample) % 2][:400]
    if len(pairs) < 8:
        return None
    high, low = pairs[1::2], pairs[0::2]
    for zeros, name in ((high, "utf-16-le"), (low, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and (high if zeros is low else low).count(0) == 0:
            return name
    return None


def first_undecodable(stream: BinaryIO, sample: bytes, encoding: str) -> tuple[int, str] | None:
    """The line of the first byte ``encoding`` cannot decode, and why; None if all decode.

    ``stream`` is positioned after ``sample``; a seekable one is read to its end and
    put back where it was.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 1
    for chunk in _chunks(stream, sample):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            return lines + chunk.count(b"\n", 0, error.start), error.reason
        except UnicodeError as error:  # "UTF-16 stream does not start with BOM"
            return lines, str(error)
        lines += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeError as error:
        return lines, getattr(error, "reason", str(error))
    return None


def _any_chunk(stream: BinaryIO, sample: bytes, pattern: re.Pattern[bytes]) -> bool:
    tail = b""
    for chunk in _chunks(stream, sample):
        if pattern.search(tail + chunk):
            return True
        tail = chunk[-1:]
    return False


def _chunks(stream: BinaryIO, sample: bytes) -> Iterator[bytes]:
    yield sample
    if not stream.seekable():
        return
    start = stream.tell()
    try:
        while chunk := stream.read(_CHUNK):
            yield chunk
    finally:
        stream.seek(start)


#: Codecs Python calls text encodings that cannot decode a register's text: domain
#: names (idna, punycode), Python string literals, and one that refuses everything.
_NOT_FOR_TEXT = frozenset({"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"})


def is_text_encoding(name: str) -> bool:
    """An encoding that can decode arbitrary text: known, a text encoding, not one of :data:`_NOT_FOR_TEXT`."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    return bool(getattr(info, "_is_text_encoding", True)) and info.name not in _NOT_FOR_TEXT
