"""The calculation: one person's figures in, one :class:`CalcResult` out.

The rule (point 11.1 of Cabinet Regulation No. 942, as the Ministry of Welfare
explained it for March 2020 and in its guidance of 12.06.2020 for June 2020):
measure-7 hours for the emergency days of a month = max(0, average monthly hours
used in the three previous months - hours used in the month on its other days),
then limited by the weekly amount and a daily limit, and split by day.
Each step is one small function below, citing its source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import Any

import numpy as np

from asistents.core import rules
from asistents.core.basis import history_basis
from asistents.core.calendar import CalendarWeek, month_text
from asistents.core.claims import check_claim
from asistents.core.decimals import euro, plain
from asistents.core.fields import PERSONAL_ATTRIBUTES
from asistents.core.fill import capacity as fill_capacity
from asistents.core.fill import water_fill, week_sizes
from asistents.core.limits import limited_by, week_row
from asistents.core.models import (
    CalcInput,
    CalcResult,
    ClaimCheck,
    DayHours,
    Notice,
    Period,
    WarningCode,
)
from asistents.core.period import PeriodPlan, plan_period
from asistents.core.period_weeks import CapSource, PlannedWeek
from asistents.core.person import Person, person_figures, terms_of
from asistents.core.validate import check_input

#: What :func:`limits_of` puts in place of the person's own figures.
_BLANK_PERSONAL: dict[str, Any] = dict.fromkeys(PERSONAL_ATTRIBUTES)


def boundary_hours(inp: CalcInput, weeks: Sequence[CalendarWeek]) -> list[tuple[Decimal, list[Notice]]]:
    """Hours used on each week's non-emergency days, and the warnings about them.

    Project decision (guidance of 12.06.2020, point 3, counts the whole week): only
    the first and last weeks have such days; a figure not given is taken as 0, and
    the result says so.
    """
    found: list[tuple[Decimal, list[Notice]]] = []
    for w, week in enumerate(weeks):
        used = Decimal(0)
        notices: list[Notice] = []
        sides: list[tuple[WarningCode, Decimal | None, date, date]] = []
        if w == 0:
            before = week.days[0] - timedelta(days=1)
            sides.append(("used_week_before_assumed_zero", inp.used_week_before, week.monday, before))
        if w == len(weeks) - 1:
            after = week.days[-1] + timedelta(days=1)
            sides.append(("used_week_after_assumed_zero", inp.used_week_after, after, week.sunday))
        for code, given, first, last in sides:
            if given is not None:
                used += given
            elif first <= last:
                notices.append(Notice(code=code, params={"from": first, "to": last}))
        found.append((used, notices))
    return found


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


def week_cap(inp: CalcInput, used_other_days: Decimal) -> tuple[Decimal, CapSource]:
    """The most measure-7 hours the week's emergency days may take, and why.

    Guidance of 12.06.2020, point 3: no week over the weekly amount; the hours
    already used on the week's other days count against it. Point 11.1 of
    Regulation 942: with no use in the three previous months, at most 10 h a week
    of measure 7 (those other days' hours are not measure 7, so they do not
    reduce the 10 h).
    """
    weekly, source = weekly_amount(inp)
    cap = max(Decimal(0), weekly - used_other_days)
    if inp.no_history:
        limit = rules.NO_HISTORY_WEEKLY_HOURS.at(inp.start)
        if cap > limit:
            cap, source = limit, "no_history"
    return cap, source


def period_notices(inp: CalcInput, days: list[date]) -> list[Notice]:
    """Warnings about the period and the granted hours as a whole."""
    notices: list[Notice] = []
    outside = [d for d in days if not rules.in_emergency(d)]
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


def limits_of(inp: CalcInput) -> CalcInput:
    """``inp`` with the person's own figures blanked (the registry's ``personal`` fields): what
    decides the split besides the entitlement's whole steps. Alike people have equal limits."""
    return replace(inp, **_BLANK_PERSONAL)


def person_of(inp: CalcInput) -> Person:
    return Person(inp.average, inp.months, inp.used)


def calculate(inp: CalcInput, plan: PeriodPlan | None = None) -> CalcResult:
    """Compute the payable measure-7 hours for ``inp`` and split them by day.

    ``plan`` is the period's structure when the caller has it already (``batch``).
    Raises :class:`~asistents.core.errors.InputError` when a figure is unusable.
    The result is the person's own figures (:func:`~asistents.core.person.person_figures`)
    on the split their limits and entitlement give (:func:`split_result`).
    """
    check_input(inp)
    if inp.checks:
        return with_check(calculate(replace(inp, claimed=None, paid=None, paid_eur=None), plan), inp)
    plan = plan or plan_period(inp.start, inp.end, inp.exclude_weekends)
    figures = person_figures(person_of(inp), terms_of(history_basis(inp), inp.rounding_step, inp.start))
    return figures.own.on(split_result(limits_of(inp), figures.steps, figures.notices, plan))


