"""What a bad cell spoils (register/spoils.py), the chain at its boundaries, and a whole emergency's
register against the core's chain over both emergencies, resumed months, weekends, steps, daily
limits and boundary weeks. Each fixed case here fails if its rule is off by one."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from asistents.core import rules
from asistents.core.calculate import calculate
from asistents.core.calendar import month_text
from asistents.core.chain import ChainInput, below_no_history, below_notice, calculate_chain, emergency_months
from asistents.core.errors import InputError
from asistents.core.models import CalcInput
from asistents.io.readers import open_records
from asistents.register.emergency import EmergencyRows
from asistents.register.spoils import SPOILS, BadCell, Spoils, month_errors

from .strategies import calc_inputs

D = Decimal
FIRST, SECOND = rules.EMERGENCIES
MONTHS = [date(2020, 3, 1), date(2020, 4, 1), date(2020, 5, 1), date(2020, 6, 1)]


def bad(figure: str, month: date, code: str = "x") -> BadCell:
    return BadCell(figure, month, InputError(figure, "v", code))


def codes(errors: tuple[InputError | None, ...]) -> list[str | None]:
    return [None if e is None else e.code for e in errors]


# --- the spoil policy, as data ----------------------------------------------------------------------


def test_the_policy_names_every_figure_a_register_reads() -> None:
    """A person's figure, a month's hours used and its resumed flag feed the months after; a payment and a
    claimed day feed only their month's check."""
    assert SPOILS == {
        "person": Spoils.FROM_ITS_MONTH, "used": Spoils.FROM_ITS_MONTH, "resumed": Spoils.FROM_ITS_MONTH,
        "paid": Spoils.ITS_MONTH, "paid_eur": Spoils.ITS_MONTH, "claimed": Spoils.ITS_MONTH,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("figure", "expected", "stop"),
    [
        ("person", ["x", "x", "x", "x"], 0),
        ("used", [None, "x", "x", "x"], 1),
        ("resumed", [None, "x", "x", "x"], 1),
        ("paid", [None, "x", None, None], 4),
        ("paid_eur", [None, "x", None, None], 4),
        ("claimed", [None, "x", None, None], 4),
    ],
)
def test_each_figure_spoils_what_the_policy_says(figure: str, expected: list[str | None], stop: int) -> None:
    month = MONTHS[0] if figure == "person" else MONTHS[1]
    found = month_errors([bad(figure, month)], MONTHS)
    assert codes(found.errors) == expected and found.stop == stop


def test_the_earliest_stopping_month_wins_whatever_the_order_read() -> None:
    cells = [bad("used", MONTHS[2], "late"), bad("resumed", MONTHS[1], "early")]
    found = month_errors(cells, MONTHS)
    assert codes(found.errors) == [None, "early", "early", "early"] and found.stop == 1


def test_a_stop_in_a_month_outweighs_that_month_s_own_error_and_keeps_those_before() -> None:
    cells = [bad("claimed", MONTHS[0], "claim"), bad("paid", MONTHS[2], "paid"), bad("used", MONTHS[2], "used")]
    found = month_errors(cells, MONTHS)
    assert codes(found.errors) == ["claim", None, "used", "used"] and found.stop == 2


def test_of_two_one_month_errors_the_first_read_is_said() -> None:
    found = month_errors([bad("paid", MONTHS[3], "first"), bad("claimed", MONTHS[3], "second")], MONTHS)
    assert codes(found.errors) == [None, None, None, "first"] and found.stop == 4


# --- the same policy in a register ------------------------------------------------------------------

HEAD = "id;name;weekly;2019-12;2020-01;2020-02;used 2020-03;used 2020-06"


def rows_of(data: str, defaults: CalcInput | None = None, number: int | None = None) -> list:  # type: ignore[type-arg]
    records, detected = open_records(io.BytesIO(data.encode()), "csv")
    return list(EmergencyRows(defaults or CalcInput(), detected.decimal, number)(records))


def statuses(rows: list) -> list[str]:  # type: ignore[type-arg]
    return ["ok" if row.error is None else row.error.code for row in rows]


def test_a_bad_claimed_day_on_a_month_s_last_day_spoils_that_month_only() -> None:
    """30 April is April's: a bad cell there is April's error, and May (whose first week holds no April day
    after the 30th) is computed."""
    rows = rows_of(HEAD + ";30.04.2020;01.05.2020\n1;A;35;40;50;30;18;48;abc;2\n")
    assert statuses(rows) == ["ok", "not_a_number", "ok", "ok"]
    assert rows[2].result.check.claimed_hours == 2


