"""A whole emergency for one person: its months as a chain, each month the one-month rule.

Every source found uses "the three calendar months before" the month being counted,
including months that were themselves inside the emergency (June 2020: March-May,
guidance of 12.06.2020); none freezes the average at the months before the emergency.
So the months form a chain (the project's decisions where the guidance is silent;
README, "A whole emergency"):

- a month's average is the mean of the hours used in the three calendar months before
  it: a month before the emergency, the figure given; an emergency month, the hours
  used on its other days plus the measure-7 hours the chain computed for it (what was
  due, not what was paid); a month that resumed, its whole hours used;
- each month is exactly ``calculate`` given those figures (:func:`month_limits`, :func:`month_people` and
  :func:`month_audit` make the input; nothing here splits or rounds); the persons of a register go
  side by side, a month of them one block of rows (:func:`chains_side_by_side`);
- a calendar week shared by two emergency months holds the weekly cap once: the earlier
  month is split first, and the later month counts the earlier month's hours in that
  week as hours already used in the week (its ``used_week_before``); the earlier month
  counts nothing after it in that week (``used_week_after`` = 0: those days' hours are
  the later month's, and come after);
- all three months before a month at 0 is no history: 10 h a week (point 11.1).

The chain owns only what crosses months (the rolling averages and the shared weeks);
this is a fold over the month's rule (:func:`~asistents.core.block.compute_block`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from asistents.core import rules
from asistents.core.block import (
    Audit,
    Block,
    Outcome,
    Rows,
    audit_of,
    computation,
    distinct_limits,
    limits_of,
    places,
    whole_input,
)
from asistents.core.calendar import add_months, is_whole_month, month_end, month_text, week_monday, week_sunday
from asistents.core.decimals import ZERO, plain
from asistents.core.errors import InputError, error_of
from asistents.core.fields import MONTH_COLUMNS
from asistents.core.fill import Units
from asistents.core.models import CalcInput, CalcResult, Notice
from asistents.core.period import averaged_months
from asistents.core.person import Person, hours_of, tenths_of_thousandths, units_of
from asistents.core.validate import check_boundary_weeks, check_value, figure_bound


def first_of_month(day: date) -> date:
    return day.replace(day=1)


@dataclass(frozen=True)
class EmergencyMonth:
    """One calendar month of an emergency: its emergency days, and whether it has other days."""

    month: date
    start: date
    end: date
    #: The calendar months averaged for it (point 11.1: the three before it; :func:`averaged_months`).
    averaged: tuple[date, ...]
    #: Days of the month outside the emergency (March and June 2020; November 2020, April 2021).
    has_other_days: bool
    #: Its first day is a Monday, its last a Sunday: its first (last) week has no days before (after) it.
    starts_week: bool
    ends_week: bool
    #: The month as a register's month column shows it (``2020-11``).
    name: str


def emergency_months(emergency: rules.Emergency) -> tuple[EmergencyMonth, ...]:
    """The calendar months of ``emergency``, in order, each with the emergency's days in it."""
    months: list[EmergencyMonth] = []
    month = first_of_month(emergency.start)
    while month <= emergency.end:
        start = max(month, emergency.start)
        end = min(month_end(month), emergency.end)
        months.append(EmergencyMonth(month, start, end, averaged_months(start), not is_whole_month(start, end),
                                     week_monday(start) == start, week_sunday(end) == end,
                                     month_text(month)))  # fmt: skip
        month = add_months(month, 1)
    return tuple(months)


#: Nothing paid or claimed (a mapping no one can change: a named tuple's default is shared).
_NONE: Mapping[date, Decimal] = MappingProxyType({})


class ChainInput(NamedTuple):
    """One person's figures for a whole emergency (a named tuple: a register makes one for each person).

    ``limits`` holds what applies to every month (weekly hours, daily limit, step,
    weekends, rate; ``used_week_before`` for the emergency's first week and
    ``used_week_after`` for its last); its period and personal figures are not read.
    """

    emergency: rules.Emergency
    #: Hours used in the three calendar months before the emergency, oldest first.
    before: tuple[Decimal, Decimal, Decimal]
    #: Hours used on each month's days outside the emergency; for a resumed month, its whole hours used.
    used: Mapping[date, Decimal]
    resumed: frozenset[date] = frozenset()
    limits: CalcInput = CalcInput()
    #: For the audit: what was paid for each month, in hours and/or in euro, and the hours claimed by day.
    #: Each month's are checked against that month's result (what was due, which alone feeds the chain).
    paid: Mapping[date, Decimal] = _NONE
    paid_eur: Mapping[date, Decimal] = _NONE
    claimed: Mapping[date, Decimal] = _NONE
    #: Whether the hours used before the emergency and in its months were each checked on its own where they
    #: were read (:func:`check_value` with their bounds: a register's cells), so the chain does not check them
    #: again (:func:`check_chain`, :func:`check_month`).
    checked: bool = False


