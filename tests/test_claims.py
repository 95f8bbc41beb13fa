"""Checking what was claimed or paid: the worked cases, the invariants, the CLI and registers."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from asistents.cli.app import app
from asistents.core.calculate import calculate
from asistents.core.claims import check_claim
from asistents.core.models import CalcInput
from asistents.io.numbers import day_header

from .strategies import core_inputs

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
JUNE = [date(2020, 6, d) for d in range(1, 10)]
LIGA = CalcInput(average=Decimal(130), used=Decimal(18), weekly=Decimal(35))


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def claim(hours: list[int | str]) -> tuple[tuple[date, Decimal], ...]:
    return tuple((day, Decimal(str(h))) for day, h in zip(JUNE, hours, strict=False))


# --- the worked cases of the issue ---------------------------------------------------------------


def test_liga_claiming_5_then_8_is_within_51() -> None:
    check = calculate(replace(LIGA, claimed=claim([5] * 7 + [8, 8]))).check
    assert check is not None
    assert (check.verdict, check.claimed_hours, check.allowed_hours, check.over_hours) == ("within", 51, 51, 0)
    assert check.reasons == ()


def test_liga_claiming_6_every_day_of_the_first_week_is_over_by_7() -> None:
    check = calculate(replace(LIGA, claimed=claim([6] * 7))).check
    assert check is not None
    assert (check.verdict, check.claimed_hours, check.allowed_hours, check.over_hours) == ("over", 42, 35, 7)
    (reason,) = check.reasons
    assert reason.code == "week_above_cap"
    assert reason.params == {"from": date(2020, 6, 1), "to": date(2020, 6, 7), "hours": 42, "over": 7, "cap": 35}


def test_peteris_paid_40_is_over_by_8() -> None:
    check = calculate(CalcInput(average=Decimal(80), used=Decimal(48), paid=Decimal(40), rate=Decimal("4.5"))).check
    assert check is not None
    assert (check.verdict, check.paid_hours, check.allowed_hours, check.over_hours) == ("over", 40, 32, 8)
    assert check.over_eur == Decimal("36.00")


def test_a_claim_is_taken_as_written_and_every_reason_has_its_numbers() -> None:
    hours: list[int | str] = ["5.25", 5, 5, 5, 5, 5, 5, 10, 8]
    check = calculate(replace(LIGA, claimed=(*claim(hours), (date(2020, 6, 12), Decimal(3))))).check
    assert check is not None
    codes = [r.code for r in check.reasons]
    assert codes == ["day_not_emergency", "week_above_cap", "day_above_daily"]
    assert check.claimed_hours == Decimal("56.25")
    assert check.allowed_hours == 35 + 16  # the week capped at 35, 8 June cut to 8
    assert check.over_hours == Decimal("5.25")


def test_under_claiming_is_reported_not_an_error() -> None:
    check = calculate(replace(LIGA, claimed=claim([1] * 9))).check
    assert check is not None
    assert (check.verdict, check.over_hours, check.under_hours) == ("within", 0, 51 - 9)


# --- invariants ------------------------------------------------------------------------------------


@given(core_inputs())
def test_the_tools_own_split_checks_within(inp: CalcInput) -> None:
    result = calculate(inp)
    own = {d.date: d.hours for d in result.days}
    check = check_claim(result, own, None, None)
    assert check.verdict == "within" and check.over_hours == 0
    assert check.allowed_hours == result.payable_hours


@given(core_inputs(coarse=True), st.data())
def test_a_claim_called_within_keeps_every_limit_and_allowed_never_exceeds_payable(
    inp: CalcInput, data: st.DataObject
) -> None:
    result = calculate(inp)
    days = [d.date for d in result.days]
    extra = [days[-1] + timedelta(days=1)]
    hours = st.decimals(min_value=0, max_value=12, places=2)
    claimed = data.draw(st.dictionaries(st.sampled_from(days + extra), hours, max_size=len(days) + 1))
    check = check_claim(result, claimed, None, None)
    assert check.allowed_hours <= result.payable_hours
    assert check.over_hours == check.claimed_hours - check.allowed_hours  # type: ignore[operator]
    if check.verdict == "within":
        included = {d.date for d in result.days if d.included}
        assert all(h == 0 or day in included for day, h in claimed.items())
        assert all(h <= result.daily_max for h in claimed.values())
        for week in result.weeks:
            in_week = sum((h for day, h in claimed.items() if week.start <= day <= week.end), Decimal(0))
            assert week.cap is None or in_week <= week.cap
        assert sum(claimed.values(), Decimal(0)) <= result.payable_hours


# --- command line and registers -------------------------------------------------------------------


def test_calc_claimed_and_paid_in_the_report_and_json() -> None:
    report = invoke("calc", "--avg", "130", "--used", "18", "--weekly", "35", "--claimed", *["6"] * 7, "0", "0")
    assert "week 2020-06-01–2020-06-07: 42 h, 7 h above the cap of 35 h" in report.stdout
    assert "Verdict: over the rules by 7 h" in report.stdout
    data = json.loads(invoke("calc", "--avg", "80", "--used", "48", "--paid", "40", "--json").stdout)
    assert data["check"]["verdict"] == "over" and data["check"]["over_hours"] == 8
    assert json.loads(invoke("calc", "--avg", "80", "--used", "48", "--json").stdout)["check"] is None


def test_claimed_needs_a_figure_for_each_day() -> None:
    result = invoke("calc", "--avg", "130", "--used", "18", "--claimed", "5", "5")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "asistents: error: --claimed '5 5': has 2 figures for 9 emergency days; give one for each day\n"
    )


@pytest.mark.parametrize(
    ("header", "key"),
    [("01.06.2020", "2020-06-01"), ("1.6.2020.", "2020-06-01"), ("2020-06-01", "2020-06-01"),
     ("01.06.", "--06-01"), ("1. jūn.", "--06-01"), ("9. jūnijs", "--06-09"), ("Vidēji", None), ("31.06.", None)],
)  # fmt: skip
def test_day_headers_in_every_accepted_form(header: str, key: str | None) -> None:
    assert day_header(header) == key


def test_the_example_register_of_claims() -> None:
    result = invoke("batch", str(EXAMPLES / "claims.csv"), "--rate", "4.5", "--to", "ndjson")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["verdict"], r["over_hours"]) for r in rows] == [("within", 0), ("over", 7), ("over", 8), ("within", 0)]
    assert re.search(r"Rows over the rules\s*│\s*2 │", result.stderr)
    assert re.search(r"EUR over the rules\s*│\s*67.50 │", result.stderr)
    assert result.exit_code == 0  # findings are not errors
    assert invoke("batch", str(EXAMPLES / "claims.csv"), "--fail-on-over", "-q").exit_code == 3


def test_the_timesheet_prints_a_claimed_split_within_the_rules(tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "t.pdf"
    claimed = ["4", "4", "4", "4", "4", "4", "4", "8", "8"]
    args = ["calc", "--avg", "130", "--used", "18", "--weekly", "35", "--claimed", *claimed, "--pdf", str(out)]
    assert invoke(*args).exit_code == 0
    text = PdfReader(out).pages[0].extract_text()
    weekdays = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
    rows = [line.split() for line in text.splitlines() if line.startswith("2020-06-0")]
    assert [row[2] for row in rows if len(row) >= 3 and row[1] in weekdays] == claimed


def test_euro_over_counts_what_was_paid_above_the_allowed() -> None:
    check = calculate(replace(LIGA, claimed=claim([6] * 7 + [0, 0]), paid=Decimal(35), rate=Decimal("4.5"))).check
    assert check is not None
    assert check.over_hours == 7 and check.over_eur == 0  # the claim is over; the payment was not


def test_a_payment_beside_a_claim_is_checked_against_the_claim_s_allowed_hours() -> None:
    """Paid 20 h for a timesheet claiming 9 h (all allowed) of Līga's payable 51 h: 11 h paid above what was
    allowed, though within the payable total."""
    check = calculate(replace(LIGA, claimed=claim([1] * 9), paid=Decimal(20), rate=Decimal("4.5"))).check
    assert check is not None
    assert (check.verdict, check.allowed_hours, check.claim_over_hours) == ("over", 9, 0)
    assert (check.paid_over_hours, check.over_hours, check.over_eur, check.under_hours) == (
        11,
        11,
        Decimal("49.50"),
        42,
    )
    assert [(r.code, r.params) for r in check.reasons] == [("paid_above", {"paid": 20, "allowed": 9})]


def test_a_word_that_is_not_a_month_is_not_a_day() -> None:
    assert day_header("1. aprēķins") is None and day_header("1. apr.") == "--04-01"
