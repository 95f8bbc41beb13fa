"""``batch`` shares work between alike rows; the results must be exactly ``calculate``'s."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asistents.core.calculate import calculate, entitlement_in_steps, shown
from asistents.core.decimals import plain
from asistents.core.errors import InputError
from asistents.core.models import CalcInput
from asistents.core.shared import SharedCalculation, figure, limits_of
from tests.strategies import calc_inputs


def outcome(function, inp: CalcInput) -> object:  # type: ignore[no-untyped-def]
    try:
        return function(inp)
    except InputError as error:
        return (error.field, error.code)


@given(st.lists(calc_inputs(), min_size=1, max_size=12))
def test_shared_results_equal_calculate(inputs: list[CalcInput]) -> None:
    shared = SharedCalculation(limit=4)  # small, so that the cache also gets cleared
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
    a = shared(CalcInput(average=Decimal("130"), used=Decimal("18"), weekly=Decimal("35")))
    b = shared(CalcInput(average=Decimal("112.3"), used=Decimal("0.2"), weekly=Decimal("35")))
    assert a.days == b.days and a.payable_hours == b.payable_hours == 51
    assert (a.average, a.entitlement) == (130, 112)
    assert (b.average, b.entitlement) == (Decimal("112.3"), Decimal("112.1"))
    assert b == calculate(CalcInput(average=Decimal("112.3"), used=Decimal("0.2"), weekly=Decimal("35")))


def test_bad_input_is_still_refused() -> None:
    with pytest.raises(InputError):
        SharedCalculation()(CalcInput(average=Decimal("745"), used=Decimal("0")))


FIGURES = st.decimals(min_value=Decimal(0), max_value=Decimal(744), places=4)


@given(FIGURES, FIGURES, st.sampled_from(["0.5", "1", "0.25", "0.0001", "0.3"]), st.sampled_from([None, "35", "10"]))
def test_person_counts_the_entitlement_as_the_rule_does(
    average: Decimal, used: Decimal, step: str, weekly: str | None
) -> None:
    """The fast lane's integer arithmetic gives the entitlement and its steps that the rule's exact
    arithmetic gives, and the whole result is calculate's."""
    shared = SharedCalculation()
    inp = CalcInput(step=Decimal(step), weekly=None if weekly is None else Decimal(weekly))
    key = shared.limits_key(inp, limits_of(inp))
    parts = shared.person(inp, key, figure(average, plain(average)), figure(used))
    entitlement, units = entitlement_in_steps(Fraction(average), used, inp.step)
    assert parts.own is not None
    assert parts.own.entitlement == shown(entitlement)[0]
    assert parts.own.entitlement_in_steps == plain(inp.step * units)
    if average != 0:  # (an average of 0 is warned about and never shared)
        assert parts.own.on(parts.shared) == calculate(replace(inp, average=average, used=used))
