"""Each rule and each check exists once: ``batch`` (both its paths, and its shared splits) gives
exactly what ``calculate`` gives, field by field, and a check added in one place applies everywhere."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from asistents.cli.app import app
from asistents.core import validate
from asistents.core.calculate import calculate
from asistents.core.errors import InputError
from asistents.core.fields import FIELDS
from asistents.core.models import CalcInput
from asistents.io.readers import open_records
from asistents.io.records import record_to_input
from asistents.register.pipeline import compute_rows, not_a_person

#: A row whose every limit matters: a period from Wednesday to Tuesday (both boundary weeks have
#: other days), a weekly cap the entitlement reaches, a rate.
BASE = {
    "id": "1",
    "name": "A",
    "avg": "130",
    "used": "18",
    "weekly": "35",
    "used_week_before": "5",
    "used_week_after": "10",
    "daily_max": "8",
    "step": "0.5",
    "start": "2020-06-03",
    "end": "2020-06-09",
    "exclude_weekends": "",
    "resumed": "",
    "no_history": "",
    "rate": "3.125",
}
#: For each limit field, a second value that changes the result.
OTHER = {
    "weekly": "20",
    "used_week_before": "30",
    "used_week_after": "",
    "daily_max": "6",
    "step": "1",
    "start": "2020-06-04",
    "end": "2020-06-08",
    "exclude_weekends": "jā",
    "resumed": "jā",
    "no_history": "jā",
    "rate": "4.5",
}
#: ``rates`` (a table by month) is run-wide, never a cell: tests/test_rates.py gives rows of other months.
#: ``rounded`` is the workbook reader's note, never a cell: tests/test_office_registers.py.
LIMIT_FIELDS = [
    f.name for f in FIELDS if f.attribute is not None and not f.personal and f.kind not in ("rates", "notes")
]


def outcomes(lines: list[dict[str, str]]) -> list[object]:
    """Each row through ``batch``'s pipeline: its whole result, or its error."""
    header = list(lines[0])
    text = "\n".join([",".join(header), *(",".join(line[c] for c in header) for line in lines)]) + "\n"
    records, detected = open_records(io.BytesIO(text.encode()), "csv")
    return [
        row.result if row.error is None else (row.error.field, row.error.code)
        for row in compute_rows(records, CalcInput(), detected.decimal)
    ]


def calculated(line: dict[str, str]) -> object:
    """What ``calculate`` gives for the same cells (the general way, one row alone)."""
    try:
        return calculate(record_to_input(line, CalcInput(), "."))
    except InputError as error:
        return (error.field, error.code)


def test_every_limit_field_is_tested_here() -> None:
    assert sorted(LIMIT_FIELDS) == sorted(OTHER)


@pytest.mark.parametrize("field", sorted(OTHER))
@pytest.mark.parametrize("order", ["base first", "other first"])
def test_a_limit_field_alone_changes_the_split(field: str, order: str) -> None:
    """Two rows equal but for one limit field: each gets its own result, whichever comes first.
    A shared split whose key missed the field would give the second row the first row's split."""
    base = dict(BASE)
    if field == "no_history":  # a history and "no history" together is an error; give neither
        base["avg"] = ""
    other = {**base, field: OTHER[field]}
    if field == "no_history":
        base = {**base, "avg": "130"}
    lines = [base, {**other, "id": "2"}] if order == "base first" else [other, {**base, "id": "2"}]
    got = outcomes(lines)
    expected = [calculated(line) for line in lines]
    assert got == expected
    assert expected[0] != expected[1]


def test_the_review_s_register_exclude_weekends_on_one_row_only() -> None:
    """id,name,avg,used,exclude_weekends with rows 1,A,130,18,jā and 2,B,130,18,(empty)."""
    lines = [
        {"id": "1", "name": "A", "avg": "130", "used": "18", "exclude_weekends": "jā"},
        {"id": "2", "name": "B", "avg": "130", "used": "18", "exclude_weekends": ""},
    ]
    first, second = outcomes(lines)
    assert [d.hours for d in second.days] == [
        6,
        6,
        6,
        Decimal("5.5"),
        Decimal("5.5"),
        Decimal("5.5"),
        Decimal("5.5"),
        8,
        8,
    ]  # type: ignore[attr-defined]
    assert [d.hours for d in first.days][5:7] == [0, 0]  # type: ignore[attr-defined]


# --- cell texts from hypothesis, through both of batch's paths -----------------------------