class ChainColumns(NamedTuple):
    """The chains of persons side by side as columns over the persons, as :class:`_Chains` reads them: a
    register reads its cells so, a column at a time (:mod:`asistents.register.emergency`), and
    :func:`chain_columns` makes them of :class:`ChainInput` s (``asistents emergency``, the web page)."""

    #: Hours used in each of the three calendar months before the emergency (oldest first), over the persons.
    before: list[list[Decimal]]
    #: Each emergency month's hours used over the persons (None: not given), whether each resumed, and what
    #: was paid or claimed for it (None: nothing; :func:`month_audit`).
    used: list[list[Decimal | None]]
    resumed: list[list[bool]]
    audits: list[list[Audit | None]]
    #: The distinct sets of limits (what applies to every month: :attr:`ChainInput.limits`; equal by
    #: :func:`~asistents.core.block.limit_key`), and which set each person's is.
    limits: list[CalcInput]
    key: list[int]
    #: What stops each chain before its first month (None: nothing): :func:`check_chain`.
    errors: list[InputError | None]
    #: Whether every figure of hours used was checked on its own where it was read (:attr:`ChainInput.checked`),
    #: and every payment and claimed day (at its month's rate: a register's cells; :attr:`Rows.audited`).
    checked: bool
    audited: bool = False


class ChainMonth(NamedTuple):
    """One month of the chain: what it was computed from (what ``calc`` would be given) and its result
    (a named tuple: a register of 100,000 persons makes 600,000 of them)."""

    month: date
    #: The month's limits: the person's, with the month's terms (its days, the hours used on its boundary weeks'
    #: other days, its rule; :func:`month_limits`). Persons whose limits and terms are equal share them.
    limits: CalcInput
    #: The hours the month before placed in this month's first week, in ten-thousandths of an hour (None: that
    #: week holds no earlier month of the chain): the hours used before the month in its first week.
    carried: int | None
    #: The person's own figures for the month (the three months averaged, the hours used) and what was paid or
    #: claimed for it.
    person: Person
    audit: Audit | None
    #: The month's row of its block: exactly ``calculate(self.input)``, with the warnings the chain adds
    #: (:func:`below_no_history`).
    outcome: Outcome
    #: The month's figure for the months after it: hours used + payable (or the whole month's, resumed).
    figure: Decimal

    @property
    def input(self) -> CalcInput:
        """The input ``calc`` would be given for the month."""
        carried = self.carried
        limits = self.limits if carried is None else replace(self.limits, used_week_before=hours_of(carried))
        return whole_input(limits, self.person, self.audit)

    @property
    def result(self) -> CalcResult:
        """The month's whole result, made anew each time it is asked for (a report or a timesheet): read it
        once."""
        return self.outcome.result()


@dataclass(frozen=True)
class ChainResult:
    emergency: rules.Emergency
    before_months: tuple[date, date, date]
    before: tuple[Decimal, Decimal, Decimal]
    months: tuple[ChainMonth, ...]
    payable_hours: Decimal
    amount_eur: Decimal | None


def check_chain(chain: ChainInput, emergency: tuple[EmergencyMonth, ...] | None = None) -> None:
    """Every month named belongs to the emergency (its ``emergency`` months, if at hand); raises
    :class:`InputError` naming the first that does not.

    What each month needs (its hours used) is checked when the chain reaches it
    (:func:`check_month`), so that the months before a bad one are still computed. The three months before
    the emergency are checked here, each on its own (:func:`check_value`), unless they were checked so where
    they were read (:attr:`ChainInput.checked`): a month's average is made of them and of the chain's own
    figures (:meth:`_Chains.month_rows`).
    """
    if not chain.checked:
        for hours in chain.before:
            check_value("before", hours)
    listed = emergency or emergency_months(chain.emergency)
    months = {m.month for m in listed}
    _check_around(chain.limits, listed)
    named = {
        "used": chain.used,
        "resumed": chain.resumed,
        "paid": chain.paid,
        "paid_eur": chain.paid_eur,
        "claimed": {first_of_month(day) for day in chain.claimed},
    }
    for name, given in named.items():
        if not months.issuperset(given):  # the earliest month outside the emergency
            month = min(month for month in given if month not in months)
            first, last = chain.emergency.start, chain.emergency.end
            raise InputError(name, month_text(month), "month_outside_emergency", first=first, last=last)


