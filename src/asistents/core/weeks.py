"""The weeks of a period and what the rules make of them: caps, the hours used on other days, warnings.

Guidance of 12.06.2020, point 3: no week over the weekly amount, counting the hours already
used on the week's other days; Regulation 942, point 11.1: with no use in the three previous
months, at most 10 h a week. Everything here depends on the limits alone (an input whose
personal figures are blank), so a block of rows works it out once for each set of limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from asistents.core import rules
from asistents.core.calendar import CalendarWeek, month_text
from asistents.core.models import CalcInput, Notice, WarningCode
from asistents.core.period import PeriodPlan
from asistents.core.period_weeks import CapSource, PlannedWeek


def boundary_hours(
    weeks: Sequence[CalendarWeek], w: int, before: Decimal | None, after: Decimal | None
) -> tuple[Decimal, list[Notice]]:
    """Hours used on week ``w``'s non-emergency days (``before`` the period in its first week, ``after`` it in
    its last), and the warnings about them.

    Project decision (guidance of 12.06.2020, point 3, counts the whole week): only
    the first and last weeks have such days; a figure not given is taken as 0, and
    the result says so.
    """
    week = weeks[w]
    used = Decimal(0)
    notices: list[Notice] = []
    sides: list[tuple[WarningCode, Decimal | None, date, date]] = []
    if w == 0:
        sides.append(("used_week_before_assumed_zero", before, week.monday, week.days[0] - timedelta(days=1)))
    if w == len(weeks) - 1:
        sides.append(("used_week_after_assumed_zero", after, week.days[-1] + timedelta(days=1), week.sunday))
    for code, given, first, last in sides:
        if given is not None:
            used += given
        elif first <= last:
            notices.append(Notice(code=code, params={"from": first, "to": last}))
    return used, notices


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


def week_cap(inp: CalcInput, used_other_days: Decimal) -> tuple[Decimal, CapSource]:
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
        limit = rules.NO_HISTORY_WEEKLY_HOURS.at(inp.start)
        if cap > limit:
            cap, source = limit, "no_history"
    return cap, source


def period_notices(inp: CalcInput, outside: Sequence[date]) -> list[Notice]:
    """Warnings about the period (``outside``: its days outside the emergencies) and the granted hours."""
    notices: list[Notice] = []
    if outside:
        notices.append(Notice(code="outside_emergency", params={"from": outside[0], "to": outside[-1]}))
    maximum = rules.WEEKLY_STATE_MAXIMUM.at(inp.start)
    if inp.weekly is None and not inp.resumed:
        notices.append(Notice(code="weekly_not_given", params={"maximum": maximum}))
    elif inp.weekly is not None and inp.weekly > maximum:
        notices.append(Notice(code="weekly_above_state_maximum", params={"weekly": inp.weekly, "maximum": maximum}))
    if inp.rate is None and inp.rates is not None and inp.hourly_rate is None:
        # A rate table without this month (--rate official in 2020: no verified table exists): the hours do
        # not depend on the rate, so they are computed; the amount is left empty, and the result says why.
        notices.append(Notice(code="no_rate_amount_empty", params={"month": month_text(inp.start)}))
    if inp.rounded:  # never up: nothing above the entitlement is paid (README "Your register")
        notices.append(Notice(code="cell_rounded_down", params={"columns": ", ".join(inp.rounded)}))
    return notices


def planned_week(
    inp: CalcInput, weeks: Sequence[CalendarWeek], w: int, before: Decimal | None
) -> tuple[PlannedWeek, tuple[Notice, ...]]:
    """Week ``w`` of ``weeks`` with its cap, and the warnings about it. ``before``: the hours used before the
    period in its first week (the input's own, or what an earlier month of a whole emergency placed there:
    :mod:`asistents.core.chain`); the hours after it in its last week are the input's."""
    used_other, notices = boundary_hours(weeks, w, before, inp.used_week_after)
    cap, source = week_cap(inp, used_other)
    if used_other and used_other >= weekly_amount(inp)[0]:
        notices.append(Notice(code="week_used_up", params={"week_start": weeks[w].monday, "used": used_other}))
    return PlannedWeek(weeks[w], used_other, cap, source), tuple(notices)


def planned_weeks(inp: CalcInput, plan: PeriodPlan) -> list[tuple[PlannedWeek, tuple[Notice, ...]]]:
    """The period's weeks with their caps, and the warnings about each week."""
    return [planned_week(inp, plan.weeks, w, inp.used_week_before) for w in range(len(plan.weeks))]


def steps_in(hours: Decimal, step: Decimal) -> int:
    """How many whole steps ``hours`` hold (rounded down): the split counts in steps. Both are checked
    figures, never negative (a cap is at least 0), so the exact integer quotient is the floor."""
    return int(hours // step)