@st.composite
def number_texts(draw: st.DrawFn) -> str:
    """Texts a register may hold where a number is due: signs, spaces, commas, points, exponents,
    more decimals than four, thousands separators, and plain good numbers."""
    whole = draw(st.integers(0, 900))
    decimals = draw(st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=6)))
    mark = draw(st.sampled_from([".", ","]))
    text = f"{whole}{mark}{decimals}" if decimals else str(whole)
    text = draw(st.sampled_from(["", "-", "+", " "])) + text + draw(st.sampled_from(["", " ", "e1", "E-2"]))
    return draw(st.one_of(st.just(text), st.sampled_from(["", "0", "1.234,5", "1,234", "NaN", "x", "744", "744.0001"])))


@settings(max_examples=300)
@given(
    st.lists(st.tuples(number_texts(), number_texts(), number_texts()), min_size=1, max_size=8),
    st.sampled_from([",", ";"]),
)
@example([("130", "18", "35"), ("112,3", "0,2", "35")], ";")
@example([("744", "0", ""), ("744.0001", "0", "")], ",")
@example([("0", "0", "10"), ("0.00001", "0", "10")], ",")
def test_batch_rows_equal_calculate_on_any_cell_text(rows: list[tuple[str, str, str]], delimiter: str) -> None:
    """Every row: the same result or the same error as ``calculate`` of the row alone."""
    quote = '"{}"'.format
    body = [delimiter.join(["id", "name", "avg", "used", "weekly"])]
    body += [delimiter.join([str(n), "A", *(quote(c.replace('"', "")) for c in row)]) for n, row in enumerate(rows)]
    records, detected = open_records(io.BytesIO(("\n".join(body) + "\n").encode()), "csv", delimiter=delimiter)
    for row in compute_rows(records, CalcInput(), detected.decimal):
        error = not_a_person(row.record)
        try:
            if error is not None:
                raise error
            expected: object = calculate(record_to_input(row.values, CalcInput(), detected.decimal))
        except InputError as failure:
            expected = (failure.field, failure.code, failure.params)
        got = row.result if row.error is None else (row.error.field, row.error.code, row.error.params)
        assert got == expected, row.values


# --- a check added in one place applies everywhere -----------------------------------------


