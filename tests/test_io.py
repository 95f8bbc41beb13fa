"""The readers, parsers and renderers on their own, on in-memory streams (no files, no CLI)."""

from __future__ import annotations

import codecs
import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from asistents.core.errors import InputError
from asistents.core.fields import BY_COLUMN, COLUMN_NAMES, FIELDS
from asistents.core.models import CalcInput
from asistents.io.columns import ColumnMappingError, map_header, normalise, parse_column_options
from asistents.io.dialect import sniff, sniff_decimal, sniff_delimiter
from asistents.io.encoding import detect_encoding
from asistents.io.readers import InputFileError, open_records
from asistents.io.records import record_to_input
from asistents.register.pipeline import compute_rows
from asistents.render.cells import COMPUTED_COLUMNS, csv_computed_columns, day_column_names
from asistents.render.options import RowOptions
from asistents.render.row_csv import CsvRows
from asistents.render.row_json import JsonArrayRows, NdjsonRows

# --- dialect -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "delimiter", "decimal"),
    [
        ("a;b;c\r\n1;2,5;3\r\n", ";", ","),
        ("a,b,c\n1,2.5,3\n", ",", "."),
        ("a\tb\tc\n1\t2.5\t3\n", "\t", "."),
        ("a;b\n1;2.5\n3;4.5\n", ";", "."),
        ("a;b\n1;2\n", ";", ","),  # Latvian Excel's default when no decimals show
        ('"x, y";b\n1;2\n', ";", ","),  # a comma inside quotes is not a delimiter
    ],
)
def test_dialect_is_sniffed_from_header_and_numbers(sample: str, delimiter: str, decimal: str) -> None:
    assert sniff_delimiter(sample) == delimiter
    assert sniff_decimal(sample, delimiter) == decimal


def test_explicit_delimiter_and_decimal_win() -> None:
    dialect = sniff("a;b\n1;2,5\n", delimiter=",", decimal=".")
    assert (dialect.delimiter, dialect.decimal) == (",", ".")


# --- encoding ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (codecs.BOM_UTF8 + "Vārds\n".encode(), "utf-8-sig", True),
        ("Vārds\n".encode("utf-16"), "utf-16", True),
        ("Vārds\n".encode(), "utf-8-sig", False),
        ("Vārds\n".encode("cp1257"), "cp1257", False),
    ],
)
def test_encoding_is_detected(data: bytes, encoding: str, bom: bool) -> None:
    stream = io.BytesIO(data)
    assert detect_encoding(stream, data[:4]) == (encoding, bom)
    assert stream.tell() == 0  # a seekable stream is checked to its end and rewound


def test_invalid_utf8_after_the_sample_is_found_in_a_seekable_stream() -> None:
    data = b"a\n" + b"x" * 100 + "ā".encode("cp1257")
    assert detect_encoding(io.BytesIO(data), data[:10]) == ("cp1257", False)


# --- columns -------------------------------------------------------------------------


def test_headers_match_case_and_diacritics_insensitively() -> None:
    assert normalise(" Vārds, uzvārds ") == "vards_uzvards"
    header = map_header(["Nr.", "Vārds, uzvārds", "VIDĒJI", "Izmantotās", "Nedēļā", "Piezīmes"])
    assert header.index == {"id": 0, "name": 1, "avg": 2, "used": 3, "weekly": 4}
    assert not header.duplicates


def test_column_option_maps_and_duplicates_are_reported() -> None:
    """A --column header is read as its field; a second column read as the same field is never dropped
    for it: both are named (README "How headers are read")."""
    header = map_header(["Vid. st.", "avg", "used", "izmantotas", "Cits"], {"Vid. st.": "avg", "Cits": "weekly"})
    assert header.index["avg"] == 0
    assert header.index["weekly"] == 4
    assert header.duplicates == {"avg": ["Vid. st.", "avg"], "used": ["used", "izmantotas"]}


def test_every_registry_alias_is_recognised() -> None:
    for field in FIELDS:
        for column in field.columns:
            for alias in column.aliases:
                assert map_header([alias]).index == {column.name: 0}, alias


@pytest.mark.parametrize("option", ["avg", "avg=", "nonsense=Header"])
def test_bad_column_options_are_refused(option: str) -> None:
    with pytest.raises(ColumnMappingError):
        parse_column_options([option])


