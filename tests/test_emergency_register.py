"""A whole emergency over a register: ``batch`` of a register with month-headed columns (register/emergency.py)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import python_calamine
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from asistents.cli.app import app
from asistents.core import rules
from asistents.core.calendar import month_text
from asistents.core.chain import ChainInput, calculate_chain, emergency_months
from asistents.core.models import CalcInput
from asistents.io.columns import map_header
from asistents.io.readers import open_records
from asistents.register.emergency import EmergencyRows
from asistents.register.months import emergency_of
from asistents.register.row import month_cell

D = Decimal
FIRST, SECOND = rules.EMERGENCIES
EXAMPLE = Path(__file__).parent.parent / "examples" / "emergency_register.csv"
HEAD = "Nr.p.k.;Vārds;Nedēļā piešķirtās (h);Decembris (h);Janvāris (h);Februāris (h);Izmantots marts (h);" + (
    "Izmantots jūnijs (h)"
)


def rows_of(data: str, number: int | None = None, defaults: CalcInput | None = None) -> list:  # type: ignore[type-arg]
    records, detected = open_records(io.BytesIO(data.encode()), "csv")
    pipeline = EmergencyRows(defaults or CalcInput(), detected.decimal, number)
    return list(pipeline(records))


def batch(tmp_path: Path, data: str, *args: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "register.csv"
    path.write_text(data, encoding="utf-8")
    return CliRunner().invoke(app, ["batch", str(path), *args])


def ndjson(result) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return [json.loads(line) for line in result.stdout.splitlines()]


# --- the month-headed columns ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("2019-12", "month@2019-12"),
        ("12.2019", "month@2019-12"),
        ("2019. gada decembris", "month@2019-12"),
        ("decembris 2019", "month@2019-12"),
        ("Decembris (h)", "month@--12"),
        ("used 2020-03", "used@2020-03"),
        ("izmantotas 03.2020", "used@2020-03"),
        ("Izmantots marts (h)", "used@--03"),
        ("paid 2020-04", "paid@2020-04"),
        ("apmaksāts 04.2020 (h)", "paid@2020-04"),
        ("izmaksāts 04.2020 (EUR)", "paid_eur@2020-04"),
        ("resumed 2020-05", "resumed@2020-05"),
    ],
)
def test_month_headers_as_offices_write_them(header: str, key: str) -> None:
    index = map_header(["Nr", "Vārds", "used 2020-06", header]).index
    assert index[key] == 3


def test_only_the_monthly_fields_are_read_by_month() -> None:
    """A field that is not given month by month ("weekly 2020-03") is not a month column: it is copied
    through and the summary says it is not used, as any column the tool does not read."""
    index = map_header(["Nr", "weekly 2020-03", "Vārds 2020-04", "used 2020-03"]).index
    assert set(index) == {"id", "used@2020-03"}


def test_a_one_month_register_keeps_its_three_months() -> None:
    """Without a month-headed figure column, three month headers are still m1-m3 (the one-month register)."""
    index = map_header(["Nr", "Vārds", "Decembris (h)", "Janvāris (h)", "Februāris (h)", "used"]).index
    assert (index["m1"], index["m2"], index["m3"], index["used"]) == (2, 3, 4, 5)
    assert not any("@" in key for key in index)


@pytest.mark.parametrize(
    ("headers", "number", "found"),
    [
        (["Decembris", "Janvāris", "Februāris", "Izmantots marts"], None, FIRST),
        (["Augusts", "Septembris", "Oktobris", "Izmantots novembris"], None, SECOND),
        (["2020-08", "2020-09", "2020-10", "used 2021-04"], None, SECOND),
        (["Izmantots jūnijs"], None, FIRST),
        (["Izmantots marts"], 2, SECOND),
    ],
)
def test_the_month_headers_decide_the_emergency(headers: list[str], number: int | None, found: object) -> None:
    assert emergency_of(map_header(["Nr", *headers]).index, number) is found


@pytest.mark.parametrize(
    ("headers", "number", "code"),
    [
        (["2019-12", "2020-01", "2020-02", "used 2020-08"], None, "months_fit_no_emergency"),
        (["2019-12", "2020-01", "2020-02", "used 2021-03"], None, "months_fit_no_emergency"),  # March, a year late
        (["Izmantots marts", "Apmaksāts aprīlis"], None, "months_fit_both"),
        (["Decembris", "Janvāris", "Februāris", "Izmantots marts"], 2, "months_not_of_emergency"),
    ],
)
def test_months_that_fit_no_one_emergency_are_refused(headers: list[str], number: int | None, code: str) -> None:
    from asistents.core.errors import InputError

    with pytest.raises(InputError) as raised:
        emergency_of(map_header(["Nr", *headers]).index, number)
    assert raised.value.code == code


# --- each person-month row is the person's chain ------------------------------------------------


def chain_of(before: tuple[Decimal, ...], march: Decimal, june: Decimal, weekly: Decimal) -> ChainInput:
    return ChainInput(
        FIRST,
        (before[0], before[1], before[2]),
        {date(2020, 3, 1): march, date(2020, 6, 1): june},
        limits=CalcInput(weekly=weekly),
    )


def assert_rows_are_chains(rows: list, chains: list[ChainInput]) -> None:  # type: ignore[type-arg]
    months = emergency_months(FIRST)
    assert len(rows) == len(chains) * len(months)
    for n, chain in enumerate(chains):
        expected = calculate_chain(chain)  # the core alone, no shared splits
        for row, month in zip(rows[n * len(months) : (n + 1) * len(months)], expected.months, strict=True):
            assert row.error is None, row.error
            assert row.month == month.month
            assert month_cell(row) == month_text(month.month)  # the month column the renderers write
            assert row.result == month.result


hours = st.decimals(min_value=0, max_value=200, places=1).map(lambda d: D(format(d.normalize(), "f")))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.tuples(hours, hours, hours), hours, hours, st.sampled_from([D(8), D(20), D(35)])),
                min_size=1, max_size=6))  # fmt: skip
@example([((D(0), D(0), D(0)), D(0), D(0), D(10))])  # no history: the chain's own hours in April
@example([((D(40), D(50), D(30)), D(18), D(48), D(35))])  # the Ministry's figures, the worked chain
def test_each_person_month_row_equals_the_person_s_chain(people: list) -> None:  # type: ignore[type-arg]
    lines = [HEAD]
    chains = []
    for n, (before, march, june, weekly) in enumerate(people, start=1):
        lines.append(f"{n};P{n};{weekly};{before[0]};{before[1]};{before[2]};{march};{june}")
        chains.append(chain_of(before, march, june, weekly))
    assert_rows_are_chains(rows_of("\n".join(lines) + "\n"), chains)


AUDIT_HEAD = HEAD + ";Apmaksāts aprīlis (h);izmaksāts 05.2020 (EUR);12.03.2020;02.04.2020"
RATE = D("7.5")
small = st.decimals(min_value=0, max_value=12, places=1).map(lambda d: D(format(d.normalize(), "f")))
maybe = st.one_of(st.none(), hours)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.tuples(hours, hours, hours), hours, hours, st.sampled_from([None, D(8), D(20), D(35)]),
            maybe, maybe, st.one_of(st.none(), small), st.one_of(st.none(), small),
        ),
        min_size=1,
        max_size=5,
    )
)  # fmt: skip
@example([((D(40), D(50), D(30)), D(18), D(48), D(35), D(200), D(10), D(12), D(0))])  # over; a claimed day above 8 h
@example([((D(0), D(0), D(0)), D(0), D(0), None, D(0), D(0), None, D(3))])  # no history; the state's 40 h
def test_each_audited_person_month_row_equals_the_person_s_chain(people: list) -> None:  # type: ignore[type-arg]
    """Paid hours, paid euro (checked by the rate), claimed days and a blank weekly figure: each month row is the
    core's chain month, its check included (the register shares splits and checks against the shared split)."""
    lines = [AUDIT_HEAD]
    chains = []
    for n, (before, march, june, weekly, april_paid, may_eur, claimed_march, claimed_april) in enumerate(people, 1):
        cells = [before[0], before[1], before[2], march, june, april_paid, may_eur, claimed_march, claimed_april]
        text = ";".join("" if c is None else str(c) for c in cells)
        lines.append(f"{n};P{n};{'' if weekly is None else weekly};{text}")
        chain = chain_of(before, march, june, weekly)  # type: ignore[arg-type]
        days = ((date(2020, 3, 12), claimed_march), (date(2020, 4, 2), claimed_april))
        claimed = {day: h for day, h in days if h is not None}
        chains.append(
            chain._replace(
                limits=CalcInput(weekly=weekly, rate=RATE),
                paid={date(2020, 4, 1): april_paid} if april_paid is not None else {},
                paid_eur={date(2020, 5, 1): may_eur} if may_eur is not None else {},
                claimed=claimed,
            )
        )
    assert_rows_are_chains(rows_of("\n".join(lines) + "\n", defaults=CalcInput(rate=RATE)), chains)


