"""The calculation: one person's figures in, one :class:`CalcResult` out.

The rule (point 11.1 of Cabinet Regulation No. 942, as the Ministry of Welfare
explained it for March 2020 and in its guidance of 12.06.2020 for June 2020):
measure-7 hours for the emergency days of a month = max(0, average monthly hours
used in the three previous months - hours used in the month on its other days),
then limited by the weekly amount and a daily limit, and split by day.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor

from asistents.core import rules
from asistents.core.calendar import CalendarWeek, calendar_weeks, emergency_days, is_weekend
from asistents.core.models import (
    CalcInput,
    CalcResult,
    DayHours,
    LimitReason,
    Notice,
    Period,
    WeekHours,
    WeekLimit,
    plain,
)
from asistents.core.split import split_units
from asistents.core.validate import check_input

_SHOWN_PLACES = Decimal("0.0001")
_CENT = Decimal("0.01")


def average_hours(inp: CalcInput) -> Fraction | None:
    """The three-month average, exact (a third of a decimal may repeat)."""
    if inp.average is not None:
        return Fraction(inp.average)
    if inp.months is not None:
        return Fraction(sum(inp.months, Decimal(0))) / rules.AVERAGE_MONTHS
    return None


def entitlement_in_steps(average: Fraction, used: Decimal, step: Decimal) -> tuple[Fraction, int]:
    """max(0, average - used), and how many whole steps it holds (rounded down)."""
    entitlement = max(Fraction(0), average - Fraction(used))
    return entitlement, floor(entitlement / Fraction(step))


def shown(value: Fraction) -> tuple[Decimal, bool]:
    """A fraction as a decimal: exact when it terminates, else to 4 places."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(exact) == value:
        return plain(exact), True
    return exact.quantize(_SHOWN_PLACES, rounding=ROUND_HALF_EVEN), False


def calculate(inp: CalcInput) -> CalcResult:
    """Compute the payable measure-7 hours for ``inp`` and split them by day.

    Raises :class:`~asistents.core.errors.InputError` when a figure is unusable.
    """
    check_input(inp)
    step = Fraction(inp.step)
    all_days = emergency_days(inp.start, inp.end)
    split_days = [d for d in all_days if not (inp.exclude_weekends and is_weekend(d))]
    weeks = calendar_weeks(all_days)
    notices = _period_notices(inp, all_days)

    average = average_hours(inp)
    entitlement: Fraction | None = None
    entitlement_units: int | None = None
    if average is not None and not inp.no_history and not inp.resumed:
        entitlement, entitlement_units = entitlement_in_steps(average, inp.used, inp.step)
    if inp.no_history and inp.used and not inp.resumed:
        notices.append(Notice(code="used_ignored_no_history", params={"used": str(inp.used)}))

    week_caps = [_week_cap(inp, week, notices) for week in weeks]
    cap_units = [None if cap is None else floor(Fraction(cap) / step) for cap, _ in week_caps]
    daily_units = floor(Fraction(inp.daily_max) / step)
    week_of_day = {d: i for i, week in enumerate(weeks) for d in week.days}
    day_week = [week_of_day[d] for d in split_days]

    placed = [0] * len(split_days) if inp.resumed else split_units(day_week, cap_units, daily_units, entitlement_units)
    units_of = dict(zip(split_days, placed, strict=True))

    def hours(units: int) -> Decimal:
        return plain(inp.step * units)

    days = tuple(
        DayHours(
            date=d,
            weekday=d.isoweekday(),
            hours=hours(units_of.get(d, 0)),
            included=d in units_of,
        )
        for d in all_days
    )
    week_rows: list[WeekHours] = []
    for w, week in enumerate(weeks):
        n_split = sum(1 for i in day_week if i == w)
        week_units = sum(u for u, i in zip(placed, day_week, strict=True) if i == w)
        cap, source = week_caps[w]
        limit: WeekLimit | None = None
        cap_w = cap_units[w]
        if not inp.resumed and n_split:
            if cap_w is not None and week_units == cap_w and cap_w < n_split * daily_units:
                limit = "no_history_cap" if source == "no_history" else "weekly_cap"
            elif week_units == n_split * daily_units:
                limit = "daily_max"
        week_rows.append(
            WeekHours(
                start=week.monday,
                end=week.sunday,
                first_day=week.days[0],
                last_day=week.days[-1],
                split_days=n_split,
                weekly=inp.weekly,
                used_other_days=_used_other_days(inp, w, len(weeks)),
                cap=cap,
                cap_source=source,
                hours=hours(week_units),
                limited_by=limit,
            )
        )

    payable_units = sum(placed)
    payable = hours(payable_units)
    limited_by = _limited_by(inp, split_days, entitlement_units, payable_units, week_rows)
    average_shown, average_exact = shown(average) if average is not None else (None, True)
    amount = None
    if inp.rate is not None:
        amount = (payable * inp.rate).quantize(_CENT, rounding=ROUND_HALF_UP)
    return CalcResult(
        status="resumed" if inp.resumed else "computed",
        period=Period(start=inp.start, end=inp.end),
        months=inp.months,
        average=average_shown,
        average_exact=average_exact,
        used=inp.used,
        no_history=inp.no_history,
        entitlement=shown(entitlement)[0] if entitlement is not None else None,
        entitlement_in_steps=hours(entitlement_units) if entitlement_units is not None else None,
        step=inp.step,
        daily_max=inp.daily_max,
        weekly=inp.weekly,
        exclude_weekends=inp.exclude_weekends,
        payable_hours=payable,
        days=days,
        weeks=tuple(week_rows),
        limited_by=limited_by,
        warnings=tuple(notices),
        rate_eur=inp.rate,
        amount_eur=amount,
    )


