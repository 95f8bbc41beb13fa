"""A block is written a column at a time: the same cells as row by row, no value carried between rows."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import BinaryIO

import pytest

from asistents.core.models import CalcInput
from asistents.io.readers import open_records
from asistents.register.pipeline import compute_blocks, compute_rows
from asistents.register.row import Placed, RegisterBlock, RegisterRow, placements
from asistents.render.cells import COMPUTED_COLUMNS, block_columns, computed, csv_computed_columns
from asistents.render.options import RowOptions
from asistents.render.registry import RowRenderer
from asistents.render.row_csv import CsvRows

#: Rows side by side with the same figures written differently (35 and 35.0), one without a weekly figure,
#: a payment, a claimed split, a repeating average, an error and a totals row between them.
REGISTER = (
    "id;avg;used;weekly;paid;01.06.;02.06.\r\n"
    "1;130;18;35;;;\r\n"
    "2;130;18;35,0;40;;\r\n"
    "3;96,5;20,5;;;9;4\r\n"
    "4;simts;1;;;;\r\n"
    "5;100;10,25;20;51;;\r\n"
    "Kopā;;;;;;\r\n"
    "6;130;18;35;;;\r\n"
)


def _written(renderer: Callable[[BinaryIO, RowOptions], RowRenderer], options: RowOptions,
             blocks: list[list[RegisterRow]] | list[RegisterBlock]) -> str:  # fmt: skip
    """``blocks`` written: rows each on its own, or a pipeline's blocks with the computed blocks they are of."""
    sink = io.BytesIO()
    writer = renderer(sink, options)
    for block in blocks:
        if isinstance(block, RegisterBlock):
            writer.write_block(block.rows, block.placed)
        else:
            writer.write_block(block)
    writer.close()
    return sink.getvalue().decode()


def _blocks(data: str) -> list[RegisterBlock]:
    records, detected = open_records(io.BytesIO(data.encode()), "csv")
    return list(compute_blocks(records, CalcInput(rate=None), detected.decimal))


def _columns(rows: list[RegisterRow], placed: list[Placed]) -> dict[str, list[object]]:
    """The computed columns of ``rows``' computed blocks, in the rows' order."""
    found: dict[str, list[object]] = {column: [] for column in COMPUTED_COLUMNS}
    for each in placed:
        for column, values in block_columns(each, [rows[at].line for at in each.at]).items():
            found[column].extend(values)
    return found


def _rows(data: str) -> tuple[list[RegisterRow], tuple[str, ...]]:
    records, detected = open_records(io.BytesIO(data.encode()), "csv")
    assert detected.columns is not None
    return list(compute_rows(records, CalcInput(rate=None), detected.decimal)), detected.columns


def test_a_block_s_columns_are_its_rows_computed_one_at_a_time() -> None:
    (block,) = _blocks(REGISTER)
    rows = block.rows
    done = [row for row in rows if row.outcome is not None]
    assert len(done) == 5 and len(block.placed) == 1  # one period: one computed block
    assert block.placed[0].at == [n for n, row in enumerate(rows) if row.outcome is not None]
    columns = _columns(rows, block.placed)
    assert list(columns) == list(COMPUTED_COLUMNS)
    for n, row in enumerate(done):
        assert {column: values[n] for column, values in columns.items()} == computed(row, None)
    assert [str(v) for v in columns["weekly_cap"]] == ["35", "35.0", "40", "20", "35"]
    assert [v is not None for v in columns["verdict"]] == [False, True, True, True, False]


@pytest.mark.parametrize("decimal", [".", ","])
def test_a_block_is_written_as_its_rows_one_at_a_time(decimal: str) -> None:
    rows, columns = _rows(REGISTER)
    options = RowOptions(lang="lv", input_columns=columns, day_columns=(), delimiter=";", decimal=decimal)
    together = _written(CsvRows, options, [rows])
    assert together == _written(CsvRows, options, [[row] for row in rows])
    assert together == _written(CsvRows, options, [rows[:3], rows[3:]])
    assert together == _written(CsvRows, options, _blocks(REGISTER))
    lines = together.splitlines()
    assert len(lines) == 1 + len(rows)
    assert lines[2].split(";")[columns.index("weekly")] == "35,0"  # the input as given


@pytest.mark.parametrize("kind", ["ndjson", "json"])
def test_a_block_of_json_rows_is_its_rows_one_at_a_time(kind: str) -> None:
    from asistents.render.row_json import JsonArrayRows, NdjsonRows

    rows, columns = _rows(REGISTER)
    options = RowOptions(lang="en", input_columns=columns, day_columns=())
    renderer = NdjsonRows if kind == "ndjson" else JsonArrayRows
    together = _written(renderer, options, [rows])
    assert together == _written(renderer, options, [[row] for row in rows])
    assert together == _written(renderer, options, [rows[:2], rows[2:]])
    assert together == _written(renderer, options, _blocks(REGISTER))
    assert '"weekly_cap":35,' in together and '"weekly_cap":35.0,' in together  # each row's own digits


