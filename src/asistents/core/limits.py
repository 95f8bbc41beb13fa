"""What limited each week and the total: the week rows of a result and its ``limited_by``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from asistents.core.basis import Basis
from asistents.core.models import CalcInput, LimitReason, WeekHours, WeekLimit
from asistents.core.period_weeks import PlannedWeek

#: What a week reached (:func:`asistents.core.block.split_block` gives one code per week): nothing,
#: its cap (point 3 of the guidance of 12.06.2020; 10 h with no history), the daily limit on every day.
NO_LIMIT, CAP_REACHED, DAILY_REACHED = 0, 1, 2


def week_limit(week: PlannedWeek, reached: int) -> WeekLimit | None:
    """The limit a week ``reached`` (a code of :func:`~asistents.core.block.split_block`) by name: its cap
    (10 h with no history, else its weekly amount), the daily limit, or none."""
    if reached == CAP_REACHED:
        return "no_history_cap" if week.cap_source == "no_history" else "weekly_cap"
    if reached == DAILY_REACHED:
        return "daily_max"
    return None


def week_row(inp: CalcInput, week: PlannedWeek, n_split: int, limit: WeekLimit | None, hours: Decimal) -> WeekHours:
    """The week's row: ``hours`` placed on its ``n_split`` split days, and the ``limit`` it reached."""
    return WeekHours(
        start=week.calendar.monday,
        end=week.calendar.sunday,
        first_day=week.calendar.days[0],
        last_day=week.calendar.days[-1],
        split_days=n_split,
        weekly=inp.weekly,
        used_other_days=week.used_other_days,
        cap=week.cap,
        cap_source=week.cap_source,
        hours=hours,
        limited_by=limit,
    )


def limited_by(
    basis: Basis,
    split_days: Sequence[date],
    entitlement_units: int | None,
    payable_units: int,
    weeks: Sequence[WeekLimit | None],
) -> tuple[LimitReason, ...]:
    """Why the total is what it is: the entitlement, or the caps that stopped it."""
    if basis == "resumed":
        return ("resumed",)
    if not split_days:
        return ("no_days",)
    if entitlement_units is not None and payable_units == entitlement_units:
        return ("entitlement",)
    present = set(weeks)
    order: tuple[WeekLimit, ...] = ("weekly_cap", "no_history_cap", "daily_max")
    return tuple(reason for reason in order if reason in present)
