"""``batch`` shares work between alike rows; the results must be exactly ``calculate``'s."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asistents.core.calculate import calculate
from asistents.core.errors import InputError
from asistents.core.models import CalcInput
from asistents.core.shared import SharedCalculation
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
