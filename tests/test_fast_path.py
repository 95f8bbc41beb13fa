"""The register's fast path gives exactly the rows of the general path (all cells to an input, then
``calculate``), on random registers whose cells are often unusable."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from asistents.cli.app import app
from asistents.core.calculate import calculate
from asistents.core.decimals import looks_like_number
from asistents.core.errors import InputError
from asistents.core.models import CalcInput, CalcResult
from asistents.io.readers import open_records
from asistents.io.records import record_to_input
from asistents.io.source import Record
from asistents.register import fast_path
from asistents.register.pipeline import compute_rows, not_a_person
from asistents.register.shared import SharedCalculation
from asistents.render.cells import day_column_names
from asistents.render.formula import neutralise
from asistents.render.options import RowOptions
from asistents.render.row_csv import CsvRows
from asistents.render.row_json import _Keys, _RowText, json_text, row_object

HOURS = ["", "0", "130", "18", "35", "112,3", "112.3", "0.25", "7.5", "745", "-1", "abc", " 40 ", "1e2", "NaN", "3,333"]
#: Optional columns and the cells they may hold.
OPTIONAL = {
    "weekly": ["", "35", "10", "40", "41", "x", "-3", "7,5"],
    "start": ["", "2020-06-01", "01.06.2020", "2020-06-05", "2020-07-01", "nav"],
    "end": ["", "2020-06-09", "2020-06-30", "2020-05-31"],
    "daily_max": ["", "8", "4", "0", "24"],
    "step": ["", "0.5", "1", "0,25", "9"],
    "exclude_weekends": ["", "jā", "nē", "maybe"],
    "no_history": ["", "nē", "jā"],
    "resumed": ["", "nē", "jā"],
    "rate": ["", "4,5", "-1"],
    "paid": ["", "40"],
    "m1": ["", "40"],
    "used_week_before": ["", "5"],
    "used_week_after": ["", "0", "25"],
    "01.06.2020": ["", "5", "9"],
}


def general_row(record: Record, defaults: CalcInput, decimal: str) -> CalcResult | tuple[object, ...]:
    """What the general path gives: the result, or the error's field, code and parameters."""
    try:
        error = record.error or not_a_person(record)
        if error is not None:
            raise error
        return calculate(record_to_input(record.values, defaults, decimal))
    except InputError as error:
        return (error.field, error.code, error.params)


@st.composite
def registers(draw: st.DrawFn) -> str:
    extra = draw(st.lists(st.sampled_from(sorted(OPTIONAL)), unique=True, max_size=4))
    columns = ["id", "name", *draw(st.permutations(["avg", "used", *extra]))]
    alike = draw(st.sampled_from(HOURS))  # rows that repeat a cell exercise the caches
    lines = [";".join(columns)]
    for n in range(draw(st.integers(1, 12))):
        cells = {"id": str(n), "name": draw(st.sampled_from(["Līga", "", "Kopā"]))}
        for column in columns[2:]:
            choices = HOURS if column in ("avg", "used") else OPTIONAL[column]
            cells[column] = (
                draw(st.sampled_from([*choices, alike]))
                if column in ("avg", "used")
                else draw(st.sampled_from(choices))
            )
        lines.append(";".join(cells[c] for c in columns))
    return "\r\n".join(lines) + "\r\n"


def rows_of(text: str, defaults: CalcInput) -> tuple[list[tuple[Record, object]], str]:
    records, detected = open_records(io.BytesIO(text.encode()), "csv")
    rows = [
        (row.record, row.result if row.error is None else (row.error.field, row.error.code, row.error.params))
        for row in compute_rows(records, defaults, detected.decimal)
    ]
    return rows, detected.decimal


@settings(max_examples=300)
@given(registers(), st.sampled_from([CalcInput(), CalcInput(weekly=Decimal(20), rate=Decimal(5))]))
def test_fast_path_rows_equal_the_general_path(text: str, defaults: CalcInput) -> None:
    rows, decimal = rows_of(text, defaults)
    assert len(rows) == text.count("\n") - 1
    for record, got in rows:
        assert got == general_row(record, defaults, decimal), record.values


def test_the_fast_path_takes_the_common_row_and_leaves_the_rest() -> None:
    path = fast_path.FastPath(CalcInput(), ".", SharedCalculation())
    text = "id,name,avg,used,weekly,paid\n1,A,130,18,35,\n2,B,130,18,35,40\n3,C,0,0,35,\n4,D,x,1,35,\n"
    records, _ = open_records(io.BytesIO(text.encode()), "csv")
    taken = [path(record) is not None for record in records]
    assert taken == [True, False, True, False]  # a payment and a bad cell: the general path


def test_the_caches_stay_bounded() -> None:
    lines = ["id,name,avg,used,weekly"] + [f"{n},N,{100 + n},{n % 7},{10 + n % 30}" for n in range(60)]
    records, _ = open_records(io.BytesIO(("\n".join(lines) + "\n").encode()), "csv")
    path = fast_path.FastPath(CalcInput(), ".", SharedCalculation(), limit=3)
    for record in records:
        assert path(record) is not None
        assert path._columns is not None and len(path._columns.contexts) <= 3
        assert len(path._averages) <= 3 and len(path._used) <= 3


