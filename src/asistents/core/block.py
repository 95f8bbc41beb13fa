"""The month's rule over a block of rows: each quantity one formula over integer arrays.

Point 11.1 of Cabinet Regulation No. 942 and the Ministry of Welfare guidance of 12.06.2020
(points 2-4): the entitlement is max(0, average - used), no week goes over its weekly amount
(less the hours used on its other days; 10 h with no history), no day over the daily limit,
and the hours are split by day (:mod:`asistents.core.fill`). Rules-as-code engines compute a
population so (OpenFisca, PolicyEngine): one formula per quantity over arrays of persons, one
person being an array of one; ``calc``, ``emergency`` and ``batch`` all come here.

Everything that is arithmetic is an ``int64`` array over the block's rows, in whole steps or
ten-thousandths of an hour: the entitlement in steps, each week's cap, the daily limit, the
split, the weeks' totals and what limited them. What is not arithmetic is worked out per
distinct value of the block (the rows' periods and their limits: a register has a few), never
kept beyond the block.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any, Literal, NamedTuple, TypedDict

import numpy as np
import numpy.typing as npt

from asistents.core.basis import Basis, history_basis
from asistents.core.claims import Checks, check_block, unchecked
from asistents.core.decimals import euro
from asistents.core.errors import InputError
from asistents.core.fields import PERSONAL_ATTRIBUTES
from asistents.core.fill import UNLIMITED, Units, capacity, water_fill, week_sizes, week_totals
from asistents.core.limits import CAP_REACHED, DAILY_REACHED, NO_LIMIT, limited_by, week_limit, week_row
from asistents.core.models import CalcInput, CalcResult, ClaimCheck, DayHours, LimitReason, Notice, Period
from asistents.core.period import PeriodPlan, plan_period
from asistents.core.period_weeks import CapSource, PlannedWeek
from asistents.core.person import (
    Figures,
    Person,
    PersonFigures,
    Terms,
    hours_of,
    people_figures,
    tenths_of_thousandths,
    terms_of,
    units_or_zero,
)
from asistents.core.validate import check_rows, row_limits
from asistents.core.weeks import (
    Flags,
    assumed_zero,
    boundary_used,
    period_notices,
    steps_in,
    used_up,
    week_caps,
    weekly_amount,
)

#: What :func:`limits_of` puts in place of the person's own figures.
_BLANK_PERSONAL: dict[str, Any] = dict.fromkeys(PERSONAL_ATTRIBUTES)


def limits_of(inp: CalcInput, **values: Any) -> CalcInput:
    """``inp`` with the person's own figures blanked (the registry's ``personal`` fields): what decides the
    weeks' caps, the daily limit and the period's warnings. Rows with equal limits share those values.
    ``values`` replace what they name after that (a month's terms; its figures give the month's input)."""
    return replace(inp, **{**_BLANK_PERSONAL, **values})


#: The values of an input that are not the person's own: rows with equal values have equal limits.
_limit_values = attrgetter(*(f.name for f in fields(CalcInput) if f.name not in _BLANK_PERSONAL))


def limit_key(inp: CalcInput) -> tuple[object, ...]:
    """What rows share their limits by: the limit values, each number with its digits as given. 35 and 35.0
    are equal numbers, but a result shows its own figures (its weekly hours, cap and daily limit) as they
    were written, so a row never shows another row's digits."""
    values = _limit_values(inp)
    return (*values, *(str(v) for v in values if type(v) is Decimal))


def distinct_limits(limits: Iterable[CalcInput]) -> tuple[list[CalcInput], list[int]]:
    """The distinct sets of ``limits`` (equal by :func:`limit_key`; the first of equal ones stands for them), and
    each one's place among them."""
    keys: dict[tuple[object, ...], int] = {}
    distinct: list[CalcInput] = []
    places: list[int] = []
    for each in limits:
        places.append(keys.setdefault(limit_key(each), len(keys)))
        if places[-1] == len(distinct):
            distinct.append(each)
    return distinct, places


def person_of(inp: CalcInput) -> Person:
    return Person(inp.average, inp.months, inp.used)