def _check_around(limits: CalcInput, months: Sequence[EmergencyMonth]) -> None:
    """The hours used before the emergency's first day in its first week, and after its last day in its last
    (:func:`~asistents.core.validate.check_boundary_weeks`)."""
    check_boundary_weeks(limits, months[0].start, months[-1].end)


def around_errors(limits: Sequence[CalcInput], months: Sequence[EmergencyMonth]) -> list[InputError | None]:
    """Each set of ``limits``' error about the hours used around the emergency (:func:`check_chain` checks a
    :class:`ChainInput`'s so), None for a set without one: what stops every chain of that set before its first
    month. A register checks each person's other figures as it reads them."""
    return [error_of(_check_around, each, months) for each in limits]


def check_month(
    month: EmergencyMonth, hours: Sequence[Decimal | None], resumed: Sequence[bool], checked: bool, going: list[int]
) -> Iterator[tuple[int, InputError]]:
    """``month``'s hours used (``hours``, over the persons; None: not given) given where a chain needs them
    (``resumed``: the month resumed), for each person of ``going``: the persons whose hours are unusable, each
    with the error naming the month.

    A month with days outside the emergency needs the hours used on them (0 is a figure,
    nothing is not: README "Your register"); a resumed month needs its whole hours. A month
    wholly inside the emergency has no other days: 0 is the only figure it can have. The hours
    are checked on their own here (:func:`check_value`), once for the month, unless they were checked so where
    they were read (``checked``: :attr:`ChainInput.checked`)."""
    other, name = month.has_other_days, month_text(month.month)
    for p in going:
        figure, again = hours[p], resumed[p]
        if figure is None:
            if other or again:
                code = "resumed_needs_used" if again else "used_missing_for_month"
                yield p, InputError("used", name, code, month=name)
            continue
        try:
            if not checked:
                check_value("used", figure)
        except InputError as error:
            yield p, error
            continue
        if figure and not other and not again:
            yield p, InputError("used", f"{name}={figure}", "used_for_whole_month")


def month_limits(limits: CalcInput, month: EmergencyMonth, shared: bool, resumed: bool, no_history: bool,
                 last: bool) -> CalcInput:  # fmt: skip
    """The person's ``limits`` with ``month``'s terms: its days, its rule, and the hours used on its boundary
    weeks' other days.

    A month starting on a Monday has no days before it in its first week, one ending on a Sunday none after.
    The emergency's first week holds the hours used before it as given; a week shared with the month before
    holds that month's hours instead (``shared``: the row's own, :attr:`ChainMonth.carried`). The last month's
    last week holds the hours used after the emergency as given; any other month's last week holds the next
    month's days, which come after: 0.
    """
    before = None if month.starts_week or shared else limits.used_week_before
    after = None if month.ends_week else (limits.used_week_after if last else ZERO)
    return limits_of(limits, start=month.start, end=month.end, used_week_before=before, used_week_after=after,
                     resumed=resumed, no_history=no_history)  # fmt: skip


def month_people(averaged: Sequence[Sequence[Decimal]], used: Sequence[Decimal | None], month: EmergencyMonth,
                 no_history: Sequence[bool]) -> list[Person]:  # fmt: skip
    """The persons' own figures for ``month`` (each column over the persons): the three months averaged (none
    with no history: all three at 0) and the hours used (not given: 0; none with no history in a month without
    other days)."""
    other = month.has_other_days
    return [Person(None, None if none else (oldest, middle, newest),
                   None if none and not other else ZERO if hours is None else hours)
            for oldest, middle, newest, hours, none in zip(*averaged, used, no_history, strict=True)]  # fmt: skip


def month_audit(chain: ChainInput, month: EmergencyMonth) -> Audit | None:
    """What was paid and claimed for ``month`` (None: nothing)."""
    claimed = None
    if chain.claimed:
        last_day = month_end(month.month)
        claimed = tuple((d, h) for d, h in sorted(chain.claimed.items()) if month.month <= d <= last_day) or None
    return audit_of(chain.paid.get(month.month), chain.paid_eur.get(month.month), claimed)


