"""What a row renderer needs to know besides the rows, fixed for the whole run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from asistents.i18n import Lang

if TYPE_CHECKING:  # the running totals' type only: a renderer does not load the summary
    from asistents.render.summary import BatchTotals


def unchanged(text: str) -> str:
    return text


@dataclass(frozen=True)
class RowOptions:
    lang: Lang
    #: The input's columns, in order (a CSV output's first columns).
    input_columns: tuple[str, ...] = ()
    #: The day columns of a CSV: the run's dates, or ``day_01``..``day_31``.
    day_columns: tuple[str, ...] = ()
    #: Days keyed by day of month (rows may carry their own periods).
    by_day_of_month: bool = False
    delimiter: str = ","
    decimal: str = "."
    #: The input columns (by position) the tool reads as numbers, and the input's decimal separator:
    #: a workbook writes their text cells as numbers (README "Excel": =SUM() works on them, and the
    #: tool's own workbook reads back as a register). JSON keeps every input cell as it was.
    numeric_inputs: frozenset[int] = frozenset()
    input_decimal: str = "."
    #: A whole emergency's register (one row per person per month): a workbook adds a sheet of persons.
    whole_emergency: bool = False
    #: How text reaches the output: unchanged, or with control characters escaped
    #: when stdout is a terminal (:func:`asistents.render.formula.escape_controls`).
    escape: Callable[[str], str] = field(default=unchanged)
    #: Text outputs: start with a byte-order mark (Latvian Excel reads UTF-8 CSV right then).
    bom: bool = False
    #: For documents (the workbook's summary sheet): the running totals, the input's
    #: name and SHA-256, and the run's date (``SOURCE_DATE_EPOCH`` when set).
    totals: BatchTotals | None = None
    source_name: str = ""
    source_sha256: str = ""
    run_date: datetime | None = None