class Fixed(TypedDict):
    """The result's fields that a set of limits decides (:class:`~asistents.core.models.CalcResult`'s)."""

    status: Literal["computed", "resumed"]
    measure: int
    period: Period
    average_months: tuple[str, ...]
    no_history: bool
    step: Decimal
    daily_max: Decimal
    weekly: Decimal | None
    weekly_cap: Decimal
    exclude_weekends: bool
    rate_eur: Decimal | None


class Limits(NamedTuple):
    """What one set of limits gives over a period: the values its rows share (README "The split")."""

    limits: CalcInput
    basis: Basis
    terms: Terms
    #: Warnings about the period and the granted hours.
    notices: tuple[Notice, ...]
    #: Warnings about the boundary weeks' hours used outside the period (none when resumed): the first week's,
    #: the first week's when a row's hours before the period are carried in (given: :attr:`Rows.carried`), the
    #: later weeks'.
    first_notices: tuple[Notice, ...]
    carried_notices: tuple[Notice, ...]
    later_notices: tuple[Notice, ...]
    #: Why the weekly amount is what it is (granted, or the state maximum: :func:`weekly_amount`).
    source: CapSource
    #: In ten-thousandths of an hour: the weekly amount, the hours used before and after the period in its
    #: boundary weeks (0 when not given), the no-history rule's weekly hours (point 11.1: 10 h).
    weekly: int
    before: int
    after: int
    ten: int
    #: The daily limit in whole steps.
    daily: int
    #: The result's fields that the limits decide.
    fixed: Fixed


def limits_over(limits: CalcInput, plan: PeriodPlan) -> Limits:
    """The values of ``limits`` (an input whose personal figures are blank) over ``plan``."""
    basis = history_basis(limits)
    step = limits.rounding_step
    weekly, source = weekly_amount(limits)
    before, after = ((), ()) if basis == "resumed" else assumed_zero(plan.weeks, limits.used_week_before,
                                                                     limits.used_week_after)  # fmt: skip
    one_week = len(plan.weeks) == 1  # its last week is its first
    terms = terms_of(basis, step, limits.start)
    rate = limits.hourly_rate
    fixed: Fixed = {
        "status": "resumed" if basis == "resumed" else "computed",
        "measure": plan.measure,
        "period": plan.period,
        "average_months": plan.average_month_names,
        "no_history": limits.no_history,
        "step": step,
        "daily_max": limits.daily_limit,
        "weekly": limits.weekly,
        "weekly_cap": weekly,
        "exclude_weekends": limits.exclude_weekends,
        "rate_eur": rate,
    }
    return Limits(
        limits=limits,
        basis=basis,
        terms=terms,
        notices=tuple(period_notices(limits, plan.outside)),
        first_notices=(*before, *after) if one_week else before,
        carried_notices=after if one_week else (),
        later_notices=() if one_week else after,
        source=source,
        weekly=tenths_of_thousandths(weekly),
        before=units_or_zero(limits.used_week_before),
        after=units_or_zero(limits.used_week_after),
        ten=tenths_of_thousandths(terms.no_history_cap),
        daily=steps_in(limits.daily_limit, step),
        fixed=fixed,
    )


class WeekFigures(NamedTuple):
    """A block's rows' weeks (rows x weeks, ten-thousandths of an hour): the hours used on their days outside
    the period (:func:`~asistents.core.weeks.boundary_used`), their caps, and which caps are the no-history
    rule's (:func:`~asistents.core.weeks.week_caps`)."""

    used_other: Units
    caps: Units
    no_history: Flags


class Split(NamedTuple):
    """The block's split and what limited it: arrays over its rows (rows x days of the split, rows x weeks)."""

    placed: Units
    week_units: Units
    payable: Units
    #: Per week: 0 no limit reached, 1 its cap, 2 the daily limit on every day.
    week_limit: Units
    #: How many split days each week has.
    sizes: Units
    #: What each row would pay under the no-history rule instead (:func:`no_history_steps`).
    no_history: Units


def no_history_steps(caps: Units, sizes: Units, daily: Units, ten: Units) -> Units:
    """The steps each row's days hold under the no-history rule (Regulation 942, point 11.1: at most ``ten``
    steps a week, no entitlement from an average: as much as the caps allow). A whole emergency weighs a month
    against it (:func:`~asistents.core.chain.below_no_history`).

    The rule's weekly cap is the less of the week's cap and 10 h (:func:`~asistents.core.weeks.week_caps`), and
    the whole steps of the less of two figures are the less of their whole steps, so the caps in steps are
    bounded by ``ten`` (every week has a cap: :func:`~asistents.core.weeks.week_caps`); with no total to reach,
    the split places all its days hold (:func:`capacity`)."""
    return capacity(np.minimum(caps, ten[:, None]), sizes, daily)


