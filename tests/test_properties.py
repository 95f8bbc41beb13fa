"""Properties of the calculation over the core's whole input domain.

Every expectation is worked out again from the input alone, the way README "The rule" and "Decisions the guidance leaves
open" state it: calendar weeks Monday-Sunday, boundary-week hours counted against the
weekly cap, 10 h a week with no history, everything in whole steps rounded down. The
inputs come from :func:`tests.strategies.core_inputs`, which reaches every valid value
(4 decimal places, the sanity bounds, "resumed" with or without a history, ...).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor
from typing import Any

import jsonschema
import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from pydantic import TypeAdapter
from typer.testing import CliRunner

from asistents.cli.app import app
from asistents.core.block import Rows, audit_of, compute, limits_of
from asistents.core.calculate import calculate
from asistents.core.decimals import plain
from asistents.core.errors import InputError
from asistents.core.models import CalcInput, CalcResult
from asistents.core.person import Person, tenths_of_thousandths
from asistents.render.json_data import json_document

from .reference import split_one_step_at_a_time
from .strategies import core_inputs, whole_month

# README "The rule", point 6, and "Decisions the guidance leaves open".
NO_HISTORY_WEEKLY = Fraction(10)
STATE_WEEKLY_MAXIMUM = Decimal(40)
EMERGENCIES = ((date(2020, 3, 12), date(2020, 6, 9)), (date(2020, 11, 9), date(2021, 4, 6)))
WEEK_LIMITS = {"weekly_cap", "no_history_cap", "daily_max"}
DATED_WARNINGS = {"outside_emergency", "used_week_before_assumed_zero", "used_week_after_assumed_zero"}


# --- the rule, worked out again from the input ----------------------------------------------


@dataclass
class Week:
    monday: date
    days: list[date] = field(default_factory=list)  # the emergency days of the week
    split: list[date] = field(default_factory=list)  # those that take hours
    used_other: Fraction = Fraction(0)  # hours used on the week's non-emergency days
    cap: Fraction | None = None  # most hours its emergency days may take


@dataclass
class Expected:
    step: Fraction
    daily_units: int
    weeks: list[Week]
    cap_units: list[int | None]
    total_units: int | None  # the entitlement in steps; None with no history (the caps alone limit)
    entitlement: Fraction | None
    average: Fraction | None

    def capacity(self) -> int:
        """The most steps the weeks and days can hold."""
        room = 0
        for week, cap in zip(self.weeks, self.cap_units, strict=True):
            week_room = len(week.split) * self.daily_units
            room += week_room if cap is None else min(week_room, cap)
        return room

    def payable_units(self) -> int:
        if self.total_units is None:
            return self.capacity()
        return min(self.total_units, self.capacity())


def expect(inp: CalcInput) -> Expected:
    step = Fraction(inp.step)
    weeks: list[Week] = []
    day = inp.start
    while day <= inp.end:
        monday = day - timedelta(days=day.weekday())
        if not weeks or weeks[-1].monday != monday:
            weeks.append(Week(monday))
        weeks[-1].days.append(day)
        if not (inp.exclude_weekends and day.weekday() >= 5):
            weeks[-1].split.append(day)
        day += timedelta(days=1)
    for i, week in enumerate(weeks):
        if i == 0 and inp.used_week_before is not None:
            week.used_other += Fraction(inp.used_week_before)
        if i == len(weeks) - 1 and inp.used_week_after is not None:
            week.used_other += Fraction(inp.used_week_after)
        # The granted weekly hours, or the state maximum when not given (README "Decisions").
        week.cap = max(Fraction(0), Fraction(weekly_amount(inp)) - week.used_other)
        if inp.no_history:
            week.cap = min(week.cap, NO_HISTORY_WEEKLY)
    average: Fraction | None = None
    if inp.average is not None:
        average = Fraction(inp.average)
    elif inp.months is not None:
        average = Fraction(sum(inp.months, Decimal(0))) / 3
    entitlement: Fraction | None = None
    if inp.resumed:
        total: int | None = 0
    elif inp.no_history:
        total = None
    else:
        assert average is not None
        # The average rule needs the hours used, except in a whole month (no other days: 0).
        assert inp.used is not None or inp.whole_month
        entitlement = max(Fraction(0), average - Fraction(inp.used or 0))
        total = floor(entitlement / step)
    return Expected(
        step=step,
        daily_units=floor(Fraction(inp.daily_max) / step),
        weeks=weeks,
        cap_units=[None if w.cap is None else floor(w.cap / step) for w in weeks],
        total_units=total,
        entitlement=entitlement,
        average=average,
    )


def weekly_amount(inp: CalcInput) -> Decimal:
    return STATE_WEEKLY_MAXIMUM if inp.weekly is None else inp.weekly


def units_of(hours: Decimal, step: Fraction) -> int:
    """``hours`` in whole steps; fails if it is not a multiple of the step."""
    quotient = Fraction(hours) / step
    assert quotient.denominator == 1, f"{hours} is not a multiple of the step {step}"
    return int(quotient)


def day_units(result: CalcResult, exp: Expected) -> dict[date, int]:
    return {d.date: units_of(d.hours, exp.step) for d in result.days}


# --- invariants --------------------------------------------------------------------------------


@given(core_inputs())
def test_days_weeks_and_total_follow_the_rule(inp: CalcInput) -> None:
    result = calculate(inp)
    exp = expect(inp)
    units = day_units(result, exp)  # every day a multiple of the step
    split_days = {d for w in exp.weeks for d in w.split}

    # Every emergency day is listed once, in order; excluded days carry 0 h.
    assert [d.date for d in result.days] == [d for w in exp.weeks for d in w.days]
    for d in result.days:
        assert d.included == (d.date in split_days)
        assert d.weekday == d.date.isoweekday()
        assert units[d.date] <= exp.daily_units
        assert d.hours <= inp.daily_max
        if not d.included:
            assert units[d.date] == 0

    # The days sum exactly to the total, and the total is a multiple of the step.
    assert sum((d.hours for d in result.days), Decimal(0)) == result.payable_hours
    payable = units_of(result.payable_hours, exp.step)

    # Every calendar week stays within its cap.
    week_units = [sum(units[d] for d in w.days) for w in exp.weeks]
    for week, cap, placed in zip(exp.weeks, exp.cap_units, week_units, strict=True):
        if cap is not None:
            assert placed <= cap
            assert placed * exp.step <= week.cap  # type: ignore[operator]
        if not inp.resumed:
            weekly = Fraction(weekly_amount(inp))
            assert placed * exp.step + week.used_other <= max(weekly, week.used_other)
        if inp.no_history:
            assert placed * exp.step <= NO_HISTORY_WEEKLY

    # Never above the entitlement rounded down; with no history never above 10 h (or the
    # weekly cap if lower) in any calendar week.
    if inp.resumed:
        assert payable == 0
    elif exp.total_units is not None:
        assert result.payable_hours <= exp.total_units * exp.step <= exp.entitlement  # type: ignore[operator]
    else:
        assert payable <= sum(floor(w.cap / exp.step) for w in exp.weeks)  # type: ignore[operator]

    # The largest total the caps allow: min(entitlement in steps, what the weeks can hold).
    assert payable == exp.payable_units()

    # As even as the caps allow: within a week the days differ by at most one step, the
    # earlier day taking the extra one; no step could move from a fuller day to an
    # emptier day whose week still has room.
    for week in exp.weeks:
        placed_in_week = [units[d] for d in week.split]
        assert placed_in_week == sorted(placed_in_week, reverse=True), week
        if placed_in_week:
            assert max(placed_in_week) - min(placed_in_week) <= 1, week
    week_of = {d: i for i, w in enumerate(exp.weeks) for d in w.split}
    for fuller in split_days:
        for emptier in split_days:
            if units[fuller] - units[emptier] < 2:
                continue
            w = week_of[emptier]
            assert week_of[fuller] != w, (fuller, emptier)
            cap = exp.cap_units[w]
            assert cap is not None and week_units[w] == cap, (fuller, emptier, exp.weeks[w])


@given(core_inputs(coarse=True))
def test_the_split_is_the_literal_one_step_at_a_time_rule(inp: CalcInput) -> None:
    """End to end: the days equal README's split rule applied step by step to the input."""
    result = calculate(inp)
    exp = expect(inp)
    split = [d for w in exp.weeks for d in w.split]
    day_week = [i for i, w in enumerate(exp.weeks) for _ in w.split]
    total = exp.total_units
    if total is None:  # no history: every week has a cap, the caps alone limit
        assert all(cap is not None for cap in exp.cap_units)
    placed = split_one_step_at_a_time(day_week, exp.cap_units, exp.daily_units, total)
    expected = dict.fromkeys((d for w in exp.weeks for d in w.days), 0)
    expected.update(zip(split, placed, strict=True))
    assert day_units(result, exp) == expected


