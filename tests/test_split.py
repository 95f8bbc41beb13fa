"""The split rule on hand-checked cases, and against its literal statement."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from asistents.core.split import split_units

from .reference import split_one_step_at_a_time


def test_even_split_with_remainder_goes_to_the_earliest_days() -> None:
    # 10 units over 3 days of one uncapped week: 4, 3, 3.
    assert split_units([0, 0, 0], [None], daily_cap=16, total=10) == [4, 3, 3]


def test_week_cap_stops_a_week_and_the_rest_goes_elsewhere() -> None:
    # Week 0 (2 days) may take 3 units, week 1 (2 days) unlimited, total 9, daily 4.
    # Rounds: all four days get 1 (week 0 room 1), then day 0 takes the last unit of
    # week 0; days 2 and 3 go on to 3 each: [2, 1, 3, 3] = 9.
    assert split_units([0, 0, 1, 1], [3, None], daily_cap=4, total=9) == [2, 1, 3, 3]


def test_daily_cap_leaves_the_total_short() -> None:
    assert split_units([0, 0], [None], daily_cap=2, total=10) == [2, 2]


def test_zero_cap_week_takes_nothing() -> None:
    assert split_units([0, 1], [0, None], daily_cap=5, total=4) == [0, 4]


def test_unlimited_total_fills_every_week_cap() -> None:
    assert split_units([0, 0, 0, 1], [20, 20], daily_cap=16, total=None) == [7, 7, 6, 16]


def test_nothing_to_place() -> None:
    assert split_units([0, 0], [None], daily_cap=16, total=0) == [0, 0]
    assert split_units([], [], daily_cap=16, total=5) == []


@st.composite
def split_problems(draw: st.DrawFn) -> tuple[list[int], list[int | None], int, int | None]:
    n_weeks = draw(st.integers(1, 6))
    sizes = [draw(st.integers(1, 7)) for _ in range(n_weeks)]
    day_week = [w for w, size in enumerate(sizes) for _ in range(size)]
    caps = [draw(st.one_of(st.none(), st.integers(0, 60))) for _ in range(n_weeks)]
    daily = draw(st.integers(0, 20))
    unlimited = all(c is not None for c in caps) and draw(st.booleans())
    total = None if unlimited else draw(st.integers(0, 400))
    return day_week, caps, daily, total


@given(split_problems())
def test_fast_split_equals_the_one_step_at_a_time_rule(
    problem: tuple[list[int], list[int | None], int, int | None],
) -> None:
    day_week, caps, daily, total = problem
    assert split_units(day_week, caps, daily, total) == split_one_step_at_a_time(day_week, caps, daily, total)