@pytest.mark.parametrize("kind", ["csv", "ndjson"])
def test_rows_of_periods_with_the_same_first_or_last_day_each_show_their_own_days(kind: str) -> None:
    """A block lays each period's days out once: 1-5, 1-9 and 3-9 June share a first or a last day and are
    three layouts."""
    from asistents.render.cells import day_column_names
    from asistents.render.row_json import NdjsonRows

    periods = ["01.06.2020;05.06.2020", "01.06.2020;09.06.2020", "03.06.2020;09.06.2020"]
    rows, columns = _rows("id;avg;used;start;end\r\n" + "".join(f"{n};130;18;{p}\r\n" for n, p in enumerate(periods)))
    options = RowOptions(lang="en", input_columns=columns, day_columns=tuple(day_column_names(None)), delimiter=";",
                         by_day_of_month=True)  # fmt: skip
    renderer = CsvRows if kind == "csv" else NdjsonRows
    together = _written(renderer, options, [rows])  # type: ignore[arg-type]
    assert together == _written(renderer, options, [[row] for row in rows])  # type: ignore[arg-type]
    assert [len(row.outcome.day_hours()) for row in rows] == [5, 9, 7]  # type: ignore[union-attr]


def test_json_numbers_side_by_side_keep_their_own_digits() -> None:
    """Rows of one block whose limits are equal numbers written differently (JSON 35 and 35.0) each show
    their own: a cell is read as it is written, so the two are not one set of limits."""
    data = '[{"id":1,"avg":130,"used":18,"weekly":35},{"id":2,"avg":130,"used":18,"weekly":35.0}]'
    records, detected = open_records(io.BytesIO(data.encode()), "json")
    rows = list(compute_rows(records, CalcInput(rate=None), detected.decimal))
    assert [str(v) for v in _columns(rows, placements(rows))["weekly_cap"]] == ["35", "35.0"]


def test_warnings_with_equal_numbers_are_written_alike() -> None:
    """A warning's number is written by its value (45 and 45,0 alike), so a block writes each distinct list of
    warnings once and every row reads as it would alone."""
    rows, columns = _rows("id;avg;used;weekly\r\n1;130;18;45\r\n2;130;18;45,0\r\n3;130;18;46\r\n")
    options = RowOptions(lang="lv", input_columns=columns, day_columns=(), delimiter=";", decimal=",")
    together = _written(CsvRows, options, [rows])
    assert together == _written(CsvRows, options, [[row] for row in rows])
    at = len(columns) + csv_computed_columns(()).index("warnings")
    warned = [line.split(";")[at] for line in together.splitlines()[1:]]
    assert "45 h" in warned[0] and warned[0] == warned[1] and "46 h" in warned[2]


@pytest.mark.parametrize(
    ("header", "cells", "named"),
    [
        ("id;weekly;avg;used", "1;abc;xyz;18", "weekly"),
        ("id;avg;weekly;used", "1;xyz;abc;18", "avg"),
        # A cell that cannot be read comes before the three months together, and those before the columns.
        ("id;m1;m2;weekly;used", "1;40;;abc;18", "weekly"),
        ("id;m1;m2;used", "1;40;;18", "m2"),
        ("id;weekly;01.06.", "1;abc;x", "weekly"),
        ("id;weekly;01.06.", "1;35;x", "claimed:--06-01"),
        ("id;weekly", "1;35", "columns"),
    ],
)
def test_a_row_read_in_a_block_names_its_first_problem_in_the_row_s_order(header: str, cells: str, named: str) -> None:
    """Read a column at a time, a row with several problems still names the first as the row is read: its cells
    in order, then the three months together, the claimed days, and missing columns (as ``calc`` would)."""
    rows, _ = _rows(f"{header}\r\n{cells}\r\n2;130;18;35;;\r\n")
    error = rows[0].error
    assert error is not None and error.field == named


