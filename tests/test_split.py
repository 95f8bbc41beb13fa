"""The split rule on hand-checked cases, and the array water-fill against its literal statement."""

from __future__ import annotations

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from asistents.core.fill import UNLIMITED, capacity, water_fill, week_positions, week_sizes, week_totals

from .reference import split_one_step_at_a_time, split_units

Problem = tuple[list[int], list[int | None], int, int | None]


def fill_one(day_week: list[int], caps: list[int | None], daily: int, total: int | None) -> list[int]:
    """The array fill on one row (an array of one), as a list."""
    placed = water_fill(
        np.array(day_week, dtype=np.int64),
        np.array([[UNLIMITED if c is None else c for c in caps]], dtype=np.int64),
        np.array([daily], dtype=np.int64),
        np.array([UNLIMITED if total is None else total], dtype=np.int64),
    )
    return [int(units) for units in placed[0]]


def test_even_split_with_remainder_goes_to_the_earliest_days() -> None:
    # 10 units over 3 days of one uncapped week: 4, 3, 3.
    assert fill_one([0, 0, 0], [None], daily=16, total=10) == [4, 3, 3]


def test_week_cap_stops_a_week_and_the_rest_goes_elsewhere() -> None:
    # Week 0 (2 days) may take 3 units, week 1 (2 days) unlimited, total 9, daily 4.
    # Rounds: all four days get 1 (week 0 room 1), then day 0 takes the last unit of
    # week 0; days 2 and 3 go on to 3 each: [2, 1, 3, 3] = 9.
    assert fill_one([0, 0, 1, 1], [3, None], daily=4, total=9) == [2, 1, 3, 3]


def test_daily_cap_leaves_the_total_short() -> None:
    assert fill_one([0, 0], [None], daily=2, total=10) == [2, 2]


def test_zero_cap_week_takes_nothing() -> None:
    assert fill_one([0, 1], [0, None], daily=5, total=4) == [0, 4]


def test_unlimited_total_fills_every_week_cap() -> None:
    assert fill_one([0, 0, 0, 1], [20, 20], daily=16, total=None) == [7, 7, 6, 16]


def test_nothing_to_place() -> None:
    assert fill_one([0, 0], [None], daily=16, total=0) == [0, 0]
    assert fill_one([], [], daily=16, total=5) == []
    assert fill_one([0, 0], [None], daily=0, total=5) == [0, 0]


def test_a_week_without_split_days_takes_nothing() -> None:
    # A weekend-only week when weekends are excluded: it is a week of the period with no day to fill.
    assert fill_one([0, 0, 2], [5, 5, 5], daily=8, total=None) == [3, 2, 5]


def test_rows_side_by_side_are_each_their_own_split() -> None:
    day_week = np.array([0, 0, 0, 1, 1], dtype=np.int64)
    caps = np.array([[4, UNLIMITED], [UNLIMITED, UNLIMITED], [0, 0]], dtype=np.int64)
    daily = np.array([3, 1, 9], dtype=np.int64)
    total = np.array([9, UNLIMITED, 7], dtype=np.int64)
    placed = water_fill(day_week, caps, daily, total)
    assert placed.tolist() == [[2, 1, 1, 3, 2], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0]]
    assert capacity(caps, week_sizes(day_week, 2), daily).tolist() == [10, 5, 0]


def test_week_positions_count_from_each_weeks_first_day() -> None:
    assert week_positions(np.array([0, 0, 0, 1, 2, 2], dtype=np.int64)).tolist() == [0, 1, 2, 0, 0, 1]


def test_a_weeks_total_is_its_days_and_a_week_without_days_holds_none() -> None:
    # Weekends left out: the first and the third week have no split days (a Saturday and Sunday each).
    day_week = np.array([1, 1, 1, 3, 3], dtype=np.int64)
    placed = np.array([[1, 2, 3, 4, 5], [0, 0, 7, 0, 1]], dtype=np.int64)
    assert week_totals(placed, day_week, 5).tolist() == [[0, 6, 0, 9, 0], [0, 7, 0, 1, 0]]
    assert week_totals(np.zeros((2, 0), dtype=np.int64), day_week[:0], 2).tolist() == [[0, 0], [0, 0]]