# --- records -> input ----------------------------------------------------------------


def test_a_record_becomes_an_input_with_the_files_decimal_separator() -> None:
    inp = record_to_input({"avg": "96,5", "used": "20,5", "weekly": "", "start": "2020-06-01"}, CalcInput(), ",")
    assert (inp.average, inp.used, inp.weekly) == (Decimal("96.5"), Decimal("20.5"), None)


def test_run_wide_defaults_fill_empty_cells_and_cells_override_them() -> None:
    defaults = CalcInput(weekly=Decimal(35))
    assert record_to_input({"avg": "80", "used": "0", "weekly": " "}, defaults).weekly == 35
    assert record_to_input({"avg": "80", "used": "0", "weekly": "20"}, defaults).weekly == 20


def test_months_come_as_three_columns_or_not_at_all() -> None:
    inp = record_to_input({"m1": "40", "m2": "50", "m3": "30", "used": "0"}, CalcInput())
    assert inp.months == (40, 50, 30)
    with pytest.raises(InputError) as raised:
        record_to_input({"m1": "40", "m2": "", "m3": "30", "used": "0"}, CalcInput())
    assert (raised.value.field, raised.value.code) == ("m2", "months_count")


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"avg": "80"}, "columns", "missing_columns"),
        ({"used": "1"}, "columns", "missing_columns"),
        ({"avg": "1.234,5", "used": "0"}, "avg", "not_a_number"),
        ({"avg": "80", "used": "0", "resumed": "maybe"}, "resumed", "not_a_flag"),
        ({"avg": "80", "used": "0", "start": "01/06/2020"}, "start", "not_a_date"),
        ({"avg": True, "used": "0"}, "avg", "not_a_number"),
    ],
)
def test_bad_cells_name_their_column(values: dict[str, object], field: str, code: str) -> None:
    with pytest.raises(InputError) as raised:
        record_to_input(values, CalcInput(), ",")
    assert (raised.value.field, raised.value.code) == (field, code)


def test_no_history_rows_need_no_history_columns() -> None:
    assert record_to_input({"no_history": "jā"}, CalcInput()).no_history


# --- readers -------------------------------------------------------------------------


def test_csv_header_is_known_before_the_first_row() -> None:
    data = "\ufeffNr.;Vārds;Vidēji;Izmantotās;Piezīmes\r\n\r\n1;Anna;80;48;x\r\n;;;;\r\n2;Ilze;96,5;20;\r\n"
    records, detected = open_records(io.BytesIO(data.encode()), name="r.csv")
    assert detected.header is not None  # before iterating
    assert (detected.format, detected.delimiter, detected.decimal, detected.bom) == ("csv", ";", ",", True)
    assert detected.has_columns == {"id", "name", "avg", "used"}
    rows = list(records)
    # Blank rows before a person stay rows, marked blank (file lines kept); none after the last.
    assert [r.line for r in rows] == [2, 3, 4, 5]
    assert [r.error.code if r.error else None for r in rows] == ["blank_row", None, "blank_row", None]
    person = rows[1]
    assert person.values == {"id": "1", "name": "Anna", "avg": "80", "used": "48"}
    assert person.columns == ("Nr.", "Vārds", "Vidēji", "Izmantotās", "Piezīmes")
    assert list(person.cells) == ["1", "Anna", "80", "48", "x"]


def test_ragged_and_unreadable_rows_are_records_with_an_error() -> None:
    records, _ = open_records(io.BytesIO(b"avg,used\n80,48\n80\n"), "csv")
    rows = list(records)
    assert rows[0].error is None
    assert rows[1].error is not None and rows[1].error.code == "ragged_row"


def test_ndjson_and_json_records_keep_every_key() -> None:
    ndjson = b'{"id": "1", "avg": 80, "used": 48, "note": "x"}\n\nnot json\n[1]\n'
    rows = list(open_records(io.BytesIO(ndjson), "ndjson")[0])
    assert [r.line for r in rows] == [1, 3, 4]
    assert rows[0].values == {"id": "1", "avg": 80, "used": 48}
    assert rows[0].columns == ["id", "avg", "used", "note"]
    assert [r.error.code for r in rows[1:] if r.error] == ["bad_json", "not_an_object"]
    array = b'[{"avg": 1.5, "used": 0, "months": [1, 2, 3]}]'
    (row,) = open_records(io.BytesIO(array))[0]
    assert row.values["avg"] == Decimal("1.5")
    assert (row.values["m1"], row.values["m3"]) == (1, 3)


