"""``asistents calc`` end to end through Typer's CliRunner."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from asistents.cli.app import app

runner = CliRunner()


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_liga_report_shows_the_reasoning_and_the_days() -> None:
    result = invoke("calc", "--avg", "130", "--used", "18", "--weekly", "35")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "130 − 18 = 112 h" in out
    assert "2020-06-01–2020-06-07: 35 h, the cap of 35 h reached" in out
    assert "every day at the daily limit of 8 h" in out
    assert "Payable: 51 h of 112 h" in out
    assert "2020-06-10–2020-06-14" in out  # the warning about the rest of the week
    assert "Months averaged: March–May 2020" in out
    assert "under measure 7 (social inclusion)" in out  # the measure named once, above the days
    day_rows = [line for line in out.splitlines() if line.startswith("│ 2020-06-")]
    assert len(day_rows) == 9 and all(line.rstrip("│ ").endswith("7") for line in day_rows)


def test_json_output_is_only_json_and_matches_the_schema() -> None:
    result = invoke("calc", "--avg", "130", "--used", "18", "--weekly", "35", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    schema = json.loads(invoke("schema").stdout)
    jsonschema.validate(data, schema)
    assert data["payable_hours"] == 51
    assert data["days"][0] == {"date": "2020-06-01", "weekday": 1, "hours": 5, "included": True}
    assert data["weeks"][0]["cap"] == 35
    assert data["limited_by"] == ["weekly_cap", "daily_max"]
    assert data["amount_eur"] is None
    assert data["warnings"][0]["code"] == "used_week_after_assumed_zero"


def test_to_json_equals_json_flag() -> None:
    a = invoke("calc", "--avg", "80", "--used", "48", "--json").stdout
    b = invoke("calc", "--avg", "80", "--used", "48", "--to", "json").stdout
    assert a == b


def test_conflicting_output_flags_are_a_usage_error() -> None:
    result = invoke("calc", "--avg", "80", "--json", "--to", "table")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_rate_gives_the_amount_rounded_half_up_to_cents() -> None:
    # 32 h x 3.1251 EUR = 100.0032 EUR -> 100.00; 32.5 h x 0.4321 = 14.04325 -> 14.04
    data = json.loads(invoke("calc", "--avg", "80", "--used", "48", "--rate", "3.1251", "--json").stdout)
    assert data["amount_eur"] == 100.0
    data = json.loads(invoke("calc", "--avg", "80.5", "--used", "48", "--rate", "0.4321", "--json").stdout)
    assert data["payable_hours"] == 32.5
    assert data["amount_eur"] == 14.04


def test_resumed_gives_zero_and_says_why() -> None:
    result = invoke("calc", "--resumed")
    assert result.exit_code == 0
    assert "counted the normal way" in result.stdout
    data = json.loads(invoke("calc", "--resumed", "--avg", "80", "--json").stdout)
    assert data["payable_hours"] == 0
    assert data["status"] == "resumed"
    assert data["limited_by"] == ["resumed"]


def test_no_history_gives_at_most_10_hours_a_week() -> None:
    data = json.loads(invoke("calc", "--no-history", "--json").stdout)
    assert data["payable_hours"] == 20  # two calendar weeks, 10 h each
    assert data["entitlement"] is None
    assert [w["cap"] for w in data["weeks"]] == [10, 10]
    data = json.loads(invoke("calc", "--no-history", "--weekly", "6", "--json").stdout)
    assert data["payable_hours"] == 12


def test_exclude_weekends_leaves_saturday_and_sunday_empty() -> None:
    data = json.loads(invoke("calc", "--avg", "80", "--used", "48", "--exclude-weekends", "--json").stdout)
    weekend = [d for d in data["days"] if d["weekday"] >= 6]
    assert [d["hours"] for d in weekend] == [0, 0]
    assert not any(d["included"] for d in weekend)
    assert sum(d["hours"] for d in data["days"]) == 32


def test_version_and_help() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("asistents ")
    help_text = invoke("calc", "--help").stdout
    assert "asistents calc --avg 130 --used 18 --weekly 35" in help_text


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--avg", "-5"], "--avg '-5'"),
        (["--avg", "745"], "--avg '745'"),
        (["--avg", "80", "--months", "1", "2", "3"], "--avg"),
        ([], "--avg"),
        (["--avg", "80", "--start", "2020-06-31"], "--start '2020-06-31'"),
        (["--avg", "80", "--start", "1/6/2020"], "--start '1/6/2020'"),
        (["--avg", "80", "--start", "2020-06-09", "--end", "2020-06-01"], "--start '2020-06-09'"),
        (["--avg", "80", "--start", "2020-05-25", "--end", "2020-06-09"], "--end '2020-06-09'"),
        (["--avg", "80", "--step", "0"], "--step '0'"),
        (["--avg", "NaN"], "--avg 'NaN'"),
        (["--avg", "inf"], "--avg 'inf'"),
        (["--avg", "1e400"], "--avg '1e400'"),
        (["--avg", "-0"], "--avg '-0'"),
        (["--avg", ""], "--avg ''"),
        (["--avg", "١٢"], "--avg '١٢'"),
        (["--avg", "12,5"], "--avg '12,5'"),
        (["--avg", "80", "--used-week-before", "3"], "--used-week-before '3'"),
        (["--avg", "80", "--daily-max", "25"], "--daily-max '25'"),
        (["--avg", "80", "--weekly", "1.00001"], "--weekly '1.00001'"),
        (["--avg", "80", "--no-history"], "--avg '80'"),
        (["--avg", "80", "--to", "xml"], "--to"),
        (["--avg", "80", "--months", "1"], "--months"),
        (["--avg", "80", "--bogus"], "--bogus"),
    ],
)
def test_bad_input_is_one_line_naming_the_flag_with_exit_2(args: list[str], named: str) -> None:
    result = invoke("calc", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("asistents: error: ")
    assert named in lines[0]
    assert "Traceback" not in result.stderr


def _calc_alone(args: list[str], probe: str) -> tuple[str, Any]:
    """``asistents calc ARGS`` in a fresh interpreter: its exit code and ``probe`` (an expression over
    ``sys.modules``) as one line, and its JSON output."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        f"sys.argv = ['asistents', 'calc', *{args!r}]\n"
        "from asistents.cli.app import app\n"
        "try:\n    app()\nexcept SystemExit as e:\n    code = e.code\n"
        f"print(code, {probe}, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stderr.strip(), json.loads(result.stdout)


def test_a_checked_payment_does_not_import_numpy_ma() -> None:
    """Checking a payment finds its distinct figures without ``np.unique``, which imports numpy.ma (a fifth of
    ``calc``'s start-up)."""
    said, shown = _calc_alone(["--avg", "80", "--used", "48", "--paid", "40", "--json"], "'numpy.ma' in sys.modules")
    assert said == "0 False"
    assert shown["check"]["over_hours"] == 8  # Pēteris paid 40 h of 32 allowed


def test_json_path_does_not_import_rich() -> None:
    """``calc --json`` is for scripts: it must not pay for Rich (or its help panels)."""
    rich = "sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.'))"
    said, shown = _calc_alone(["--avg", "130", "--used", "18", "--json"], rich)
    assert said == "0 []"
    # 1-7 June at the state maximum of 40 h a week (no --weekly), 8-9 June at the daily limit.
    assert shown["payable_hours"] == 40 + 2 * 8
