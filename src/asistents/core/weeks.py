"""The weeks of a period and what the rules make of them: caps, the hours used on other days, warnings.

Guidance of 12.06.2020, point 3: no week over the weekly amount, counting the hours already
used on the week's other days; Regulation 942, point 11.1: with no use in the three previous
months, at most 10 h a week. The caps are one formula over a block's rows (rows x weeks, in
ten-thousandths of an hour): a row's first week may hold hours an earlier month of a whole
emergency placed there (:mod:`asistents.core.chain`), so they are the row's, not its limits'.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from asistents.core import rules
from asistents.core.calendar import CalendarWeek, month_text
from asistents.core.fill import Units
from asistents.core.models import CalcInput, Notice, WarningCode
from asistents.core.period_weeks import CapSource

Flags = npt.NDArray[np.bool_]


def assumed_zero(
    weeks: Sequence[CalendarWeek], before: Decimal | None, after: Decimal | None
) -> tuple[tuple[Notice, ...], tuple[Notice, ...]]:
    """The warnings that the hours used on the first week's days before the period (``before``) and on the last
    week's days after it (``after``) were not given, where the week has such days.

    Project decision (guidance of 12.06.2020, point 3, counts the whole week): only the first and last weeks
    have such days; a figure not given is taken as 0 (:func:`boundary_used`), and the result says so."""
    first, last = weeks[0], weeks[-1]
    sides: list[tuple[WarningCode, Decimal | None, date, date]] = [
        ("used_week_before_assumed_zero", before, first.monday, first.days[0] - timedelta(days=1)),
        ("used_week_after_assumed_zero", after, last.days[-1] + timedelta(days=1), last.sunday),
    ]
    said = [
        (Notice(code=code, params={"from": start, "to": end}),) if given is None and start <= end else ()
        for code, given, start, end in sides
    ]
    return said[0], said[1]


def boundary_used(before: Units, after: Units, weeks: int) -> Units:
    """The hours used on each week's days outside the period (rows x weeks, ten-thousandths): ``before`` it in
    its first week, ``after`` it in its last (both in a period of one week), none in the others."""
    used = np.zeros((before.size, weeks), dtype=np.int64)
    used[:, 0] += before
    used[:, -1] += after
    return used


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


def week_caps(weekly: Units, used_other: Units, no_history: Flags, ten: Units) -> tuple[Units, Flags]:
    """The most measure-7 hours each week's emergency days may take (rows x weeks, ten-thousandths), and the
    weeks whose cap is the no-history rule's.

    Guidance of 12.06.2020, point 3: no week over the weekly amount (``weekly``: :func:`weekly_amount`); the
    hours already used on the week's other days (``used_other``: :func:`boundary_used`) count against it.
    Point 11.1 of Regulation 942: with no use in the three previous months (``no_history``), at most 10 h a
    week (``ten``) of measure 7 (those other days' hours are not measure 7, so they do not reduce the 10 h).
    """
    cap = np.maximum(weekly[:, None] - used_other, 0)
    ten_binds = no_history[:, None] & (cap > ten[:, None])
    return np.where(ten_binds, ten[:, None], cap), ten_binds


def used_up(weekly: Units, used_other: Units) -> Flags:
    """The weeks (rows x weeks) whose hours used on other days reach the weekly amount: nothing is left of it
    for the emergency days, and the result says so."""
    return (used_other > 0) & (used_other >= weekly[:, None])


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


def steps_in(hours: Decimal, step: Decimal) -> int:
    """How many whole steps ``hours`` hold (rounded down): the split counts in steps. Both are checked
    figures, never negative (a cap is at least 0), so the exact integer quotient is the floor."""
    return int(hours // step)
