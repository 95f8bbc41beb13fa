"""What limited each week and the total: the week rows of a result and its ``limited_by``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from asistents.core.basis import Basis
from asistents.core.models import CalcInput, LimitReason, WeekHours, WeekLimit
from asistents.core.period_weeks import PlannedWeek


def week_row(
    inp: CalcInput,
    week: PlannedWeek,
    n_split: int,
    week_units: int,
    cap_units: int | None,
    daily_units: int,
    basis: Basis,
    hours: Decimal,
) -> WeekHours:
    """The week's row: its ``week_units`` placed on its ``n_split`` split days (``hours`` in hours), and the
    limit it reached."""
    limit: WeekLimit | None = None
    if basis != "resumed" and n_split:
        if cap_units is not None and week_units == cap_units and cap_units < n_split * daily_units:
            limit = "no_history_cap" if week.cap_source == "no_history" else "weekly_cap"
        elif week_units == n_split * daily_units:
            limit = "daily_max"
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
    weeks: Sequence[WeekHours],
) -> tuple[LimitReason, ...]:
    """Why the total is what it is: the entitlement, or the caps that stopped it."""
    if basis == "resumed":
        return ("resumed",)
    if not split_days:
        return ("no_days",)
    if entitlement_units is not None and payable_units == entitlement_units:
        return ("entitlement",)
    present = {week.limited_by for week in weeks}
    order: tuple[WeekLimit, ...] = ("weekly_cap", "no_history_cap", "daily_max")
    return tuple(reason for reason in order if reason in present)