def test_each_row_of_the_example_equals_asistents_emergency_for_that_person(tmp_path: Path) -> None:
    """The example register through the command, against the ``emergency`` command for each person."""
    result = CliRunner().invoke(app, ["batch", str(EXAMPLE), "--to", "ndjson", "-q"])
    assert result.exit_code == 0, result.stderr
    rows = ndjson(result)
    people = list(csv.DictReader(EXAMPLE.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    assert len(rows) == 4 * len(people)
    for n, person in enumerate(people):
        args = ["emergency", "--json", "--weekly", person["Nedēļā piešķirtās (h)"], "--before"]
        args += [
            person[m].replace(",", ".") for m in ("2019. gada decembris", "2020. gada janvāris", "2020. gada februāris")
        ]
        args += [
            "--used",
            f"2020-03={person['Izmantots marts (h)']}",
            "--used",
            f"2020-06={person['Izmantots jūnijs (h)']}",
        ]
        if person["Atsākts maijs"]:
            args += ["--resumed", "2020-05", "--used", f"2020-05={person['Izmantots maijs (h)']}"]
        document = json.loads(CliRunner().invoke(app, args).stdout)
        for row, month in zip(rows[4 * n : 4 * n + 4], document["months"], strict=True):
            assert row["Vārds, uzvārds"] == person["Vārds, uzvārds"]
            assert row["month"] == month["month"]
            assert (row["average_hours"], row["average_months"]) == (month["average"], month["average_months"])
            assert row["days"] == {d["date"]: d["hours"] for d in month["days"]}
            for key in ("entitlement", "payable_hours", "limited_by", "warnings"):
                assert row[key] == month[key], (person["Vārds, uzvārds"], row["month"], key)


def test_the_example_s_two_persons_over_are_found() -> None:
    result = CliRunner().invoke(app, ["batch", str(EXAMPLE), "--to", "ndjson", "-q", "--fail-on-over"])
    assert result.exit_code == 3
    over = [(r["Vārds, uzvārds"], r["month"], r["over_hours"]) for r in ndjson(result) if r["verdict"] == "over"]
    assert over == [("Anna Bērziņa", "2020-05", 3.5), ("Līga Ozoliņa", "2020-04", 10)]


def test_the_example_s_results_are_what_the_tool_writes(tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    result = CliRunner().invoke(app, ["batch", str(EXAMPLE), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == (EXAMPLE.parent / "emergency_results.csv").read_bytes()


# --- what a bad cell spoils -------------------------------------------------------------------------

RESUMED_HEAD = HEAD + ";Atsākts maijs;Izmantots maijs (h);Apmaksāts aprīlis (h);Apmaksāts maijs (h)"


def statuses(rows: list) -> list[str]:  # type: ignore[type-arg]
    return ["ok" if row.error is None else row.error.code for row in rows]


def test_a_bad_june_figure_is_named_as_it_is_not_as_missing() -> None:
    rows = rows_of(HEAD + "\n1;A;35;40;50;30;18;1E+1\n")
    assert statuses(rows) == ["ok", "ok", "ok", "not_a_number"]


@pytest.mark.parametrize(
    ("cells", "column", "expected"),
    [
        ("1;A;35;745;50;30;18;48", "month@--12", ["too_large"] * 4),  # above a month's hours
        ("1;A;35;40.12345;50;30;18;48", "month@--12", ["too_many_decimals"] * 4),
        ("1;A;35;40;50;-1;18;48", "month@--02", ["negative"] * 4),
        ("1;A;35;40;50;30;745;48", "used@--03", ["too_large"] * 4),  # every month after needs March's
        ("1;A;35;40;50;30;18;1.00001", "used@--06", ["ok"] * 3 + ["too_many_decimals"]),
        ("1;A;35;40;50;30;18;-0", "used@--06", ["ok"] * 3 + ["negative"]),
    ],
)
def test_a_figure_out_of_bounds_is_named_by_its_cell(cells: str, column: str, expected: list[str]) -> None:
    """A register's hours are checked as each cell is read, with the bounds the chain's own figures have (the
    chain does not check them again): out of bounds, the cell is named with its value."""
    rows = rows_of(HEAD + "\n" + cells + "\n")
    assert statuses(rows) == expected
    value = next(cell for cell in cells.split(";")[3:] if cell not in ("35", "40", "50", "30", "18", "48"))
    assert {(r.error.field, str(r.error.value)) for r in rows if r.error} == {(column, value)}


@pytest.mark.parametrize(
    ("head", "cells", "named"),
    [
        (HEAD + ";Apmaksāts (h)", "1;A;abc;745;50;30;18;48;130", ("paid", "one_month_column")),
        (HEAD, "1;A;abc;745;50;30;18;48", ("weekly", "not_a_number")),
        (HEAD, "1;A;35;40;745;x;18;48", ("month@--01", "too_large")),
        (HEAD + ";Vidēji (h)", "1;A;35;40;745;30;18;48;99", ("month@--01", "too_large")),
        (HEAD + ";Vidēji (h)", "1;A;35;40;50;30;18;48;99", ("avg", "avg_beside_months")),
    ],
)
def test_a_person_s_first_bad_figure_in_the_order_read_is_named(head: str, cells: str, named: tuple[str, str]) -> None:
    """A person whose figures that every month needs cannot be read has the first in the order they are read
    (a one-month column given, the limits, the months before the emergency oldest first, an average beside
    them) in every month, whatever comes after it."""
    rows = rows_of(f"{head}\n{cells}\n")
    assert {(r.error.field, r.error.code) for r in rows} == {named}


SECOND_HEAD = "Nr;Vārds;weekly;used_week_before;used_week_after;2020-08;2020-09;2020-10;used 2020-11;used 2021-04"


def test_hours_used_before_an_emergency_that_starts_on_a_monday_are_an_error_in_every_month() -> None:
    """The second emergency starts on a Monday: its first week has no days before it, so hours used before
    it are never ignored but refused, in every month, as ``asistents emergency`` refuses them; the hours used
    after it (its last day is a Tuesday) and a person without either are computed."""
    rows = rows_of(f"{SECOND_HEAD}\n1;A;35;5;;40;50;30;18;48\n2;B;35;;5;40;50;30;18;48\n3;C;35;;;40;50;30;18;48\n")
    assert [(r.error.field, r.error.code, r.error.value) for r in rows[:6]] == [
        ("used_week_before", "no_days_before", "5")
    ] * 6
    assert [r.error for r in rows[6:]] == [None] * 12


def test_hours_used_in_a_month_wholly_inside_the_emergency_name_the_column_and_the_figure() -> None:
    """April 2020 has no days outside the emergency: hours used in it stop the chain there, the column and
    the figure named (the months before are computed)."""
    rows = rows_of(HEAD + ";Izmantots aprīlis (h)\n1;A;35;40;50;30;18;48;5.5\n")
    assert rows[0].error is None
    assert [(r.error.field, r.error.code, r.error.value) for r in rows[1:]] == [
        ("used@--04", "r_used_for_whole_month", "5.5")
    ] * 3


def test_a_bad_may_figure_keeps_march_and_april_computed() -> None:
    rows = rows_of(RESUMED_HEAD + "\n1;A;35;40;50;30;18;48;x;abc;;\n")
    assert statuses(rows) == ["ok", "ok", "not_a_number", "not_a_number"]
    assert rows[2].error.field == "used@--05"
    good = rows_of(RESUMED_HEAD + "\n1;A;35;40;50;30;18;48;;;;\n")
    assert [r.result for r in rows[:2]] == [r.result for r in good[:2]]


def test_a_bad_payment_spoils_only_its_own_month() -> None:
    rows = rows_of(RESUMED_HEAD + "\n1;A;35;40;50;30;18;48;;;40;-3\n")
    assert statuses(rows) == ["ok", "ok", "negative", "ok"]
    assert rows[1].result.check.paid_hours == 40
    assert rows[3].result.payable_hours == 0  # June still rolls over May's figure


def test_a_missing_june_figure_spoils_june_only_naming_its_column(tmp_path: Path) -> None:
    rows = rows_of(HEAD + "\n1;A;35;40;50;30;18;\n")
    assert statuses(rows) == ["ok", "ok", "ok", "r_used_missing_for_month"]
    result = batch(tmp_path, HEAD + "\n1;A;35;40;50;30;18;\n", "--to", "ndjson", "-q")
    assert result.exit_code == 1
    assert "Izmantots jūnijs (h) ''" in ndjson(result)[3]["error"]


def test_a_bad_person_field_is_an_error_row_for_every_month(tmp_path: Path) -> None:
    result = batch(tmp_path, HEAD + "\n1;A;abc;40;50;30;18;48\n2;B;35;40;50;30;18;48\n", "--to", "ndjson", "-q")
    rows = ndjson(result)
    months = ("2020-03", "2020-04", "2020-05", "2020-06")
    assert [(r["Vārds"], r["month"], r["status"]) for r in rows[:4]] == [("A", m, "error") for m in months]
    assert all("Nedēļā piešķirtās (h) 'abc'" in r["error"] for r in rows[:4])
    assert [r["status"] for r in rows[4:]] == ["ok"] * 4


def test_a_one_month_column_in_an_emergency_register_is_not_dropped() -> None:
    rows = rows_of(HEAD + ";Apmaksāts (h)\n1;A;35;40;50;30;18;48;130\n")
    assert statuses(rows) == ["one_month_column"] * 4


def test_blank_and_totals_rows_stay_one_row_each() -> None:
    rows = rows_of(HEAD + "\n1;A;35;40;50;30;18;48\n;;;;;;;\nKopā;;;;;;;\n2;B;35;40;50;30;18;48\n")
    assert [(r.month is None, r.error.code if r.error else "ok") for r in rows] == [
        *[(False, "ok")] * 4, (True, "blank_row"), (True, "totals_row"), *[(False, "ok")] * 4
    ]  # fmt: skip


@pytest.mark.parametrize("cells", ["1;A;35;40;50;30;18", "1;A;35;40;50;30;18;48;extra"])
def test_a_ragged_person_row_keeps_the_month_in_its_own_column(tmp_path: Path, cells: str) -> None:
    """A row with a cell too few or too many is an error for each month, and each month row has the register's
    columns and the month: a missing cell is empty, an extra one has no column (CSV, JSON and workbook)."""
    rows = rows_of(HEAD + "\n" + cells + "\n")
    assert statuses(rows) == ["ragged_row"] * 4
    months = ["2020-03", "2020-04", "2020-05", "2020-06"]
    head = HEAD.split(";")
    written = list(csv.reader(io.StringIO(batch(tmp_path, HEAD + "\n" + cells + "\n", "--to", "csv", "-q").stdout),
                              delimiter=";"))  # fmt: skip
    assert written[0][: len(head) + 1] == [*head, "month"]
    for line, month in zip(written[1:], months, strict=True):
        assert line[len(head)] == month and line[len(head) - 1] == ("48" if "48" in cells else "")
        assert line[len(head) + 2] == "error"  # the computed columns right after the month
    json_lines = ndjson(batch(tmp_path, HEAD + "\n" + cells + "\n", "--to", "ndjson", "-q"))
    for row, month in zip(json_lines, months, strict=True):
        assert list(row)[: len(head) + 1] == [*head, "month"]
        assert row["month"] == month and row[head[-1]] == ("48" if "48" in cells else None)
    book = tmp_path / "out.xlsx"
    batch(tmp_path, HEAD + "\n" + cells + "\n", "-o", str(book), "-q")
    sheet = python_calamine.CalamineWorkbook.from_path(str(book)).get_sheet_by_index(0).to_python()
    for line, month in zip(sheet[1:5], months, strict=True):
        assert line[len(head)] == month and line[len(head) - 1] in ((48.0, "48") if "48" in cells else ("",))


def test_a_missing_month_before_the_emergency_names_it() -> None:
    head = "Nr.p.k.;Vārds;Decembris (h);Janvāris (h);Izmantots marts (h);Izmantots jūnijs (h)"
    rows = rows_of(head + "\n1;A;40;50;18;48\n")
    assert statuses(rows) == ["missing_months"] * 4
    assert rows[0].error.value == "2020-02"


# --- the audit: hours and euro --------------------------------------------------------------------


def test_a_euro_only_paid_column_is_checked_in_euro_with_a_rate(tmp_path: Path) -> None:
    data = HEAD + ";Izmaksāts aprīlis (EUR)\n1;A;35;40;50;30;18;48;120\n"
    result = batch(tmp_path, data, "--to", "ndjson", "-q", "--rate", "2.5")
    april = ndjson(result)[1]
    assert (april["payable_hours"], april["paid_hours"], april["paid_euro"]) == (40, None, 120)
    assert (april["allowed_eur"], april["paid_over_eur"], april["verdict"]) == (100, 20, "over")
    without = batch(tmp_path, data, "--to", "ndjson", "-q")
    rows = ndjson(without)
    assert [r["status"] for r in rows] == ["ok", "error", "ok", "ok"]  # euro need a rate: April's own error
    rates = tmp_path / "rates.csv"
    rates.write_text("2020-03;2\n2020-04;3\n2020-05;2\n2020-06;2\n", encoding="utf-8")
    by_table = ndjson(batch(tmp_path, data, "--to", "ndjson", "-q", "--rates", str(rates)))[1]
    assert (by_table["allowed_eur"], by_table["verdict"]) == (120, "within")


def test_the_official_rates_check_the_second_emergency_in_euro(tmp_path: Path) -> None:
    head = "Nr;Vārds;Augusts;Septembris;Oktobris;Izmantots novembris;Izmantots aprīlis;Izmaksāts janvāris (EUR)"
    result = batch(tmp_path, head + "\n1;A;60;70;65;20;30;1000\n", "--to", "ndjson", "-q", "--rate", "official",
                   "--weekly", "20")  # fmt: skip
    rows = ndjson(result)
    assert [r["month"] for r in rows] == ["2020-11", "2020-12", "2021-01", "2021-02", "2021-03", "2021-04"]
    # No official rate is known for 2020: those months' hours are computed, their amount left empty with a
    # note naming the month (README "A whole emergency over a register"); the chain goes on.
    assert [r["status"] for r in rows] == ["ok"] * 6
    assert [r["payable_hours"] for r in rows] == [45, 66.5, 65.5, 65.5, 65.5, 30]  # the worked second emergency
    assert [r["amount_eur"] for r in rows[:2]] == [None, None]
    notes = [w for w in rows[0]["warnings"] if w["code"] == "no_rate_amount_empty"]
    assert notes == [{"code": "no_rate_amount_empty", "params": {"month": "2020-11"}}]
    january = rows[2]
    rate = dict(rules.official_rates(False))[date(2021, 1, 1)]
    assert D(str(january["allowed_eur"])) == (D("65.5") * rate).quantize(D("0.01"))
    assert january["verdict"] == "over"


@pytest.mark.parametrize("days", ["13.03.2020;01.04.2020", "13.03.;01.04."])  # with or without the year
def test_claimed_days_across_the_emergency_are_checked_in_their_months(days: str) -> None:
    rows = rows_of(HEAD + f";{days}\n1;A;35;40;50;30;18;48;9;1\n")
    march, april = rows[0].result.check, rows[1].result.check
    assert march.claimed_hours == 9 and march.verdict == "over"  # above the daily limit of 8 h
    assert april.claimed_hours == 1 and april.verdict == "within"
    assert rows[2].result.check is None


@pytest.mark.parametrize(("cell", "code"), [("25", "too_large"), ("1.00001", "too_many_decimals")])
def test_a_claimed_day_out_of_bounds_spoils_its_own_month_naming_its_cell(cell: str, code: str) -> None:
    """A claimed day's hours are checked as the cell is read (a day has 24 hours, a figure four decimals): out of
    bounds, its month is the error naming the cell, and the other months, a claimed day of another month
    included, are computed."""
    rows = rows_of(HEAD + f";13.03.2020;01.04.2020\n1;A;35;40;50;30;18;48;1;{cell}\n")
    assert [r.error.code if r.error else "ok" for r in rows] == ["ok", code, "ok", "ok"]
    assert (rows[1].error.field, rows[1].error.value) == ("claimed:2020-04-01", cell)
    assert rows[0].result.check.claimed_hours == 1


@pytest.mark.parametrize("column", ["paid 2020-04", "used 2020-04"])
@pytest.mark.parametrize("null_first", [True, False])
def test_a_json_null_and_the_text_none_are_told_apart_in_a_month_column(
    tmp_path: Path, column: str, null_first: bool
) -> None:
    """A JSON ``null`` is a month's cell not given; the text ``"None"`` a figure that cannot be read (its month
    the error, and every month after it for hours used). A block reads each distinct cell of a column once: the
    two are never taken for each other, whichever comes first, and a text is never read as the number it names."""
    base = {"weekly": 35, "2019-12": 40, "2020-01": 50, "2020-02": 30, "used 2020-03": 18, "used 2020-06": 48}
    people = [
        {"id": 1, **base, column: None},
        {"id": 2, **base, column: "None"},
        {"id": 3, **base, "paid 2020-05": 40.0},
        {"id": 4, **base, "paid 2020-05": "Decimal('40.0')"},
    ]
    order = people if null_first else people[::-1]
    path = tmp_path / "register.ndjson"
    path.write_text("".join(json.dumps(p) + "\n" for p in order), encoding="utf-8")
    rows = ndjson(CliRunner().invoke(app, ["batch", str(path), "--emergency", "1", "--to", "ndjson", "-q"]))
    april = {row["id"]: row for row in rows if row["month"] == "2020-04"}
    may = {row["id"]: row for row in rows if row["month"] == "2020-05"}
    assert april[1]["status"] == "ok"
    assert april[2]["status"] == "error" and f"{column} 'None'" in april[2]["error"]
    assert may[3]["status"] == "ok" and may[3]["paid_hours"] == 40
    assert may[4]["status"] == "error" and "Decimal('40.0')" in may[4]["error"]


# --- the command: outputs, summary, workbook, timesheets, schema ----------------------------------------


def test_the_command_decides_the_emergency_and_refuses_months_of_neither(tmp_path: Path) -> None:
    bad = "Nr;Vārds;2019-12;2020-01;2020-02;used 2020-08\n1;A;1;1;1;1\n"
    result = batch(tmp_path, bad, "--to", "ndjson", "-q")
    assert result.exit_code == 1
    assert "2020-08" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    result = batch(tmp_path, HEAD + "\n1;A;35;40;50;30;18;48\n", "--emergency", "2", "-q")
    assert result.exit_code == 2
    result = batch(tmp_path, HEAD + "\n1;A;35;40;50;30;18;48\n", "--emergency", "1", "--start", "2020-03-12")
    assert result.exit_code == 2 and "--start" in result.stderr


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_the_summary_counts_persons_months_and_what_is_over(lang: str) -> None:
    result = CliRunner().invoke(app, ["batch", str(EXAMPLE), "--to", "csv", "--lang", lang], env={"COLUMNS": "80"})
    words = {"en": ("Persons", "Months computed", "Months over the rules", "13.5"),
             "lv": ("Personas", "Aprēķinātie mēneši", "Mēneši virs atļautā", "13,5")}[lang]  # fmt: skip
    for word in words:
        assert word in result.stderr
    assert "month 2020-06" in result.stderr or "mēnesis 2020-06" in result.stderr


def test_the_summary_of_a_json_register_names_only_its_own_columns(tmp_path: Path) -> None:
    """The month is the output's own column, after the person's: the summary of how a JSON register's columns
    were read names the register's keys, never the month as one of them copied unread."""
    path = tmp_path / "register.ndjson"
    path.write_text(json.dumps(JSON_PERSON) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(path), "--emergency", "1", "--lang", "en", "-o",
                                      str(tmp_path / "out.csv")], env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "'used 2020-06' → used, month 2020-06" in result.stderr
    assert "'month'" not in result.stderr
    header = next(csv.reader(io.StringIO((tmp_path / "out.csv").read_text("utf-8-sig"))))
    assert header[: len(JSON_PERSON) + 2] == [*JSON_PERSON, "month", "line"]


def test_the_rows_validate_against_the_batch_emergency_schema(tmp_path: Path) -> None:
    schema = json.loads(CliRunner().invoke(app, ["schema", "batch-emergency"]).stdout)
    data = HEAD + "\n1;A;35;40;50;30;18;48\n;;;;;;;\n2;B;35;40;50;30;18;\n"
    for row in json.loads(batch(tmp_path, data, "--to", "json", "-q").stdout):
        jsonschema.validate(row, schema)


def test_the_workbook_has_a_sheet_of_persons_adding_up_their_months(tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    out = tmp_path / "results.xlsx"
    result = CliRunner().invoke(app, ["batch", str(EXAMPLE), "-o", str(out), "-q", "--lang", "lv"])
    assert result.exit_code == 0, result.stderr
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["Rezultāti", "Personas", "Kopsavilkums"]
    months = book.get_sheet_by_name("Rezultāti").to_python()
    persons = book.get_sheet_by_name("Personas").to_python()
    header = persons[0]
    assert len(persons) == 1 + 12 + 1  # header, a row per person, totals
    payable = header.index("Izmaksājams ārkārtējā situācijā (h)")
    month_payable = months[0].index("Izmaksājams (h)")
    for n, person in enumerate(persons[1:-1]):
        assert person[payable] == sum(row[month_payable] for row in months[1 + 4 * n : 5 + 4 * n])
    assert persons[-1][payable] == sum(p[payable] for p in persons[1:-1])
    over = [(p[header.index("Vārds, uzvārds")], p[header.index("Mēneši virs atļautā")]) for p in persons[1:-1]]
    assert [o for o in over if o[1]] == [("Anna Bērziņa", "2020-05"), ("Līga Ozoliņa", "2020-04")]
    assert isinstance(person[header.index("2019. gada decembris")], float)  # month figures are numbers


def test_timesheets_a_page_per_person_per_month(tmp_path: Path) -> None:
    pytest.importorskip("typst")
    from pypdf import PdfReader

    folder, single = tmp_path / "ts", tmp_path / "all.pdf"
    data = HEAD + "\n1;Anna;35;40;50;30;18;48\n2;Pēteris;35;40;50;30;18;\n"
    result = batch(tmp_path, data, "--to", "csv", "-q", "--timesheets", str(folder), "--timesheets-pdf", str(single))
    assert result.exit_code == 1  # Pēteris's June is an error row
    # Anna's June is 0 h (nothing to sign: no page); Pēteris's June is an error row.
    assert sorted(p.name for p in folder.iterdir()) == [f"1-Anna-2020-0{m}.pdf" for m in (3, 4, 5)] + [
        f"2-Peteris-2020-0{m}.pdf" for m in (3, 4, 5)
    ]
    pages = PdfReader(str(single)).pages
    assert len(pages) == 6
    assert "2020-03-12" in pages[0].extract_text() and "Pēteris" in pages[3].extract_text()


def test_the_shared_calculation_gives_what_the_core_gives() -> None:
    """Many alike persons through the register's shared splits equal the core's chain, person by person."""
    people = [((D(40), D(50), D(30)), D(18), D(48), D(35))] * 3 + [((D(80), D(80), D(80)), D(10), D(0), D(20))] * 3
    lines = [HEAD] + [f"{n};P;{w};{b[0]};{b[1]};{b[2]};{m};{j}" for n, (b, m, j, w) in enumerate(people, start=1)]
    rows = rows_of("\n".join(lines) + "\n")
    assert_rows_are_chains(rows, [chain_of(*p) for p in people])
    assert replace(rows[0].result) == rows[8].result


def test_the_persons_sheet_writes_a_person_s_cells_as_the_results_sheet_does(tmp_path: Path) -> None:
    """A number beyond a sheet's (1e400) goes onto the persons sheet as on the month rows: as its digits."""
    from python_calamine import CalamineWorkbook

    register = tmp_path / "register.json"
    person = '{"Nr": 1, "Vārds": "A", "Piezīme": 1e400, "Decembris": 40, "Janvāris": 50, "Februāris": 30, '
    person += '"Izmantots marts": 18, "Izmantots jūnijs": 48}'
    register.write_text(f"[{person}]", encoding="utf-8")
    out = tmp_path / "results.xlsx"
    result = CliRunner().invoke(app, ["batch", str(register), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    persons = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Persons").to_python()
    assert persons[1][:3] == [1.0, "A", "1E+400"]


JSON_PERSON = {"id": 1, "weekly": 35, "2019-12": 40, "2020-01": 50, "2020-02": 30, "used 2020-03": 18,
               "used 2020-06": 48}  # fmt: skip


def json_rows(people: list[tuple[int, str, str]]) -> list:  # type: ignore[type-arg]
    """A JSON register of ``JSON_PERSON``s, each with its id and one cell given as JSON text (``18.00000``)."""
    texts = [json.dumps({**JSON_PERSON, "id": n, column: "CELL"}).replace('"CELL"', cell) for n, column, cell in people]
    records, detected = open_records(io.BytesIO(("[" + ",".join(texts) + "]").encode()), "json")
    return list(EmergencyRows(CalcInput(), detected.decimal, 1)(records))


@pytest.mark.parametrize(
    ("column", "first", "second"),
    [("used 2020-03", "18", "18.00000"), ("weekly", "1", "true"), ("paid 2020-04", "40", "40.0")],
)
def test_a_json_person_s_rows_do_not_depend_on_the_person_before(column: str, first: str, second: str) -> None:
    """Numbers that are equal in Python but not as cells (18 and 18.00000: too many decimals; 1 and true; 40 and
    40.0, written as given) are read for each person: kept texts never give one person another's value or error."""
    a, b = (1, column, first), (2, column, second)

    def shown(rows: list) -> list[str]:  # type: ignore[type-arg]
        return [repr((r.error.code if r.error else None, r.result)) for r in rows]

    alone_a, alone_b = shown(json_rows([a])), shown(json_rows([b]))
    assert alone_a != alone_b  # the two cells do read otherwise
    assert shown(json_rows([a, b])) == alone_a + alone_b
    assert shown(json_rows([b, a])) == alone_b + alone_a


def test_a_bad_cell_repeated_over_a_register_keeps_no_more_than_one_row_s_error() -> None:
    """A bad cell's error is made for its row: raising one kept error again would pile up each raise's
    frames (memory growing with every such row): each row's error has a traceback of one raise, the same
    length for every person."""
    import traceback

    for bad in ("{n};P{n};35;40;50;30;n/a;48", "{n};P{n};abc;40;50;30;18;48"):  # a month's hours; weekly
        rows = rows_of("\n".join([HEAD] + [bad.format(n=n) for n in range(1, 60)]) + "\n")
        depths = [len(traceback.extract_tb(r.error.__traceback__)) for r in rows if r.error is not None]
        assert len(depths) == 4 * 59 and len(set(depths)) == 1  # one raise's frames, not one per person


def test_a_cell_is_read_for_its_own_column_and_its_person_s_rate() -> None:
    """A block of persons reads each distinct cell of a column once: the same text in another column is that
    column's (an error names its own cell), and a payment in euro is checked at its own person's rate (without
    one it is that month's error), whoever came before."""
    december, february = (3, "month@--12"), (5, "month@--02")  # the cell's place, the column it is read as
    for first, second in ((december, february), (february, december)):
        cells = [[str(n), name, "35", "40", "50", "30", "18", "48"] for n, name in ((1, "A"), (2, "B"))]
        cells[0][first[0]], cells[1][second[0]] = "745", "745"  # above a month's hours
        rows = rows_of("\n".join([HEAD, *(";".join(c) for c in cells)]) + "\n")
        named = [(r.error.field, r.error.code) for r in rows]
        assert named == [(first[1], "too_large")] * 4 + [(second[1], "too_large")] * 4

    head = HEAD + ";rate;Izmaksāts aprīlis (EUR)"
    with_rate, without = "1;A;35;40;50;30;18;48;2.5;120", "2;B;35;40;50;30;18;48;;120"
    for people, april in (([with_rate, without], [None, "paid_eur_needs_rate"]),
                          ([without, with_rate], ["paid_eur_needs_rate", None])):  # fmt: skip
        rows = rows_of("\n".join([head, *people]) + "\n")
        assert [rows[n].error.code if rows[n].error else None for n in (1, 5)] == april
        assert [r.error for n, r in enumerate(rows) if n not in (1, 5)] == [None] * 6


def test_a_person_whose_limits_equal_another_s_is_still_checked() -> None:
    """A weekly figure of 18.00000 equals another person's 18 and is still refused (too many decimals) in every
    month, as ``asistents emergency`` refuses it, whoever came before."""
    rows = rows_of(f"{HEAD}\n1;P1;18;40;50;30;18;48\n2;P2;18.00000;40;50;30;18;48\n")
    assert [r.error is None for r in rows[:4]] == [True] * 4
    assert [r.error.code if r.error else None for r in rows[4:]] == ["too_many_decimals"] * 4


@pytest.mark.parametrize("month_rows", [1, 4, 8, 12, 13])
def test_blocks_of_any_size_write_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, month_rows: int
) -> None:
    """A register is computed a block of persons at a time (about ``BLOCK_MONTH_ROWS`` month rows; the example's
    first emergency has four months: 1, 1, 2, 3 and 3 persons a block): where the blocks end changes nothing in
    what is written, the example's rows with bad cells and payments included."""
    import asistents.register.emergency as emergency

    out = tmp_path / "results.csv"
    monkeypatch.setattr(emergency, "BLOCK_MONTH_ROWS", month_rows)
    result = CliRunner().invoke(app, ["batch", str(EXAMPLE), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == (EXAMPLE.parent / "emergency_results.csv").read_bytes()


def test_a_block_holds_about_the_same_month_rows_in_either_emergency(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory follows the month rows a block holds: a block of the first emergency (four months) holds more
    persons than one of the second (six), each about ``BLOCK_MONTH_ROWS`` month rows, never more."""
    import asistents.register.emergency as emergency

    monkeypatch.setattr(emergency, "BLOCK_MONTH_ROWS", 12)
    first = HEAD + "\n" + "".join(f"{n};P{n};35;40;50;30;18;48\n" for n in range(1, 8))
    second = SECOND_HEAD + "\n" + "".join(f"{n};P{n};35;;;40;50;30;18;48\n" for n in range(1, 6))
    for data, persons, rows in ((first, [3, 3, 1], [12, 12, 4]), (second, [2, 2, 1], [12, 12, 6])):
        records, detected = open_records(io.BytesIO(data.encode()), "csv")
        blocks = list(EmergencyRows(CalcInput(), detected.decimal, None).blocks(records))
        assert [len({row.line for row in block.rows}) for block in blocks] == persons
        assert [len(block.rows) for block in blocks] == rows
        assert all(row.error is None for block in blocks for row in block.rows)