def assert_shown(value: Decimal, exact_flag: bool | None, exact: Fraction) -> None:
    """README: exact when the decimal terminates, else shown to 4 decimals (flag false)."""
    denominator = exact.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    terminates = denominator == 1
    if exact_flag is not None:
        assert exact_flag == terminates
    if terminates:
        assert Fraction(value) == exact
    else:
        assert abs(Fraction(value) - exact) <= Fraction(1, 20000)
        assert -value.as_tuple().exponent <= 4  # type: ignore[operator]


def expected_warnings(inp: CalcInput, exp: Expected) -> Counter[tuple[str, tuple[tuple[str, date], ...]]]:
    """The documented warnings (README "JSON output") for an input that is not resumed."""
    found: Counter[tuple[str, tuple[tuple[str, date], ...]]] = Counter()
    days = [d for w in exp.weeks for d in w.days]
    outside = [d for d in days if not any(a <= d <= b for a, b in EMERGENCIES)]
    if outside:
        found["outside_emergency", (("from", outside[0]), ("to", outside[-1]))] += 1
    if inp.weekly is not None and inp.weekly > STATE_WEEKLY_MAXIMUM:
        found["weekly_above_state_maximum", ()] += 1
    if inp.weekly is None:
        found["weekly_not_given", ()] += 1
    if exp.average == 0 and not inp.no_history:
        found["average_zero", ()] += 1
    # The boundary weeks always have a cap (granted or the state maximum).
    first, last = exp.weeks[0], exp.weeks[-1]
    if inp.used_week_before is None and inp.start != first.monday:
        before = (("from", first.monday), ("to", inp.start - timedelta(days=1)))
        found["used_week_before_assumed_zero", before] += 1
    sunday = last.monday + timedelta(days=6)
    if inp.used_week_after is None and inp.end != sunday:
        after = (("from", inp.end + timedelta(days=1)), ("to", sunday))
        found["used_week_after_assumed_zero", after] += 1
    if inp.no_history and inp.used:
        found["used_ignored_no_history", ()] += 1
    return found


