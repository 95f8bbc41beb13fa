""":func:`~asistents.core.calculate.calculate` for many people, sharing the work between alike inputs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import NamedTuple

from asistents.core import rules
from asistents.core.basis import history_basis
from asistents.core.calculate import (
    average_hours,
    boundary_hours,
    calculate,
    entitlement_in_steps,
    shown,
    week_cap,
    with_check,
)
from asistents.core.decimals import plain
from asistents.core.models import CalcInput, CalcResult
from asistents.core.period import PeriodPlan, plan_period
from asistents.core.validate import check_input, check_person

#: Every figure but the person's own that decides a split (numbered once: :class:`LimitsKey`).
Limits = tuple[object, ...]


class Own(NamedTuple):
    """One person's own figures on a split shared with alike people: all that differs between them."""

    months: tuple[Decimal, Decimal, Decimal] | None
    average: Decimal
    average_exact: bool
    used: Decimal
    entitlement: Decimal
    entitlement_in_steps: Decimal

    def on(self, shared: CalcResult) -> CalcResult:
        """The person's whole result: exactly what :func:`calculate` returns for them."""
        return replace(shared, **self._asdict())


class LimitsKey(NamedTuple):
    """A set of limits found usable: its number in the calculator (never reused) and how many
    steps its weeks and days can hold. Alike rows look their split up by this, not by the limits."""

    number: int
    capacity: int
    #: The step in ten-thousandths of an hour (:meth:`SharedCalculation.person`).
    step_units: int


#: Checked figures have at most this many decimals (core.validate), so ten-thousandths count them exactly.
FIGURE_PLACES = rules.MAX_DECIMAL_PLACES


class Figure(NamedTuple):
    """A checked figure of hours as it is shown, and the same in ten-thousandths of an hour."""

    value: Decimal
    units: int


def figure(value: Decimal, shown: Decimal | None = None) -> Figure:
    """A checked ``value`` (at most :data:`FIGURE_PLACES` decimals), shown as ``shown`` (default: as it is)."""
    return Figure(value if shown is None else shown, int(value.scaleb(FIGURE_PLACES)))


class Parts(NamedTuple):
    """A person's result in parts: the split, their own figures on it, and the split's number."""

    shared: CalcResult
    #: None: ``shared`` is the person's whole result.
    own: Own | None = None
    #: The shared split's number in this calculator (never reused: alike rows have the same);
    #: None when ``shared`` is this person's alone.
    split: int | None = None


def limits_of(inp: CalcInput) -> Limits:
    """The figures besides the average and the hours used that decide a split."""
    return (inp.start, inp.end, inp.weekly, inp.used_week_before, inp.used_week_after, inp.daily_max,
            inp.step, inp.exclude_weekends, inp.rate)  # fmt: skip