def below_no_history(payable: Units, no_history: Units) -> npt.NDArray[np.bool_]:
    """Point 11.1 gives 10 h a week to a person with no use in the three previous months. A month
    whose average is made only of the chain's own measure-7 hours (nothing used otherwise in those
    months) may come out below that (``payable`` and ``no_history``: the rows' payable ten-thousandths of an
    hour, and theirs under the no-history rule); the guidance gives no other reading, so the month says so
    (:func:`below_notice`)."""
    return no_history > payable


def below_notice(payable: Decimal, no_history: Decimal) -> Notice:
    """The warning of a month below the no-history rule (:func:`below_no_history`)."""
    return Notice(code="chain_below_no_history", params={"payable": payable, "no_history": no_history})


class ChainOutcome(NamedTuple):
    """A person's months in order, up to the first that cannot be computed, and why that one cannot."""

    months: tuple[ChainMonth, ...]
    error: InputError | None


class MonthBlock(NamedTuple):
    """A month's computed block of a chain of persons side by side, and whose rows it holds: its row ``n`` is
    the month of the person ``persons[n]`` (their place among the chains), computed from ``rows`` (the month's
    rows: :attr:`Block.rows` are places in it), and each chain's figure for the months after (by the person's
    place)."""

    month: int
    block: Block
    persons: list[int]
    rows: Rows
    figures: list[Decimal]


class ChainRun(NamedTuple):
    """The chains of persons side by side: how many months of each were computed (in order, from the first),
    what stopped each (None: nothing), and each month's computed blocks, in the months' order."""

    months: tuple[EmergencyMonth, ...]
    done: list[int]
    errors: list[InputError | None]
    blocks: list[MonthBlock]


def chains_side_by_side(
    chains: Sequence[ChainInput], months: tuple[EmergencyMonth, ...] | None = None
) -> list[ChainOutcome]:
    """Each person's chain (:class:`ChainInput`, all of one emergency), the persons side by side: a month
    is one block of rows (:func:`~asistents.core.block.compute`), the months in order.

    A month that cannot be computed stops its person's chain there, after the months before it: every
    month after it depends on it (its average, its shared week). ``months`` are :func:`emergency_months`
    of the emergency, if at hand. Each month of a chain is made here, from its block (a register writes the
    blocks as they are: :func:`chain_blocks`).
    """
    listed = months or (emergency_months(chains[0].emergency) if chains else ())
    run = chain_blocks(chain_columns(chains, listed), listed)
    done: list[list[ChainMonth]] = [[] for _ in chains]
    for each in run.blocks:  # in the months' order: each person's months in order
        month, rows, block = run.months[each.month].month, each.rows, each.block
        carried = [None] * len(rows.group) if rows.carried is None else rows.carried.tolist()
        for n, (p, i) in enumerate(zip(each.persons, block.rows, strict=True)):
            limits = rows.limits[rows.group[i]]
            computed = ChainMonth(month, limits, carried[i], rows.people[i], rows.audits[i], Outcome(block, n),
                                  each.figures[p])  # fmt: skip
            done[p].append(computed)
    return [ChainOutcome(tuple(computed), error) for computed, error in zip(done, run.errors, strict=True)]


def chain_columns(chains: Sequence[ChainInput], months: tuple[EmergencyMonth, ...]) -> ChainColumns:
    """The ``chains`` (all of the emergency of ``months``) as columns over the persons, each chain checked
    (:func:`check_chain`): a chain that fails stops before its first month."""
    errors = [error_of(check_chain, chain, months) for chain in chains]
    limits, key = distinct_limits(chain.limits for chain in chains)
    return ChainColumns(
        [[chain.before[i] for chain in chains] for i in range(3)],
        [[chain.used.get(month.month) for chain in chains] for month in months],
        [[month.month in chain.resumed for chain in chains] for month in months],
        [
            [month_audit(chain, month) if chain.paid or chain.paid_eur or chain.claimed else None for chain in chains]
            for month in months
        ],
        limits,
        key,
        errors,
        all(chain.checked for chain in chains),
    )


