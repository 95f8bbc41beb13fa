"""Cells by column name turned into a :class:`CalcInput`, the same way for a register
row and for the command line, driven by the field registry.

Only the numeric columns are parsed as numbers, with the file's decimal separator
(the command line always uses a point); ids and names stay text. An empty cell
means "not given": the run-wide default (from the same flags as ``calc``) applies;
an empty ``used`` is not 0 but an error (:func:`asistents.core.validate.check_row`),
as a blank usually means the rest of the month's timesheet has not arrived. A
*missing column* is an error too: without a ``used`` column, or without ``avg``
and ``m1``-``m3``, a row that needs them names all the missing columns at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal

from asistents.core.basis import history_basis
from asistents.core.errors import InputError
from asistents.core.fields import BY_COLUMN, BY_NAME, CLAIMED_PREFIX, MONTH_COLUMNS, InputField, Kind
from asistents.core.models import CalcInput
from asistents.core.period import resolve_period
from asistents.io.numbers import parse_date, parse_decimal, parse_flag


def given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def parse_hours(column: str, value: object, decimal: str) -> Decimal:
    if isinstance(value, bool):
        raise InputError(column, value, "not_a_number", sep=decimal)
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, Decimal):
        if value.is_signed() and value.is_finite():
            raise InputError(column, value, "negative")
        return value
    if isinstance(value, str):
        return parse_decimal(column, value, decimal)
    raise InputError(column, value, "not_a_number", sep=decimal)


def _flag(column: str, value: object, decimal: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return parse_flag(column, value)
    raise InputError(column, value, "not_a_flag")


def _date(column: str, value: object, decimal: str) -> date:
    if isinstance(value, date):  # a workbook's date cell
        return value
    if isinstance(value, str):
        return parse_date(column, value)
    raise InputError(column, value, "not_a_date")


#: How a cell of each kind becomes a value (``months`` and ``text`` are handled apart).
PARSERS: dict[Kind, Callable[[str, object, str], object]] = {
    "hours": parse_hours,
    "euro": parse_hours,
    "flag": _flag,
    "date": _date,
    "notes": lambda column, value, decimal: tuple(value) if isinstance(value, (list, tuple)) else (str(value),),
}


def _months(field: InputField, values: Mapping[str, object], decimal: str) -> tuple[Decimal, ...] | None:
    cells = [values.get(c.name) for c in MONTH_COLUMNS]
    together = values.get("months")
    if not any(given(cell) for cell in cells) and given(together):  # "40 | 50 | 30" in one cell
        parts = together if isinstance(together, list) else str(together).split("|")
        if len(parts) != len(MONTH_COLUMNS):
            raise InputError("months", together, "months_count")
        cells = [p.strip() if isinstance(p, str) else p for p in parts]
    present = [given(cell) for cell in cells]
    if all(present):
        return tuple(parse_hours(c.name, cell, decimal) for c, cell in zip(MONTH_COLUMNS, cells, strict=True))
    if any(present):
        raise InputError(MONTH_COLUMNS[present.index(False)].name, "", "months_count")
    return None


def _claimed(values: Mapping[str, object], decimal: str, start: date) -> tuple[tuple[date, Decimal], ...] | None:
    """The hours claimed by day, from the columns whose headers are days; None when none has a figure."""
    claimed: dict[date, Decimal] = {}
    for column, value in values.items():
        if not column.startswith(CLAIMED_PREFIX) or not given(value):
            continue
        key = column[len(CLAIMED_PREFIX) :]
        try:
            day = date.fromisoformat(f"{start.year}{key[1:]}" if key.startswith("--") else key)
        except ValueError:  # 29.02. in a year that has none: that column's error, not a failed run
            raise InputError(column, value, "no_such_day", day=key[2:], year=start.year) from None
        claimed[day] = claimed.get(day, Decimal(0)) + parse_hours(column, value, decimal)
    return tuple(sorted(claimed.items())) if claimed else None


def record_to_input(
    values: Mapping[str, object], defaults: CalcInput, decimal: str = ".", *, require_columns: bool = True
) -> CalcInput:
    """Build the input of one row (or command line); raise :class:`InputError` naming the column."""
    update: dict[str, object] = {}
    has_claims = has_months = False
    for name, value in values.items():  # only the columns the row has: most registers have a few
        field = BY_COLUMN.get(name)
        if field is None:
            has_claims = has_claims or name.startswith(CLAIMED_PREFIX)
            continue
        if field.kind == "months":
            has_months = True
        elif field.attribute is not None and given(value):
            update[field.attribute] = PARSERS[field.kind](name, value, decimal)
    if has_months:
        months = _months(BY_NAME["months"], values, decimal)
        if months is not None:
            update["months"] = months
    if "start" in update or "end" in update:
        update["start"], update["end"] = resolve_period(update.get("start"), update.get("end"))  # type: ignore[arg-type]
    claimed = _claimed(values, decimal, update.get("start", defaults.start)) if has_claims else None  # type: ignore[arg-type]
    if claimed is not None:
        update["claimed"] = claimed
    inp = replace(defaults, **update) if update else defaults  # type: ignore[arg-type]
    if require_columns and history_basis(inp) == "average":
        missing = [] if any(key in values for key in ("avg", "m1", "m2", "m3", "months")) else ["avg (or m1, m2, m3)"]
        if "used" not in values and not inp.whole_month:  # a whole month has no other days
            missing.append("used")
        if missing:
            raise InputError("columns", ", ".join(missing), "missing_columns")
    return inp
