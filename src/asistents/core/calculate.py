"""The calculation: one person's figures in, one :class:`CalcResult` out.

The rule (point 11.1 of Cabinet Regulation No. 942, as the Ministry of Welfare
explained it for March 2020 and in its guidance of 12.06.2020 for June 2020):
measure-7 hours for the emergency days of a month = max(0, average monthly hours
used in the three previous months - hours used in the month on its other days),
then limited by the weekly amount and a daily limit, and split by day.
Each step is one small function below, citing its source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from math import floor

from asistents.core import rules
from asistents.core.basis import history_basis
from asistents.core.calendar import CalendarWeek
from asistents.core.claims import check_claim
from asistents.core.decimals import euro, plain
from asistents.core.limits import limited_by, week_row
from asistents.core.models import (
    CalcInput,
    CalcResult,
    DayHours,
    Notice,
    Period,
    WarningCode,
)
from asistents.core.period import PeriodPlan, plan_period
from asistents.core.period_weeks import CapSource, PlannedWeek
from asistents.core.split import split_units
from asistents.core.validate import check_input

_SHOWN_PLACES = Decimal("0.0001")


def average_hours(inp: CalcInput) -> Fraction | None:
    """The three-month average, exact (a third of a decimal may repeat). Point 11.1."""
    if inp.average is not None:
        return Fraction(inp.average)
    if inp.months is not None:
        return Fraction(sum(inp.months, Decimal(0))) / int(rules.AVERAGE_MONTHS.at(inp.start))
    return None


def entitlement_in_steps(average: Fraction, used: Decimal, step: Decimal) -> tuple[Fraction, int]:
    """max(0, average - used), and how many whole steps it holds (rounded down).

    Guidance of 12.06.2020, point 2 (March 2020 guidance likewise); rounding down is
    the project's decision, so that nothing above the entitlement is paid.
    """
    entitlement = max(Fraction(0), average - Fraction(used))
    return entitlement, floor(entitlement / Fraction(step))


def shown(value: Fraction) -> tuple[Decimal, bool]:
    """A fraction as a decimal: exact when it terminates, else to 4 places."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(exact) == value:
        return plain(exact), True
    return exact.quantize(_SHOWN_PLACES, rounding=ROUND_HALF_EVEN), False


def boundary_hours(inp: CalcInput, weeks: Sequence[CalendarWeek]) -> list[tuple[Decimal, list[Notice]]]:
    """Hours used on each week's non-emergency days, and the warnings about them.

    Project decision (guidance of 12.06.2020, point 3, counts the whole week): only
    the first and last weeks have such days; a figure not given is taken as 0, and
    the result says so.
    """
    found: list[tuple[Decimal, list[Notice]]] = []
    for w, week in enumerate(weeks):
        used = Decimal(0)
        notices: list[Notice] = []
        sides: list[tuple[WarningCode, Decimal | None, date, date]] = []
        if w == 0:
            before = week.days[0] - timedelta(days=1)
            sides.append(("used_week_before_assumed_zero", inp.used_week_before, week.monday, before))
        if w == len(weeks) - 1:
            after = week.days[-1] + timedelta(days=1)
            sides.append(("used_week_after_assumed_zero", inp.used_week_after, after, week.sunday))
        for code, given, first, last in sides:
            if given is not None:
                used += given
            elif first <= last:
                notices.append(Notice(code=code, params={"from": first, "to": last}))
        found.append((used, notices))
    return found


def weekly_amount(inp: CalcInput) -> tuple[Decimal, CapSource]:
    """The weekly amount: the granted hours, or the state maximum when not given.

    Guidance of 12.06.2020, point 3: the hours paid may not exceed the granted weekly
    hours. Every person has a granted amount, and the state-paid service never
    exceeds 40 h a week (Ministry of Welfare criteria), so without the figure the
    40 h apply (project decision; the result warns).
    """
    if inp.weekly is not None:
        return inp.weekly, "weekly"
    return rules.WEEKLY_STATE_MAXIMUM.at(inp.start), "state_maximum"


def week_cap(inp: CalcInput, week: CalendarWeek, used_other_days: Decimal) -> tuple[Decimal, CapSource]:
    """The most measure-7 hours the week's emergency days may take, and why.

    Guidance of 12.06.2020, point 3: no week over the weekly amount; the hours
    already used on the week's other days count against it. Point 11.1 of
    Regulation 942: with no use in the three previous months, at most 10 h a week
    of measure 7 (those other days' hours are not measure 7, so they do not
    reduce the 10 h).
    """
    weekly, source = weekly_amount(inp)
    cap = max(Decimal(0), weekly - used_other_days)
    if inp.no_history:
        limit = rules.NO_HISTORY_WEEKLY_HOURS.at(week.days[0])
        if cap > limit:
            cap, source = limit, "no_history"
    return cap, source


