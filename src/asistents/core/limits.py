"""What limited each week and the total: the week rows of a result and its ``limited_by``."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import numpy.typing as npt

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


#: Why a total is what its weeks made it, by which limits they reached (1 a weekly cap, 2 the 10 h cap with
#: no history, 4 the daily limit on every day), in this order.
_WEEK_REASONS: tuple[tuple[int, LimitReason], ...] = ((1, "weekly_cap"), (2, "no_history_cap"), (4, "daily_max"))
_REACHED = tuple(tuple(reason for bit, reason in _WEEK_REASONS if code & bit) for code in range(8))


def limited_by(
    resumed: npt.NDArray[np.bool_],
    no_days: bool,
    entitled: npt.NDArray[np.bool_],
    reached: npt.NDArray[np.int64],
    no_history_weeks: npt.NDArray[np.bool_],
) -> list[tuple[LimitReason, ...]]:
    """Why each row's total is what it is, over a block's rows of one period: the month resumed, it has no
    split days, the total is the entitlement (``entitled``), else the caps its weeks reached (``reached``:
    :func:`~asistents.core.block.split_block`'s codes, rows x weeks; ``no_history_weeks``: the weeks whose
    cap is the 10 h one). Guidance of 12.06.2020, points 1-4."""
    capped = reached == CAP_REACHED
    code = (
        (capped & ~no_history_weeks).any(axis=1) * 1
        + (capped & no_history_weeks).any(axis=1) * 2
        + (reached == DAILY_REACHED).any(axis=1) * 4
    )
    code = np.where(entitled, 8, code)
    code = np.where(no_days, 9, code)
    code = np.where(resumed, 10, code)
    shown = (*_REACHED, ("entitlement",), ("no_days",), ("resumed",))
    return [shown[c] for c in code.tolist()]