def planned_weeks(inp: CalcInput, plan: PeriodPlan) -> tuple[list[PlannedWeek], list[Notice]]:
    """The period's weeks with their caps, and the warnings about the weeks."""
    weeks: list[PlannedWeek] = []
    notices: list[Notice] = []
    weekly = weekly_amount(inp)[0]
    for week, (used_other, week_notices) in zip(plan.weeks, boundary_hours(inp, plan.weeks), strict=True):
        cap, source = week_cap(inp, used_other)
        notices.extend(week_notices)
        if used_other and used_other >= weekly:
            notices.append(Notice(code="week_used_up", params={"week_start": week.monday, "used": used_other}))
        weeks.append(PlannedWeek(week, used_other, cap, source))
    return weeks, notices


def steps_in(hours: Decimal, step: Decimal) -> int:
    """How many whole steps ``hours`` hold (rounded down): the split counts in steps."""
    return floor(Fraction(hours) / Fraction(step))


def capacity(inp: CalcInput, plan: PeriodPlan) -> int:
    """The most whole steps the period's days can take under ``inp``'s weekly caps and daily limit.

    An entitlement above it is paid as this much, so everyone whose entitlement is
    above it gets the same split: :func:`split_result` with ``capacity + 1`` steps
    stands for them all (``limited_by`` then names the caps, not the entitlement,
    which it names when the entitlement equals what was placed).
    """
    return split_frame(inp, plan).capacity


class SplitFrame:
    """Everything in a split of ``limits`` over ``plan`` that does not depend on the entitlement.

    The period's warnings, the weeks' caps in steps, the daily limit in steps, the
    capacity: worked out once for a set of limits. :meth:`result` puts an entitlement
    on it. ``batch`` keeps one frame for many alike people (a whole emergency's register
    has tens of thousands of distinct splits over a few thousand sets of limits); the
    day objects and hours of its results are made once per value and shared (results are
    never changed), in tables the caller gives to :meth:`result` and bounds.
    """

    __slots__ = (
        "_caps",
        "_daily",
        "_day_week",
        "_fixed",
        "basis",
        "cap_units",
        "capacity",
        "daily_units",
        "day_split",
        "day_week",
        "limits",
        "notices",
        "plan",
        "step",
        "week_days",
        "week_notices",
        "weeks",
    )  # fmt: skip

    def __init__(self, limits: CalcInput, plan: PeriodPlan) -> None:
        self.limits = limits
        self.plan = plan
        self.basis = basis = history_basis(limits)
        step = limits.rounding_step
        self.notices = tuple(period_notices(limits, list(plan.days)))
        weeks, week_notices = planned_weeks(limits, plan)
        self.weeks = tuple(weeks)
        self.week_notices = tuple(week_notices) if basis != "resumed" else ()
        self.cap_units = tuple(steps_in(w.cap, step) for w in weeks)
        self.daily_units = steps_in(limits.daily_limit, step)
        self.day_week = plan.day_week
        self._day_week = np.array(plan.day_week, dtype=np.int64)
        self._caps = np.array([self.cap_units], dtype=np.int64)
        self._daily = np.array([self.daily_units], dtype=np.int64)
        self.capacity = int(fill_capacity(self._caps, week_sizes(self._day_week, len(weeks)), self._daily)[0])
        split_index = {d: i for i, d in enumerate(plan.split_days)}
        #: For each day of the period, its place among the split days (None: left out of the split).
        self.day_split = tuple(split_index.get(d) for d in plan.days)
        week_days = [0] * len(weeks)
        for w in plan.day_week:
            week_days[w] += 1
        self.week_days = tuple(week_days)
        self.step = step
        rate = limits.hourly_rate
        self._fixed: dict[str, Any] = {
            "status": "resumed" if basis == "resumed" else "computed",
            "measure": int(rules.MEASURE_SOCIAL_INCLUSION.at(limits.start)),
            "period": Period(start=limits.start, end=limits.end),
            "months": None,
            "average_months": tuple(month_text(m) for m in plan.average_months),
            "average": None,
            "average_exact": True,
            "used": None,
            "no_history": limits.no_history,
            "entitlement": None,
            "entitlement_in_steps": None,
            "step": step,
            "daily_max": limits.daily_limit,
            "weekly": limits.weekly,
            "weekly_cap": weekly_amount(limits)[0],
            "exclude_weekends": limits.exclude_weekends,
            "rate_eur": rate,
        }

    def result(
        self,
        steps: int | None,
        person_notices: Sequence[Notice],
        days: dict[tuple[int, int], DayHours] | None = None,
        hours: dict[int, Decimal] | None = None,
    ) -> CalcResult:
        """The result for anyone with these limits and an entitlement of ``steps`` whole steps
        (None: no average rule), before their own figures are put on it
        (:meth:`~asistents.core.person.Own.on`).

        Guidance of 12.06.2020, points 3-4: no week over the weekly amount, no day over
        the daily limit; split as the project's rule says (core.split). ``days`` (by the day's
        index and units: of this period and step) and ``hours`` (by units: of this step) keep the
        objects made, for the next results to share (results are never changed); the caller
        gives and bounds them.
        """
        days_made: dict[tuple[int, int], DayHours] = {} if days is None else days
        hours_made: dict[int, Decimal] = {} if hours is None else hours
        step, plan, day_split = self.step, self.plan, self.day_split

        def hour(units: int) -> Decimal:
            found = hours_made.get(units)
            if found is None:
                found = hours_made[units] = plain(step * units)
            return found

        def day(index: int, units: int) -> DayHours:
            date_ = plan.days[index]
            found = DayHours(date=date_, weekday=date_.isoweekday(), hours=hour(units),
                             included=day_split[index] is not None)  # fmt: skip
            days_made[(index, units)] = found
            return found

        if self.basis == "resumed":
            placed = [0] * len(self.day_week)
        else:
            total = np.array([-1 if steps is None else steps], dtype=np.int64)
            placed = water_fill(self._day_week, self._caps, self._daily, total)[0].tolist()
        units_by_day = [0 if s is None else placed[s] for s in day_split]
        pooled = days_made.get
        days_of = tuple([pooled((i, u)) or day(i, u) for i, u in enumerate(units_by_day)])
        week_units = [0] * len(self.weeks)
        for units, w in zip(placed, self.day_week, strict=True):
            week_units[w] += units
        limits, weeks, caps, week_days, daily, basis = (self.limits, self.weeks, self.cap_units, self.week_days,
                                                        self.daily_units, self.basis)  # fmt: skip
        week_rows = tuple(
            [
                week_row(limits, weeks[i], week_days[i], units, caps[i], daily, basis, hour(units))
                for i, units in enumerate(week_units)
            ]
        )
        payable_units = sum(week_units)
        payable = hour(payable_units)
        rate = self._fixed["rate_eur"]
        return CalcResult(
            **self._fixed,
            payable_hours=payable,
            days=days_of,
            weeks=week_rows,
            limited_by=limited_by(self.basis, self.plan.split_days, steps, payable_units, week_rows),
            warnings=(*self.notices, *person_notices, *self.week_notices),
            amount_eur=euro(payable, rate) if rate is not None else None,
        )