def split_block(
    plan: PeriodPlan, caps: Units, daily: Units, total: Units, resumed: npt.NDArray[np.bool_], ten: Units
) -> Split:
    """The split of every row (``caps`` rows x weeks, ``daily``, ``total`` and the no-history rule's weekly
    hours ``ten`` per row, in steps; ``total`` ``UNLIMITED``: as much as the caps allow) and what each week
    reached.

    Guidance of 12.06.2020, points 3-4; a month that resumed (point 1) places nothing. A week reached
    its cap when it holds it and the cap is below its days' daily limits; it reached the daily limit
    when every day holds it."""
    weeks = len(plan.weeks)
    day_week = np.asarray(plan.day_week, dtype=np.int64)
    placed = water_fill(day_week, caps, daily, np.where(resumed, 0, total))
    week_units = week_totals(placed, day_week, weeks)
    sizes = week_sizes(day_week, weeks)
    by_days = sizes[None, :] * daily[:, None]
    capped = (caps >= 0) & (week_units == caps) & (caps < by_days)
    daily_full = week_units == by_days
    week_limit = np.where(capped, CAP_REACHED, np.where(daily_full, DAILY_REACHED, NO_LIMIT))
    # A week without split days reached nothing; nor did a month that resumed (it places nothing by rule).
    week_limit = np.where((sizes[None, :] > 0) & ~resumed[:, None], week_limit, NO_LIMIT)
    return Split(placed, week_units, placed.sum(axis=1), week_limit, sizes, no_history_steps(caps, sizes, daily, ten))


class Computed(NamedTuple):
    """A block's rows of one period, computed: their limits, their own figures and their split."""

    plan: PeriodPlan
    rows: list[int]
    #: The distinct sets of limits over the period, and each row's place among them.
    sets: list[Limits]
    of_set: Units
    #: Whether the rows' first week holds hours carried in (:attr:`Rows.carried`).
    carried: bool
    weeks: WeekFigures
    #: The weeks whose hours used on other days reach the weekly amount (none when resumed).
    used_up: Flags
    figures: Figures
    split: Split


class Block(NamedTuple):
    """A block's rows of one period, computed: each quantity a column over its rows (an array, or the list of
    the values its rows show), made once for the block. A row of it is an :class:`Outcome`; a register's
    renderers write a block a column at a time (each distinct value's text once)."""

    plan: PeriodPlan
    #: Each row's place among the rows computed (:class:`Rows`).
    rows: list[int]
    #: Each row's set of limits over the period, its rounding step in ten-thousandths of an hour (its terms'),
    #: and its own figures.
    shared: list[Limits]
    step: Units
    figures: Figures
    #: The rows' weeks (:class:`WeekFigures`) and split (:class:`Split`), as arrays.
    weeks: WeekFigures
    split: Split
    #: Each row's steps on every day of the period, in date order (0 on a day the split leaves out): rows x days.
    days: Units
    #: Each distinct number of steps, with its step in ten-thousandths, as hours (a block's rows hold a few;
    #: :func:`~asistents.core.person.hours_of`, the one way ten-thousandths become hours).
    hours: dict[tuple[int, int], Decimal]
    #: Each row's payable hours and their amount in euro (None: no rate).
    payable: list[Decimal]
    amount: list[Decimal | None]
    limited_by: list[tuple[LimitReason, ...]]
    #: The block's lists of warnings (each set of limits' list, which its rows with no warnings of their own
    #: share, then each list of a row's own), and each row's place among them: a row's warnings are
    #: ``warned[of_warned[n]]`` (:meth:`warnings`; a whole emergency's chain may add one: :meth:`warn`).
    warned: list[tuple[Notice, ...]]
    of_warned: list[int]
    #: The verdicts on what was paid or claimed for the rows (:func:`~asistents.core.claims.check_block`).
    checks: Checks

    def warnings(self, n: int) -> tuple[Notice, ...]:
        """Row ``n``'s warnings."""
        return self.warned[self.of_warned[n]]

    def warn(self, n: int, notice: Notice) -> None:
        """Add ``notice`` to row ``n``'s warnings, now a list of its own (a whole emergency's chain:
        :func:`~asistents.core.chain.below_no_history`)."""
        self.warned.append((*self.warnings(n), notice))
        self.of_warned[n] = len(self.warned) - 1

    def day_values(self) -> tuple[list[Decimal], Units]:
        """The distinct hours the block's days hold (each once, ascending) and each row's days as their places
        in that list (rows x days): a register writes each distinct day's hours once for the block."""
        distinct, of_days = places(self.days * self.step[:, None])
        return [hours_of(value) for value in distinct.tolist()], of_days


