"""Hypothesis strategies for every input of the core."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from asistents.core.models import CalcInput


def decimals(low: str, high: str, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=places)


@st.composite
def periods(draw: st.DrawFn) -> tuple[date, date]:
    """Periods of 1-31 days inside one month of 2020-2021."""
    year = draw(st.integers(2020, 2021))
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    first_day = draw(st.integers(1, last))
    last_day = draw(st.integers(first_day, last))
    return date(year, month, first_day), date(year, month, last_day)


@st.composite
def calc_inputs(draw: st.DrawFn) -> CalcInput:
    start, end = draw(periods())
    kind = draw(st.sampled_from(["average", "months", "no_history", "resumed"]))
    step = draw(st.sampled_from([Decimal("0.25"), Decimal("0.5"), Decimal("1"), Decimal("0.1")]))
    daily_max = draw(st.one_of(st.just(Decimal(8)), decimals("0.5", "24", 1)))
    if step > daily_max:
        step = Decimal("0.5")
    monday_start = start.isoweekday() == 1
    sunday_end = end.isoweekday() == 7
    return CalcInput(
        average=draw(decimals("0", "200")) if kind == "average" else None,
        months=(
            tuple(draw(decimals("0", "200")) for _ in range(3))  # type: ignore[arg-type]
            if kind == "months"
            else None
        ),
        used=draw(decimals("0", "150")),
        start=start,
        end=end,
        weekly=draw(st.one_of(st.none(), decimals("0", "60", 1))),
        used_week_before=None if monday_start else draw(st.one_of(st.none(), decimals("0", "40", 1))),
        used_week_after=None if sunday_end else draw(st.one_of(st.none(), decimals("0", "40", 1))),
        daily_max=daily_max,
        step=step,
        exclude_weekends=draw(st.booleans()),
        resumed=kind == "resumed",
        no_history=kind == "no_history",
        rate=draw(st.one_of(st.none(), decimals("0", "20", 4))),
    )
