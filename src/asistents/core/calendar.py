"""Emergency days and the calendar weeks that hold them.

Project decision (the guidance is silent): weeks are calendar weeks, Monday to
Sunday, as on Latvian timesheets. 1 June 2020 was a Monday, so 1-7 June is one
week and 8-9 June belongs to the week 8-14 June.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import MO, SU, relativedelta
from dateutil.rrule import DAILY, rrule


def emergency_days(start: date, end: date) -> list[date]:
    """Every date from ``start`` to ``end`` inclusive."""
    return [moment.date() for moment in rrule(DAILY, dtstart=start, until=end)]


def is_weekend(day: date) -> bool:
    return day.isoweekday() >= 6


def week_monday(day: date) -> date:
    """The Monday on or before ``day``."""
    return day + relativedelta(weekday=MO(-1))


def week_sunday(day: date) -> date:
    """The Sunday on or after ``day``."""
    return day + relativedelta(weekday=SU(+1))


def month_end(day: date) -> date:
    return day + relativedelta(day=31)


@dataclass(frozen=True)
class CalendarWeek:
    """The emergency days of one calendar week, in date order."""

    monday: date
    sunday: date
    days: tuple[date, ...]


def calendar_weeks(days: Sequence[date]) -> list[CalendarWeek]:
    """Group consecutive ``days`` by the calendar week they fall in."""
    weeks: list[CalendarWeek] = []
    current: list[date] = []
    for day in days:
        if current and week_monday(day) != week_monday(current[0]):
            weeks.append(_week(current))
            current = []
        current.append(day)
    if current:
        weeks.append(_week(current))
    return weeks


def _week(days: list[date]) -> CalendarWeek:
    return CalendarWeek(week_monday(days[0]), week_sunday(days[0]), tuple(days))
