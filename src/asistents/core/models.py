"""Immutable inputs and results of the calculation.

Hours and euro are :class:`~decimal.Decimal` everywhere (never binary floats, as in
accounting software). In JSON they are written as JSON numbers: every value the
core produces has at most a handful of significant digits, and
:func:`decimal_to_json_number` refuses any value that a JSON number would not
carry exactly.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

from asistents.core import rules
from asistents.core.decimals import decimal_text, plain

__all__ = ["CalcInput", "CalcResult", "DayHours", "Notice", "NoticeParam", "Period", "WeekHours", "plain"]

SCHEMA_VERSION: Literal[1] = 1


def decimal_to_json_number(value: Decimal) -> float | int:
    """Return ``value`` as a JSON number that prints back as the same decimal.

    Integers stay integers; other values go through ``float`` only when its
    shortest representation reads back as exactly ``value``.
    """
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) != value:
        raise ValueError(f"{value} cannot be written exactly as a JSON number")
    return as_float


Hours = Annotated[
    Decimal,
    PlainSerializer(decimal_to_json_number, return_type=Any, when_used="json"),
    WithJsonSchema({"type": "number"}, mode="serialization"),
]


class _Frozen(BaseModel):
    # Schemas are built when a model is first used, not at import: `calc` starts faster.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class CalcInput(_Frozen):
    """One person's figures for one month with emergency days.

    ``None`` means "not given". Which combinations are allowed, and the ranges, are
    checked by :func:`asistents.core.validate.check_input`, which the calculation
    calls first, so that ``batch`` and ``calc`` share one set of rules.
    """

    average: Decimal | None = None
    months: tuple[Decimal, Decimal, Decimal] | None = None
    used: Decimal | None = None
    start: date = rules.DEFAULT_START
    end: date = rules.DEFAULT_END
    weekly: Decimal | None = None
    used_week_before: Decimal | None = None
    used_week_after: Decimal | None = None
    daily_max: Decimal = rules.DAILY_MAX.at(rules.DEFAULT_START)
    step: Decimal = rules.STEP.at(rules.DEFAULT_START)
    exclude_weekends: bool = False
    resumed: bool = False
    no_history: bool = False
    rate: Decimal | None = None
    #: Checking a claim: hours claimed by day, and/or the total paid (core.claims).
    claimed: tuple[tuple[date, Decimal], ...] | None = None
    paid: Decimal | None = None


class Period(_Frozen):
    start: date
    end: date


class DayHours(_Frozen):
    """Measure-7 hours placed on one emergency day."""

    date: date
    weekday: int = Field(description="ISO weekday: 1 = Monday ... 7 = Sunday")
    hours: Hours
    included: bool = Field(description="False when the day was left out of the split (--exclude-weekends)")


WeekLimit = Literal["weekly_cap", "no_history_cap", "daily_max"]
LimitReason = Literal[
    "entitlement",
    "weekly_cap",
    "no_history_cap",
    "daily_max",
    "resumed",
    "no_days",
]


class WeekHours(_Frozen):
    """One calendar week (Monday-Sunday) that holds emergency days."""

    start: date = Field(description="Monday of the calendar week")
    end: date = Field(description="Sunday of the calendar week")
    first_day: date = Field(description="first emergency day in this week")
    last_day: date = Field(description="last emergency day in this week")
    split_days: int = Field(description="emergency days of the week that take hours")
    weekly: Hours | None = Field(description="granted hours a week, if given")
    used_other_days: Hours = Field(description="hours used on the week's non-emergency days (boundary weeks)")
    cap: Hours | None = Field(description="most hours the week's emergency days may take; null: no cap")
    cap_source: Literal["weekly", "state_maximum", "no_history"] | None
    hours: Hours
    limited_by: WeekLimit | None = Field(description="the limit this week reached, if it reached one")


def _param_text(value: date | Decimal | str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return decimal_text(value)
    return value


#: A warning's parameter: typed in the core (renderers format dates and hours per
#: language); in JSON a string (ISO date, plain decimal), as ``calc --json`` has it.
NoticeParam = Annotated[
    date | Decimal | str,
    PlainSerializer(_param_text, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string"}, mode="serialization"),
]

WarningCode = Literal[
    "used_week_before_assumed_zero",
    "used_week_after_assumed_zero",
    "outside_emergency",
    "weekly_above_state_maximum",
    "week_used_up",
    "used_ignored_no_history",
    "weekly_not_given",
    "average_zero",
]


class Notice(_Frozen):
    """A warning attached to a result: a catalogue key and its typed parameters."""

    code: WarningCode
    params: dict[str, NoticeParam] = Field(default_factory=dict)


Verdict = Literal["within", "over"]
ReasonCode = Literal["day_above_daily", "day_not_emergency", "week_above_cap", "total_above_payable", "paid_above"]


class ClaimReason(_Frozen):
    """Why some hours are not allowed: a catalogue key, its day or week, and the numbers."""

    code: ReasonCode
    params: dict[str, NoticeParam] = Field(default_factory=dict)


class ClaimCheck(_Frozen):
    """The verdict on a claimed split and/or a paid total."""

    claimed: dict[date, Hours] | None = Field(description="hours claimed by day, when a split was given")
    claimed_hours: Hours | None = Field(description="the claimed split's total")
    paid_hours: Hours | None = Field(description="the total paid, when given")
    payable_hours: Hours = Field(description="the most the rules allow in total (the tool's payable total)")
    allowed_hours: Hours = Field(description="what the rules allow of the claim (or of the payment)")
    over_hours: Hours = Field(description="claimed (or paid) above what is allowed")
    under_hours: Hours = Field(description="what could have been claimed (or paid) but was not; not an error")
    over_eur: Hours | None = Field(description="over_hours x rate, with --rate")
    verdict: Verdict
    reasons: tuple[ClaimReason, ...]


class CalcResult(_Frozen):
    """Everything a renderer needs; renderers never recompute."""

    schema_version: Literal[1] = SCHEMA_VERSION
    status: Literal["computed", "resumed"]
    measure: int = Field(description="the measure the hours are reported under (7, social inclusion)")
    period: Period
    months: tuple[Hours, Hours, Hours] | None = Field(description="the three previous months' used hours, when given")
    average: Hours | None = Field(description="average monthly hours (rounded to 4 decimals if it repeats)")
    average_exact: bool = Field(description="False when the average is a repeating decimal shown rounded")
    average_months: tuple[str, ...] = Field(description="the calendar months averaged (YYYY-MM), oldest first")
    used: Hours | None = Field(description="hours used in the month outside the emergency (null: not given)")
    no_history: bool
    entitlement: Hours | None = Field(description="max(0, average - used); null with no history or when resumed")
    entitlement_in_steps: Hours | None = Field(description="the entitlement rounded down to the step")
    step: Hours
    daily_max: Hours
    weekly: Hours | None = Field(description="granted hours a week, as given (null: not given)")
    weekly_cap: Hours = Field(description="the weekly amount applied: the granted hours, or the state maximum")
    exclude_weekends: bool
    payable_hours: Hours
    days: tuple[DayHours, ...]
    weeks: tuple[WeekHours, ...]
    limited_by: tuple[LimitReason, ...]
    warnings: tuple[Notice, ...]
    rate_eur: Hours | None
    amount_eur: Hours | None
    check: ClaimCheck | None = Field(default=None, description="the verdict on a claimed split or a paid total")
