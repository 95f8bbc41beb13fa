"""The columns of a ``batch`` output row and each row's values, for every row renderer.

Machine column names are the same in every language. The input columns come from
the field registry: an ok row shows the input as computed (defaults filled in),
an error row the cells as given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from operator import attrgetter

from asistents.core.fields import BY_COLUMN, INPUT_COLUMNS
from asistents.core.models import CalcInput
from asistents.register.row import RegisterRow

ID_COLUMNS = ("line", "id", "name", "status", "error")
RESULT_COLUMNS = ("average", "entitlement", "payable_hours")
TAIL_COLUMNS = ("limited_by", "warnings", "amount_eur")


def _getter(column: str) -> Callable[[CalcInput], object]:
    field = BY_COLUMN[column]
    assert field.attribute is not None
    if field.kind == "months":
        index = [c.name for c in field.columns].index(column)

        def month(inp: CalcInput) -> object:
            return None if inp.months is None else inp.months[index]

        return month
    return attrgetter(field.attribute)


_GETTERS = tuple(_getter(column) for column in INPUT_COLUMNS)


def input_values(row: RegisterRow) -> list[object]:
    """The input columns' values, in :data:`INPUT_COLUMNS` order."""
    if row.input is not None:
        inp = row.input
        return [get(inp) for get in _GETTERS]
    values = row.values
    return [values.get(column) for column in INPUT_COLUMNS]


def day_column_names(days: Sequence[date] | None) -> list[str]:
    """ISO dates of the run's period, or ``day_01``..``day_31`` when rows carry their own."""
    if days is None:
        return [f"day_{n:02d}" for n in range(1, 32)]
    return [d.isoformat() for d in days]


def all_columns(day_columns: Sequence[str]) -> list[str]:
    return [*ID_COLUMNS, *INPUT_COLUMNS, *RESULT_COLUMNS, *day_columns, *TAIL_COLUMNS]


def day_key(day: date, by_day_of_month: bool) -> str:
    return f"day_{day.day:02d}" if by_day_of_month else day.isoformat()