def split_frame(limits: CalcInput, plan: PeriodPlan) -> SplitFrame:
    """The frame of every split of ``limits`` (an input whose personal figures are blank:
    :func:`limits_of`) over ``plan``."""
    return SplitFrame(limits, plan)


def split_result(
    limits: CalcInput, steps: int | None, person_notices: Sequence[Notice], plan: PeriodPlan
) -> CalcResult:
    """The result for anyone with ``limits`` (an input whose personal figures are blank:
    :func:`limits_of`) and an entitlement of ``steps`` whole steps (None: no average rule),
    before their own figures are put on it (:meth:`~asistents.core.person.Own.on`).

    Everything in it depends only on these arguments, so ``batch`` computes it once
    for alike people (and its frame once for alike limits: :class:`SplitFrame`).
    """
    return split_frame(limits, plan).result(steps, person_notices)


def with_check(result: CalcResult, inp: CalcInput) -> CalcResult:
    """``result`` with the verdict on ``inp``'s claimed split or paid total (:mod:`asistents.core.claims`)."""
    if not inp.checks:
        return result
    return replace(result, check=claim_check(result, inp.claimed, inp.paid, inp.paid_eur, inp.hourly_rate))


def claim_check(
    result: CalcResult,
    claimed: tuple[tuple[date, Decimal], ...] | None,
    paid: Decimal | None,
    paid_eur: Decimal | None,
    rate: Decimal | None,
) -> ClaimCheck:
    """The verdict on a claimed split (hours by day) or a paid total against ``result``, euro by the
    period's ``rate``. It reads only what a split holds (its payable total, days, weeks, daily limit), so
    ``batch`` checks against the shared split and keeps the verdict beside the person's own figures."""
    return check_claim(result, dict(claimed) if claimed is not None else None, paid, rate, paid_eur)
