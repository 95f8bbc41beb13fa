"""Excel workbooks in and out: examples/recipients.xlsx read, a workbook written and read back."""

from __future__ import annotations

import csv
import hashlib
import io
import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from typer.testing import CliRunner, Result

from asistents.cli.app import app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "recipients.xlsx"


def batch(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, ["batch", *args], input=stdin, env=env, catch_exceptions=False)


def workbook(rows: list[list[object]], sheets: tuple[str, ...] = ("Saraksts",)) -> bytes:
    sink = io.BytesIO()
    book = xlsxwriter.Workbook(sink, {"in_memory": True, "strings_to_formulas": False})
    for name in sheets:
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    book.close()
    return sink.getvalue()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    out = tmp_path_factory.mktemp("xlsx") / "results.xlsx"
    result = batch(str(EXAMPLE), "-o", str(out), "--lang", "lv", env={"SOURCE_DATE_EPOCH": "1591920000"})
    return result, out


# --- reading -------------------------------------------------------------------------------------


def test_the_header_row_is_found_below_the_title_and_named_on_stderr() -> None:
    result = batch(str(EXAMPLE), "--to", "ndjson")
    assert "Read XLSX: sheet 'Saraksts', header on row 3" in result.stderr
    assert "'Personas kods' → personal_code" in result.stderr


def test_typed_cells_every_row_and_the_register_rules() -> None:
    import json

    rows = [
        json.loads(line, parse_float=Decimal)
        for line in batch(str(EXAMPLE), "--to", "ndjson", "-q").stdout.splitlines()
    ]
    assert [r["line"] for r in rows] == [4, 5, 6, 7, 8, 9, 10]  # every data row, nothing lost
    peteris, liga, formula, marta, gunars, anna, totals = rows
    assert peteris["Nr.p.k."] == 1 and peteris["payable_hours"] == 32  # 1.0 -> 1
    assert liga["Vidēji (h)"] == Decimal("130.55") and liga["entitlement"] == Decimal("112.55")
    assert liga["Sākums"] == "2020-06-01" and liga["payable_hours"] == 51  # a real date cell
    assert formula["Vārds, uzvārds"].startswith("=HYPERLINK(") and formula["status"] == "ok"
    assert marta["status"] == "error" and "Izmantotas (h)" in marta["error"]  # blank used
    assert gunars["Atsākts"] is True and gunars["limited_by"] == ["resumed"]  # TRUE cell
    assert anna["period_end"] == "2020-03-31"  # "Sākums" alone: ends with the emergency in March
    assert totals["status"] == "totals" and totals["error"] is None  # a totals row, no error


@pytest.mark.parametrize(("sheet", "name"), [("2", "Otrā"), ("Otrā", "Otrā"), ("otrā", "Otrā")])
def test_a_sheet_by_number_or_name(sheet: str, name: str) -> None:
    data = workbook([["avg", "used"], [80, 48]], sheets=("Pirmā", "Otrā"))
    result = batch("-", "--sheet", sheet, "--to", "ndjson", stdin=data)
    assert f"sheet '{name}'" in result.stderr and result.exit_code == 0


def test_a_wrong_sheet_lists_the_sheets() -> None:
    data = workbook([["avg", "used"], [80, 48]], sheets=("Pirmā", "Otrā"))
    result = batch("-", "--sheet", "Trešā", stdin=data)
    assert result.exit_code == 1
    assert result.stderr == "asistents: error: FILE 'stdin': has no sheet 'Trešā'; its sheets: 'Pirmā', 'Otrā'\n"


def test_workbook_bytes_named_csv_are_read_as_a_workbook_or_named_when_forced(tmp_path: Path) -> None:
    misnamed = tmp_path / "register.csv"
    misnamed.write_bytes(workbook([["avg", "used"], [80, 48]]))
    assert batch(str(misnamed), "--to", "ndjson", "-q").exit_code == 0
    forced = batch(str(misnamed), "--from", "csv", "-q")
    assert forced.exit_code == 1 and "is a workbook (xlsx)" in forced.stderr


# --- writing -------------------------------------------------------------------------------------


