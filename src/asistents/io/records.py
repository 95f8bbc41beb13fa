"""One register record (cells by field name) turned into a :class:`CalcInput`.

Only the numeric columns are parsed as numbers, with the file's decimal separator;
ids and names stay text. An empty cell means "not given": the run-wide default
(from the same flags as ``calc``) applies, and hours used (``used``) count as 0,
as ``calc``'s ``--used`` does. A *missing column* is different: without a ``used``
column, or without ``avg`` and ``m1``-``m3``, a row that needs them is an error
row, because silently taking 0 hours used would overpay every recipient.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from asistents.core.errors import InputError
from asistents.core.models import CalcInput
from asistents.io.numbers import parse_date, parse_decimal, parse_flag

HOURS_FIELDS = (
    "avg",
    "used",
    "weekly",
    "used_week_before",
    "used_week_after",
    "daily_max",
    "step",
    "rate",
)
#: Record field -> CalcInput attribute, where the names differ.
_ATTRIBUTE = {"avg": "average"}


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _hours(field: str, value: object, decimal: str) -> Decimal:
    if isinstance(value, bool):
        raise InputError(field, value, "not_a_number", sep=decimal)
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, Decimal):
        if value.is_signed() and value.is_finite():
            raise InputError(field, value, "negative")
        return value
    if isinstance(value, str):
        return parse_decimal(field, value, decimal)
    raise InputError(field, value, "not_a_number", sep=decimal)


def _flag(field: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return parse_flag(field, value)
    raise InputError(field, value, "not_a_flag")


def _date(field: str, value: object) -> date:
    if isinstance(value, str):
        return parse_date(field, value)
    raise InputError(field, value, "not_a_date")


def record_to_input(values: Mapping[str, object], defaults: CalcInput, decimal: str = ".") -> CalcInput:
    """Build the input of one row; raise :class:`InputError` naming the column."""
    update: dict[str, object] = {}
    for field in HOURS_FIELDS:
        value = values.get(field)
        if _given(value):
            update[_ATTRIBUTE.get(field, field)] = _hours(field, value, decimal)
    months = [values.get(f"m{i}") for i in (1, 2, 3)]
    given = [_given(m) for m in months]
    if all(given):
        update["months"] = tuple(_hours(f"m{i}", m, decimal) for i, m in enumerate(months, start=1))
    elif any(given):
        missing = given.index(False) + 1
        raise InputError(f"m{missing}", "", "months_count")
    for field in ("start", "end"):
        value = values.get(field)
        if _given(value):
            update[field] = _date(field, value)
    for field in ("exclude_weekends", "resumed", "no_history"):
        value = values.get(field)
        if _given(value):
            update[field] = _flag(field, value)
    inp = defaults.model_copy(update=update)
    if not (inp.resumed or inp.no_history):
        if "used" not in values:
            raise InputError("used", "", "missing_column")
        if not any(key in values for key in ("avg", "m1", "m2", "m3")):
            raise InputError("avg", "", "missing_column")
    return inp