class SharedCalculation:
    """Two people whose figures differ only in the average and the hours used, but
    whose entitlement rounds down to the same number of steps, get the same days,
    weeks, limits and warnings: only the average and the entitlement shown differ.

    ``batch`` computes the split once per such group and keeps each row's own
    figures apart (:class:`Own`); ``Own.on`` gives exactly what :func:`calculate`
    returns, and the tests compare the two. Above what the weeks and days can hold,
    more entitlement changes nothing but the figure shown, so a register's groups
    are few: a few thousand for a million random rows.

    The memory is this object's own and bounded: at most ``limit`` results (a few
    KB each: plain dataclasses), plans, limit sets and recurring decimals; a full table is cleared.
    """

    def __init__(self, limit: int = 4096) -> None:
        self._limit = limit
        self._results: dict[tuple[int, int], tuple[CalcResult, int]] = {}
        self._plans: dict[tuple[date, date, bool], PeriodPlan] = {}
        self._keys: dict[Limits, LimitsKey] = {}
        self._decimals: dict[int, Decimal] = {}
        self._numbered = 0

    def plan(self, inp: CalcInput) -> PeriodPlan:
        """The period's structure, worked out once per period (bounded like the results)."""
        key = (inp.start, inp.end, inp.exclude_weekends)
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) >= self._limit:
                self._plans.clear()
            plan = self._plans[key] = plan_period(*key)
        return plan

    def __call__(self, inp: CalcInput) -> CalcResult:
        shared, own, _split = self.parts(inp)
        return shared if own is None else own.on(shared)

    def parts(self, inp: CalcInput) -> Parts:
        """The split ``inp`` shares with alike people, and ``inp``'s own figures on it
        (None: the split is ``inp``'s whole result, not shared)."""
        if inp.claimed is not None or inp.paid is not None:
            check_input(inp)
            return Parts(with_check(self(replace(inp, claimed=None, paid=None)), inp))
        if history_basis(inp) != "average":
            check_input(inp)  # before planning: the period may be unusable
            return Parts(calculate(inp, self.plan(inp)))
        limits = limits_of(inp)
        if limits in self._keys:  # the limits were usable on an earlier row: check the person only
            check_person(inp)
        else:
            check_input(inp)
        key = self.limits_key(inp, limits)
        assert inp.used is not None  # check_input: given
        if inp.average is not None:  # exact decimals: no fractions needed
            if inp.average == 0:  # warned about (average_zero); rare, so not shared
                return Parts(calculate(inp, self.plan(inp)))
            return self.person(inp, key, figure(inp.average, plain(inp.average)), figure(inp.used))
        average = average_hours(inp)
        assert average is not None  # check_input: an average or three months
        if average == 0:
            return Parts(calculate(inp, self.plan(inp)))
        entitlement, units = entitlement_in_steps(average, inp.used, inp.step)
        (average_shown, average_exact), entitlement_shown = shown(average), shown(entitlement)[0]
        own = Own(inp.months, average_shown, average_exact, inp.used, entitlement_shown, plain(inp.step * units))
        shared, split = self.split(inp, key, units)
        return Parts(shared, own, split)

    def person(self, limits_input: CalcInput, key: LimitsKey, average: Figure, used: Figure) -> Parts:
        """The split and own figures of a person with ``average`` (not 0) and ``used``, both checked,
        under ``limits_input``'s checked limits (its own average and used are not read).

        max(0, average - used) and its whole steps (point 11.1; rounded down, as
        :func:`~asistents.core.calculate.entitlement_in_steps`) in integer ten-thousandths
        of an hour; the decimals of recurring values are kept."""
        exact = average.units - used.units
        if exact < 0:
            exact = 0
        units = exact // key.step_units
        entitlement = self._decimals.get(exact)
        if entitlement is None:
            entitlement = self._decimal(exact)
        in_steps = self._decimals.get(units * key.step_units)
        if in_steps is None:
            in_steps = self._decimal(units * key.step_units)
        shared, split = self.split(limits_input, key, units)
        return Parts(shared, Own(None, average.value, True, used.value, entitlement, in_steps), split)

    def _decimal(self, units: int) -> Decimal:
        """Ten-thousandths of an hour as the plain decimal of hours (kept: the same values recur)."""
        if len(self._decimals) >= self._limit:
            self._decimals.clear()
        value = self._decimals[units] = plain(Decimal(units).scaleb(-FIGURE_PLACES))
        return value

    def split(self, inp: CalcInput, limits: LimitsKey, units: int) -> tuple[CalcResult, int]:
        """The result shared by everyone with ``limits`` and an entitlement of ``units`` steps, and its number."""
        shared_units = min(units, limits.capacity + 1)
        key = (shared_units, limits.number)
        found = self._results.get(key)
        if found is None:
            if len(self._results) >= self._limit:
                self._results.clear()
            # The twin's average is never 0 (that case is not shared): one step more, one step used.
            twin_average = plain(inp.step * (shared_units + 1))
            twin = replace(inp, average=twin_average, months=None, used=inp.step)
            self._numbered += 1
            found = self._results[key] = (calculate(twin, self.plan(twin)), self._numbered)
        return found

    def limits_key(self, inp: CalcInput, limits: Limits) -> LimitsKey:
        """``inp``'s limits (``limits``, checked) numbered, with the most steps the period's weeks
        and days can hold under its caps: worked out once per set of limits."""
        found = self._keys.get(limits)
        if found is None:
            if len(self._keys) >= self._limit:
                self._keys.clear()
            plan = self.plan(inp)
            step, daily = Fraction(inp.step), floor(Fraction(inp.daily_max) / Fraction(inp.step))
            capacity = 0
            for w, (week, (used_other, _)) in enumerate(zip(plan.weeks, boundary_hours(inp, plan.weeks), strict=True)):
                cap, _source = week_cap(inp, week, used_other)
                split = sum(1 for i in plan.day_week if i == w)
                capacity += min(floor(Fraction(cap) / step), split * daily)
            self._numbered += 1
            step_units = int(inp.step.scaleb(FIGURE_PLACES))
            found = self._keys[limits] = LimitsKey(self._numbered, capacity, step_units)
        return found
