"""Which format a register is in: from its name, its first bytes, or its first characters.

A workbook or another binary file given as a register is named as such (reading a
workbook is :mod:`asistents.io.workbook`'s job), never blamed on the encoding.
"""

from __future__ import annotations

from typing import Literal

from asistents.io.errors import InputFileError

Format = Literal["csv", "json", "ndjson", "xlsx", "xls", "ods"]
#: Formats read with python-calamine.
WORKBOOK_FORMATS: tuple[Format, ...] = ("xlsx", "xls", "ods")

#: The first bytes of workbooks (zip: xlsx, xlsm, xlsb, ods; OLE2: xls), and the format read then.
_WORKBOOKS: tuple[tuple[bytes, Format], ...] = (
    (b"PK\x03\x04", "xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),
)
#: Other binary files people pick by mistake (PDF, images, archives). A NUL byte alone
#: does not make a file binary: registers exported by other systems may hold one in a cell.
_BINARIES = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"\x7fELF", b"7z\xbc\xaf")


def workbook_kind(sample: bytes) -> Format | None:
    """The workbook format the bytes start like, or None."""
    return next((kind for magic, kind in _WORKBOOKS if sample.startswith(magic)), None)


def check_is_text(sample: bytes) -> None:
    """A workbook or a binary file given as text is named as such, not blamed on the encoding."""
    kind = workbook_kind(sample)
    if kind is not None:
        raise InputFileError("f_workbook", kind=kind)
    if sample.startswith(_BINARIES):
        raise InputFileError("f_binary")


def format_from_name(name: str | None) -> Format | None:
    if not name:
        return None
    lowered = name.lower()
    suffixes = (
        (".csv", "csv"), (".tsv", "csv"), (".txt", "csv"), (".json", "json"),
        (".xlsx", "xlsx"), (".xlsm", "xlsx"), (".xlsb", "xlsx"), (".xls", "xls"), (".ods", "ods"),
    )  # fmt: skip
    for suffix, fmt in suffixes:
        if lowered.endswith(suffix):
            return fmt  # type: ignore[return-value]
    if lowered.endswith((".ndjson", ".jsonl")):
        return "ndjson"
    return None


def guess_format(sample: str) -> Format:
    stripped = sample.lstrip()
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("{"):
        return "ndjson"
    return "csv"