def chain_blocks(columns: ChainColumns, months: tuple[EmergencyMonth, ...]) -> ChainRun:
    """The chains of :func:`chains_side_by_side` (as :class:`ChainColumns`, of the emergency of ``months``) as
    each month's computed blocks, with the persons their rows are of (a register writes a computed block a
    column at a time), and how far each chain went."""
    going = _Chains(columns, months)
    blocks: list[MonthBlock] = []
    for index in range(len(months)):
        persons, rows = going.month_rows(index)
        computed, figures = going.computed(index, persons, rows)
        blocks.extend(MonthBlock(index, block, [persons[i] for i in block.rows], rows, figures) for block in computed)
    return ChainRun(months, going.done.tolist(), going.errors, blocks)


#: The newest of the months averaged (``m3``): the month before, in the chain.
_NEWEST = MONTH_COLUMNS[-1].name
#: Its bound, in ten-thousandths of an hour.
_NEWEST_BOUND = tenths_of_thousandths(figure_bound(_NEWEST))


class _Chains:
    """The persons' chains as they go, a column over the persons each: what each month reads of them (its
    hours used, whether it resumed, what was paid or claimed), the figures of the months averaged so far
    (oldest first: the three before the emergency, then each month the chain made; an emergency's months are
    consecutive calendar months, so a month's three averaged are the last three of them), the months done, and
    what stopped each chain (None: nothing yet)."""

    def __init__(self, columns: ChainColumns, months: tuple[EmergencyMonth, ...]) -> None:
        self.months, self.limits, self.key, self.checked = months, columns.limits, columns.key, columns.checked
        self.audited = columns.audited
        self.errors = list(columns.errors)
        self.used, self.resumed, self.audits = columns.used, columns.resumed, columns.audits
        self.history = list(columns.before)
        #: The same figures in ten-thousandths of an hour (a chain that stopped: 0, never read).
        self.units = [units_of([ZERO if error else hours for hours, error in zip(months, self.errors, strict=True)])
                      for months in self.history]  # fmt: skip
        #: Which figures are made only of measure-7 hours (a month before the emergency: none, unless 0).
        self.measure7 = [units == 0 for units in self.units]
        #: How many chains there are, and how many months of each were computed.
        self.count = count = len(self.errors)
        self.done = np.zeros(count, dtype=np.int64)
        #: The hours each person's last month placed in its last calendar week (the next month's first, when the
        #: two share it), in ten-thousandths of an hour.
        self.last_week = np.zeros(count, dtype=np.int64)

    def month_rows(self, index: int) -> tuple[list[int], Rows]:
        """Month ``index`` of each person still going (whose hours used it needs are given: :func:`check_month`),
        as a row (the persons' places, and the rows): persons whose limits and terms are equal share them (a
        number's digits are part of them: a result shows its own figures). When the month shares its first week
        with the month before, the hours that month placed in it are the row's own (carried), not its limits'.

        The rows' figures are checked on their own before they come here: the months before the emergency
        (:func:`check_chain`), the hours used (:func:`check_month`), and the months the chain made (hours used +
        payable: never negative, never more decimals than the two) against a month's bound, as the newest month
        averaged (``m3``) of the month after them, the first that reads them."""
        month, last = self.months[index], index == len(self.months) - 1
        # A month's first week holds the hours of the month before it (that month ends the day before this one
        # starts), unless the month starts on a Monday.
        shared = index > 0 and not month.starts_week
        used, audits = self.used[index], self.audits[index]
        self._check(index)
        going = [p for p, error in enumerate(self.errors) if error is None]
        at = np.array(going, dtype=np.int64)
        # The three months' sum in ten-thousandths: 0 when all three are at 0 (no figure is negative).
        total = (self.units[-3] + self.units[-2] + self.units[-1])[at]
        resumed = np.array(self.resumed[index], dtype=bool)[at]
        no_history = ~resumed & (total == 0)
        # Each person's terms as one number (their limits' place, resumed, no history): persons of equal terms
        # share their month's limits.
        terms, groups = places((np.array(self.key, dtype=np.int64)[at] * 2 + resumed) * 2 + no_history)
        limits = [month_limits(self.limits[code >> 2], month, shared, bool(code & 2), bool(code & 1), last)
                  for code in terms.tolist()]  # fmt: skip
        hours = [used[p] for p in going]
        averaged = [[months[p] for p in going] for months in self.history[-3:]]
        persons = month_people(averaged, hours, month, no_history.tolist())
        carried = self.last_week[at] if shared else None
        # The persons' own figures in ten-thousandths (:func:`month_people`'s: none with no history is 0 too).
        hours_used = units_of([ZERO if given is None else given for given in hours])
        audit = [audits[p] for p in going]
        # Each person's figures were checked where they were read or made (:meth:`_check`).
        checked = [None] * len(persons)
        return going, Rows(limits, groups.tolist(), persons, audit, carried, checked=checked, own=(total, hours_used),
                           audited=self.audited)  # fmt: skip

    def _check(self, index: int) -> None:
        """Stop the chains whose month ``index`` cannot be computed: its hours used (:func:`check_month`), and the
        month before it as the chain made it (hours used + payable: used checked, payable whole ten-thousandths,
        neither negative; only one above a month's bound can fail its check)."""
        month, errors = self.months[index], self.errors
        going = [p for p, error in enumerate(errors) if error is None]
        for p, error in check_month(month, self.used[index], self.resumed[index], self.checked, going):
            errors[p] = error
        if index > 0:  # the month before is the chain's own
            newest = self.history[-1]
            for p in np.flatnonzero(self.units[-1] > _NEWEST_BOUND).tolist():
                if errors[p] is None:
                    errors[p] = error_of(check_value, _NEWEST, newest[p])

    def computed(self, index: int, going: list[int], rows: Rows) -> tuple[list[Block], list[Decimal]]:
        """Month ``index`` for every person still going, as one block, and each one's figure for the months
        after (by the person's place); the blocks computed, and those figures."""
        errors, blocks = computation(rows)
        count = self.count
        figures: list[Decimal] = [ZERO] * count  # a chain that stopped reads no more figures
        units = np.zeros(count, dtype=np.int64)
        assert rows.own is not None  # the month's rows carry the persons' figures in ten-thousandths (month_rows)
        hours_used = rows.own[1]
        measure7 = np.zeros(count, dtype=bool)
        oldest, middle, newest = self.measure7[-3:]
        used = self.used[index]
        for p, error in zip(going, errors, strict=True):
            if error is not None:
                self.errors[p] = error
        for block in blocks:
            split, persons = block.split, [going[i] for i in block.rows]
            at = np.array(persons, dtype=np.int64)
            resumed = np.array([rows.limits[rows.group[i]].resumed for i in block.rows], dtype=bool)
            # An average made only of the chain's own hours is weighed against the no-history rule (a month with
            # no history is that rule: never below it).
            own = ~resumed & oldest[at] & middle[at] & newest[at]
            step = block.step
            no_history = split.no_history * step
            below = own & below_no_history(split.payable * step, no_history)
            for n in np.flatnonzero(below).tolist():
                block.warn(n, below_notice(block.payable[n], hours_of(int(no_history[n]))))
            self.last_week[at] = split.week_units[:, -1] * step
            self.done[at] += 1
            # (A month that resumed has no payable hours: its figure is its hours used.)
            hours_in = hours_used[block.rows]
            units[at] = hours_in + split.payable * step
            measure7[at] = ~resumed & (hours_in == 0)
            for p, resumed_in, payable in zip(persons, resumed.tolist(), block.payable, strict=True):
                hours = used[p]
                hours = ZERO if hours is None else hours
                figures[p] = hours if resumed_in else hours + payable
        self.history.append(figures)
        self.units.append(units)
        self.measure7.append(measure7)
        return blocks, figures


