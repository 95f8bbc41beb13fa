"""The typed rows of a register, from the reader to the renderers.

A reader gives one :class:`Record` per data row (its cells as given, or why it
cannot be read); the pipeline turns each into a :class:`RegisterRow` (the parsed
input and the result, or the error). Renderers read :class:`RegisterRow` only and
never recompute. :class:`Detected` says what the reader found out about the file;
it is complete before the first row is returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from asistents.core.errors import InputError
from asistents.core.models import CalcResult
from asistents.core.shared import Own
from asistents.io.formats import Format

_NO_HEADERS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class HeaderMap:
    """Which cell index holds which register column, and columns given twice."""

    index: dict[str, int]
    duplicates: dict[str, list[str]] = field(default_factory=dict)


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
    #: A workbook whose file name said otherwise (``register.csv`` holding xlsx bytes).
    misnamed: bool = False

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


class RegisterRow(NamedTuple):
    """One output row: the record, and either its result or its error.

    Alike rows share one calculation (:class:`~asistents.core.shared.SharedCalculation`):
    ``shared`` is that object (the renderers format what it holds once, keyed by it) and
    ``own`` the row's own figures on it. :attr:`result` is the row's whole result,
    exactly what :func:`~asistents.core.calculate.calculate` returns for it.
    """

    record: Record
    shared: CalcResult | None = None
    #: The row's own average and entitlement on ``shared``; None: ``shared`` is its whole result.
    own: Own | None = None
    #: ``shared``'s number, the same for alike rows (renderers keep what they make of it by this);
    #: None: ``shared`` is this row's alone.
    split: int | None = None
    error: InputError | None = None

    @property
    def result(self) -> CalcResult | None:
        """The row's whole result, made from ``shared`` and ``own`` on each call (keep it, if needed twice)."""
        if self.own is None or self.shared is None:
            return self.shared
        return self.own.on(self.shared)

    @property
    def average(self) -> Decimal | None:
        return self.own.average if self.own is not None else self.shared.average if self.shared else None

    @property
    def entitlement(self) -> Decimal | None:
        return self.own.entitlement if self.own is not None else self.shared.entitlement if self.shared else None

    @property
    def line(self) -> int:
        return self.record.line

    @property
    def values(self) -> Mapping[str, object]:
        return self.record.values