def test_the_summary_counts_each_computed_row_once_whatever_its_block() -> None:
    """The totals are summed a computed block at a time: they are each row's own figures added up (every
    limit a row reached counted, a payment's verdict and excess), the same when each row is added on its
    own."""
    from dataclasses import asdict
    from datetime import date
    from decimal import Decimal

    from asistents.render.summary import BatchTotals

    data = (
        "id;avg;used;weekly;daily_max;no_history;paid;start;end;step\r\n"
        "1;130;18;35;;;;02.06.2020;05.06.2020;\r\n"  # the weekly cap; a period of its own
        "2;200;0;40;4;;;;;\r\n"  # the daily limit
        "3;;;;;1;;;;\r\n"  # no history: 10 h a week
        "4;130;18;;;;100;01.06.2020;03.06.2020;\r\n"  # paid above what is allowed
        "5;simts;1;;;;;;;\r\n"  # an error
        "6;96,5;20,5;20;;;30;;;\r\n"
        "7;200;0;30;;;;;;0,25\r\n"  # the weekly cap again, beside row 6, in quarter hours
        "8;100;0;33;;;;;;0,1\r\n"
    )
    records, detected = open_records(io.BytesIO(data.encode()), "csv")
    whole, each = BatchTotals(), BatchTotals()
    rows: list[RegisterRow] = []
    for block in compute_blocks(records, CalcInput(rate=Decimal("7.5")), detected.decimal):
        whole.add(block.rows, block.placed)
        rows += block.rows
    for row in rows:
        each.add([row], placements([row]))
    assert asdict(whole) == asdict(each)
    results = [row.result for row in rows if row.result is not None]
    assert (whole.rows, whole.ok, whole.errors) == (8, 7, 1)
    # Rows of other steps, and several rows of one block that reached the same limit.
    assert {result.step for result in results} == {Decimal("0.5"), Decimal("0.25"), Decimal("0.1")}
    assert sum("weekly_cap" in result.limited_by for result in results if result.period.start == date(2020, 6, 1)) > 1
    periods = [result.period for result in results]
    assert (whole.first_day, whole.last_day) == (min(p.start for p in periods), max(p.end for p in periods))
    assert (whole.first_day, whole.last_day) == (date(2020, 6, 1), date(2020, 6, 9))
    for reason in ("weekly_cap", "no_history_cap", "daily_max"):
        reached = sum(reason in result.limited_by for result in results)
        assert reached > 0 and getattr(whole, reason) == reached, reason
    assert whole.payable_hours == sum(result.payable_hours for result in results)
    assert whole.amount_eur == sum(result.amount_eur or 0 for result in results) > 0
    checks = [result.check for result in results if result.check is not None]
    assert whole.checked == len(checks) == 2
    assert whole.over_rows == sum(check.verdict == "over" for check in checks) == 1
    assert whole.over_hours == sum(check.over_hours for check in checks) > 0
    assert whole.over_eur == sum(check.over_eur or 0 for check in checks) > 0


@pytest.mark.parametrize("kind", ["csv", "ndjson"])
def test_a_whole_emergency_is_written_as_its_rows_one_at_a_time(kind: str) -> None:
    """A whole emergency's register is written a computed block at a time (a month of the block's persons is
    one computed block, its rows placed among the persons' rows, a month apart): the same text as each row
    written on its own, and every month row of a person placed once."""
    from pathlib import Path

    from asistents.register.emergency import EmergencyRows
    from asistents.register.row import MONTH_COLUMN
    from asistents.render.cells import day_column_names
    from asistents.render.row_json import NdjsonRows

    lines = (Path(__file__).resolve().parent.parent / "examples" / "emergency_register.csv").read_text().splitlines()
    cells = lines[1].split(";")
    cells[lines[0].split(";").index("Apmaksāts aprīlis (h)")] = "daudz"  # a bad payment spoils its month only
    lines[1] = ";".join(cells)
    records, detected = open_records(io.BytesIO("\n".join(lines).encode()), "csv")
    assert detected.columns is not None
    blocks = list(EmergencyRows(CalcInput(), detected.decimal, None).blocks(records))
    rows = [row for block in blocks for row in block.rows]
    for block in blocks:  # every computed row placed once, none other
        placed = sorted(at for each in block.placed for at in each.at)
        assert placed == [n for n, row in enumerate(block.rows) if row.outcome is not None]
    assert sum(row.outcome is not None for row in rows) > 40
    assert [row.error is None for row in rows[:4]] == [True, False, True, True]  # the first person's April
    options = RowOptions(lang="lv", input_columns=(*detected.columns, MONTH_COLUMN),
                         day_columns=tuple(day_column_names(None)), delimiter=";", decimal=",",
                         by_day_of_month=True, whole_emergency=True)  # fmt: skip
    renderer = CsvRows if kind == "csv" else NdjsonRows
    together = _written(renderer, options, blocks)  # type: ignore[arg-type]
    assert together == _written(renderer, options, [[row] for row in rows])  # type: ignore[arg-type]
    assert together == _written(renderer, options, [rows])  # type: ignore[arg-type]