def _used_other_days(inp: CalcInput, w: int, n_weeks: int) -> Decimal:
    """Hours used on the non-emergency days of week ``w`` (boundary weeks only)."""
    used = Decimal(0)
    if w == 0 and inp.used_week_before is not None:
        used += inp.used_week_before
    if w == n_weeks - 1 and inp.used_week_after is not None:
        used += inp.used_week_after
    return used


def _week_cap(inp: CalcInput, week: CalendarWeek, notices: list[Notice]) -> tuple[Decimal | None, str | None]:
    """The most measure-7 hours the week's emergency days may take, and why.

    Guidance of 12.06.2020, point 3: no week over the granted weekly hours; the hours
    already used on the week's other days count against them. Point 11.1 of
    Regulation 942: with no use in the three previous months, at most 10 h a week
    of measure 7 (those other days' hours are not measure 7, so they do not
    reduce the 10 h).
    """
    is_first = week.days[0] == inp.start
    is_last = week.days[-1] == inp.end
    cap: Decimal | None = None
    source: str | None = None
    if inp.weekly is not None:
        used_here = Decimal(0)
        if is_first:
            used_here += _boundary_hours(inp, week, "before", notices)
        if is_last:
            used_here += _boundary_hours(inp, week, "after", notices)
        cap = max(Decimal(0), inp.weekly - used_here)
        source = "weekly"
        if used_here and used_here >= inp.weekly:
            notices.append(
                Notice(
                    code="week_used_up",
                    params={"week_start": week.monday.isoformat(), "used": str(used_here)},
                )
            )
    if inp.no_history and (cap is None or cap > rules.NO_HISTORY_WEEKLY_HOURS):
        cap, source = rules.NO_HISTORY_WEEKLY_HOURS, "no_history"
    return cap, source


def _boundary_hours(inp: CalcInput, week: CalendarWeek, side: str, notices: list[Notice]) -> Decimal:
    """Hours used on the week's days before the first / after the last emergency day.

    Project decision: when such days exist and the figure was not given it is taken
    as 0, and the result says so.
    """
    if side == "before":
        given = inp.used_week_before
        other = (week.monday, week.days[0] - timedelta(days=1))
    else:
        given = inp.used_week_after
        other = (week.days[-1] + timedelta(days=1), week.sunday)
    if given is None:
        if other[0] <= other[1] and not inp.resumed:
            notices.append(
                Notice(
                    code=f"used_week_{side}_assumed_zero",
                    params={"from": other[0].isoformat(), "to": other[1].isoformat()},
                )
            )
        return Decimal(0)
    return given


def _period_notices(inp: CalcInput, days: list[date]) -> list[Notice]:
    """Warnings about the period and the granted hours as a whole."""
    notices: list[Notice] = []
    outside = [d for d in days if not any(a <= d <= b for a, b in rules.EMERGENCIES)]
    if outside:
        notices.append(
            Notice(
                code="outside_emergency",
                params={"from": outside[0].isoformat(), "to": outside[-1].isoformat()},
            )
        )
    if inp.weekly is not None and inp.weekly > rules.STATE_WEEKLY_MAXIMUM:
        notices.append(Notice(code="weekly_above_state_maximum", params={"weekly": str(inp.weekly)}))
    return notices


def _limited_by(
    inp: CalcInput,
    split_days: list[date],
    entitlement_units: int | None,
    payable_units: int,
    weeks: list[WeekHours],
) -> tuple[LimitReason, ...]:
    """Why the total is what it is: the entitlement, or the caps that stopped it."""
    if inp.resumed:
        return ("resumed",)
    if not split_days:
        return ("no_days",)
    if entitlement_units is not None and payable_units == entitlement_units:
        return ("entitlement",)
    present = {week.limited_by for week in weeks}
    order: tuple[WeekLimit, ...] = ("weekly_cap", "no_history_cap", "daily_max")
    return tuple(reason for reason in order if reason in present)


class SharedCalculation:
    """:func:`calculate` for many people, sharing the work between alike inputs.

    Two people whose figures differ only in the average and the hours used, but
    whose entitlement rounds down to the same number of steps, get the same days,
    weeks, limits and warnings: only the average and the entitlement shown differ.
    ``batch`` computes the split once per such group (a register of a million
    rows holds about ten thousand) and copies the rest. The result is always
    exactly what :func:`calculate` returns; the tests compare the two.
    The memory is this object's own and bounded by ``limit`` entries (a result
    with its days and weeks takes about 15 KB; 4096 keep ``batch`` under 100 MiB).
    """

    def __init__(self, limit: int = 4096) -> None:
        self._limit = limit
        self._results: dict[CalcInput, CalcResult] = {}

    def __call__(self, inp: CalcInput) -> CalcResult:
        if inp.no_history or inp.resumed:
            return calculate(inp)
        check_input(inp)
        average = average_hours(inp)
        assert average is not None  # check_input: an average or three months
        entitlement, units = entitlement_in_steps(average, inp.used, inp.step)
        key = inp.model_copy(update={"average": plain(inp.step * units), "months": None, "used": Decimal(0)})
        shared = self._results.get(key)
        if shared is None:
            if len(self._results) >= self._limit:
                self._results.clear()
            shared = self._results[key] = calculate(key)
        average_shown, average_exact = shown(average)
        return shared.model_copy(
            update={
                "months": inp.months,
                "average": average_shown,
                "average_exact": average_exact,
                "used": inp.used,
                "entitlement": shown(entitlement)[0],
            }
        )