def test_a_claimed_day_on_a_month_s_last_day_is_checked_in_that_month() -> None:
    rows = rows_of(HEAD + ";30.04.2020\n1;A;35;40;50;30;18;48;20\n")
    april = rows[1].result.check
    assert april.claimed_hours == 20 and [r.code for r in april.reasons] == ["day_above_daily"]
    assert rows[2].result.check is None


def test_a_bad_hours_used_stops_its_month_and_the_months_after_a_bad_payment_only_its_own() -> None:
    head = HEAD + ";resumed 2020-05;used 2020-05;paid 2020-03;paid 2020-06"
    rows = rows_of(head + "\n1;A;35;40;50;30;18;48;1;abc;-1;\n")
    assert statuses(rows) == ["negative", "ok", "not_a_number", "not_a_number"]
    rows = rows_of(head + "\n1;A;35;40;50;30;18;48;;;;-1\n")
    assert statuses(rows) == ["ok", "ok", "ok", "negative"]


# --- the chain at its boundaries ---------------------------------------------------------------------


def test_a_month_equal_to_the_no_history_rule_is_not_below_it() -> None:
    """Rows side by side: a month paying as much as the no-history rule, or more, is not below it; one paying
    a step less is."""
    payable = np.array([400_000, 400_000, 400_000, 0], dtype=np.int64)  # ten-thousandths of an hour
    no_history = np.array([400_000, 395_000, 405_000, 5_000], dtype=np.int64)
    assert below_no_history(payable, no_history).tolist() == [False, False, True, True]
    notice = below_notice(D(40), D("40.5"))
    assert notice.code == "chain_below_no_history" and notice.params == {"payable": 40, "no_history": D("40.5")}


def warnings_of(chain: ChainInput) -> list[list[str]]:
    return [[n.code for n in month.result.warnings] for month in calculate_chain(chain).months]


@pytest.mark.parametrize(
    ("before", "below"),
    [
        ((D(5), D(0), D(0)), [False, True, True, True]),  # April: January, February at 0 and March's own hours
        ((D(0), D(5), D(0)), [False, False, True, True]),  # April averages January's 5 h used: a history
    ],
)
def test_a_month_before_the_emergency_at_0_counts_as_no_use(before: tuple[Decimal, ...], below: list[bool]) -> None:
    chain = ChainInput(FIRST, before, {MONTHS[0]: D(0), MONTHS[3]: D(0)})  # type: ignore[arg-type]
    assert ["chain_below_no_history" in w for w in warnings_of(chain)] == below


def test_a_resumed_month_s_hours_are_no_measure_7_hours() -> None:
    """April resumed with 0 h used: May's average holds a month counted the normal way, so May is not
    compared with the no-history rule; a resumed May is never compared (it has no emergency hours)."""
    chain = ChainInput(FIRST, (D(0), D(0), D(0)), {MONTHS[0]: D(0), MONTHS[1]: D(0), MONTHS[3]: D(0)},
                       frozenset({MONTHS[1]}))  # fmt: skip
    assert ["chain_below_no_history" in w for w in warnings_of(chain)] == [False, False, False, False]
    chain = ChainInput(FIRST, (D(0), D(0), D(0)), {MONTHS[0]: D(0), MONTHS[2]: D(0), MONTHS[3]: D(0)},
                       frozenset({MONTHS[2]}))  # fmt: skip
    assert ["chain_below_no_history" in w for w in warnings_of(chain)] == [False, True, False, False]


def test_a_resumed_month_has_no_week_notices() -> None:
    """Its boundary weeks hold no emergency hours, so nothing is assumed about their other days."""
    period = {"start": date(2020, 6, 3), "end": date(2020, 6, 9), "weekly": D(35)}
    counted = calculate(CalcInput(average=D(50), used=D(5), **period))  # type: ignore[arg-type]
    assert [n.code for n in counted.warnings] == ["used_week_before_assumed_zero", "used_week_after_assumed_zero"]
    assert calculate(CalcInput(resumed=True, used=D(50), **period)).warnings == ()  # type: ignore[arg-type]


# --- a whole emergency's register against the chain ----------------------------------------------------