def test_the_written_workbook_has_both_sheets_typed_values_and_formats(written: tuple[Result, Path]) -> None:
    result, out = written
    assert result.exit_code == 1  # Marta and the totals row
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Rezultāti", "Kopsavilkums"]
    sheet = book["Rezultāti"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["Nr.p.k.", "Vārds, uzvārds", "Personas kods", "Vidēji (h)", "Izmantotas (h)",
                          "Piešķirtas nedēļā (h)", "Sākums", "Atsākts"]  # fmt: skip
    assert "Izmaksājams (h)" in header and "Brīdinājumi" in header and "Summa (EUR)" in header
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    liga = [c for c in sheet[3]]
    payable = header.index("Izmaksājams (h)")
    assert liga[payable].value == 51 and liga[payable].number_format == "0.00"
    assert liga[3].value == 130.55  # the input's number as it came
    assert isinstance(liga[header.index("Periods no")].value, datetime)
    assert liga[header.index("Periods no")].number_format == "dd.mm.yyyy"
    assert liga[header.index("Ierobežojums")].value == "nedēļas ierobežojums; dienas limits"
    day_8 = header.index("8. diena")
    assert liga[day_8].value == 8


def test_error_rows_are_highlighted_with_their_message(written: tuple[Result, Path]) -> None:
    _, out = written
    sheet = openpyxl.load_workbook(out)["Rezultāti"]
    header = [c.value for c in sheet[1]]
    marta = sheet[5]
    assert marta[header.index("Statuss")].value == "kļūda"
    assert "rakstiet 0" in marta[header.index("Kļūda")].value
    assert marta[0].fill.fgColor.rgb.endswith("F8D7DA")
    # Across the row: its empty cells too (a computed column an error row leaves empty).
    assert marta[header.index("Izmaksājams (h)")].value is None
    assert marta[header.index("Izmaksājams (h)")].fill.fgColor.rgb.endswith("F8D7DA")
    assert sheet[3][0].fill.fgColor.rgb in ("00000000", None) or not sheet[3][0].fill.fill_type


def test_the_totals_row_uses_subtotal_with_cached_values(written: tuple[Result, Path]) -> None:
    _, out = written
    sheet = openpyxl.load_workbook(out)["Rezultāti"]
    header = [c.value for c in sheet[1]]
    last = sheet.max_row
    payable = header.index("Izmaksājams (h)")
    assert sheet.cell(last, 1).value == "Kopā"
    letter = openpyxl.utils.get_column_letter(payable + 1)
    assert sheet.cell(last, payable + 1).value == f"=SUBTOTAL(109,{letter}2:{letter}{last - 1})"
    cached = openpyxl.load_workbook(out, data_only=True)["Rezultāti"].cell(last, payable + 1).value
    assert cached == 32 + 51 + 36 + 0 + 76


def test_no_input_text_became_a_formula(written: tuple[Result, Path]) -> None:
    _, out = written
    sheet = openpyxl.load_workbook(out)["Rezultāti"]
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row - 1):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    assert sheet["B4"].value.startswith("=HYPERLINK(") and sheet["B4"].data_type == "s"


def test_the_summary_sheet(written: tuple[Result, Path]) -> None:
    _, out = written
    summary = {row[0]: row[1] for row in openpyxl.load_workbook(out)["Kopsavilkums"].iter_rows(values_only=True)}
    assert summary["Nolasītās rindas"] == 7 and summary["Kļūdas"] == 1  # Marta's blank used
    assert summary["Kopsummu rindas (neaprēķinātas)"] == 1
    assert summary["Izmaksājamās stundas kopā"] == 195
    assert summary["Ievades fails"] == "recipients.xlsx"
    assert summary["Ievades faila SHA-256"] == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    assert summary["Aprēķināts"] == "2020-06-12 00:00:00"  # SOURCE_DATE_EPOCH
    assert str(summary["Programma"]).startswith("asistents ")


