"""What a reader gives: one :class:`Record` per data row, and :class:`Detected`, what it found out.

A reader gives one :class:`Record` per data row (its cells as given, or why it
cannot be read); :class:`Detected` says what the reader found out about the file
and is complete before the first row is returned. Both belong to the readers'
layer: the register pipeline above turns records into rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from asistents.core.errors import InputError
from asistents.io.formats import Format
from asistents.io.headers import Reading

_NO_HEADERS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class HeaderMap:
    """Which cell index holds which register column, and columns given twice."""

    index: dict[str, int]
    duplicates: dict[str, list[str]] = field(default_factory=dict)
    #: Headers that could be a figure and cannot be read whole, by cell index (README "How headers are read").
    problems: dict[int, Reading] = field(default_factory=dict)
    #: The months that three month-headed columns name, ``m1`` first (year or None, month).
    three_months: tuple[tuple[int | None, int], ...] = ()


@dataclass
class Detected:
    """What the reader found out about the input, reported on stderr."""

    format: Format
    encoding: str = "utf-8"
    bom: bool = False
    delimiter: str | None = None
    decimal: str = "."
    header: HeaderMap | None = None
    #: Every input column, in order: a CSV's header, the keys of a JSON array's
    #: objects (or of NDJSON's, when scanned), as first seen. None: not known.
    columns: tuple[str, ...] | None = None
    #: Workbooks: the sheet read and the row its header was found on (1-based).
    sheet: str | None = None
    header_row: int | None = None

    @property
    def has_columns(self) -> set[str]:
        """The register columns the header holds (CSV; JSON records are seen one at a time)."""
        return set(self.header.index) if self.header is not None else set()


class Record(NamedTuple):
    """One data row as read: its line (CSV, NDJSON) or position (JSON array), every
    cell as given with its column's header (also the columns the calculation does
    not use), the cells by register column, or the reason it cannot be read.

    Rows and records are named tuples: immutable, and a million of them are made
    in a few tenths of a second (frozen dataclasses take twice as long)."""

    line: int
    values: Mapping[str, object]
    error: InputError | None = None
    columns: Sequence[str] = ()
    cells: Sequence[object] = ()
    #: Register column -> the header as the file writes it (for messages).
    headers: Mapping[str, str] = _NO_HEADERS


#: Why a row between persons is empty: it comes back as a row marked blank (README "Your register"),
#: so results pasted beside the register stay aligned; it is not an error for the exit code.
BLANK_ROW = "blank_row"


def blank_record(line: int, columns: Sequence[str], cells: Sequence[object], headers: Mapping[str, str]) -> Record:
    return Record(line, {}, InputError("row", "", BLANK_ROW), columns, cells, headers)