@st.composite
def split_problems(draw: st.DrawFn, most_total: int = 400, most_daily: int = 20) -> Problem:
    """Weeks of 1-7 days (a week of none: weekends excluded), caps or none, daily limits, totals from 0
    to above the capacity, or as many as the caps allow."""
    n_weeks = draw(st.integers(1, 6))
    sizes = [draw(st.integers(0, 7)) for _ in range(n_weeks)]
    day_week = [w for w, size in enumerate(sizes) for _ in range(size)]
    caps = [draw(st.one_of(st.none(), st.integers(0, 60))) for _ in range(n_weeks)]
    daily = draw(st.integers(0, most_daily))
    unlimited = all(c is not None for c in caps) and draw(st.booleans())
    total = None if unlimited else draw(st.integers(0, most_total))
    return day_week, caps, daily, total


# The boundaries a wrong level, a wrong remainder or a wrong tie would miss: a total exactly at a
# week's own level, one step above it, exactly the capacity and one above; ties between weeks of
# equal level; a cap that is a multiple of the days and one that is not; a last week of one day.
@example(([0, 0, 1, 1], [4, None], 3, 4))
@example(([0, 0, 1, 1], [4, None], 3, 5))
@example(([0, 0, 1, 1], [3, 3], 2, None))
@example(([0, 0, 1, 1], [3, 3], 2, 6))
@example(([0, 0, 1, 1], [3, 3], 2, 7))
@example(([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2], [10, 35, 8], 8, 52))
@example(([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2], [10, 35, 8], 8, 53))
@example(([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2], [10, 35, 8], 8, 12))
@example(([0, 0, 1, 1, 1], [5, 7], 3, 11))
@example(([0, 1, 1, 1, 1, 1, 1, 1], [None, 14], 2, 15))
@example(([0, 0, 0, 0, 0, 0, 0], [None], 16, 113))
@example(([0, 1], [0, 0], 5, 3))
@given(split_problems())
def test_the_array_fill_equals_the_one_step_at_a_time_rule(problem: Problem) -> None:
    day_week, caps, daily, total = problem
    assert fill_one(day_week, caps, daily, total) == split_one_step_at_a_time(day_week, caps, daily, total)


@given(split_problems(most_total=200_000, most_daily=24 * 10_000))
def test_the_array_fill_equals_the_round_based_rule_at_fine_steps(problem: Problem) -> None:
    """Steps of 0.0001 h make totals of hundreds of thousands: the literal rule is too slow there."""
    day_week, caps, daily, total = problem
    assert fill_one(day_week, caps, daily, total) == split_units(day_week, caps, daily, total)


@given(st.lists(split_problems(), min_size=1, max_size=8), st.data())
def test_rows_side_by_side_equal_each_row_alone(problems: list[Problem], data: st.DataObject) -> None:
    """A block is every row computed alone: rows share the days and weeks, nothing else."""
    day_week, _, _, _ = problems[0]
    weeks = max(day_week, default=-1) + 1 or 1
    rows = []
    for _, caps, daily, total in problems:
        row_caps = (caps * weeks)[:weeks]
        rows.append((row_caps, daily, total))
    order = data.draw(st.permutations(range(len(rows))))
    shuffled = [rows[i] for i in order]
    placed = water_fill(
        np.array(day_week, dtype=np.int64),
        np.array([[UNLIMITED if c is None else c for c in caps] for caps, _, _ in shuffled], dtype=np.int64),
        np.array([daily for _, daily, _ in shuffled], dtype=np.int64),
        np.array([UNLIMITED if t is None else t for _, _, t in shuffled], dtype=np.int64),
    )
    for got, (caps, daily, total) in zip(placed.tolist(), shuffled, strict=True):
        assert got == fill_one(day_week, caps, daily, total)