def _distinct(values: Units) -> Units:
    """The distinct ``values`` (all at least 0, one of them 0 or more), ascending, found by counting them:
    np.unique sorts them all and imports numpy.ma (a fifth of calc's start-up), and a set costs a Python step
    for each value."""
    return np.flatnonzero(np.bincount(values, minlength=1))


def places(values: Units) -> tuple[Units, Units]:
    """The distinct ``values`` (all at least 0; :func:`_distinct`) and each value's place among them, in the
    values' shape."""
    distinct = _distinct(values.ravel())
    index = np.zeros(int(distinct[-1]) + 1 if distinct.size else 1, dtype=np.int64)
    index[distinct] = np.arange(distinct.size)
    return distinct, index[values]


def block_of(computed: Computed) -> Block:
    """``computed`` as columns: each row's payable hours and euro, why its total is what it is (its entitlement,
    or the limits its weeks reached), and its warnings."""
    split, plan = computed.split, computed.plan
    days = split.placed
    if len(plan.split_days) < len(plan.days):  # the days the split leaves out hold nothing
        days = np.zeros((days.shape[0], len(plan.days)), dtype=np.int64)
        days[:, [n for n, d in enumerate(plan.days) if d in plan.split_index]] = split.placed
    found = np.concatenate([[0], split.placed.ravel(), split.week_units.ravel(), split.payable])
    distinct = _distinct(found).tolist()
    sets, of_set = computed.sets, computed.of_set
    places = of_set.tolist()
    step = np.array([s.terms.step for s in sets], dtype=np.int64)[of_set]
    steps = step.tolist()
    hours = {(units, each): hours_of(units * each) for each in set(steps) for units in distinct}
    payable = [hours[key] for key in zip(split.payable.tolist(), steps, strict=True)]
    # Each distinct amount once: a block's rows share a few payable totals and rates.
    rates = [sets[k].fixed["rate_eur"] for k in places]
    euros = {
        (h, rate): euro(h, rate) for h, rate in dict.fromkeys(zip(payable, rates, strict=True)) if rate is not None
    }
    amount = [None if rate is None else euros[h, rate] for h, rate in zip(payable, rates, strict=True)]
    figures = computed.figures
    entitled = (figures.steps >= 0) & (split.payable == figures.steps)
    why = limited_by(
        np.array([s.basis == "resumed" for s in sets], dtype=bool)[of_set],
        not plan.split_days,
        entitled,
        split.week_limit,
        computed.weeks.no_history,
    )
    return Block(plan, computed.rows, [sets[k] for k in places], step, figures, computed.weeks, split, days, hours,
                 payable, amount, why, *_warnings(computed, places), unchecked(len(payable)))  # fmt: skip


def _warnings(block: Computed, places: list[int]) -> tuple[list[tuple[Notice, ...]], list[int]]:
    """The block's lists of warnings and each row's place among them (:attr:`Block.warned`): a row's are its
    period's and granted hours', its own figures', then its boundary weeks'. A row with no warnings of its own
    and no week used up has its set of limits' (``places``: each row's set), the set's place."""
    sets = block.sets
    firsts = [s.carried_notices if block.carried else s.first_notices for s in sets]
    warned = [(*s.notices, *first, *s.later_notices) for s, first in zip(sets, firsts, strict=True)]
    of_warned = list(places)
    used_up = np.flatnonzero(block.used_up.any(axis=1)).tolist()
    own = block.figures.notices
    for n in sorted({*used_up, *(n for n, said in enumerate(own) if said)}):
        shared = sets[places[n]]
        first_notices, later_notices = firsts[places[n]], shared.later_notices
        if block.used_up[n].any():
            first_notices, later_notices = _used_up_notices(block, n, first_notices, later_notices)
        of_warned[n] = len(warned)
        warned.append((*shared.notices, *own[n], *first_notices, *later_notices))
    return warned, of_warned


