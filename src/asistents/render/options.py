"""What a row renderer needs to know besides the rows, fixed for the whole run."""

from __future__ import annotations

from dataclasses import dataclass

from asistents.i18n import Lang


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
