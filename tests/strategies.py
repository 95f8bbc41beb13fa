"""Hypothesis strategies for every input of the core."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from asistents.core.models import CalcInput


def whole_month(start: date, end: date) -> bool:
    """The period is a whole calendar month: it has no other days, so no hours used on them."""
    return start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]


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
        used=Decimal(0) if whole_month(start, end) else draw(decimals("0", "150")),
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


# --- every input of the core, over its whole valid range ------------------------------------
#
# ``calc_inputs`` above keeps to everyday figures (two decimals, a few fixed steps).
# ``core_inputs`` below reaches every valid value the core accepts: up to 4 decimal
# places, the sanity bounds themselves (744 h a month, 168 h a week, 24 h a day),
# steps that do not divide the daily limit, boundary-week hours at and above the weekly
# cap, "resumed" together with a history or "no history", and hours used with no history.

#: Steps whose unit counts stay small enough for the literal one-step-at-a-time oracle.
COARSE_STEPS = tuple(Decimal(s) for s in ("0.25", "0.3", "0.5", "0.75", "1", "1.5", "2", "2.5", "3", "8"))


@st.composite
def long_periods(draw: st.DrawFn) -> tuple[date, date]:
    """Whole months and periods of three weeks or more (rare in :func:`periods`)."""
    year = draw(st.integers(2020, 2021))
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    first_day = draw(st.integers(1, 8))
    last_day = draw(st.integers(max(first_day, last - 7), last))
    return date(year, month, first_day), date(year, month, last_day)


def hours_up_to(high: str, places: int = 4) -> st.SearchStrategy[Decimal]:
    """Any valid figure from 0 to ``high``, biased toward the ends and round values."""
    top = Decimal(high)
    return st.one_of(
        st.sampled_from([Decimal(0), top, Decimal("0.5"), Decimal(1), Decimal(10)]).filter(lambda v: v <= top),
        decimals("0", high, 1),
        decimals("0", high, places),
    ).map(lambda v: v.copy_abs())


@st.composite
def core_inputs(draw: st.DrawFn, *, coarse: bool = False) -> CalcInput:
    """A valid :class:`CalcInput` anywhere in the core's domain.

    ``coarse=True`` draws the step from :data:`COARSE_STEPS` (and the daily limit at
    least 1 h) so that the total stays a few thousand steps at most.
    """
    start, end = draw(st.one_of(periods(), long_periods()))
    kind = draw(st.sampled_from(["average", "months", "no_history", "resumed"]))
    # "Resumed" wins over everything; it may come with a history, "no history" or neither.
    resumed = kind == "resumed" or draw(st.sampled_from([False] * 7 + [True]))
    history = kind if kind in ("average", "months") else draw(st.sampled_from(["average", "months", "none"]))
    if kind == "no_history":
        history = "none"
    no_history = kind == "no_history" or (resumed and draw(st.booleans()))
    if no_history and not resumed:
        history = "none"  # a history with "no history" is an input error, unless resumed
    if coarse:
        daily_max = draw(st.one_of(st.just(Decimal(8)), hours_up_to("24", 2).filter(lambda v: v >= 1)))
        step = draw(st.sampled_from([s for s in COARSE_STEPS if s <= daily_max]))
    else:
        daily_max = draw(st.one_of(st.just(Decimal(8)), hours_up_to("24").filter(lambda v: v > 0)))
        round_steps = [s for s in (Decimal("0.5"), Decimal("0.25"), Decimal(1)) if s <= daily_max]
        any_step = st.decimals(min_value=Decimal("0.0001"), max_value=daily_max, places=4)
        tenths = st.decimals(min_value=Decimal("0.1"), max_value=daily_max, places=1)
        choices = [any_step]
        if round_steps:
            choices += [st.sampled_from(round_steps), tenths]
        step = draw(st.one_of(choices))
    # 40 h is the state maximum (a warning above it), 10 h the no-history cap.
    at_limits = st.sampled_from([Decimal(s) for s in ("40", "40.0001", "39.9999", "10", "10.0001", "9.9999")])
    weekly = draw(st.one_of(st.none(), hours_up_to("60", 2), hours_up_to("168"), at_limits))
    has_before = start.isoweekday() != 1
    has_after = end.isoweekday() != 7
    boundary = st.one_of(st.none(), hours_up_to("40", 2), hours_up_to("168"))
    return CalcInput(
        average=draw(st.one_of(decimals("0", "200", 2), decimals("40", "744", 4), hours_up_to("744")))
        if history == "average"
        else None,
        months=(
            (draw(hours_up_to("744")), draw(hours_up_to("744")), draw(hours_up_to("744")))
            if history == "months"
            else None
        ),
        # The hours used must be given for the average rule; with no history or resumed they may be left out.
        # A whole month has no other days: none or 0 (resumed: the month's hours, any figure).
        used=draw(
            st.sampled_from([None, Decimal(0)])
            if whole_month(start, end) and not resumed
            else st.one_of(st.just(Decimal(0)), decimals("0", "40", 1), hours_up_to("744"))
            if history != "none" and not resumed
            else st.one_of(st.none(), st.just(Decimal(0)), hours_up_to("744"))
        ),
        start=start,
        end=end,
        weekly=weekly,
        # Only where the week has such days (a figure for a week without them is an error);
        # an explicit 0 is allowed everywhere.
        used_week_before=draw(boundary) if has_before else draw(st.sampled_from([None, Decimal(0)])),
        used_week_after=draw(boundary) if has_after else draw(st.sampled_from([None, Decimal(0)])),
        daily_max=daily_max,
        step=step,
        exclude_weekends=draw(st.booleans()),
        resumed=resumed,
        no_history=no_history,
        rate=draw(st.one_of(st.none(), hours_up_to("20"), hours_up_to("1000"))),
    )