class Outcome(NamedTuple):
    """A computed row: row ``n`` of its :class:`Block`. What a register's columns, its summary and the chain read
    of it are its block's columns; :meth:`result`, the whole result ``calc`` shows, is made when asked for (a
    register of a million rows shows its days as cells and never needs their objects)."""

    block: Block
    n: int

    @property
    def limits(self) -> Limits:
        return self.block.shared[self.n]

    @property
    def figures(self) -> PersonFigures:
        return self.block.figures.row(self.n)

    @property
    def payable_hours(self) -> Decimal:
        return self.block.payable[self.n]

    @property
    def amount_eur(self) -> Decimal | None:
        return self.block.amount[self.n]

    @property
    def limited_by(self) -> tuple[LimitReason, ...]:
        return self.block.limited_by[self.n]

    @property
    def warnings(self) -> tuple[Notice, ...]:
        return self.block.warnings(self.n)

    @property
    def check(self) -> ClaimCheck | None:
        return self.block.checks.row(self.n)

    def _hours(self, units: int) -> Decimal:
        return self.block.hours[units, self.limits.terms.step]

    def day_hours(self) -> list[tuple[date, Decimal]]:
        """The hours of every day of the period, in date order (0 on a day the split leaves out)."""
        block = self.block
        return [(d, self._hours(units)) for d, units in zip(block.plan.days, block.days[self.n].tolist(), strict=True)]

    def result(self) -> CalcResult:
        """The row as the result ``calc`` shows: its days, weeks and warnings."""
        block, n, shared = self.block, self.n, self.limits
        index = block.plan.split_index
        days = tuple(
            DayHours(date=d, weekday=d.isoweekday(), hours=hours, included=d in index) for d, hours in self.day_hours()
        )
        split = block.split
        week_units, reached, sizes = split.week_units[n].tolist(), split.week_limit[n].tolist(), split.sizes.tolist()
        used, caps, ten = (column[n].tolist() for column in block.weeks)
        planned = [
            PlannedWeek(calendar, hours_of(used[w]), hours_of(caps[w]), "no_history" if ten[w] else shared.source)
            for w, calendar in enumerate(block.plan.weeks)
        ]
        weeks = tuple(
            week_row(shared.limits, week, sizes[w], week_limit(week, reached[w]), self._hours(week_units[w]))
            for w, week in enumerate(planned)
        )
        return CalcResult(
            **shared.fixed,
            **self.figures.shown()._asdict(),
            payable_hours=self.payable_hours,
            days=days,
            weeks=weeks,
            limited_by=self.limited_by,
            warnings=self.warnings,
            amount_eur=self.amount_eur,
            check=self.check,
        )


def _used_up_notices(
    block: Computed, n: int, first: tuple[Notice, ...], later: tuple[Notice, ...]
) -> tuple[tuple[Notice, ...], tuple[Notice, ...]]:
    """Row ``n``'s first and later weeks' warnings, each week's hours used on other days that reach the weekly
    amount said after the week's other warnings (only a boundary week has such days)."""
    weeks = block.plan.weeks
    said = [
        Notice(code="week_used_up", params={"week_start": weeks[w].monday, "used": hours_of(used)})
        for w, (up, used) in enumerate(zip(block.used_up[n].tolist(), block.weeks.used_other[n].tolist(), strict=True))
        if up
    ]
    if block.used_up[n, 0]:
        return (*first, said[0]), (*later, *said[1:])
    return first, (*later, *said)


class Audit(NamedTuple):
    """What was paid or claimed for a row: checked against its result (:mod:`asistents.core.claims`)."""

    paid: Decimal | None
    paid_eur: Decimal | None
    claimed: tuple[tuple[date, Decimal], ...] | None


