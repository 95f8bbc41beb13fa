"""A whole emergency as a chain of months (``asistents emergency``, core/chain.py)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from asistents.cli.app import app
from asistents.core import rules
from asistents.core.calculate import calculate
from asistents.core.chain import ChainInput, ChainResult, calculate_chain, emergency_months
from asistents.core.errors import InputError
from asistents.core.models import CalcInput

D = Decimal
FIRST, SECOND = rules.EMERGENCIES


def months_of(result: ChainResult) -> list[tuple[str, Decimal]]:
    return [(f"{m.month:%Y-%m}", m.result.payable_hours) for m in result.months]


def test_the_first_emergency_worked_example() -> None:
    """README "A whole emergency": 40, 50, 30 h before; 18 h used 1-11 March; 48 h 10-30 June; 35 h a week."""
    chain = ChainInput(FIRST, (D(40), D(50), D(30)), {date(2020, 3, 1): D(18), date(2020, 6, 1): D(48)},
                       limits=CalcInput(weekly=D(35)))  # fmt: skip
    result = calculate_chain(chain)
    assert months_of(result) == [("2020-03", 22), ("2020-04", 40), ("2020-05", D("36.5")), ("2020-06", 0)]
    assert [m.result.average for m in result.months] == [40, 40, D("36.6667"), D("38.8333")]
    assert result.payable_hours == D("98.5")


def test_the_second_emergency_worked_example() -> None:
    chain = ChainInput(SECOND, (D(60), D(70), D(65)), {date(2020, 11, 1): D(20), date(2021, 4, 1): D(30)},
                       limits=CalcInput(weekly=D(20)))  # fmt: skip
    assert months_of(calculate_chain(chain)) == [
        ("2020-11", 45), ("2020-12", D("66.5")), ("2021-01", D("65.5")), ("2021-02", D("65.5")),
        ("2021-03", D("65.5")), ("2021-04", 30),
    ]  # fmt: skip


def test_a_shared_week_holds_its_cap_once() -> None:
    """30.03-05.04.2020: March's hours there count as used in April's first week. Month by month, each
    would take the full cap in that week."""
    chain = ChainInput(FIRST, (D(300), D(300), D(300)), {date(2020, 3, 1): D(0), date(2020, 6, 1): D(0)},
                       limits=CalcInput(weekly=D(20)))  # fmt: skip
    result = calculate_chain(chain)
    march, april = result.months[0].result, result.months[1].result
    week = date(2020, 3, 30)
    in_week = sum(d.hours for r in (march, april) for d in r.days if week <= d.date <= week + timedelta(days=6))
    assert in_week == 20
    march_in_week = sum(d.hours for d in march.days if d.date >= week)
    assert result.months[1].input.used_week_before == march_in_week > 0
    alone = calculate(replace(result.months[1].input, used_week_before=None))
    assert (
        sum(d.hours for d in alone.days if d.date <= date(2020, 4, 5)) + march_in_week > 20
    )  # what the chain prevents


# --- the chain worked out again, month by month, the way README "A whole emergency" says ----------


def expected_months(chain: ChainInput) -> list[tuple[CalcInput, Decimal]]:
    """Each month's input as ``calc`` would be given it, from the rules written out plainly."""
    return [(inp, payable) for inp, payable, _ in expected_with_no_history(chain)]


