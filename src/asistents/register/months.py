"""Which months a whole emergency's register names: its columns' months read as the emergency's.

The register as offices keep it (README "A whole emergency over a register") heads columns by month
(``2019. gada decembris``, ``Izmantots marts (h)``, ``izmaksāts 04.2020 (EUR)``) and by claimed day. A
header without a year means the one month of that name among the emergency's (nine months in a row
never repeat a name); the emergency is the one whose months they all are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from asistents.core import rules
from asistents.core.chain import EmergencyMonth, emergency_months
from asistents.core.errors import InputError
from asistents.core.fields import BY_COLUMN, CLAIMED_PREFIX
from asistents.core.period import averaged_months
from asistents.io.columns import BARE_MONTH, MONTH_MARK, split_month_key

#: One month's figures: in a whole emergency's register they are given month by month, so a column
#: of one of these is refused rather than silently left out (README "A whole emergency over a register").
ONE_MONTH_COLUMNS = frozenset(
    {"m1", "m2", "m3", "months", "used", "paid", "paid_eur", "start", "end", "resumed", "no_history"}
)


def context_months(emergency: rules.Emergency) -> tuple[date, ...]:
    """The three months before ``emergency`` and its own months: every month its register names."""
    months = emergency_months(emergency)
    return (*averaged_months(months[0].start), *(m.month for m in months))


def resolve_month(emergency: rules.Emergency, name: str, year: int | None, month: int) -> date | None:
    """The month a month-headed column of ``emergency``'s register means; None: not one of its months.

    A bare month is one of the three before the emergency; hours used may be of those too (``Izmantots
    decembris 2019``: that month's hours); any other is one of its own months. A header without a year
    means the one month of that name among them (nine months in a row never repeat a name)."""
    context = context_months(emergency)
    allowed = context[:3] if name == BARE_MONTH else context if name == "used" else context[3:]
    for candidate in allowed:
        if candidate.month == month and (year is None or candidate.year == year):
            return candidate
    return None


def month_meant(emergency: rules.Emergency, name: str, year: int | None, month: int) -> tuple[str, date] | None:
    """The figure a month-headed column gives: (field, month); hours used in a month before the emergency
    are that month's figure (``BARE_MONTH``), whichever way the header says it. None: not of ``emergency``."""
    found = resolve_month(emergency, name, year, month)
    if found is None:
        return None
    return (BARE_MONTH if name == "used" and found < emergency.start.replace(day=1) else name), found


def _named_months(keys: Iterable[str]) -> list[tuple[str, int | None, int]]:
    """The months a register's columns name: month-headed columns, and the months of claimed days."""
    named: list[tuple[str, int | None, int]] = []
    for key in keys:
        if (split := split_month_key(key)) is not None:
            named.append(split)
        elif key.startswith(CLAIMED_PREFIX):
            day = key[len(CLAIMED_PREFIX) :]
            year = None if day.startswith("--") else int(day[:4])
            named.append(("claimed", year, int(day.lstrip("-")[-5:-3])))
    return named


def emergency_of(keys: Iterable[str], number: int | None) -> rules.Emergency:
    """The emergency whose months a register's columns name (``--emergency``'s, when given).

    Raises :class:`InputError` naming the months when they fit no emergency, or both."""
    named = _named_months(keys)
    candidates = [rules.EMERGENCIES[number - 1]] if number is not None else list(rules.EMERGENCIES)
    fits = [e for e in candidates if all(resolve_month(e, *month) is not None for month in named)]
    if len(fits) == 1:
        return fits[0]
    shown = ", ".join(sorted({f"{'' if y is None else f'{y}-'}{m:02d}" for _, y, m in named}))
    if fits:
        raise InputError("columns", shown, "months_fit_both")
    raise InputError("columns", shown, "months_fit_no_emergency" if number is None else "months_not_of_emergency")


class MonthColumns(NamedTuple):
    """An emergency month's own columns in a register, in the order they are read: its hours used and its
    resumed flag (None: the register has no such column), then its payments (what is paid, and the column:
    hours, then euro)."""

    month: EmergencyMonth
    used: str | None
    resumed: str | None
    payments: tuple[tuple[str, str], ...]


#: What a month's payments are, in the order they are read.
PAYMENTS = ("paid", "paid_eur")


@dataclass(frozen=True)
class Layout:
    """What a set of columns means, worked out once (a CSV's rows all have the same)."""

    emergency: rules.Emergency
    months: tuple[EmergencyMonth, ...]
    #: The three months before the emergency.
    before: tuple[date, ...]
    #: (field, month) -> the column: ``("used", 2020-03-01) -> "used@--03"``; bare months as ``month``.
    by_month: dict[tuple[str, date], str]
    #: A claimed day -> its column.
    claimed: dict[date, str]
    #: The columns of the person's own fields (every month's limits and the names).
    person: tuple[str, ...]
    #: Those the calculation reads (the person's limits).
    limits: tuple[str, ...]
    #: The one-month figures' columns the register has (refused when given).
    one_month: tuple[str, ...]
    #: Each month's hours-used column (for messages about it).
    used_keys: dict[date, str]
    #: Each month's own columns (:class:`MonthColumns`): a person's months are read from these alone.
    month_columns: tuple[MonthColumns, ...]


def layout_of(keys: frozenset[str], emergency: rules.Emergency) -> Layout:
    """What ``keys`` (a record's columns) mean in ``emergency``'s register; raises for two columns of one figure."""
    by_month: dict[tuple[str, date], str] = {}
    claimed: dict[date, str] = {}
    for key in keys:
        if (split := split_month_key(key)) is not None:
            meant = month_meant(emergency, *split)
            assert meant is not None  # the emergency was chosen as the one whose months these are
            if meant in by_month:  # two columns of one month's figure: never one of them dropped
                raise InputError(key, f"{by_month[meant]} / {key}", "duplicate_column")
            by_month[meant] = key
        elif key.startswith(CLAIMED_PREFIX):
            day = key[len(CLAIMED_PREFIX) :]
            if day.startswith("--"):  # a day without its year: the emergency's month of that name
                month = resolve_month(emergency, "claimed", None, int(day[2:4]))
                assert month is not None  # the emergency was chosen as the one whose months these are
                day = f"{month.year}{day[1:]}"
            claimed[date.fromisoformat(day)] = key
    person = tuple(k for k in keys if MONTH_MARK not in k and not k.startswith(CLAIMED_PREFIX))
    limits = tuple(k for k in person if k in BY_COLUMN and BY_COLUMN[k].attribute is not None)
    used_keys = {month: key for (name, month), key in by_month.items() if name == "used"}
    months = emergency_months(emergency)
    month_columns = tuple(
        MonthColumns(each, by_month.get(("used", each.month)), by_month.get(("resumed", each.month)),
                     tuple((name, by_month[name, each.month]) for name in PAYMENTS if (name, each.month) in by_month))
        for each in months
    )  # fmt: skip
    return Layout(emergency, months, context_months(emergency)[:3], by_month, claimed, person, limits,
                  tuple(sorted(ONE_MONTH_COLUMNS & keys)), used_keys, month_columns)  # fmt: skip