class Rows(NamedTuple):
    """A block of rows as columns: each distinct set of limits once (an input whose own figures are blank:
    :func:`limits_of`), and each row's set, own figures and audit (None: nothing paid or claimed), and the
    hours an earlier month of a whole emergency placed in each row's first week, in ten-thousandths of an hour
    (:mod:`asistents.core.chain`: its months side by side carry them all or none; None: every row's first week
    holds its limits' ``used_week_before``). A register reads its cells so (:mod:`asistents.io.records`);
    :func:`rows_of` makes it of whole inputs."""

    limits: Sequence[CalcInput]
    group: Sequence[int]
    people: Sequence[Person]
    audits: Sequence[Audit | None]
    carried: Units | None
    #: Each row's first own figure out of its bounds, where each was checked on its own where it came from
    #: (:func:`~asistents.core.validate.check_value`: a register's cells, each distinct one once; a whole
    #: emergency's months: :mod:`asistents.core.chain`), None: every row's are checked here. Their combination
    #: is checked here all the same.
    checked: Sequence[InputError | None] | None = None
    #: Each row's own figures in ten-thousandths of an hour, where the maker of the rows has them (a whole
    #: emergency's chain keeps its figures so): the sum of the months averaged (or the average given; 0 when
    #: neither is), and the hours used (0 when not given); None: made of :attr:`people`
    #: (:func:`~asistents.core.person.people_figures`).
    own: tuple[Units, Units] | None = None
    #: Whether what was paid or claimed was checked on its own where it came from, at the row's month's rate
    #: (:func:`~asistents.core.validate.check_audit`; a whole emergency's register checks each cell as it reads
    #: it, and a bad one spoils its month there): it is not checked again here.
    audited: bool = False


def audit_of(paid: Decimal | None, paid_eur: Decimal | None, claimed: Any) -> Audit | None:
    """What was paid or claimed, None when nothing was."""
    return None if paid is None and paid_eur is None and claimed is None else Audit(paid, paid_eur, claimed)


def whole_input(limits: CalcInput, person: Person, audit: Audit | None) -> CalcInput:
    """The input a row is: its limits with its own figures (what ``calc`` would be given)."""
    own = person._asdict()
    if audit is not None:
        own.update(audit._asdict())
    return replace(limits, **own)


class RowsMade:
    """:class:`Rows` made a row at a time: rows whose limits have equal keys share them, made once."""

    def __init__(self) -> None:
        self._groups: dict[object, int] = {}
        self.limits: list[CalcInput] = []
        self.groups: list[int] = []
        self.people: list[Person] = []
        self.audits: list[Audit | None] = []

    def group(self, key: object) -> int | None:
        """The set of limits whose key is ``key``, None if there is none yet (:meth:`new_group`)."""
        return self._groups.get(key)

    def new_group(self, key: object, limits: CalcInput) -> int:
        """A set of limits (an input whose own figures are blank) for the rows whose key is ``key``."""
        g = self._groups[key] = len(self.limits)
        self.limits.append(limits)
        return g

    def add(self, group: int, person: Person, audit: Audit | None) -> None:
        self.extend([group], [person], [audit])

    def extend(self, groups: list[int], people: list[Person], audits: list[Audit | None]) -> None:
        """Rows, each its set of limits, own figures and audit (a column each)."""
        self.groups += groups
        self.people += people
        self.audits += audits

    def rows(self) -> Rows:
        return Rows(self.limits, self.groups, self.people, self.audits, None)


def rows_of(inputs: Sequence[CalcInput]) -> Rows:
    """Whole inputs (``calc``, an input of its own) as :class:`Rows`: rows with equal limits share them."""
    made = RowsMade()
    for inp in inputs:
        key = limit_key(inp)
        g = made.group(key)
        if g is None:
            g = made.new_group(key, limits_of(inp))
        made.add(g, person_of(inp), audit_of(inp.paid, inp.paid_eur, inp.claimed))
    return made.rows()