def expected_with_no_history(chain: ChainInput) -> list[tuple[CalcInput, Decimal, bool]]:
    """:func:`expected_months`, and whether each month is below the no-history rule, worked out literally: its
    three months averaged are all measure-7 hours alone (a month before the emergency at 0, an emergency month
    not resumed with 0 h used on its other days), and ``calc`` of its input under the no-history rule (10 h a
    week, no average) pays more (README "A whole emergency")."""
    months = emergency_months(chain.emergency)
    history = {}
    only_measure7 = {}
    first = months[0].month
    for back, hours in zip((3, 2, 1), chain.before, strict=True):
        history[(first.year * 12 + first.month - 1 - back)] = hours
        only_measure7[(first.year * 12 + first.month - 1 - back)] = hours == 0
    out: list[tuple[CalcInput, Decimal, bool]] = []
    previous = None
    for i, month in enumerate(months):
        key = month.month.year * 12 + month.month.month - 1
        three = tuple(history[key - back] for back in (3, 2, 1))
        resumed = month.month in chain.resumed
        no_history = not resumed and all(h == 0 for h in three)
        used = chain.used.get(month.month, D(0))
        monday = month.start - timedelta(days=month.start.weekday())
        if monday == month.start:
            before = None
        elif i == 0:
            before = chain.limits.used_week_before
        else:
            assert previous is not None
            before = sum((d.hours for d in previous.days if d.date >= monday), D(0))
        sunday = month.end + timedelta(days=6 - month.end.weekday())
        after = None if sunday == month.end else (chain.limits.used_week_after if i == len(months) - 1 else D(0))
        inp = replace(
            chain.limits, months=None if no_history else three, no_history=no_history, resumed=resumed,  # type: ignore[arg-type]
            used=None if (no_history and not month.has_other_days) else used,
            start=month.start, end=month.end, used_week_before=before, used_week_after=after,
        )  # fmt: skip
        result = calculate(inp)
        below = False
        if not resumed and not no_history and all(only_measure7[key - back] for back in (3, 2, 1)):
            without = calculate(replace(inp, months=None, no_history=True))
            below = without.payable_hours > result.payable_hours
        out.append((inp, result.payable_hours, below))
        history[key] = used if resumed else used + result.payable_hours
        only_measure7[key] = not resumed and used == 0
        previous = result
    return out


STEPS = st.sampled_from([D("0.5"), D("1"), D("0.25")])


@st.composite
def chains(draw: st.DrawFn) -> ChainInput:
    emergency = draw(st.sampled_from([FIRST, SECOND]))
    months = emergency_months(emergency)
    hours = st.decimals(min_value=D(0), max_value=D(200), places=1)
    before = tuple(draw(st.one_of(st.just(D(0)), hours)) for _ in range(3))
    resumed = frozenset(m.month for m in months if draw(st.integers(0, 9)) == 0)
    used = {m.month: draw(hours) for m in months if m.has_other_days or m.month in resumed}
    first_monday = months[0].start.weekday() == 0
    last_sunday = months[-1].end.weekday() == 6
    limits = CalcInput(
        weekly=draw(st.one_of(st.none(), st.decimals(min_value=D(1), max_value=D(40), places=1))),
        daily_max=draw(st.sampled_from([D(8), D(4), D("2.5")])),
        step=draw(STEPS),
        exclude_weekends=draw(st.booleans()),
        used_week_before=None if first_monday else draw(st.one_of(st.none(), st.decimals(0, 30, places=1))),
        used_week_after=None if last_sunday else draw(st.one_of(st.none(), st.decimals(0, 30, places=1))),
    )
    return ChainInput(emergency, before, used, resumed, limits)  # type: ignore[arg-type]


@settings(max_examples=60)
@given(chains())
@example(ChainInput(FIRST, (D(0), D(0), D(0)), {date(2020, 3, 1): D(0), date(2020, 6, 1): D(0)}))
@example(  # no history in November 2020: 10 h a week, and 8 h (the daily limit) in its last week, Monday 30.11
    ChainInput(SECOND, (D(0), D(0), D(0)), {date(2020, 11, 1): D(0), date(2021, 4, 1): D(0)})
)
def test_each_month_is_calc_with_the_chain_s_figures_and_no_week_is_over_its_cap(chain: ChainInput) -> None:
    result = calculate_chain(chain)
    expected = expected_with_no_history(chain)
    below = ["chain_below_no_history" in [n.code for n in m.result.warnings] for m in result.months]
    assert [(m.input, m.result.payable_hours, b) for m, b in zip(result.months, below, strict=True)] == expected
    weekly = chain.limits.weekly if chain.limits.weekly is not None else D(40)
    by_week: dict[date, Decimal] = defaultdict(Decimal)
    for month in result.months:
        assert sum((d.hours for d in month.result.days), D(0)) == month.result.payable_hours
        for d in month.result.days:
            assert d.hours <= month.input.daily_limit
            by_week[d.date - timedelta(days=d.date.weekday())] += d.hours
    first_week = min(by_week)
    last_week = max(by_week)
    for monday, hours in by_week.items():
        other = D(0)
        if monday == first_week:
            other += chain.limits.used_week_before or 0
        if monday == last_week:
            other += chain.limits.used_week_after or 0
        assert hours <= max(D(0), weekly - other), monday