tenths = st.decimals(min_value=0, max_value=160, places=1).map(lambda d: D(format(d.normalize(), "f")))
week_hours = st.one_of(st.none(), st.sampled_from([D(0), D(3), D("12.5"), D(40)]))
person = st.fixed_dictionaries({
    "before": st.tuples(tenths, tenths, tenths),
    "used": st.lists(tenths, min_size=6, max_size=6),
    "resumed": st.lists(st.booleans(), min_size=6, max_size=6),
    "weekly": st.sampled_from([None, D(8), D(20), D(35)]),
    "week_before": week_hours,
    "week_after": week_hours,
})  # fmt: skip
limits = st.fixed_dictionaries({
    "exclude_weekends": st.booleans(),
    "step": st.sampled_from([None, D("0.25"), D(1)]),
    "daily_max": st.sampled_from([None, D(4), D("7.5")]),
})  # fmt: skip


def register_and_chains(
    emergency: rules.Emergency, people: list[dict[str, object]], defaults: CalcInput
) -> tuple[str, list[ChainInput]]:
    months = emergency_months(emergency)
    head = ["id", "weekly", "used_week_before", "used_week_after", *(month_text(m) for m in months[0].averaged)]
    for month in months:
        head += [f"resumed {month_text(month.month)}", f"used {month_text(month.month)}"]
    lines, chains = [";".join(head)], []
    for n, p in enumerate(people, start=1):
        if months[0].start.isoweekday() == 1:  # the second emergency's first week has no days before it
            p = {**p, "week_before": None}
        used: dict[date, Decimal] = {}
        resumed: set[date] = set()
        cells = ["" if p[k] is None else str(p[k]) for k in ("weekly", "week_before", "week_after")]
        cells += [str(h) for h in p["before"]]  # type: ignore[attr-defined]
        for month, hours, again in zip(months, p["used"], p["resumed"], strict=False):  # type: ignore[call-overload]
            given = month.has_other_days or again
            cells += ["1" if again else "", str(hours) if given else ""]
            if given:
                used[month.month] = hours
            if again:
                resumed.add(month.month)
        lines.append(";".join([str(n), *cells]))
        person_limits = replace(defaults, weekly=p["weekly"], used_week_before=p["week_before"],
                                used_week_after=p["week_after"])  # fmt: skip
        chains.append(ChainInput(emergency, tuple(p["before"]), used, frozenset(resumed), person_limits))  # type: ignore[arg-type]
    return "\n".join(lines) + "\n", chains


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([1, 2]), st.lists(person, min_size=1, max_size=4), limits)
@example(2, [{"before": (D(0), D(0), D(0)), "used": [D(0)] * 6, "resumed": [False, False, True, False, False, False],
              "weekly": None, "week_before": None, "week_after": D(40)}],
         {"exclude_weekends": True, "step": D("0.25"), "daily_max": D(4)})  # fmt: skip
def test_each_month_row_is_the_person_s_chain_in_either_emergency(
    number: int, people: list[dict[str, object]], values: dict[str, object]
) -> None:
    emergency = rules.EMERGENCIES[number - 1]
    defaults = CalcInput(**values)  # type: ignore[arg-type]
    text, chains = register_and_chains(emergency, people, defaults)
    rows = rows_of(text, defaults, number)
    months = emergency_months(emergency)
    assert len(rows) == len(chains) * len(months)
    for n, chain in enumerate(chains):
        person_rows = rows[n * len(months) : (n + 1) * len(months)]
        assert [r.month for r in person_rows] == [m.month for m in months]
        try:
            expected = calculate_chain(chain)
        except InputError as error:  # a whole-chain error (a boundary week with no such days): every month
            assert all(r.error is not None and r.error.code == error.code for r in person_rows)
            continue
        for row, month in zip(person_rows, expected.months, strict=True):
            assert row.error is None, row.error
            assert row.result == month.result


# --- a block's rows are independent of each other ------------------------------------------------------


