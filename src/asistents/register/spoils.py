"""Which months of a whole emergency a bad cell spoils: the register's policy, as data.

What depends on what decides it (README "A whole emergency over a register"): a person's own figure
(weekly hours, a month before the emergency) feeds every month; a month's hours used, or its resumed
flag, feed that month and every month after it (their averages and shared weeks roll over it); a
payment or a claimed day feeds only its own month's check. A month that cannot be computed stops the
chain the same way: every later month depends on it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from enum import Enum
from typing import NamedTuple

from asistents.core.errors import InputError


class Spoils(Enum):
    """How far a bad cell reaches: its month and every month after it, or its own month only."""

    FROM_ITS_MONTH = "from its month on"
    ITS_MONTH = "its month"


#: The figure a cell gives -> the months a bad one spoils. A person's own figure is a cell of the
#: emergency's first month, so it spoils every month.
SPOILS: Mapping[str, Spoils] = {
    "person": Spoils.FROM_ITS_MONTH,
    "used": Spoils.FROM_ITS_MONTH,
    "resumed": Spoils.FROM_ITS_MONTH,
    "paid": Spoils.ITS_MONTH,
    "paid_eur": Spoils.ITS_MONTH,
    "claimed": Spoils.ITS_MONTH,
}


class BadCell(NamedTuple):
    """A cell that cannot be read: the figure it gives, the month it is of, and why."""

    figure: str
    month: date
    error: InputError


class MonthErrors(NamedTuple):
    """Each month's error (None: the month stands), and the first month from which every month fails."""

    errors: tuple[InputError | None, ...]
    #: The index of the first month a bad cell stops (len(months): none does).
    stop: int


def month_errors(bad: Sequence[BadCell], months: Sequence[date]) -> MonthErrors:
    """Which of ``months`` (in order) the ``bad`` cells (in the order read) spoil, each with the error of the
    cell that spoils it: a cell that stops the chain before any that spoils one month; of those that stop it,
    the earliest month's."""
    if not bad:  # most persons: every cell read
        return MonthErrors((None,) * len(months), len(months))
    stops = [cell for cell in bad if SPOILS[cell.figure] is Spoils.FROM_ITS_MONTH]
    stop = min(stops, key=lambda cell: cell.month) if stops else None
    first = len(months) if stop is None else next((i for i, m in enumerate(months) if m >= stop.month), len(months))
    errors = tuple(
        stop.error if stop is not None and i >= first else next((c.error for c in bad if c.month == month), None)
        for i, month in enumerate(months)
    )
    return MonthErrors(errors, first)
