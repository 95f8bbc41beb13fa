""":func:`~asistents.core.calculate.calculate` for many people, sharing the work between alike inputs.

A result is a person's own figures (:class:`~asistents.core.person.Own`) put on a
split that depends only on their limits (the input with the registry's ``personal``
fields blanked: :func:`~asistents.core.calculate.limits_of`), the entitlement's whole
steps and the warnings about their own figures
(:func:`~asistents.core.calculate.split_result`). So ``batch`` computes each split once
and keeps each row's own figures apart: ``Own.on(split)`` is exactly what
``calculate`` returns, and the tests compare the two. Nothing here restates a rule:
the checks, the person's arithmetic and the split are the core's functions; this
module only decides what to keep.

Above what the period's weeks and days can hold (:func:`~asistents.core.calculate.capacity`),
more entitlement changes nothing but the figures shown, so a register's splits are
few: a few thousand for a million random rows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from itertools import count
from typing import NamedTuple

from asistents.cache import LIMIT, Bounded, Generations
from asistents.core.calculate import SplitFrame, claim_check, limits_of, person_of, split_frame
from asistents.core.models import CalcInput, CalcResult, ClaimCheck, DayHours, Notice
from asistents.core.period import PeriodPlan, plan_period
from asistents.core.person import Own, Person, Terms, hours_of, person_figures, shown, terms_of, whole
from asistents.core.validate import check_combination, check_figures, check_limits


class Parts(NamedTuple):
    """A person's result in parts: the split, their own figures on it, and the split's number."""

    shared: CalcResult
    #: None: ``shared`` is the person's whole result.
    own: Own | None = None
    #: The shared split's number in this calculator (never reused: alike rows have the same);
    #: None when ``shared`` is this person's alone.
    split: int | None = None
    #: The verdict on the person's claim or payment (checked against ``shared``: what a split holds).
    check: ClaimCheck | None = None


class Context(NamedTuple):
    """A set of checked limits (an input with blank personal figures) and what it gives once."""

    limits: CalcInput
    #: Never reused within a calculator: the splits of these limits are kept under it.
    number: int
    #: What every split of these limits shares (:class:`~asistents.core.calculate.SplitFrame`): its rule
    #: (``basis``), its capacity (more whole steps than this give the same split).
    frame: SplitFrame
    #: What the person's rule reads from the limits (:func:`~asistents.core.person.terms_of`).
    terms: Terms
    #: The period is a whole calendar month (:attr:`~asistents.core.models.CalcInput.whole_month`).
    whole_month: bool


#: A split's key: its context's number, the entitlement's steps (capped), the person's warnings.
_SplitKey = tuple[int, int | None, tuple[tuple[str, tuple[tuple[str, object], ...]], ...]]


def _notices_key(notices: tuple[Notice, ...]) -> tuple[tuple[str, tuple[tuple[str, object], ...]], ...]:
    return tuple((n.code, tuple(n.params.items())) for n in notices)


#: Numbers of contexts and splits, never reused within the process: the renderers keep what they
#: make of a split by its number (render/per_split.py), whichever calculator it came from.
_NUMBERS = count(1)


class SharedCalculation:
    """Results of many people, each split computed once and kept (bounded tables, one run's)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._numbers = _NUMBERS
        self._plans: Bounded[tuple[date, date, bool], PeriodPlan] = Bounded(lambda key: plan_period(*key), limit)
        self._contexts: Bounded[CalcInput, Context] = Bounded(self._context, limit)
        #: The hours of a number of steps (by step), and the day objects of one period and step (by both),
        #: that the splits made share (given to each split made, so a table dropped is never written again).
        self._step_hours: Bounded[Decimal, dict[int, Decimal]] = Bounded(lambda _: {}, limit)
        self._days: Bounded[tuple[date, date, bool, Decimal], dict[tuple[int, int], DayHours]] = Bounded(
            lambda _: {}, limit
        )
        #: How many entries the splits made have added to those tables since they were last emptied, and the
        #: most they may (a fine step makes many: 0.0001 h over a month's days).
        self._pooled = 0
        self._pool_limit = 4 * limit
        #: Two generations of half the bound: as much memory as one table of it (a split of a fine step holds
        #: a few KB of its own day objects).
        self._splits: Generations[_SplitKey, tuple[CalcResult, int]] = Generations(limit // 2)
        #: Hours by their ten-thousandths (:func:`~asistents.core.person.hours_of`, kept: they recur).
        self._hours: Bounded[int, Decimal] = Bounded(hours_of, limit)
        #: Averages and entitlements over three months (:func:`~asistents.core.person.shown`, kept: they recur).
        self._shown: Bounded[tuple[int, int], tuple[Decimal, bool]] = Bounded(lambda pair: shown(*pair), limit)

    def __call__(self, inp: CalcInput) -> CalcResult:
        shared, own, _split, check = self.parts(inp)
        return whole(shared, own, check)

    def parts(self, inp: CalcInput) -> Parts:
        """``inp``'s result in parts; raises :class:`~asistents.core.errors.InputError` as ``calculate`` does."""
        check_figures(inp)  # the figures together: in person() (check_input's order: figures, then history)
        if inp.checks:
            parts = self.parts(replace(inp, claimed=None, paid=None, paid_eur=None))
            check = claim_check(parts.shared, inp.claimed, inp.paid, inp.paid_eur, inp.hourly_rate)
            return parts._replace(check=check)
        return self.person(self.context(limits_of(inp)), person_of(inp))

    def context(self, limits: CalcInput) -> Context:
        """The context of ``limits`` (an input whose personal figures are blank), checked.

        Equal limits share one context, but equal is not alike: ``18`` and ``18.00000`` h a week are
        equal Decimals, and only the first is a usable figure. So limits other than the context's own
        object are checked again (the callers keep their contexts: this is once per set of cells)."""
        found = self._contexts.get(limits)
        if found is None:
            return self._contexts.make(limits)
        if found.limits is not limits:
            check_limits(limits)
        return found

    def _context(self, limits: CalcInput) -> Context:
        check_limits(limits)
        period = (limits.start, limits.end, limits.exclude_weekends)
        frame = split_frame(limits, self._plans(period))
        terms = terms_of(frame.basis, frame.step, limits.start)
        return Context(limits, next(self._numbers), frame, terms, limits.whole_month)

    def _split(self, context: Context, steps: int | None, notices: tuple[Notice, ...]) -> CalcResult:
        """A new split of ``context``, sharing the day objects and hours made before; the tables that keep
        them are emptied when the splits have added more than :attr:`_pool_limit` (results keep theirs)."""
        if self._pooled > self._pool_limit:
            for days_made in self._days.values():
                days_made.clear()
            for hours_made in self._step_hours.values():
                hours_made.clear()
            self._pooled = 0
        limits, step = context.limits, context.frame.step
        days, hours = self._days[(limits.start, limits.end, limits.exclude_weekends, step)], self._step_hours[step]
        before = len(days) + len(hours)
        split = context.frame.result(steps, notices, days, hours)
        self._pooled += len(days) + len(hours) - before
        return split

    def person(self, context: Context, person: Person) -> Parts:
        """The result of ``person`` (each figure checked: :func:`~asistents.core.validate.check_value`)
        under ``context``'s limits."""
        frame = context.frame
        check_combination(person.average, person.months, person.used, frame.basis, context.whole_month)
        figures = person_figures(person, context.terms, self._hours.__getitem__, self._shown.__getitem__)  # hits in C
        steps = figures.steps
        if steps is not None and steps > frame.capacity:
            steps = frame.capacity + 1  # stands for every entitlement above the capacity
        key = (context.number, steps, _notices_key(figures.notices) if figures.notices else ())
        found = self._splits.get(key)
        if found is None:
            split = self._split(context, steps, figures.notices)
            found = self._splits.keep(key, (split, next(self._numbers)))
        return Parts(found[0], figures.own, found[1])