def chain_months(chain: ChainInput) -> tuple[ChainMonth, ...]:
    """One person's chain (:func:`chains_side_by_side` of one); the first month that cannot be computed raises."""
    (outcome,) = chains_side_by_side([chain])
    if outcome.error is not None:
        raise outcome.error
    return outcome.months


def calculate_chain(chain: ChainInput) -> ChainResult:
    """The whole chain (:func:`chain_months`); the first month that cannot be computed raises."""
    done = chain_months(chain)
    amounts = [m.outcome.amount_eur for m in done if m.outcome.amount_eur is not None]
    # A total amount only when every month has one: a month without a rate (2020 with --rate official) would
    # make a partial sum look like the emergency's amount.
    amount = sum(amounts, Decimal(0)) if len(amounts) == len(done) else None
    return ChainResult(
        emergency=chain.emergency,
        before_months=averaged_months(done[0].month),  # type: ignore[arg-type]
        before=chain.before,
        months=done,
        payable_hours=plain(sum((m.outcome.payable_hours for m in done), Decimal(0))),
        amount_eur=amount,
    )


def emergency_by_number(number: int) -> rules.Emergency:
    """The declared emergencies in order: 1 (12.03.2020-09.06.2020), 2 (09.11.2020-06.04.2021)."""
    return rules.EMERGENCIES[number - 1]
