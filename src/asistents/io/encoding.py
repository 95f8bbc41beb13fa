"""Which text encoding a file is in.

Latvian Excel saves "CSV UTF-8" with a byte-order mark and plain "CSV" in
Windows-1257. We read UTF-8 (with or without BOM, as ``utf-8-sig`` so the BOM
never ends up in the first header), UTF-16 when its BOM says so, and Windows-1257
when the bytes are not UTF-8. An explicit ``--encoding`` always wins.
"""

from __future__ import annotations

import codecs
from typing import BinaryIO

_CHUNK = 1 << 20


def detect_encoding(stream: BinaryIO, sample: bytes) -> tuple[str, bool]:
    """Return ``(encoding, has_bom)`` for a stream whose first bytes are ``sample``.

    A seekable stream is checked to its end (in chunks, so memory stays flat) and
    rewound; for a pipe only the sample can be checked.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", True
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", True
    if _is_utf8(stream, sample):
        return "utf-8-sig", False
    return "cp1257", False


def _is_utf8(stream: BinaryIO, sample: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample)
        if stream.seekable():
            start = stream.tell()
            try:
                while chunk := stream.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            finally:
                stream.seek(start)
    except UnicodeDecodeError:
        return False
    return True


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
