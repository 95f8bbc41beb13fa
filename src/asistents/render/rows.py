"""One output row of ``batch`` per input row: identification, inputs, results.

A row is a plain mapping from column name to value (Decimal, text, date, list or
None); the writers decide how each looks in CSV or JSON. Machine column names are
the same in every language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from asistents.core.errors import InputError
from asistents.core.models import CalcInput, CalcResult
from asistents.i18n import Lang
from asistents.io.columns import FIELDS
from asistents.render.messages import notice_line, record_error_line

ID_COLUMNS = ("line", "id", "name", "status", "error")
INPUT_COLUMNS = tuple(name for name in FIELDS if name not in ("id", "name"))
RESULT_COLUMNS = ("average", "entitlement", "payable_hours")
TAIL_COLUMNS = ("limited_by", "warnings", "amount_eur")

Row = dict[str, object]


def day_column_names(days: Sequence[date] | None) -> list[str]:
    """ISO dates of the run's period, or ``day_01``..``day_31`` when rows carry their own."""
    if days is None:
        return [f"day_{n:02d}" for n in range(1, 32)]
    return [d.isoformat() for d in days]


def all_columns(day_columns: Sequence[str]) -> list[str]:
    return [*ID_COLUMNS, *INPUT_COLUMNS, *RESULT_COLUMNS, *day_columns, *TAIL_COLUMNS]


def day_key(day: date, by_day_of_month: bool) -> str:
    return f"day_{day.day:02d}" if by_day_of_month else day.isoformat()


def _inputs_used(inp: CalcInput) -> Row:
    months = inp.months or (None, None, None)
    return {
        "avg": inp.average,
        "m1": months[0],
        "m2": months[1],
        "m3": months[2],
        "used": inp.used,
        "weekly": inp.weekly,
        "used_week_before": inp.used_week_before,
        "used_week_after": inp.used_week_after,
        "daily_max": inp.daily_max,
        "step": inp.step,
        "start": inp.start,
        "end": inp.end,
        "exclude_weekends": inp.exclude_weekends,
        "resumed": inp.resumed,
        "no_history": inp.no_history,
        "rate": inp.rate,
    }


def ok_row(
    line: int, values: Mapping[str, object], inp: CalcInput, result: CalcResult, lang: Lang, by_day_of_month: bool
) -> Row:
    row: Row = {
        "line": line,
        "id": values.get("id"),
        "name": values.get("name"),
        "status": "ok",
        "error": None,
        **_inputs_used(inp),
        "average": result.average,
        "entitlement": result.entitlement,
        "payable_hours": result.payable_hours,
        "days": {day_key(d.date, by_day_of_month): d.hours for d in result.days},
        "limited_by": list(result.limited_by),
        "warnings": [notice_line(n, lang) for n in result.warnings],
        "warning_codes": [n.model_dump() for n in result.warnings],
        "amount_eur": result.amount_eur,
    }
    return row


def error_row(line: int, values: Mapping[str, object], error: InputError, lang: Lang) -> Row:
    """The row as given, marked ``error`` with the line and the reason."""
    row: Row = {"line": line, "id": values.get("id"), "name": values.get("name"), "status": "error"}
    row["error"] = record_error_line(line, error, lang)
    for column in INPUT_COLUMNS:
        row[column] = values.get(column)
    row["days"] = {}
    row["limited_by"] = []
    row["warnings"] = []
    row["warning_codes"] = []
    return row


def is_plain_number(value: object) -> bool:
    return isinstance(value, (Decimal, int)) and not isinstance(value, bool)
