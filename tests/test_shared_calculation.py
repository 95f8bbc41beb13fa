"""``batch`` shares work between alike rows; the results must be exactly ``calculate``'s."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import floor

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from asistents.core.calculate import calculate, capacity, limits_of, person_of, planned_weeks, steps_in
from asistents.core.errors import InputError
from asistents.core.fields import FIELDS, PERSONAL_ATTRIBUTES
from asistents.core.models import CalcInput
from asistents.core.period import plan_period
from asistents.core.person import Average, entitlement_in_steps, shown
from asistents.register.shared import SharedCalculation
from tests.strategies import calc_inputs

from .reference import split_units


def outcome(function, inp: CalcInput) -> object:  # type: ignore[no-untyped-def]
    try:
        return function(inp)
    except InputError as error:
        return (error.field, error.code)


@given(st.lists(calc_inputs(), min_size=1, max_size=12))
def test_shared_results_equal_calculate(inputs: list[CalcInput]) -> None:
    shared = SharedCalculation(limit=4)  # small, so that the tables also get emptied
    for inp in inputs:
        # A twin with the same entitlement (average and used both higher) hits the shared split.
        if inp.average is not None:
            plus = Decimal("0.3")
            twin = replace(inp, average=inp.average + plus, used=inp.used + plus)
        else:
            twin = replace(inp, used=inp.used + Decimal("0.5"))
        for one in (inp, twin):
            assert outcome(shared, one) == outcome(calculate, one)


def test_alike_rows_share_the_split_but_keep_their_own_figures() -> None:
    shared = SharedCalculation()
    a = shared.parts(CalcInput(average=Decimal("130"), used=Decimal("18"), weekly=Decimal("35")))
    b = shared.parts(CalcInput(average=Decimal("112.3"), used=Decimal("0.2"), weekly=Decimal("35")))
    assert a.shared is b.shared and a.split == b.split  # one split, computed once
    assert a.own is not None and b.own is not None
    assert (a.own.average, a.own.entitlement) == (130, 112)
    assert (b.own.average, b.own.entitlement) == (Decimal("112.3"), Decimal("112.1"))
    assert b.own.on(b.shared) == calculate(CalcInput(average=Decimal("112.3"), used=Decimal("0.2"), weekly=Decimal(35)))


def test_bad_input_is_still_refused() -> None:
    with pytest.raises(InputError):
        SharedCalculation()(CalcInput(average=Decimal("745"), used=Decimal("0")))


def test_the_key_of_a_split_is_every_field_but_the_personal_ones() -> None:
    """The key is derived: every input attribute the registry does not mark personal stays in it,
    so a new limit field can never be left out of it by hand."""
    attributes = {f.name for f in fields(CalcInput)}
    assert set(PERSONAL_ATTRIBUTES) == {"average", "months", "used", "claimed", "paid", "paid_eur"}
    assert set(PERSONAL_ATTRIBUTES) <= attributes
    assert {f.attribute for f in FIELDS if f.attribute} == attributes  # every attribute is a field
    inp = CalcInput(average=Decimal(1), months=None, used=Decimal(2), paid=Decimal(3), weekly=Decimal(4))
    blank = limits_of(inp)
    for attribute in attributes:
        expected = None if attribute in PERSONAL_ATTRIBUTES else getattr(inp, attribute)
        assert getattr(blank, attribute) == expected


FIGURES = st.decimals(min_value=Decimal(0), max_value=Decimal(744), places=4)
STEPS = st.sampled_from(["0.5", "1", "0.25", "0.0001", "0.3"])


@given(FIGURES, FIGURES, STEPS)
@example(Decimal("130"), Decimal("18"), "0.5")  # Līga: 112 h
@example(Decimal("18.5"), Decimal("18"), "0.5")  # exactly one step
@example(Decimal("18.4999"), Decimal("18"), "0.5")  # a hair under one step: 0
@example(Decimal("18"), Decimal("18"), "0.5")  # average = used: 0
@example(Decimal("17"), Decimal("18"), "0.5")  # used above the average: 0, never negative
def test_the_entitlement_is_max_0_average_minus_used_rounded_down(average: Decimal, used: Decimal, step: str) -> None:
    """The integer arithmetic against the rule written with exact fractions (point 11.1)."""
    exact = max(Fraction(0), Fraction(average) - Fraction(used))
    got, steps = entitlement_in_steps(
        Average(int(average.scaleb(4)), 1), int(used.scaleb(4)), int(Decimal(step).scaleb(4))
    )
    assert Fraction(got, 10**4) == exact
    assert steps == floor(exact / Fraction(Decimal(step)))


@given(st.tuples(FIGURES, FIGURES, FIGURES), FIGURES)
@example((Decimal(40), Decimal(50), Decimal(30)), Decimal(18))  # March 2020: 40 - 18 = 22 h
@example((Decimal(1), Decimal(0), Decimal(0)), Decimal(0))  # a third of an hour: shown rounded
def test_three_months_are_averaged_exactly(months: tuple[Decimal, Decimal, Decimal], used: Decimal) -> None:
    average = Fraction(sum(months, Decimal(0))) / 3
    got, _steps = entitlement_in_steps(Average(sum(int(m.scaleb(4)) for m in months), 3), int(used.scaleb(4)), 5000)
    assert Fraction(got, 3 * 10**4) == max(Fraction(0), average - Fraction(used))
    value, exact = shown(sum(int(m.scaleb(4)) for m in months), 3)
    assert exact == (Fraction(value) == average)
    assert abs(Fraction(value) - average) <= Fraction(1, 2 * 10**4)


@given(calc_inputs())
def test_capacity_is_what_the_split_places_without_a_total(inp: CalcInput) -> None:
    """Above the capacity, more entitlement changes nothing: the split shared by all such people."""
    try:
        calculate(inp)
    except InputError:
        return
    limits = limits_of(inp)
    plan = plan_period(inp.start, inp.end, inp.exclude_weekends)
    weeks, _ = planned_weeks(limits, plan)
    step = limits.rounding_step
    caps: list[int | None] = [steps_in(w.cap, step) for w in weeks]
    assert capacity(limits, plan) == sum(
        split_units(list(plan.day_week), caps, steps_in(limits.daily_limit, step), None)
    )


@given(calc_inputs(), st.integers(0, 4))
def test_every_entitlement_above_the_capacity_gives_one_split(inp: CalcInput, more: int) -> None:
    """The shared split for 'capacity + 1' steps stands for any entitlement above the capacity."""
    if inp.average is None or inp.resumed or inp.no_history:
        return
    try:
        base = calculate(inp)
    except InputError:
        return
    plan = plan_period(inp.start, inp.end, inp.exclude_weekends)
    most = capacity(limits_of(inp), plan)
    step = base.step
    a = replace(inp, average=step * (most + 1) + inp.used, months=None)
    b = replace(inp, average=step * (most + 1 + more) + inp.used, months=None)
    try:
        ra, rb = calculate(a), calculate(b)
    except InputError:  # the average above the sanity bound
        return
    assert (ra.days, ra.weeks, ra.limited_by, ra.warnings, ra.payable_hours) == (
        rb.days, rb.weeks, rb.limited_by, rb.warnings, rb.payable_hours,
    )  # fmt: skip
    assert "entitlement" not in ra.limited_by or not plan.split_days


def test_the_person_of_an_input_is_its_personal_figures() -> None:
    inp = CalcInput(average=Decimal(5), used=Decimal(1), start=date(2020, 6, 1), end=date(2020, 6, 9))
    assert person_of(inp) == (Decimal(5), None, Decimal(1))


def test_the_frames_tables_stay_bounded_at_a_fine_step() -> None:
    """A step of 0.0001 h makes a day object per day and hours: the tables the frames share are emptied when
    they hold more than their bound, and every result is still ``calculate``'s."""
    shared = SharedCalculation(limit=64)
    base = CalcInput(start=date(2020, 4, 1), end=date(2020, 4, 30), weekly=Decimal(40), daily_max=Decimal(24),
                     step=Decimal("0.0001"), used=Decimal(0))  # fmt: skip
    for n in range(300):
        inp = replace(base, average=Decimal(n) + Decimal("0.0001") * n)
        assert shared(inp) == calculate(inp)
        held = sum(len(pool) for pool in shared._days.values()) + sum(len(h) for h in shared._step_hours.values())
        assert held <= 4 * 64 + 2 * 31  # the bound, and what one split adds after a check