def ndjson_rows(lines: list[dict[str, object]], *args: str) -> list[dict[str, object]]:
    import json

    from typer.testing import CliRunner

    from asistents.cli.app import app

    text = "".join(json.dumps(line) + "\n" for line in lines)
    result = CliRunner().invoke(app, ["batch", "-", "--from", "ndjson", "--to", "ndjson", "-q", *args], input=text)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_row_shows_its_own_digits_whatever_its_neighbours_in_the_block() -> None:
    """35.0 and 35 are equal limits, but each row shows the weekly cap and daily limit as its own cells give
    them: the same as that row alone (and as ``calc --json``)."""
    written = {"id": "1", "avg": 130, "used": 18, "weekly": "35.0", "daily_max": "8.00"}
    plain = {"id": "2", "avg": 130, "used": 18, "weekly": 35, "daily_max": 8}
    together = ndjson_rows([written, plain, written])
    alone = [ndjson_rows([row])[0] for row in (written, plain, written)]
    # As text: 35.0 == 35 in Python, so only the text tells a row's own digits.
    assert [repr({**r, "line": 0}) for r in together] == [repr({**r, "line": 0}) for r in alone]
    assert [(repr(r["weekly_cap"]), repr(r["daily_limit"])) for r in together] == [
        ("35.0", "8.0"), ("35", "8"), ("35.0", "8.0")
    ]  # fmt: skip


def test_a_person_s_month_rows_show_their_own_digits_whatever_the_person_before() -> None:
    first = "1;A;35,0;40;50;30;18;48"
    second = "2;B;35;40;50;30;18;48"
    both = rows_of(f"{HEAD}\n{first}\n{second}\n")
    alone = rows_of(f"{HEAD}\n{second}\n")
    assert [repr(r.result) for r in both[4:]] == [repr(r.result) for r in alone]


def test_blocks_hold_a_bounded_amount_of_text() -> None:
    """A block is held until it is written: long cells make smaller blocks, never a larger memory."""
    from asistents.io.source import Record
    from asistents.register.pipeline import BLOCK_TEXT, blocks

    def record(n: int, size: int) -> Record:
        return Record(n, {}, None, ("note",), ("x" * size,), {})

    small = [record(n, 10) for n in range(1200)]
    assert [len(b) for b in blocks(small, 512)] == [512, 512, 176]
    large = [record(n, BLOCK_TEXT // 3 + 1) for n in range(7)]
    assert [len(b) for b in blocks(large, 512)] == [3, 3, 1]
    assert [r.line for b in blocks(large, 512) for r in b] == list(range(7))


def _spoiled(inp: CalcInput, how: int) -> CalcInput:
    """``inp`` with a bad figure: 0 none, 1 its limits (a daily limit of 0), 2 its own figure and its limits,
    3 its limits and what was paid, 4 what was paid alone."""
    bad_limits = replace(inp, daily_max=Decimal(0))
    return [
        inp,
        bad_limits,
        replace(bad_limits, used=Decimal(-1)),
        replace(bad_limits, paid=Decimal(-1)),
        replace(inp, paid=Decimal("1e9")),
    ][how]


def _as_calc_gives(inp: CalcInput) -> object:
    try:
        return calculate(inp)
    except InputError as error:
        return (error.field, error.code, str(error.value))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(calc_inputs(), st.integers(0, 4), st.booleans()), min_size=1, max_size=8))
@example([(CalcInput(average=Decimal(80), used=Decimal(10)), how, False) for how in (0, 1, 2, 3, 4, 1)])
def test_a_block_checks_and_checks_payments_as_calc_does(drawn: list[tuple[CalcInput, int, bool]]) -> None:
    """Rows side by side share each set of limits and its check, and a payment alone is checked against
    the payable total, not the whole result: each row still gets exactly what ``calc`` gives it, the same
    error first (its own figure, then the limits, then the payment) or the same result and verdict."""
    from asistents.core.block import compute_block

    inputs = [replace(_spoiled(inp, how), paid=Decimal(7)) if paid and how < 3 else _spoiled(inp, how)
              for inp, how, paid in drawn]  # fmt: skip
    found = [o if isinstance(o, InputError) else o.result() for o in compute_block(inputs)]
    got = [(f.field, f.code, str(f.value)) if isinstance(f, InputError) else f for f in found]
    assert got == [_as_calc_gives(inp) for inp in inputs]


def test_a_row_s_first_error_is_its_own_figure_then_its_limits_then_its_payment() -> None:
    """The order ``calc`` checks in (core/validate.py), kept when a block checks each set of limits once."""
    from asistents.core.block import compute_block

    inputs = [_spoiled(CalcInput(average=Decimal(80), used=Decimal(10)), how) for how in (1, 2, 3, 4, 2, 1)]
    found = compute_block(inputs)
    assert [(f.field, f.code) if isinstance(f, InputError) else None for f in found] == [
        ("daily_max", "must_be_positive"),
        ("used", "negative"),
        ("daily_max", "must_be_positive"),
        ("paid", "too_large"),
        ("used", "negative"),
        ("daily_max", "must_be_positive"),
    ]