@given(core_inputs())
def test_reported_figures_reasons_and_warnings(inp: CalcInput) -> None:
    result = calculate(inp)
    exp = expect(inp)
    units = day_units(result, exp)
    payable = units_of(result.payable_hours, exp.step)

    # The history and the entitlement as README "JSON output" describes them.
    if exp.average is None:
        assert result.average is None
    else:
        assert result.average is not None
        assert_shown(result.average, result.average_exact, exp.average)
    if exp.entitlement is None:
        assert result.entitlement is None and result.entitlement_in_steps is None
    else:
        assert result.entitlement is not None
        assert_shown(result.entitlement, None, exp.entitlement)
        assert result.entitlement_in_steps == exp.total_units * inp.step  # type: ignore[operator]
    if inp.rate is None:
        assert result.amount_eur is None
    else:
        assert result.amount_eur == (result.payable_hours * inp.rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    # The weeks as calendar weeks, with their caps and hours.
    assert [(w.start, w.end) for w in result.weeks] == [(w.monday, w.monday + timedelta(days=6)) for w in exp.weeks]
    for row, week, cap in zip(result.weeks, exp.weeks, exp.cap_units, strict=True):
        assert (row.first_day, row.last_day, row.split_days) == (week.days[0], week.days[-1], len(week.split))
        assert Fraction(row.used_other_days) == week.used_other
        assert (None if row.cap is None else Fraction(row.cap)) == week.cap
        assert row.hours == sum((d.hours for d in result.days if week.monday <= d.date <= row.end), Decimal(0))
        if row.limited_by == "daily_max":
            assert all(units[d] == exp.daily_units for d in week.split)
        elif row.limited_by in ("weekly_cap", "no_history_cap"):
            assert units_of(row.hours, exp.step) == cap
            weekly_source = "weekly" if inp.weekly is not None else "state_maximum"
            assert row.cap_source == ("no_history" if row.limited_by == "no_history_cap" else weekly_source)

    # Why the total is what it is.
    if inp.resumed:
        assert result.limited_by == ("resumed",)
        assert result.status == "resumed"
        return
    assert result.status == "computed"
    if not any(w.split for w in exp.weeks):
        assert result.limited_by == ("no_days",)
    elif exp.total_units is not None and payable == exp.total_units:
        assert result.limited_by == ("entitlement",)
    else:
        assert result.limited_by, "a total short of the entitlement must say which limit stopped it"
        assert set(result.limited_by) <= WEEK_LIMITS
        assert set(result.limited_by) <= {w.limited_by for w in result.weeks}

    # The documented warnings, with their parameters (week_used_up checked on its own).
    warnings = Counter(
        (n.code, tuple(sorted(n.params.items())) if n.code in DATED_WARNINGS else ())
        for n in result.warnings
        if n.code != "week_used_up"
    )
    assert warnings == expected_warnings(inp, exp)
    used_up = [n for n in result.warnings if n.code == "week_used_up"]
    expected_used_up = [w for w in exp.weeks if w.used_other and w.used_other >= Fraction(weekly_amount(inp))]
    assert [n.params["week_start"] for n in used_up] == [w.monday for w in expected_used_up]


@pytest.fixture(scope="module")
def cli_schema() -> jsonschema.protocols.Validator:
    """The schema exactly as users get it from ``asistents schema``."""
    run = CliRunner().invoke(app, ["schema"], catch_exceptions=False)
    assert run.exit_code == 0
    schema = json.loads(run.stdout)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


@given(inp=core_inputs())
def test_same_input_same_output_and_json_valid_against_the_cli_schema(
    cli_schema: jsonschema.protocols.Validator, inp: CalcInput
) -> None:
    result = calculate(inp)
    first = json_document(result)
    assert json_document(calculate(inp)) == first
    # The same figures built afresh (as another run of the program would) give the same bytes.
    adapter = TypeAdapter(CalcInput)
    assert json_document(calculate(adapter.validate_json(adapter.dump_json(inp)))) == first

    cli_schema.validate(json.loads(first))
    # The JSON numbers are the exact hours: the days still sum exactly to the total.
    data: dict[str, Any] = json.loads(first, parse_float=Decimal)
    hours = [Decimal(d["hours"]) for d in data["days"]]
    assert sum(hours, Decimal(0)) == Decimal(data["payable_hours"])
    assert hours == [d.hours for d in result.days]


@st.composite
def boundary_periods(draw: st.DrawFn) -> tuple[date, date, str]:
    """A period starting on a Monday (no days before it in its week) or ending on a Sunday."""
    side = draw(st.sampled_from(["before", "after"]))
    day = draw(st.dates(date(2020, 1, 1), date(2021, 12, 31)))
    first = date(day.year, day.month, 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if side == "before":
        start = day - timedelta(days=day.weekday())
        if start < first:
            start += timedelta(days=7)
        return start, draw(st.dates(start, last)), side
    end = day + timedelta(days=6 - day.weekday())
    if end > last:
        end -= timedelta(days=7)
    return draw(st.dates(first, end)), end, side


@given(
    inp=core_inputs(),
    period=boundary_periods(),
    figure=st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(168), places=4),
)
def test_boundary_hours_for_a_week_without_such_days_are_refused(
    inp: CalcInput, period: tuple[date, date, str], figure: Decimal
) -> None:
    """README: giving a figure for a week that has no such days is an error."""
    start, end, side = period
    field = f"used_week_{side}"
    other = "used_week_after" if side == "before" else "used_week_before"
    # A whole month has no other days: no hours used on them (README "Decisions").
    used = None if whole_month(start, end) and not inp.resumed else (inp.used if inp.used is not None else Decimal(0))
    bad = replace(inp, **{"start": start, "end": end, field: figure, other: None, "used": used})
    with pytest.raises(InputError) as raised:
        calculate(bad)
    assert raised.value.field == field
    # An explicit 0 for the same week is no figure at all: accepted.
    calculate(replace(bad, **{field: Decimal(0)}))


_PAIRS = st.lists(st.tuples(st.integers(0, 7_440_000), st.integers(1, 12)), min_size=1, max_size=8)


@given(_PAIRS.flatmap(lambda pairs: st.permutations(pairs + pairs[:2])))
@example([(5, 4)])  # 0.000125 h: it terminates, past four places
@example([(1, 3)])  # repeats: 0.0000333... to four places is 0
@example([(2, 3)])  # 0.0000666... rounds up to 0.0001
@example([(3, 8)])  # 0.0000375: terminates
@example([(1, 7), (300000, 3), (300001, 3), (300000, 1), (1, 7)])  # alike pairs and neighbours side by side
@example([(100001, 3), (400000, 3), (400000, 1)])  # 33.3336..., a whole 133.3333... and 40 h
def test_an_average_is_shown_exact_when_it_terminates_else_to_four_places_half_even(
    pairs: list[tuple[int, int]],
) -> None:
    """An exact average (a sum of ten-thousandths over a count) is shown as its own decimal when that ends, else
    rounded half even to four places, the result saying which; worked out again with fractions, for each pair of a
    column (several pairs side by side, some alike, each shown as if alone)."""
    from asistents.core.person import shown

    totals, counts = (np.array(column, dtype=np.int64) for column in zip(*pairs, strict=True))
    found, exactly = shown(totals, counts)
    assert len(found) == len(exactly) == len(pairs)
    for (total, count), hours, exact in zip(pairs, found, exactly, strict=True):
        value = Fraction(total, count * 10**4)
        denominator = value.denominator
        for prime in (2, 5):
            while denominator % prime == 0:
                denominator //= prime
        if denominator == 1:
            assert exact and Fraction(hours) == value
            assert str(hours) == str(plain(hours))  # its own digits: no zeros after the last, no exponent
        else:
            assert not exact and hours == Decimal(round(value * 10**4)).scaleb(-4)
            assert hours.as_tuple().exponent == -4  # written with its four places


@given(inp=core_inputs())
@example(  # no history: the first week's 10 h cap, or its weekly amount less the carried hours if that is less
    inp=CalcInput(
        start=date(2020, 4, 1), end=date(2020, 4, 30), no_history=True, weekly=Decimal(12), used_week_before=Decimal(5)
    )
)
@example(  # resumed: no warnings about its weeks, carried or not
    inp=CalcInput(
        start=date(2020, 4, 1),
        end=date(2020, 4, 30),
        resumed=True,
        used=Decimal(50),
        used_week_before=Decimal(38),
        weekly=Decimal(35),
    )
)
@example(  # the carried hours use the first week up
    inp=CalcInput(
        start=date(2020, 4, 1),
        end=date(2020, 4, 30),
        average=Decimal(120),
        used=Decimal(0),
        used_week_before=Decimal(20),
        weekly=Decimal(20),
    )
)
def test_hours_carried_into_a_row_s_first_week_are_its_hours_used_before_the_period(inp: CalcInput) -> None:
    """A whole emergency's month takes the hours the month before placed in their shared week as its own
    (core.block.Rows.carried), beside limits without them: exactly what ``calc`` gives with them as
    ``used_week_before`` (README "A whole emergency")."""
    assume(inp.used_week_before is not None)
    try:
        expected = calculate(inp)
    except InputError:
        return
    limits = limits_of(inp, used_week_before=None)
    audit = audit_of(inp.paid, inp.paid_eur, inp.claimed)
    person = Person(inp.average, inp.months, inp.used)
    carried = np.array([tenths_of_thousandths(inp.used_week_before)], dtype=np.int64)
    (found,) = compute(Rows([limits], [0], [person], [audit], carried))
    assert not isinstance(found, InputError)
    assert found.result() == expected


def test_week_caps_and_their_warnings_where_a_comparison_decides() -> None:
    """The weeks' caps and warnings at the values where a comparison decides (core.weeks): the 10 h of the
    no-history rule are a week's cap only below its own (at a tie the granted hours are the cap); hours used on
    a week's other days that equal the weekly amount use it up; a month that resumed says nothing of its weeks;
    the first week's warnings come before the last week's."""
    week = {"start": date(2020, 4, 6), "end": date(2020, 4, 12)}  # a whole calendar week
    tie = calculate(CalcInput(no_history=True, weekly=Decimal(10), **week))  # type: ignore[arg-type]
    assert [(w.cap, w.cap_source) for w in tie.weeks] == [(10, "weekly")]
    assert tie.limited_by == ("weekly_cap",)
    above = calculate(CalcInput(no_history=True, weekly=Decimal(11), **week))  # type: ignore[arg-type]
    assert [(w.cap, w.cap_source) for w in above.weeks] == [(10, "no_history")]
    assert above.limited_by == ("no_history_cap",)

    april = {"start": date(2020, 4, 1), "end": date(2020, 4, 30), "average": Decimal(200), "weekly": Decimal(20)}
    used_up = calculate(CalcInput(used_week_before=Decimal(20), **april))  # type: ignore[arg-type]
    assert [(n.code, n.params.get("week_start")) for n in used_up.warnings] == [
        ("week_used_up", date(2020, 3, 30)),
        ("used_week_after_assumed_zero", None),
    ]
    assert used_up.weeks[0].cap == 0 and used_up.weeks[0].used_other_days == 20
    below = calculate(CalcInput(used_week_before=Decimal("19.9"), **april))  # type: ignore[arg-type]
    assert [n.code for n in below.warnings] == ["used_week_after_assumed_zero"]
    both = calculate(CalcInput(used_week_before=Decimal(20), used_week_after=Decimal(25), **april))  # type: ignore[arg-type]
    assert [n.params["week_start"] for n in both.warnings] == [date(2020, 3, 30), date(2020, 4, 27)]
    resumed = calculate(
        CalcInput(resumed=True, used=Decimal(50), used_week_before=Decimal(20), **april)  # type: ignore[arg-type]
    )
    assert resumed.status == "resumed" and resumed.warnings == ()