@pytest.mark.parametrize(
    "register",
    [EXAMPLE.parent / "emergency_register.csv", EXAMPLE.parent / "register.csv", EXAMPLE],
    ids=["whole emergency", "one month", "workbook"],
)
def test_every_cell_of_the_workbook_is_the_csv_outputs(register: Path, tmp_path: Path) -> None:
    """Row by row and column by column, the workbook holds what the CSV output says: each day's hours under its
    own day's column (a whole emergency's months start on different days: March on the 12th), each figure,
    every input cell; text as text (the CSV's words in the workbook's own words aside: statuses, limits,
    verdicts, the months averaged, wrapped warnings)."""
    workbook_out, csv_out = tmp_path / "r.xlsx", tmp_path / "r.csv"
    batch(str(register), "-o", str(workbook_out), "-q", "--lang", "en")
    batch(str(register), "-o", str(csv_out), "-q", "--lang", "en", "--out-delimiter", ",", "--out-decimal", ".")
    with csv_out.open(encoding="utf-8-sig", newline="") as made:
        rows = list(csv.reader(made))
    sheet = openpyxl.load_workbook(workbook_out)["Results"]
    header = rows[0]
    words = {"status", "limited_by", "verdict", "average_months", "warnings", "check_reasons", "error"}
    compared = 0
    for n, row in enumerate(rows[1:], start=2):
        cells = [c.value for c in sheet[n]][: len(header)]
        cells += [None] * (len(header) - len(cells))
        for column, text, value in zip(header, row, cells, strict=True):
            if column in words or not text:
                assert bool(text) == (value not in (None, "")), (n, column, text, value)
                continue
            if isinstance(value, bool):
                assert text == str(value).lower(), (n, column, text, value)
            elif isinstance(value, (int, float)):  # an input's own text may have a decimal comma
                assert Decimal(text.replace(",", ".")) == Decimal(str(value)), (n, column, text, value)
            elif isinstance(value, datetime):
                assert text == value.date().isoformat(), (n, column, text, value)
            else:
                assert text.lstrip("'") == str(value), (n, column, text, value)
            compared += 1
    assert compared > 50


def test_source_date_epoch_makes_the_workbook_reproducible(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1591920000"}
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    batch(str(EXAMPLE), "-o", str(first), "-q", env=env)
    batch(str(EXAMPLE), "-o", str(second), "-q", env=env)
    assert first.read_bytes() == second.read_bytes()


def test_english_headers_and_csv_input_to_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    result = batch("-", "-o", str(out), "-q", "--lang", "en", stdin=b"id,avg,used,weekly\n1,130,18,35\n")
    assert result.exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Results", "Summary"]
    header = [c.value for c in book["Results"][1]]
    assert header[:4] == ["id", "avg", "used", "weekly"] and "Payable (h)" in header
    assert "Computed 2020-06-01 (h)" in header  # the run's days as columns, never a bare date


def test_xlsx_to_a_terminal_is_refused_but_a_pipe_is_fine(monkeypatch: pytest.MonkeyPatch) -> None:
    import asistents.cli.batch_options as module

    piped = batch("-", "--to", "xlsx", "-q", stdin=b"avg,used\n80,48\n")
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"PK")
    monkeypatch.setattr(module, "is_terminal", lambda stream: True)
    refused = batch("-", "--to", "xlsx", stdin=b"avg,used\n80,48\n")
    assert refused.exit_code == 2
    assert "--to xlsx writes a binary file" in refused.stderr


def test_more_rows_than_a_sheet_holds_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asistents.render.row_xlsx as module

    monkeypatch.setattr(module, "MAX_DATA_ROWS", 2)
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"old")
    result = batch("-", "-o", str(out), "-q", stdin=b"avg,used\n80,48\n80,48\n80,48\n")
    assert result.exit_code == 1
    assert "more rows than an Excel sheet holds (2)" in result.stderr
    assert out.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["r.xlsx"]


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_no_computed_header_reads_back_as_an_input_field(lang: str) -> None:
    from asistents.i18n import catalogue
    from asistents.io.columns import map_header
    from asistents.render.cells import COMPUTED_COLUMNS

    headers = [catalogue(lang)[f"x_{c}"] for c in COMPUTED_COLUMNS if c != "days"]  # type: ignore[arg-type]
    assert map_header(headers).index == {}


def test_a_formula_with_no_saved_value_is_a_row_error_naming_the_cell(tmp_path: Path) -> None:
    import json

    path = tmp_path / "f.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Lapa")
    sheet.write_row(0, 0, ["avg", "used"])
    sheet.write_row(1, 0, [80, 48])
    sheet.write_formula(2, 0, "=A2*2", None, "")  # saved with no value
    sheet.write(2, 1, 1)
    sheet.write_formula(3, 0, "=A2", None, 80)  # saved with its value: read by it
    sheet.write(3, 1, 48)
    book.close()
    rows = [json.loads(line) for line in batch(str(path), "--to", "ndjson", "-q").stdout.splitlines()]
    assert [r["status"] for r in rows] == ["ok", "error", "ok"]
    assert "'A3': holds a formula with no value saved with it" in rows[1]["error"]
    assert rows[2]["payable_hours"] == 32