def _computed(rows: Rows, found: list[Any]) -> Iterator[Computed]:
    """``rows`` side by side, a period at a time; a row that fails its checks gets its error in ``found`` and
    is left out. Each distinct set of limits is checked once, and worked out once over its period."""
    of_limits = [row_limits(limits) for limits in rows.limits]
    audits = None if rows.audited else rows.audits
    found[:] = check_rows(rows.people, of_limits, rows.group, audits, checked=rows.checked)
    kept = [i for i, error in enumerate(found) if error is None]
    read, groups = np.array(kept, dtype=np.int64), np.array(rows.group, dtype=np.int64)[kept]
    for plan, at in _by_period(rows.limits, groups):
        members = read[at].tolist()
        # Each set of limits is worked out once over the period; a row's values are its set's, taken by its place.
        used, of_rows = places(groups[at])
        sets = [limits_over(rows.limits[g], plan) for g in used.tolist()]

        def each(values: list[Any], of: Units = of_rows) -> Units:
            return np.asarray(np.array(values, dtype=np.int64)[of], dtype=np.int64)

        own = None if rows.own is None else (rows.own[0][members], rows.own[1][members])
        figures = people_figures([rows.people[i] for i in members], [s.terms for s in sets], of_rows, own)
        # The hours an earlier month placed in a row's first week are the row's hours used before the period.
        carried = rows.carried
        held = carried is not None
        before = each([s.before for s in sets]) if carried is None else carried[members]
        used_other = boundary_used(before, each([s.after for s in sets]), len(plan.weeks))
        weekly, ten, step = (
            each([s.weekly for s in sets]),
            each([s.ten for s in sets]),
            each([s.terms.step for s in sets]),
        )
        no_history = each([s.limits.no_history for s in sets]).astype(bool)
        caps, ten_binds = week_caps(weekly, used_other, no_history, ten)
        # A month that resumed has no emergency hours (guidance of 12.06.2020, point 1): nothing to place.
        resumed = each([s.basis == "resumed" for s in sets]).astype(bool)
        total = np.where(figures.steps < 0, UNLIMITED, figures.steps)
        split = split_block(plan, caps // step[:, None], each([s.daily for s in sets]), total, resumed, ten // step)
        weeks = WeekFigures(used_other, caps, ten_binds)
        up = used_up(weekly, used_other) & ~resumed[:, None]
        yield Computed(plan, members, sets, of_rows, held, weeks, up, figures, split)


def _by_period(limits: Sequence[CalcInput], groups: Units) -> Iterator[tuple[PeriodPlan, Units]]:
    """The periods of rows whose sets of limits are ``groups`` (of ``limits``), each with the places of its rows
    (a block's rows are usually of one period)."""
    keys: dict[tuple[date, date, bool], int] = {}
    period = np.array([keys.setdefault((each.start, each.end, each.exclude_weekends), len(keys)) for each in limits],
                      dtype=np.int64)  # fmt: skip
    of_rows, named = period[groups], list(keys)
    for k in _distinct(of_rows).tolist():
        yield plan_period(*named[k]), np.flatnonzero(of_rows == k)


def compute_block(inputs: Sequence[CalcInput]) -> list[Outcome | InputError]:
    """Every input's outcome, or the error that stops it (:func:`compute` of :func:`rows_of`)."""
    return compute(rows_of(inputs))


def compute(rows: Rows) -> list[Outcome | InputError]:
    """Every row's outcome, or the error that stops it (:func:`computation`)."""
    return outcomes(*computation(rows))


def outcomes(errors: list[InputError | None], blocks: list[Block]) -> list[Outcome | InputError]:
    """Each row's outcome (a row of one of the ``blocks``), or its error (:func:`computation`)."""
    found: list[Outcome | InputError | None] = list(errors)
    for block in blocks:
        for n, i in enumerate(block.rows):
            found[i] = Outcome(block, n)
    return [r for r in found if r is not None]


def computation(rows: Rows) -> tuple[list[InputError | None], list[Block]]:
    """The error that stops each row (None: none), and the blocks computed (each computed row is a row of one:
    :func:`outcomes`): the rows side by side, over arrays, a period at a time. A row with a claim or a payment
    is checked against its result (:mod:`asistents.core.claims`)."""
    found: list[InputError | None] = [None] * len(rows.group)
    blocks = []
    for computed in _computed(rows, found):
        block = block_of(computed)
        audits = [rows.audits[i] for i in block.rows]
        if any(audit is not None for audit in audits):

            def whole(n: int, block: Block = block) -> CalcResult:
                return Outcome(block, n).result()

            # A claimed split is checked day by day against the whole result; a payment against the total.
            block = block._replace(checks=check_block(
                block.payable,
                block.split.payable * block.step,
                [None if a is None or a.claimed is None else dict(a.claimed) for a in audits],
                [None if a is None else a.paid for a in audits],
                [None if a is None else a.paid_eur for a in audits],
                [rows.limits[rows.group[i]].hourly_rate for i in block.rows],
                whole,
            ))  # fmt: skip
        blocks.append(block)
    return found, blocks
