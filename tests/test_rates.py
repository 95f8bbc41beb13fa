"""Hourly rates by month: the official table (from January 2021) and a municipality's (``--rates FILE``)."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asistents.cli.app import app
from asistents.core import rules
from asistents.core.calculate import calculate
from asistents.core.errors import InputError
from asistents.core.models import CalcInput
from asistents.io.rates import read_rates
from asistents.io.readers import open_records
from asistents.register.pipeline import compute_rows

D = Decimal


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_the_official_table_is_annex_4_and_then_4_50() -> None:
    adult = dict(rules.official_rates(under_18=False))
    young = dict(rules.official_rates(under_18=True))
    assert [adult[date(2021, m, 1)] for m in range(1, 7)] == [D("3.1250"), D("3.1250"), D("2.7174"), D("3.1646"),
                                                             D("3.1447"), D("3.1447")]  # fmt: skip
    assert [young[date(2021, m, 1)] for m in range(1, 7)] == [D("3.5714"), D("3.5714"), D("3.1056"), D("3.6232"),
                                                             D("3.5971"), D("3.5971")]  # fmt: skip
    assert adult[date(2021, 7, 1)] == young[date(2021, 12, 1)] == D("4.50")
    assert date(2020, 12, 1) not in adult  # no verified table for 2020


def test_calc_takes_the_period_s_month_s_official_rate() -> None:
    result = invoke("calc", "--avg", "130", "--used", "18", "--start", "2021-03-01", "--end", "2021-03-07",
                    "--rate", "official", "--under-18", "--json")  # fmt: skip
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert data["rate_eur"] == 3.1056
    assert D(str(data["amount_eur"])) == (D(str(data["payable_hours"])) * D("3.1056")).quantize(D("0.01"))


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_official_in_2020_computes_the_hours_and_leaves_the_amount_empty(lang: str) -> None:
    """No verified official table exists for 2020: the hours do not depend on the rate, so they are computed;
    the amount is left empty with a note naming the month and pointing to a table (README "Amount")."""
    result = invoke("calc", "--avg", "130", "--used", "18", "--weekly", "35", "--rate", "official", "--json")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert (data["payable_hours"], data["amount_eur"], data["rate_eur"]) == (51, None, None)
    assert {"code": "no_rate_amount_empty", "params": {"month": "2020-06"}} in data["warnings"]
    report = invoke("calc", "--avg", "130", "--used", "18", "--rate", "official", "--lang", lang)
    assert "2020-06" in report.stdout and "--rates FILE" in report.stdout  # type: ignore[attr-defined]


def test_a_municipality_s_table(tmp_path: Path) -> None:
    table = tmp_path / "rates.csv"
    table.write_text("Mēnesis;Likme\n2020-03;2,6875\n04.2020;2,8\n2020-05;2,5\n2020-06;2,6\n", encoding="utf-8")
    result = invoke("emergency", "--before", "40", "50", "30", "--used", "2020-03=18", "--used", "2020-06=48",
                    "--weekly", "35", "--rates", str(table), "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    months = json.loads(result.stdout)["months"]  # type: ignore[attr-defined]
    assert [m["rate_eur"] for m in months] == [2.6875, 2.8, 2.5, 2.6]
    assert months[0]["amount_eur"] == 59.13  # 22 h x 2.6875 = 59.125, half up


def test_a_month_missing_from_a_table_has_no_amount_never_a_neighbour_s_rate(tmp_path: Path) -> None:
    table = tmp_path / "rates.csv"
    table.write_text("2020-03;2,6875\n2020-05;2,5\n", encoding="utf-8")
    result = invoke("calc", "--avg", "130", "--used", "0", "--start", "2020-04-01", "--rates", str(table), "--json")
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert (data["rate_eur"], data["amount_eur"]) == (None, None) and data["payable_hours"] > 0
    assert {"code": "no_rate_amount_empty", "params": {"month": "2020-04"}} in data["warnings"]


@pytest.mark.parametrize(
    ("text", "code"),
    [("2020-03;2,5;x\n", "rates_line"), ("2020-03;abc\n", "not_a_number"), ("", "rates_empty"),
     ("2020-03;1\n03.2020;2\n", "month_given_twice"), ("Month;Rate\n2020-13;2\n", "not_a_month")],
)  # fmt: skip
def test_bad_tables_name_the_problem(text: str, code: str) -> None:
    with pytest.raises(InputError) as raised:
        read_rates(text)
    assert raised.value.code == code


def test_rate_and_rates_together_and_under_18_alone_are_usage_errors(tmp_path: Path) -> None:
    table = tmp_path / "rates.csv"
    table.write_text("2020-06;2\n", encoding="utf-8")
    both = invoke("calc", "--avg", "130", "--used", "18", "--rate", "3", "--rates", str(table))
    alone = invoke("calc", "--avg", "130", "--used", "18", "--rate", "3", "--under-18")
    assert both.exit_code == alone.exit_code == 2  # type: ignore[attr-defined]


def test_batch_rows_of_other_months_take_their_own_month_s_rate() -> None:
    """The table is run-wide; each row's period picks its rate, and alike rows of two months never
    share a split across months (the period is in the key)."""
    text = "id,name,avg,used,start,end\n1,A,130,0,2021-03-01,2021-03-31\n2,B,130,0,2021-04-01,2021-04-06\n"
    records, detected = open_records(io.BytesIO(text.encode()), "csv")
    defaults = CalcInput(rates=rules.official_rates(under_18=False))
    rows = list(compute_rows(records, defaults, detected.decimal))
    assert [r.result.rate_eur for r in rows if r.result] == [D("2.7174"), D("3.1646")]
    for row in rows:
        assert row.result == calculate(
            CalcInput(
                average=D(130),
                used=D(0),
                start=row.result.period.start,
                end=row.result.period.end,  # type: ignore[union-attr]
                rates=defaults.rates,
            )
        )
