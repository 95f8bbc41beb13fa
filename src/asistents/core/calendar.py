"""Emergency days and the calendar weeks that hold them.

Project decision (the guidance is silent): weeks are calendar weeks, Monday to
Sunday, as on Latvian timesheets. 1 June 2020 was a Monday, so 1-7 June is one
week and 8-9 June belongs to the week 8-14 June.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# Plain ``date`` arithmetic: dateutil's relativedelta and rrule cost about 20 µs a
# call, which was half the time of a whole ``batch`` row (see the README,
# "Performance"); these few lines are exact for the proleptic Gregorian calendar.


def emergency_days(start: date, end: date) -> list[date]:
    """Every date from ``start`` to ``end`` inclusive."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def is_weekend(day: date) -> bool:
    return day.isoweekday() >= 6


def week_monday(day: date) -> date:
    """The Monday on or before ``day``."""
    return day - timedelta(days=day.weekday())


def week_sunday(day: date) -> date:
    """The Sunday on or after ``day``."""
    return day + timedelta(days=6 - day.weekday())


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


def month_text(month: date) -> str:
    """A calendar month as ``YYYY-MM``: how results, JSON and messages name a month."""
    return f"{month.year:04d}-{month.month:02d}"


def is_whole_month(start: date, end: date) -> bool:
    """``start``-``end`` is a whole calendar month: the month has no other days."""
    return start.day == 1 and start.month == end.month and start.year == end.year and end == month_end(start)


def add_months(first: date, count: int) -> date:
    """The first day of the month ``count`` months after ``first``'s (before, when negative).

    Integer arithmetic on (year, month): a register's chains step through months millions of
    times, and a general date offset (dateutil's ``relativedelta``) costs a hundred times more."""
    index = first.year * 12 + first.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_end(first: date) -> date:
    """The last day of ``first``'s calendar month (also of December 9999, the last month a date has)."""
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])