def period_notices(inp: CalcInput, days: list[date]) -> list[Notice]:
    """Warnings about the period and the granted hours as a whole."""
    notices: list[Notice] = []
    outside = [d for d in days if not rules.in_emergency(d)]
    if outside:
        notices.append(Notice(code="outside_emergency", params={"from": outside[0], "to": outside[-1]}))
    maximum = rules.WEEKLY_STATE_MAXIMUM.at(inp.start)
    if inp.weekly is None and not inp.resumed:
        notices.append(Notice(code="weekly_not_given", params={"maximum": maximum}))
    elif inp.weekly is not None and inp.weekly > maximum:
        notices.append(Notice(code="weekly_above_state_maximum", params={"weekly": inp.weekly, "maximum": maximum}))
    return notices


def calculate(inp: CalcInput, plan: PeriodPlan | None = None) -> CalcResult:
    """Compute the payable measure-7 hours for ``inp`` and split them by day.

    ``plan`` is the period's structure when the caller has it already (``batch``).
    Raises :class:`~asistents.core.errors.InputError` when a figure is unusable.
    """
    check_input(inp)
    if inp.claimed is not None or inp.paid is not None:
        split = calculate(replace(inp, claimed=None, paid=None), plan)
        return with_check(split, inp)
    plan = plan or plan_period(inp.start, inp.end, inp.exclude_weekends)
    basis = history_basis(inp)
    step = Fraction(inp.step)
    all_days = plan.days
    split_days = plan.split_days
    calendar = plan.weeks
    notices = period_notices(inp, list(all_days))

    average = average_hours(inp)
    entitlement: Fraction | None = None
    entitlement_units: int | None = None
    if basis == "average" and average is not None:
        entitlement, entitlement_units = entitlement_in_steps(average, inp.used or Decimal(0), inp.step)
        if average == 0:
            notices.append(Notice(code="average_zero", params={"cap": rules.NO_HISTORY_WEEKLY_HOURS.at(inp.start)}))
    if basis == "no_history" and inp.used:
        limit = rules.NO_HISTORY_WEEKLY_HOURS.at(inp.start)
        notices.append(Notice(code="used_ignored_no_history", params={"used": inp.used, "cap": limit}))

    weeks: list[PlannedWeek] = []
    for week, (used_other, week_notices) in zip(calendar, boundary_hours(inp, calendar), strict=True):
        cap, source = week_cap(inp, week, used_other)
        if basis != "resumed":
            notices.extend(week_notices)
            if used_other and used_other >= weekly_amount(inp)[0]:
                notices.append(Notice(code="week_used_up", params={"week_start": week.monday, "used": used_other}))
        weeks.append(PlannedWeek(week, used_other, cap, source))

    cap_units: list[int | None] = [floor(Fraction(w.cap) / step) for w in weeks]
    daily_units = floor(Fraction(inp.daily_max) / step)
    day_week = list(plan.day_week)
    if basis == "resumed":
        placed = [0] * len(split_days)
    else:
        placed = split_units(day_week, cap_units, daily_units, entitlement_units)
    units_of = dict(zip(split_days, placed, strict=True))

    made: dict[int, Decimal] = {}

    def hours(units: int) -> Decimal:
        # Days with the same hours share one Decimal: ``batch`` keeps thousands of results.
        found = made.get(units)
        if found is None:
            found = made[units] = plain(inp.step * units)
        return found

    days = tuple(
        DayHours(date=d, weekday=d.isoweekday(), hours=hours(units_of.get(d, 0)), included=d in units_of)
        for d in all_days
    )
    week_rows = [week_row(inp, w, i, day_week, placed, cap_units[i], daily_units, basis) for i, w in enumerate(weeks)]
    payable_units = sum(placed)
    payable = hours(payable_units)
    amount = None
    if inp.rate is not None:
        amount = euro(payable, inp.rate)
    average_shown, average_exact = shown(average) if average is not None else (None, True)
    return CalcResult(
        status="resumed" if basis == "resumed" else "computed",
        measure=int(rules.MEASURE_SOCIAL_INCLUSION.at(inp.start)),
        period=Period(start=inp.start, end=inp.end),
        months=inp.months,
        average_months=tuple(f"{m.year:04d}-{m.month:02d}" for m in plan.average_months),
        average=average_shown,
        average_exact=average_exact,
        used=inp.used,
        no_history=inp.no_history,
        entitlement=shown(entitlement)[0] if entitlement is not None else None,
        entitlement_in_steps=hours(entitlement_units) if entitlement_units is not None else None,
        step=inp.step,
        daily_max=inp.daily_max,
        weekly=inp.weekly,
        weekly_cap=weekly_amount(inp)[0],
        exclude_weekends=inp.exclude_weekends,
        payable_hours=payable,
        days=days,
        weeks=tuple(week_rows),
        limited_by=limited_by(basis, list(split_days), entitlement_units, payable_units, week_rows),
        warnings=tuple(notices),
        rate_eur=inp.rate,
        amount_eur=amount,
    )


def with_check(result: CalcResult, inp: CalcInput) -> CalcResult:
    """``result`` with the verdict on ``inp``'s claimed split or paid total (:mod:`asistents.core.claims`)."""
    if inp.claimed is None and inp.paid is None:
        return result
    claimed = dict(inp.claimed) if inp.claimed is not None else None
    return replace(result, check=check_claim(result, claimed, inp.paid, inp.rate))