# --- the renderers' shortcuts give the bytes of the plain way ------------------------------

TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=8)


@settings(max_examples=200)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=5), st.sampled_from(["130", "abc"]))
def test_json_rows_equal_json_dumps_of_the_row_object(pairs: list[tuple[str, str]], avg: str) -> None:
    """A row's JSON text, made from shared pieces and cell by cell, is json_text(row_object(row))."""
    extra = [(f"x{i}{key}", cell) for i, (key, cell) in enumerate(pairs)]
    header = ["id", "avg", "used", *(key for key, _ in extra)]
    lines = [header, ["1", avg, "18", *(cell for _, cell in extra)], ["2", avg, "18", *(cell for _, cell in extra)]]
    data = io.StringIO()
    csv.writer(data, delimiter=";").writerows(lines)
    records, detected = open_records(io.BytesIO(data.getvalue().encode()), "csv", delimiter=";")
    options = RowOptions(lang="en", input_columns=detected.columns or (), day_columns=())
    text, keys = _RowText(options), _Keys()
    for row in compute_rows(records, CalcInput(), detected.decimal):
        assert text(row) == json_text(row_object(row, options, keys))


def ndjson_rows(lines: list[str], defaults: CalcInput) -> list[tuple[Record, object]]:
    records, _ = open_records(io.BytesIO("\n".join(lines).encode()), "ndjson")
    return [
        (row.record, row.result if row.error is None else (row.error.field, row.error.code, row.error.params))
        for row in compute_rows(records, defaults, ".")
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # The same texts under other keys are other figures (a weekly cap, a rate, a claimed day).
        [
            '{"id":"1","avg":"100","used":"10","weekly":"5"}',
            '{"id":"2","avg":"100","used":"10","rate":"5"}',
            '{"id":"3","avg":"100","used":"10","2020-06-03":"5"}',
        ],
        # The same keys in another order.
        [
            '{"id":"1","avg":"100","used":"10","weekly":"10","rate":"5"}',
            '{"id":"2","avg":"100","used":"10","rate":"10","weekly":"5"}',
        ],
    ],
)
def test_json_records_with_other_keys_are_not_mixed_up(lines: list[str]) -> None:
    for record, got in ndjson_rows(lines, CalcInput()):
        assert got == general_row(record, CalcInput(), "."), record.values


@pytest.mark.parametrize("field", ["weekly", "m1"])
def test_a_list_in_a_calculation_cell_is_an_error_row_not_a_crash(field: str) -> None:
    """A JSON "months" list is read as a cell; mapped to another column it is not a figure."""
    # The months list is the only column read as the field (another would be two columns of it).
    keys = ",".join(f'"{m}":""' for m in ("m1", "m2", "m3") if m != field)
    data = f'[{{"id":"1","avg":"100","used":"10","months":[1,2,3],{keys}}}]'.encode()
    args = ["batch", "-", "--from", "json", "--to", "json", "-q", "--column", f"{field}=months"]
    result = CliRunner().invoke(app, args, input=data)
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)[0]["status"] == "error"


@settings(max_examples=200)
@given(st.lists(TEXT, min_size=2, max_size=2), st.sampled_from([(",", "."), (";", ","), (",", ",")]))
@example(["", "-0"], (",", "."))  # a name that is a number: left as it is (README "Excel")
@example(["", "-x"], (",", "."))  # a name a spreadsheet would run: neutralised
def test_csv_rows_read_back_cell_for_cell(names: list[str], dialect: tuple[str, str]) -> None:
    """Quoted in pieces, a row still reads back as its cells: line breaks, quotes and delimiters in a cell."""
    delimiter, decimal = dialect
    lines = [["id", "name", "avg", "used"], [names[0], names[1], "130.5", "18"], ["2", names[1], "130.5", "18"]]
    data = io.StringIO()
    csv.writer(data).writerows(lines)
    records, detected = open_records(io.BytesIO(data.getvalue().encode()), "csv", delimiter=",")
    days = tuple(day_column_names([date(2020, 6, d) for d in range(1, 10)]))
    options = RowOptions(
        lang="en", input_columns=detected.columns or (), day_columns=days, delimiter=delimiter, decimal=decimal
    )
    sink = io.BytesIO()
    writer = CsvRows(sink, options)
    rows = list(compute_rows(records, CalcInput(), detected.decimal))
    for row in rows:
        writer.write(row)
    writer.close()
    header, *written = list(csv.reader(io.StringIO(sink.getvalue().decode(), newline=""), delimiter=delimiter))
    assert len(written) == len(rows)
    for cells, line in zip(written, lines[1:], strict=True):
        assert len(cells) == len(header)
        # Text a spreadsheet would run is neutralised; a number such as -5 is left as it is (README "Excel").
        runs = [cell[:1] in "=+-@\t\r" and not looks_like_number(cell) for cell in line]
        assert cells[:4] == [neutralise(cell) if run else cell for cell, run in zip(line, runs, strict=True)]
