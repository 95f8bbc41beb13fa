"""The Ministry of Welfare's worked examples (domain brief, sources cited there)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from asistents.core.calculate import calculate
from asistents.core.models import CalcInput


def test_peteris_june_2020_average_80_used_48_gives_32() -> None:
    """Guidance of 12.06.2020, point 2: 80 h average, 48 h used on 10-30 June -> 32 h."""
    result = calculate(CalcInput(average=D(80), used=D(48)))
    assert result.entitlement == D(32)
    assert result.payable_hours == D(32)
    assert sum(d.hours for d in result.days) == D(32)
    assert [d.date for d in result.days] == [date(2020, 6, n) for n in range(1, 10)]
    assert result.limited_by == ("entitlement",)
    assert result.measure == 7


def test_march_2020_months_40_50_30_used_18_gives_22() -> None:
    """Guidance of March 2020: (40 + 50 + 30) / 3 = 40; 40 - 18 = 22 h for 12-31 March."""
    result = calculate(
        CalcInput(
            months=(D(40), D(50), D(30)),
            used=D(18),
            start=date(2020, 3, 12),
            end=date(2020, 3, 31),
        )
    )
    assert result.average == D(40)
    assert result.average_exact
    assert result.payable_hours == D(22)
    assert len(result.days) == 20
    assert sum(d.hours for d in result.days) == D(22)


def test_liga_june_2020_weekly_35_gives_51_with_warning() -> None:
    """Guidance of 12.06.2020, point 3: 130 - 18 = 112 h in theory, at most 35 h a week.

    1-7 June is one calendar week (35 h); 8-9 June sit in the week 8-14 June and are
    held to the daily limit of 8 h: 35 + 16 = 51 h.
    """
    result = calculate(CalcInput(average=D(130), used=D(18), weekly=D(35)))
    assert result.entitlement == D(112)
    assert result.payable_hours == D(51)
    first, second = result.weeks
    assert (first.start, first.end, first.hours, first.limited_by) == (
        date(2020, 6, 1),
        date(2020, 6, 7),
        D(35),
        "weekly_cap",
    )
    assert (second.start, second.end, second.hours, second.limited_by) == (
        date(2020, 6, 8),
        date(2020, 6, 14),
        D(16),
        "daily_max",
    )
    assert [d.hours for d in result.days[7:]] == [D(8), D(8)]
    assert result.limited_by == ("weekly_cap", "daily_max")
    codes = [w.code for w in result.warnings]
    assert codes == ["used_week_after_assumed_zero"]
    assert result.warnings[0].params == {"from": date(2020, 6, 10), "to": date(2020, 6, 14)}


def test_liga_with_hours_used_after_the_emergency_in_the_same_week() -> None:
    """Hours used on 10-14 June count against the week 8-14 June."""
    result = calculate(CalcInput(average=D(130), used=D(18), weekly=D(35), used_week_after=D(25)))
    assert result.weeks[1].cap == D(10)
    assert result.payable_hours == D(45)
    assert [d.hours for d in result.days[7:]] == [D(5), D(5)]
    assert result.warnings == ()
