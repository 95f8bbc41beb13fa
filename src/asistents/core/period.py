"""A period of emergency days: which days, which weeks, which months are averaged.

Everything here depends only on the period (and whether weekends are left out),
so a block of rows works it out once per period (:func:`~asistents.core.block.compute_block`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from asistents.core import rules
from asistents.core.calendar import (
    CalendarWeek,
    add_months,
    calendar_weeks,
    emergency_days,
    is_weekend,
    month_end,
    month_text,
)
from asistents.core.models import Period


def averaged_months(start: date) -> tuple[date, ...]:
    """The first days of the calendar months averaged for a period starting on ``start``.

    Point 11.1 of Regulation 942: the three calendar months before the month being
    counted; the window rolls with the month (the Ministry averaged December-February
    for March 2020 and March-May for June 2020).
    """
    first = start.replace(day=1)
    count = int(rules.AVERAGE_MONTHS.at(start))
    return tuple(add_months(first, -n) for n in range(count, 0, -1))


def resolve_period(start: date | None, end: date | None) -> tuple[date, date]:
    """The period when only one end (or neither) was given.

    Project decision: with a start and no end, the period ends on the last day of
    the declared emergency in that month (the month's last day if none is declared
    then, which the result warns about); with an end and no start, it starts on
    that emergency's first day in the month; with neither, the seed case (1-9 June
    2020, guidance of 12.06.2020).
    """
    if start is None and end is None:
        return rules.DEFAULT_START, rules.DEFAULT_END
    if end is None:
        assert start is not None
        last = month_end(start)
        ends = [e.end for e in rules.EMERGENCIES if e.start <= last and e.end >= start]
        return start, min([*ends, last])
    if start is None:
        first = end.replace(day=1)
        starts = [e.start for e in rules.EMERGENCIES if e.start <= end and e.end >= first]
        return max([*starts, first]), end
    return start, end


@dataclass(frozen=True)
class PeriodPlan:
    """The days of a period, the calendar weeks that hold them, the months averaged."""

    days: tuple[date, ...]
    split_days: tuple[date, ...]
    weeks: tuple[CalendarWeek, ...]
    #: For each split day, the index of its week in :attr:`weeks`.
    day_week: tuple[int, ...]
    average_months: tuple[date, ...]
    #: The period's days outside the declared emergencies (the result warns about them).
    outside: tuple[date, ...]
    #: Each split day's place among :attr:`split_days`.
    split_index: Mapping[date, int]
    #: What a result says of the period, whatever its limits: its days, the months averaged (``YYYY-MM``), the
    #: measure the hours are paid under.
    period: Period
    average_month_names: tuple[str, ...]
    measure: int


def plan_period(start: date, end: date, exclude_weekends: bool) -> PeriodPlan:
    days = emergency_days(start, end)
    split_days = [d for d in days if not (exclude_weekends and is_weekend(d))]
    weeks = calendar_weeks(days)
    week_of_day = {d: i for i, week in enumerate(weeks) for d in week.days}
    average_months = averaged_months(start)
    return PeriodPlan(
        days=tuple(days),
        split_days=tuple(split_days),
        weeks=tuple(weeks),
        day_week=tuple(week_of_day[d] for d in split_days),
        average_months=average_months,
        outside=tuple(d for d in days if not rules.in_emergency(d)),
        split_index=MappingProxyType({d: i for i, d in enumerate(split_days)}),
        period=Period(start=start, end=end),
        average_month_names=tuple(month_text(m) for m in average_months),
        measure=int(rules.MEASURE_SOCIAL_INCLUSION.at(start)),
    )