def test_a_bound_added_to_the_per_value_check_applies_to_calc_and_to_both_batch_paths(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The trial bound of the issue: hours used at most 500. One edit, in one place."""
    monkeypatch.setitem(validate._PERSON_BOUNDS, "used", Decimal(500))
    calc = CliRunner().invoke(app, ["calc", "--avg", "700", "--used", "600"])
    assert calc.exit_code == 2 and "600" in calc.stderr
    text = "id,name,avg,used,weekly,m1,m2,m3\n1,A,700,600,35,,,\n2,B,,600,35,700,700,700\n3,C,700,400,35,,,\n"
    records, detected = open_records(io.BytesIO(text.encode()), "csv")
    rows = list(compute_rows(records, CalcInput(), detected.decimal))
    assert [(r.error.field, r.error.code) if r.error else "ok" for r in rows] == [
        ("used", "too_large"), ("used", "too_large"), "ok",
    ]  # fmt: skip


def test_a_register_row_names_its_first_figure_out_of_bounds_as_calc_does() -> None:
    """A register checks each distinct cell of a person's figures once, as it reads it: a row with several out
    of bounds names the first in calc's order (the average, the three months, the hours used), and months out
    of bounds in their own columns are refused as an average is."""
    text = (
        "id,name,avg,m1,m2,m3,used\n"
        "1,A,800,,,,800\n"  # the average before the hours used
        "2,B,,30,800,30,800\n"  # the months before the hours used
        "3,C,,30,30,800,10\n"  # the last month alone
        "4,D,30,,,,800\n"
        "5,E,800,,,,10\n"
        "6,F,30,,,,10\n"
    )
    records, detected = open_records(io.BytesIO(text.encode()), "csv")
    rows = list(compute_rows(records, CalcInput(), detected.decimal))
    got = [(r.error.field, r.error.code) if r.error else "ok" for r in rows]
    assert got == [("avg", "too_large"), ("m2", "too_large"), ("m3", "too_large"), ("used", "too_large"),
                   ("avg", "too_large"), "ok"]  # fmt: skip
    for row in rows:
        try:
            calculate(record_to_input(row.values, CalcInput(), detected.decimal))
        except InputError as error:
            assert row.error is not None and (error.field, error.code) == (row.error.field, row.error.code)
    # A block whose only figure out of bounds is a month.
    records, detected = open_records(io.BytesIO(b"id,name,m1,m2,m3,used\n1,A,30,800,30,10\n2,B,30,30,30,10\n"), "csv")
    rows = list(compute_rows(records, CalcInput(), detected.decimal))
    assert [(r.error.field, r.error.code) if r.error else "ok" for r in rows] == [("m2", "too_large"), "ok"]


def test_a_check_of_the_combination_applies_to_the_register_too(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A new check across a person's figures (here: used may not exceed the average) goes in
    combination_errors, and the register's path calls it too."""
    original = validate.combination_errors

    def stricter(people, limits, group):  # type: ignore[no-untyped-def]
        found = original(people, limits, group)
        for i, p in enumerate(people):
            if found[i] is None and p.average is not None and p.used is not None and p.used > p.average:
                found[i] = InputError("used", p.used, "too_large", maximum=p.average)
        return found

    monkeypatch.setattr(validate, "combination_errors", stricter)
    text = "id,name,avg,used\n1,A,10,20\n2,B,20,10\n"
    records, detected = open_records(io.BytesIO(text.encode()), "csv")
    rows = list(compute_rows(records, CalcInput(), detected.decimal))
    assert [r.error.code if r.error else "ok" for r in rows] == ["too_large", "ok"]
    calc = CliRunner().invoke(app, ["calc", "--avg", "10", "--used", "20"])
    assert calc.exit_code == 2 and "20" in calc.stderr


# --- the rules at their boundaries: each would fail if the rule were off by one ----------


@pytest.mark.parametrize(
    ("average", "agrees"),
    [("10.0001", True), ("9.9999", True), ("10.0002", False), ("9.9998", False)],
)
def test_an_average_beside_its_months_agrees_within_a_ten_thousandth_of_an_hour(average: str, agrees: bool) -> None:
    """An average given beside three months of 10 h is the months' mean when it is within 0.0001 h of it (their
    sum within three ten-thousandths): 10.0001 agrees, 10.0002 does not (a bound taken on the sum alone
    would refuse 10.0001)."""
    inp = CalcInput(average=Decimal(average), months=(Decimal(10),) * 3, used=Decimal(0))  # type: ignore[arg-type]
    if agrees:
        assert calculate(inp).average == 10  # the months are used, exactly
    else:
        with pytest.raises(InputError) as refused:
            calculate(inp)
        assert (refused.value.field, refused.value.code) == ("avg", "avg_and_months")


@pytest.mark.parametrize("given", ["average", "months", "both"])
def test_no_history_refuses_an_average_or_months_each_on_its_own(given: str) -> None:
    """No use in the three months before (point 11.1) and a history given contradict each other, whichever
    of the two is given: months alone are refused as an average alone is."""
    average = Decimal(30) if given != "months" else None
    months = (Decimal(30),) * 3 if given != "average" else None
    inp = CalcInput(average=average, months=months, used=Decimal(0), no_history=True)  # type: ignore[arg-type]
    with pytest.raises(InputError) as refused:
        calculate(inp)
    field = "months" if given == "months" else "avg"
    assert (refused.value.field, refused.value.code) == (field, "history_and_no_history")
    text = f"id,name,m1,m2,m3,used,no_history\n1,A,{','.join(map(str, months or ('', '', '')))},0,1\n"
    records, detected = open_records(io.BytesIO(text.encode()), "csv")
    (row,) = compute_rows(records, CalcInput(), detected.decimal)
    if given == "average":
        return
    assert row.error is not None and (row.error.field, row.error.code) == ("months", "history_and_no_history")


def test_the_amount_is_rounded_half_up_to_cents() -> None:
    """1 h at 0.005 EUR is 0.01 EUR (half up), not 0.00 (half even)."""
    result = calculate(CalcInput(average=Decimal(1), used=Decimal(0), rate=Decimal("0.005")))
    assert result.payable_hours == 1 and result.amount_eur == Decimal("0.01")


@pytest.mark.parametrize(("months", "warned"), [(("0", "0", "0"), True), (("0", "0", "0.0001"), False)])
def test_an_average_of_exactly_0_is_warned_about(months: tuple[str, str, str], warned: bool) -> None:
    """Three months at 0 given under the average rule pay nothing, and say why; a ten-thousandth of an hour
    is an average, however small."""
    figures = tuple(Decimal(m) for m in months)
    result = calculate(CalcInput(months=figures, used=Decimal(0)))  # type: ignore[arg-type]
    assert ("average_zero" in [n.code for n in result.warnings]) == warned


def test_a_week_used_up_exactly_is_warned_about() -> None:
    """10-14 June: 35 h used with 35 h a week is the whole week: warned (>=, not >)."""
    result = calculate(
        CalcInput(average=Decimal(130), used=Decimal(18), weekly=Decimal(35), used_week_after=Decimal(35))
    )
    assert [n.params["week_start"] for n in result.warnings if n.code == "week_used_up"] == [date(2020, 6, 8)]
    assert result.weeks[1].hours == 0
    less = calculate(
        CalcInput(average=Decimal(130), used=Decimal(18), weekly=Decimal(35), used_week_after=Decimal("34.5"))
    )
    assert not [n for n in less.warnings if n.code == "week_used_up"]
    assert less.weeks[1].hours == Decimal("0.5")


def test_when_two_limits_bind_at_once_the_tie_rule_names_one() -> None:
    """README "Which limit is named": a week whose cap is exactly what its days' daily limits
    allow is limited by the daily limit; a total that uses up the entitlement exactly is limited
    by the entitlement, even when a cap was reached at the same moment."""
    # 1-7 June: 7 days x 8 h = 56 h = the weekly cap.
    week = calculate(CalcInput(average=Decimal(200), used=Decimal(0), weekly=Decimal(56), end=date(2020, 6, 7)))
    assert week.weeks[0].limited_by == "daily_max"
    assert week.limited_by == ("daily_max",)
    # The entitlement (35 h) is what the week's cap (35 h) allows.
    total = calculate(CalcInput(average=Decimal(35), used=Decimal(0), weekly=Decimal(35), end=date(2020, 6, 7)))
    assert total.payable_hours == 35 and total.weeks[0].limited_by == "weekly_cap"
    assert total.limited_by == ("entitlement",)
    # One step less of cap: the cap names itself.
    capped = calculate(CalcInput(average=Decimal(35), used=Decimal(0), weekly=Decimal("34.5"), end=date(2020, 6, 7)))
    assert capped.limited_by == ("weekly_cap",)


# --- parameters at their date ---------------------------------------------------------------


def test_a_figure_not_given_takes_the_parameter_on_its_own_period_s_first_day(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A daily limit that changed between March and June 2020 (a trial): a March row and a June row
    of one register, with no daily limit given, each take their own period's value; nothing is
    read when a module is imported."""
    from dataclasses import replace as replaced

    from asistents.core import rules

    changed = replaced(rules.DAILY_MAX, values=((date(2020, 1, 1), Decimal(4)), (date(2020, 6, 1), Decimal(6))))
    monkeypatch.setattr(rules, "DAILY_MAX", changed)
    lines = [
        {"id": "1", "name": "A", "avg": "130", "used": "18", "start": "2020-03-12", "end": "2020-03-31"},
        {"id": "2", "name": "B", "avg": "130", "used": "18", "start": "2020-06-01", "end": "2020-06-09"},
    ]
    march, june = outcomes(lines)
    assert (march.daily_max, june.daily_max) == (4, 6)  # type: ignore[attr-defined]
    assert max(d.hours for d in march.days) == 4 and max(d.hours for d in june.days) == 6  # type: ignore[attr-defined]
    calc = CliRunner().invoke(app, ["calc", "--avg", "130", "--used", "18", "--start", "2020-03-12", "--json"])
    assert calc.exit_code == 0 and '"daily_max": 4' in calc.stdout


# --- a whole month inside the emergency has no other days ----------------------------------


def test_a_whole_month_needs_no_hours_used_and_refuses_other_figures() -> None:
    april = {"start": date(2020, 4, 1), "end": date(2020, 4, 30)}
    result = calculate(CalcInput(average=Decimal(40), weekly=Decimal(35), **april))  # type: ignore[arg-type]
    assert result.payable_hours == 40 and result.used is None
    assert calculate(CalcInput(average=Decimal(40), used=Decimal(0), weekly=Decimal(35), **april)).payable_hours == 40  # type: ignore[arg-type]
    with pytest.raises(InputError) as raised:
        calculate(CalcInput(average=Decimal(40), used=Decimal(5), weekly=Decimal(35), **april))  # type: ignore[arg-type]
    assert raised.value.code == "used_whole_month"
    partial = CalcInput(average=Decimal(40), start=date(2020, 4, 1), end=date(2020, 4, 29))
    with pytest.raises(InputError):
        calculate(partial)  # a day of the month outside the period: the hours used are needed
    # batch: a register of April without a used column, and a row with a figure
    text = "id,name,avg,start,end\n1,A,40,2020-04-01,2020-04-30\n"
    assert [r.result.payable_hours for r in outcomes_rows(text)] == [40]  # type: ignore[union-attr]
    text = "id,name,avg,used,start,end\n1,A,40,5,2020-04-01,2020-04-30\n2,B,40,,2020-04-01,2020-04-30\n"
    assert [r.error.code if r.error else "ok" for r in outcomes_rows(text)] == ["used_whole_month", "ok"]


def outcomes_rows(text: str) -> list:  # type: ignore[type-arg]
    records, detected = open_records(io.BytesIO(text.encode()), "csv")
    return list(compute_rows(records, CalcInput(), detected.decimal))


def test_equal_limits_are_each_checked() -> None:
    """18 and 18.00000 h a week are equal numbers, and only the first is a usable figure: a row whose limits
    equal an earlier row's is still refused when its own cell is bad (the shared context is not a pass)."""
    from asistents.io.readers import open_records
    from asistents.register.pipeline import compute_rows

    data = "id;avg;used;weekly\n1;130;18;18\n2;130;18;18.00000\n3;130;18;18\n"
    records, detected = open_records(io.BytesIO(data.encode()), "csv")
    rows = list(compute_rows(records, CalcInput(), detected.decimal))
    assert [r.error.code if r.error else None for r in rows] == [None, "too_many_decimals", None]


@given(st.decimals(allow_nan=False, allow_infinity=False))
@example(Decimal("1.00000"))  # trailing zeros are decimals written
@example(Decimal("1E-7"))  # exponent form, decimals
@example(Decimal("0E-8"))
@example(Decimal("1.5E+3"))  # exponent form, none
@example(Decimal("4E+1"))
@example(Decimal("-0.00"))
def test_decimal_places_is_the_exponent(value: Decimal) -> None:
    """How many decimals a figure is written with is its exponent, whether its text is in exponent form or not
    (the check of a figure's decimals reads it so: :func:`~asistents.core.decimals.decimal_places`)."""
    from asistents.core.decimals import decimal_places

    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    assert decimal_places(value) == max(0, -exponent)


@given(st.integers(min_value=-(10**15), max_value=10**15))
@example(0)
@example(10_000)  # a whole hour: no decimals
@example(1_125_000)  # 112.5
@example(-15_000)
@example(1)
def test_ten_thousandths_are_the_plain_hours(units: int) -> None:
    """Whole ten-thousandths of an hour become exactly the plain decimal of hours, its digits too (a whole
    number without decimals, no trailing zeros): :func:`~asistents.core.person.hours_of`."""
    from asistents.core.decimals import plain
    from asistents.core.person import hours_of

    assert hours_of(units).as_tuple() == plain(Decimal(units).scaleb(-4)).as_tuple()


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**12), max_value=10**12))
@example(Decimal("4E+1"))  # exponent form: 40
@example(Decimal("1.5E+3"))
@example(Decimal("8.0"))
@example(Decimal("100.00"))
@example(Decimal("0E-8"))
@example(Decimal("-0.00"))
@example(Decimal("12.3450"))
def test_a_number_s_text_is_its_plain_digits(value: Decimal) -> None:
    """Every number's text (:func:`~asistents.core.decimals.decimal_text`) is the plain decimal's digits: no
    trailing zeros, never an exponent, the value itself."""
    from asistents.core.decimals import decimal_text, plain

    shown = decimal_text(value)
    assert "E" not in shown and Decimal(shown) == value
    assert shown == str(plain(value))
    assert decimal_text(value, ",") == shown.replace(".", ",")
    if "." in shown:
        assert not shown.endswith("0")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1.00000", "too_many_decimals"),
        ("1E-5", "too_many_decimals"),
        ("0.0001", None),
        ("4E+1", None),
        ("1.0000E+2", None),
        ("-0", "negative"),
        ("-0.5", "negative"),
        ("NaN", "not_finite"),
        ("-Infinity", "not_finite"),
        ("745", "too_large"),
        ("744", None),
    ],
)
def test_a_figure_is_checked_as_written(text: str, code: str | None) -> None:
    """Each of the checks of a figure of hours, in its order, on the forms a number can take."""
    try:
        validate.check_value("used", Decimal(text))
    except InputError as error:
        assert error.code == code
    else:
        assert code is None
