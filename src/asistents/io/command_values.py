"""The figures of ``calc`` and ``emergency`` as a person types them, into the core's inputs.

Both shells take them, the command line as options (:mod:`asistents.cli`) and the office's web page as form
fields or a JSON body (:mod:`asistents.web`), by the same names and with the same words when one is wrong: the
keys are the registry's field names (:mod:`asistents.core.fields`), the values text as typed. Kept below both
shells so that neither imports the other and neither has a second reading of a figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from asistents.core.calendar import emergency_days
from asistents.core.errors import InputError
from asistents.core.fields import BY_COLUMN, BY_NAME, MONTH_COLUMNS
from asistents.core.models import CalcInput
from asistents.io.numbers import parse_decimal
from asistents.io.records import record_to_input

if TYPE_CHECKING:
    from asistents.core.chain import ChainInput


@dataclass(frozen=True)
class Uploaded:
    """A file sent with a web form (a rates table): its name as the browser gave it, and its bytes."""

    name: str
    data: bytes


#: One field's value as typed: text, ``--months A B C``, ``--claimed H H …`` (a list), a flag, an uploaded
#: file, or not given.
FieldValue = str | tuple[str, ...] | list[str] | bool | Uploaded | None
#: The values of the fields as typed: field name -> value.
FieldValues = dict[str, FieldValue]


#: The registry's fields ``emergency`` takes: the limits every month shares, and the timesheet's names.
CHAIN_FIELDS = frozenset(
    {
        "weekly",
        "used_week_before",
        "used_week_after",
        "daily_max",
        "step",
        "exclude_weekends",
        "rate",
        "rates",
        "under_18",
    }
    | {"id", "personal_code", "name", "assistant", "service"}
)
#: How ``emergency``'s own inputs are called in its messages.
CHAIN_FLAGS = {"used": "--used", "resumed": "--resumed", "month": "--used/--resumed", "before": "--before"}


def as_columns(fields: Mapping[str, FieldValue]) -> dict[str, object]:
    """Field option values as register cells (``--months A B C`` -> ``m1 m2 m3``)."""
    cells: dict[str, object] = {}
    for name, value in fields.items():
        field = BY_NAME[name]
        if field.kind == "claims":
            continue  # by day: see claimed_by_day
        if field.kind == "months":
            parts = value if isinstance(value, tuple) else (None,) * len(MONTH_COLUMNS)
            cells.update({c.name: part for c, part in zip(MONTH_COLUMNS, parts, strict=True)})
        else:
            cells[name] = value
    return cells


def input_from_options(fields: Mapping[str, FieldValue], *, complete: bool = True) -> CalcInput:
    """The command line's figures as a :class:`CalcInput` (decimal point only).

    ``complete=False`` for ``batch``'s run-wide defaults, which need no history.
    Raises :class:`InputError` naming the field.
    """
    rates = rate_table(fields)
    cells = {k: v for k, v in as_columns(fields).items() if k not in ("rates", "under_18")}
    if rates is not None:
        cells.pop("rate", None)
    for name, value in cells.items():
        if isinstance(value, str) and not value.strip() and BY_COLUMN[name].kind != "text":
            code = "empty_date" if BY_COLUMN[name].kind == "date" else "empty"
            raise InputError(name, value, code)  # in a register a blank cell is "not given"; here it is a typo
    if not complete:
        cells = {name: value for name, value in cells.items() if value is not None}
    inp = record_to_input(cells, CalcInput(), ".", require_columns=complete)
    if rates is not None:
        inp = replace(inp, rates=rates)
    claimed = fields.get("claimed")
    if isinstance(claimed, list) and claimed:
        inp = replace(inp, claimed=claimed_by_day(claimed, inp))
    return inp


def rate_table(fields: Mapping[str, FieldValue]) -> tuple[tuple[date, Decimal], ...] | None:
    """``--rate official`` (with ``--under-18``) or ``--rates FILE``: a rate for each month; None: neither.

    The official table holds only the months a verified one exists for (from January 2021);
    a month without a rate is an error where it is computed (core.validate), never a guess."""
    rate, path, under_18 = fields.get("rate"), fields.get("rates"), bool(fields.get("under_18"))
    official = isinstance(rate, str) and rate.strip().lower() in ("official", "oficiala", "oficiālā")
    if path is not None and rate is not None:
        raise InputError("rates", path.name if isinstance(path, Uploaded) else str(path), "rate_and_rates")
    if under_18 and not official:
        raise InputError("under_18", "", "under_18_needs_official")
    if official:
        from asistents.core.rules import official_rates

        return official_rates(under_18)
    if isinstance(path, Uploaded):
        return _uploaded_rates(path)
    if isinstance(path, str):
        from asistents.io.rates import RATES_LIMIT, read_rates
        from asistents.io.small_file import SmallFileError, read_small_file

        try:  # a regular file within RATES_LIMIT (README "Bad input and exit codes"), opened without waiting
            text = read_small_file(Path(path), RATES_LIMIT).decode("utf-8-sig")
        except SmallFileError as error:
            code = {"not_regular": "rates_not_regular", "too_large": "rates_too_large"}.get(
                error.code, "rates_unreadable"
            )
            raise InputError("rates", path, code, reason=error.reason, limit=RATES_LIMIT // 1024) from None
        except UnicodeDecodeError as error:
            raise InputError("rates", path, "rates_unreadable", reason=error) from None
        return read_rates(text)
    return None


def _uploaded_rates(upload: Uploaded) -> tuple[tuple[date, Decimal], ...]:
    """A rates table sent with a form: bounded as a file given on the command line is."""
    from asistents.io.rates import RATES_LIMIT, read_rates

    if len(upload.data) > RATES_LIMIT:
        raise InputError("rates", upload.name, "rates_too_large", limit=RATES_LIMIT // 1024)
    try:
        return read_rates(upload.data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise InputError("rates", upload.name, "rates_unreadable", reason=error) from None


def claimed_by_day(values: Sequence[str], inp: CalcInput) -> tuple[tuple[date, Decimal], ...]:
    """``--claimed 5 5 5 …``: one figure for each emergency day, in date order."""
    days = emergency_days(inp.start, inp.end)
    if len(values) != len(days):
        raise InputError("claimed", " ".join(values), "claimed_count", count=len(values), days=len(days))
    return tuple((day, parse_decimal("claimed", value)) for day, value in zip(days, values, strict=True))


def chain_input(
    number: int,
    before: Sequence[str],
    used: Sequence[str],
    resumed: Sequence[str],
    fields: Mapping[str, FieldValue],
) -> ChainInput:
    """``emergency``'s figures as the chain's input: the three months before, ``2020-03=18`` for each month's
    hours used, the months service resumed, and the limits every month shares (the person's names are for
    the timesheets only). Raises :class:`InputError` naming the flag and the value."""
    from asistents.core.chain import ChainInput, emergency_by_number

    return ChainInput(
        emergency=emergency_by_number(number),
        before=_before(before),
        used=_month_hours(used),
        resumed=frozenset(_months("resumed", resumed)),
        limits=input_from_options({k: v for k, v in fields.items() if BY_NAME[k].kind != "text"}, complete=False),
    )


def _before(values: Sequence[str]) -> tuple[Decimal, Decimal, Decimal]:
    from asistents.core.validate import check_value

    if len(values) != 3:  # none given, or (a form, a JSON body) not three
        raise InputError("before", " ".join(values), "before_required")
    parsed = [parse_decimal("before", value) for value in values]
    for value in parsed:
        check_value("before", value)
    return parsed[0], parsed[1], parsed[2]


def _months(flag: str, values: Sequence[str]) -> list[date]:
    from asistents.io.numbers import parse_month

    months: list[date] = []
    for value in values:
        month = parse_month(flag, value)
        if month in months:
            raise InputError(flag, value, "month_given_twice")
        months.append(month)
    return months


def _month_hours(values: Sequence[str]) -> dict[date, Decimal]:
    """``--used 2020-03=18``: hours by month, each figure checked as the hours used are."""
    from asistents.core.validate import check_value

    found: dict[date, Decimal] = {}
    for value in values:
        month_text, sep, hours_text = value.partition("=")
        if not sep:
            raise InputError("used", value, "not_month_hours")
        try:
            (month,) = _months("used", [month_text])
        except InputError as error:  # name the whole value as typed
            raise InputError("used", value, error.code) from None
        if month in found:
            raise InputError("used", value, "month_given_twice")
        hours = parse_decimal("used", hours_text)
        check_value("used", hours)
        found[month] = hours
    return found
