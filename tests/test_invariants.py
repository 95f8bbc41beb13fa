"""Invariants of the calculation, searched for counter-examples by hypothesis."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from math import floor

import jsonschema
from hypothesis import given

from asistents.core.calculate import average_hours, calculate
from asistents.core.models import CalcInput, CalcResult

from .strategies import calc_inputs

SCHEMA = CalcResult.model_json_schema(mode="serialization")


def units(value: Decimal, step: Decimal) -> int:
    return floor(Fraction(value) / Fraction(step))


@given(calc_inputs())
def test_days_sum_exactly_to_the_total_and_are_multiples_of_the_step(inp: CalcInput) -> None:
    result = calculate(inp)
    assert sum((d.hours for d in result.days), Decimal(0)) == result.payable_hours
    for d in result.days:
        assert d.hours % inp.step == 0
        assert d.hours <= inp.daily_max
        if not d.included:
            assert d.hours == 0
    assert result.payable_hours % inp.step == 0


@given(calc_inputs())
def test_no_week_above_its_cap(inp: CalcInput) -> None:
    result = calculate(inp)
    for week in result.weeks:
        in_week = [d for d in result.days if week.start <= d.date <= week.end]
        assert sum((d.hours for d in in_week), Decimal(0)) == week.hours
        if week.cap is not None:
            assert week.hours <= week.cap
        if inp.weekly is not None:
            assert week.hours + week.used_other_days <= max(inp.weekly, week.used_other_days)
        if inp.no_history:
            assert week.hours <= 10


@given(calc_inputs())
def test_total_never_above_the_entitlement_and_as_large_as_the_caps_allow(inp: CalcInput) -> None:
    result = calculate(inp)
    if inp.resumed:
        assert result.payable_hours == 0
        return
    daily = units(inp.daily_max, inp.step)
    capacity = 0
    for week in result.weeks:
        room = week.split_days * daily
        if week.cap is not None:
            room = min(room, units(week.cap, inp.step))
        capacity += room
    if inp.no_history:
        assert units(result.payable_hours, inp.step) == capacity
        return
    average = average_hours(inp)
    assert average is not None
    entitlement = max(Fraction(0), average - Fraction(inp.used))
    assert result.payable_hours <= entitlement
    entitled_units = floor(entitlement / Fraction(inp.step))
    assert units(result.payable_hours, inp.step) == min(entitled_units, capacity)


@given(calc_inputs())
def test_split_is_as_even_as_the_caps_allow(inp: CalcInput) -> None:
    """No step could move from a fuller day to an emptier day that could take it."""
    result = calculate(inp)
    week_of = {d.date: w for w in result.weeks for d in result.days if w.start <= d.date <= w.end}
    for full in result.days:
        for empty in result.days:
            if not (full.included and empty.included) or full.hours - empty.hours <= inp.step:
                continue
            week = week_of[empty.date]
            same_week = week_of[full.date] == week
            week_has_room = week.cap is None or week.hours + inp.step <= week.cap
            assert not (same_week or week_has_room), (full, empty)


@given(calc_inputs())
def test_same_input_same_output_and_json_matches_the_schema(inp: CalcInput) -> None:
    first = calculate(inp).model_dump_json()
    assert calculate(inp).model_dump_json() == first
    jsonschema.validate(json.loads(first), SCHEMA)