def test_persons_whose_months_differ_only_in_the_hours_carried_share_one_set_of_limits(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A set of limits is worked out once for its persons' month: the hours the month before placed in their
    shared week are each row's own figure, beside limits without them (README "A whole emergency's speed")."""
    import asistents.core.chain as chain_module

    blocks, computed = [], chain_module.computation

    def computation(rows):  # type: ignore[no-untyped-def]
        blocks.append(rows)
        return computed(rows)

    monkeypatch.setattr(chain_module, "computation", computation)
    used = {date(2020, 3, 1): D(18), date(2020, 6, 1): D(48)}
    chains = [ChainInput(FIRST, before, used, limits=CalcInput(weekly=D(35))) for before in ((D(9),) * 3, (D(90),) * 3)]
    chain_module.chains_side_by_side(chains)
    april = blocks[1]
    assert len(april.limits) == 1 and april.limits[0].used_week_before is None
    assert april.carried is not None and april.carried[0] != april.carried[1]


def test_a_month_below_the_no_history_rule_says_so() -> None:
    """No use before the emergency: March has 10 h a week; April's average is made only of March's
    measure-7 hours and gives less than 10 h a week would."""
    chain = ChainInput(FIRST, (D(0), D(0), D(0)), {date(2020, 3, 1): D(0), date(2020, 6, 1): D(0)})
    result = calculate_chain(chain)
    march, april = result.months[0], result.months[1]
    assert march.input.no_history and march.result.payable_hours > 0
    assert april.input.months == (0, 0, march.result.payable_hours)
    codes = [n.code for n in april.result.warnings]
    assert "chain_below_no_history" in codes


@pytest.mark.parametrize(
    ("used", "resumed", "code"),
    [
        ({date(2020, 3, 1): D(18)}, set(), "used_missing_for_month"),
        ({date(2020, 3, 1): D(18), date(2020, 6, 1): D(1), date(2020, 4, 1): D(5)}, set(), "used_for_whole_month"),
        ({date(2020, 3, 1): D(18), date(2020, 6, 1): D(1), date(2020, 7, 1): D(5)}, set(), "month_outside_emergency"),
        ({date(2020, 3, 1): D(18), date(2020, 6, 1): D(1)}, {date(2020, 5, 1)}, "resumed_needs_used"),
    ],
)
def test_bad_chains_are_refused(used: dict[date, Decimal], resumed: set[date], code: str) -> None:
    with pytest.raises(InputError) as raised:
        calculate_chain(ChainInput(FIRST, (D(1), D(1), D(1)), used, frozenset(resumed)))
    assert raised.value.code == code


def test_of_the_months_outside_the_emergency_the_earliest_is_named() -> None:
    used = {date(2020, 3, 1): D(18), date(2020, 6, 1): D(1), date(2020, 7, 1): D(5), date(2020, 2, 1): D(4)}
    with pytest.raises(InputError) as raised:
        calculate_chain(ChainInput(FIRST, (D(1), D(1), D(1)), used))
    assert (raised.value.code, raised.value.field, raised.value.value) == ("month_outside_emergency", "used", "2020-02")


# --- the command ---------------------------------------------------------------------------------


def test_each_figure_of_a_chain_is_checked_where_it_comes_from() -> None:
    """A month row's figures are not checked again in every row (core.chain._month_rows): the months before the
    emergency are checked once, the hours used when their month comes (the months before it still computed),
    and a figure the chain made (hours used + payable) as the newest month averaged by the month after it."""
    from asistents.core.chain import chains_side_by_side

    def stopped(before: tuple[Decimal, Decimal, Decimal], june: Decimal, march: int = 7) -> tuple[int, str]:
        (outcome,) = chains_side_by_side(
            [ChainInput(FIRST, before, {date(2020, 3, 1): D(march), date(2020, 6, 1): june})]
        )
        assert outcome.error is not None
        return len(outcome.months), f"{outcome.error.field} {outcome.error.code} {outcome.error.value}"

    assert stopped((D(-1), D(0), D(0)), D(0)) == (0, "before negative -1")
    assert stopped((D(10), D(0), D("1E+3")), D(0)) == (0, "before too_large 1E+3")
    assert stopped((D(10), D(0), D(0)), D("0.00001")) == (3, "used too_many_decimals 0.00001")
    assert stopped((D(10), D(0), D(0)), D("NaN")) == (3, "used not_finite NaN")
    # No history: 10 h a week in March whatever was used on its other days, so 744 h used + March's hours are
    # above any month's hours: April, the first month to average March, stops there (the chain's figures are
    # never negative and have no more decimals than their parts, so only the bound can fail).
    assert stopped((D(0), D(0), D(0)), D(0), march=744) == (1, "m3 too_large 784")
    (outcome,) = chains_side_by_side([ChainInput(FIRST, (D(0), D(0), D(0)), {date(2020, 3, 1): D(743),
                                                                             date(2020, 6, 1): D(0)})])  # fmt: skip
    assert outcome.error is not None and outcome.months[-1].figure == D(783) and len(outcome.months) == 1
    (outcome,) = chains_side_by_side([ChainInput(FIRST, (D(0), D(0), D(0)), {date(2020, 3, 1): D(704),
                                                                             date(2020, 6, 1): D(0)})])  # fmt: skip
    assert outcome.error is None and outcome.months[0].figure == D(744)
    # A ten-thousandth above the bound is above it.
    (outcome,) = chains_side_by_side([ChainInput(FIRST, (D(0), D(0), D(0)), {date(2020, 3, 1): D("704.0001"),
                                                                             date(2020, 6, 1): D(0)})])  # fmt: skip
    assert outcome.error is not None and str(outcome.error.value) == "744.0001" and len(outcome.months) == 1


def run(*args: str) -> object:
    return CliRunner().invoke(app, ["emergency", *args], catch_exceptions=False)


WORKED = ("--before", "40", "50", "30", "--used", "2020-03=18", "--used", "2020-06=48", "--weekly", "35")


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_the_report_fits_80_columns_and_names_the_months(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERMINAL_WIDTH", "80")
    result = run(*WORKED, "--lang", lang)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    lines = result.stdout.splitlines()  # type: ignore[attr-defined]
    assert max(len(line) for line in lines) <= 80
    text = result.stdout  # type: ignore[attr-defined]
    assert ("36.6667" if lang == "en" else "36,6667") in text
    assert ("98.5" if lang == "en" else "98,5") in text
    assert ("December 2019" if lang == "en" else "2019. gada decembris") in text


def test_json_is_valid_against_its_schema_and_each_month_has_calc_s_keys() -> None:
    schema = json.loads(CliRunner().invoke(app, ["schema", "emergency"]).stdout)
    result = run(*WORKED, "--json")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    document = json.loads(result.stdout)  # type: ignore[attr-defined]
    jsonschema.validate(document, schema)
    march = ["--months", "40", "50", "30", "--used", "18", "--start", "2020-03-12", "--weekly", "35", "--json"]
    calc = json.loads(CliRunner().invoke(app, ["calc", *march]).stdout)
    assert list(document["months"][0]) == ["month", *calc]
    assert document["months"][0] == {"month": "2020-03", **{**calc, "warnings": document["months"][0]["warnings"]}}
    assert [m["payable_hours"] for m in document["months"]] == [22, 40, 36.5, 0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--before", "40", "50", "30", "--used", "2020-03=18"), "2020-06"),
        ((*WORKED, "--used", "2020-04=5"), "2020-04=5"),
        ((*WORKED, "--used", "2020-07=5"), "2020-07"),
        ((*WORKED, "--used", "03.2020=4"), "03.2020=4"),
        ((*WORKED, "--resumed", "2020-05"), "2020-05"),
        ((*WORKED, "--resumed", "2020-05", "--resumed", "05.2020"), "05.2020"),
        (("--used", "2020-03=18", "--used", "2020-06=48"), "--before"),
        ((*WORKED, "--emergency", "3"), "3"),
        ((*WORKED[:5], "2020-13=18"), "2020-13=18"),
        ((*WORKED[:5], "2020-03:18"), "2020-03:18"),
        (("--before", "40", "-1", "30", *WORKED[4:]), "-1"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "lv"])
def test_bad_input_is_one_line_with_exit_2(args: tuple[str, ...], words: str, lang: str) -> None:
    result = run(*args, "--lang", lang)
    assert result.exit_code == 2, result.stdout  # type: ignore[attr-defined]
    assert result.stdout == ""  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and words in lines[0]


def test_one_timesheet_page_a_month(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("typst")
    from pypdf import PdfReader

    target = tmp_path / "emergency.pdf"
    result = run(*WORKED, "--pdf", str(target), "--name", "Līga Bērziņa")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    reader = PdfReader(target)
    assert len(reader.pages) == 4
    assert "2020" in reader.pages[0].extract_text()