def test_a_file_that_does_not_decode_is_a_file_error() -> None:
    with pytest.raises(InputFileError) as raised:
        records, _ = open_records(io.BytesIO(b"avg;used\n\xff\xfe;1\n"), "csv", encoding="utf-8")
        list(records)
    assert raised.value.code == "f_not_encoding_line" and raised.value.params["encoding"] == "utf-8"
    assert raised.value.params["line"] == 2


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"PK\x03\x04rest", "f_workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "f_workbook"),
        (b"%PDF-1.7", "f_binary"),
    ],
)
def test_workbooks_and_binaries_are_named_not_blamed_on_the_encoding(data: bytes, code: str) -> None:
    with pytest.raises(InputFileError) as raised:
        open_records(io.BytesIO(data), "csv")
    assert raised.value.code == code


# --- renderers -----------------------------------------------------------------------

REGISTER = "id;name;avg;used;weekly;Piezīmes\r\n1;Līga;130;18;35;x\r\n2;=cmd;simts;1;;\r\n"
INPUT_COLUMNS = ("id", "name", "avg", "used", "weekly", "Piezīmes")


def rendered(renderer: type[CsvRows | NdjsonRows | JsonArrayRows], options: RowOptions) -> str:
    records, detected = open_records(io.BytesIO(REGISTER.encode()), "csv")
    assert detected.columns == INPUT_COLUMNS
    sink = io.BytesIO()
    writer = renderer(sink, options)
    for row in compute_rows(records, CalcInput(), detected.decimal):
        writer.write(row)
    writer.close()
    return sink.getvalue().decode()


def test_csv_renderer_writes_the_documented_columns_one_row_per_record() -> None:
    days = tuple(day_column_names([date(2020, 6, d) for d in range(1, 10)]))
    options = RowOptions(lang="lv", input_columns=INPUT_COLUMNS, day_columns=days, delimiter=";", decimal=",")
    header, liga, bad = list(csv.reader(io.StringIO(rendered(CsvRows, options)), delimiter=";"))
    assert header == [*INPUT_COLUMNS, *csv_computed_columns(days)]
    assert liga[: len(INPUT_COLUMNS)] == ["1", "Līga", "130", "18", "35", "x"]  # as given
    assert liga[header.index("payable_hours")] == "51"
    assert [liga[header.index(d)] for d in days] == ["5"] * 7 + ["8", "8"]
    assert liga[header.index("limited_by")] == "weekly_cap | daily_max"
    assert "10.06.2020." in liga[header.index("warnings")]  # the warning in Latvian
    assert bad[header.index("status")] == "error"
    assert bad[header.index("name")] == "'=cmd"  # never a live formula
    assert bad[header.index("error")].startswith("3. rinda: avg 'simts'")
    assert bad[header.index("payable_hours")] == ""


def test_json_renderers_write_typed_values_and_warning_codes() -> None:
    lines = rendered(NdjsonRows, RowOptions(lang="en")).splitlines()
    liga = json.loads(lines[0])
    assert list(liga) == [*INPUT_COLUMNS, *COMPUTED_COLUMNS]
    assert liga["payable_hours"] == 51 and liga["weekly"] == "35" and liga["weekly_cap"] == 35
    assert liga["days"]["2020-06-08"] == 8
    assert liga["warnings"] == [
        {"code": "used_week_after_assumed_zero", "params": {"from": "2020-06-10", "to": "2020-06-14"}}
    ]
    assert json.loads(lines[1])["status"] == "error"
    array = json.loads(rendered(JsonArrayRows, RowOptions(lang="en")))
    assert [json.loads(line) for line in lines] == array


def test_an_empty_json_array_is_still_json() -> None:
    sink = io.BytesIO()
    JsonArrayRows(sink, RowOptions(lang="en")).close()
    assert json.loads(sink.getvalue()) == []


def test_the_registry_names_every_column_once() -> None:
    assert len(COLUMN_NAMES) == len(set(COLUMN_NAMES))
    assert all(BY_COLUMN[c].name in {f.name for f in FIELDS} for c in COLUMN_NAMES)
