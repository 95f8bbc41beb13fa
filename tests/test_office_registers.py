"""Registers as offices really save them (Excel and LibreOffice; cp1257 and UTF-8 with BOM; ';' and a
decimal comma): title lines, units, personal codes, month headers, blank rows."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from asistents.cli.app import app
from asistents.core.models import CalcInput
from asistents.io.readers import open_records
from asistents.register.pipeline import compute_rows

TITLED = (
    "Sociālā dienesta asistentu reģistrs;;;;\r\n"
    "Sagatavots: 01.07.2020;;;;\r\n"
    ";;;;\r\n"
    "Nr.p.k.;Vārds, uzvārds;Vidēji (h);Izmantotas (h);Piešķirtas nedēļā (h)\r\n"
    "1;Līga Bērziņa;130;18;35\r\n"
    "2;Pēteris Ozols;80,5;48;\r\n"
)


def rows_of(data: bytes, **options: object) -> tuple[list, object]:  # type: ignore[type-arg]
    records, detected = open_records(io.BytesIO(data), "csv", **options)  # type: ignore[arg-type]
    return list(compute_rows(records, CalcInput(), detected.decimal)), detected


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1257"])
@pytest.mark.parametrize("title", [TITLED, TITLED.replace(";;;;\r\n", "\r\n").replace("reģistrs;;;;", "reģistrs")])
def test_title_lines_above_the_header_are_skipped_and_named(encoding: str, title: str) -> None:
    rows, detected = rows_of(title.encode(encoding))
    assert [r.result.payable_hours for r in rows] == [51, Decimal("32.5")]  # type: ignore[union-attr]
    assert [r.line for r in rows] == [5, 6]
    assert detected.header_row == 4  # type: ignore[attr-defined]
    assert detected.delimiter == ";" and detected.decimal == ","  # type: ignore[attr-defined]


def test_stderr_names_the_header_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "register.csv"
    path.write_bytes(TITLED.encode("utf-8-sig"))
    result = CliRunner().invoke(app, ["batch", str(path), "--to", "csv", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "header on line 4" in result.stderr
    assert result.stdout.splitlines()[0].startswith("\ufeffNr.p.k.;")  # the title lines are not rows


def test_without_two_known_headers_the_first_line_is_still_the_header() -> None:
    rows, detected = rows_of(b"a;b;c\r\n1;2;3\r\n")
    assert detected.header_row == 1  # type: ignore[attr-defined]
    assert len(rows) == 1 and rows[0].error is not None and rows[0].error.code == "missing_columns"


# --- the personal code is the person's identity, never part of a file name -------------------

CODED = (
    "Nr.p.k.;Personas kods;Vārds, uzvārds;Vidēji (h);Izmantotas (h);Piešķirtas nedēļā (h)\r\n"
    "1;010180-12345;Līga Bērziņa;130;18;35\r\n"
    "2;;Pēteris Ozols;80;48;\r\n"
)


def test_personal_code_headers_are_recognised() -> None:
    from asistents.io.columns import map_header

    for header in ("Personas kods", "P.k.", "PK", "personas_kods"):
        assert map_header([header, "Vidēji"]).index.get("personal_code") == 0, header
    assert "personal_code" not in map_header(["Nr.p.k.", "Nr."]).index


def test_timesheets_show_the_personal_code_and_name_files_without_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("typst")
    from pypdf import PdfReader

    source = tmp_path / "register.csv"
    source.write_bytes(CODED.encode("utf-8-sig"))
    folder = tmp_path / "lapas"
    result = CliRunner().invoke(app, ["batch", str(source), "--timesheets", str(folder), "-q", "--to", "csv"])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["1-Liga-Berzina.pdf", "2-Peteris-Ozols.pdf"]
    assert all("12345" not in name for name in names)
    text = PdfReader(folder / "1-Liga-Berzina.pdf").pages[0].extract_text()
    assert "010180-12345" in text
    # Codes in the id column: the file is named by the row's line, never by the code.
    source.write_bytes("Kods;Vārds;Vidēji;Izmantotas\r\n010180-12345;Līga;130;18\r\n".encode("utf-8-sig"))
    other = tmp_path / "other"
    assert CliRunner().invoke(app, ["batch", str(source), "--timesheets", str(other), "-q"]).exit_code == 0
    assert [p.name for p in other.iterdir()] == ["2-Liga.pdf"]


# --- units decide: a column in euro is money, never hours ---------------------------------------

PAID = (
    "Nr.p.k.;Vārds, uzvārds;Vidēji (h);Izmantotas (h);Piešķirtas nedēļā (h);Apmaksāts (h);Izmaksāts (EUR)\r\n"
    "1;Līga Bērziņa;130;18;35;51;137,06\r\n"
    "2;Pēteris Ozols;80;48;;40;86,00\r\n"
    "3;Anna Liepiņa;80;48;;;\r\n"
)


def test_a_header_in_euro_feeds_the_euro_field_only() -> None:
    from asistents.io.columns import map_header

    index = map_header(["Apmaksāts (h)", "Izmaksāts (EUR)", "Summa, €", "Vidēji (EUR)", "Izmaksāts EUR"]).index
    assert index == {"paid": 0, "paid_eur": 1}
    assert map_header(["Izmaksāts, €"]).index == {"paid_eur": 0}
    assert map_header(["Likme (EUR)"]).index == {"rate": 0}


def test_hours_and_euro_paid_are_both_checked() -> None:
    rows, _ = rows_of(PAID.encode("utf-8-sig"), delimiter=None)  # no rate: a euro payment cannot be checked
    assert [r.error.code if r.error else "ok" for r in rows] == ["paid_eur_needs_rate", "paid_eur_needs_rate", "ok"]
    records, detected = open_records(io.BytesIO(PAID.encode("utf-8-sig")), "csv")
    checked = list(compute_rows(records, CalcInput(rate=Decimal("2.6875")), detected.decimal))
    liga, peteris, anna = (r.result.check for r in checked)  # type: ignore[union-attr]
    assert liga is not None and liga.paid_hours == 51 and liga.paid_over_hours == 0
    assert liga.paid_eur == Decimal("137.06") and liga.allowed_eur == Decimal("137.06") and liga.paid_over_eur == 0
    assert liga.verdict == "within"
    assert peteris is not None and peteris.paid_over_hours == 8  # 40 h paid, 32 h allowed
    assert peteris.allowed_eur == Decimal("86.00") and peteris.paid_over_eur == 0  # 86 EUR = 32 h x 2.6875
    assert peteris.verdict == "over"
    assert anna is None  # nothing paid: no check


def test_a_payment_over_in_euro_only_says_so_in_euro() -> None:
    result = CliRunner().invoke(app, ["calc", "--avg", "80", "--used", "48", "--paid-eur", "100", "--rate", "2.6875"])
    assert result.exit_code == 0
    assert "14.00 EUR over the 86.00 EUR allowed" in result.stdout
    assert "Verdict: over the rules by 14.00 EUR" in result.stdout


def test_the_claim_and_the_payment_each_get_their_own_line() -> None:
    """Issue: '15.5 h (28.22 EUR)' mixed the claim's excess with the payment's euro."""
    args = ["calc", "--months", "40", "50", "31", "--used", "10.5", "--claimed", "6", "6", "6", "6", "6", "0", "0",
            "10", "5", "--paid", "40", "--rate", "2.6875"]  # fmt: skip
    out = CliRunner().invoke(app, args).stdout
    assert "The claim: over the rules by 15.5 h\n" in out  # no euro: the money is the payment's
    assert "The payment: over the rules by 10.5 h (28.22 EUR)" in out  # 10.5 h x 2.6875


# --- the period follows the register; --column names a header the file has --------------------

MARCH_CLAIMS = (
    "Nr.;Vārds;Vidēji;Izmantotas;Piešķirtas nedēļā;12.03.2020;13.03.2020;31.03.2020\r\n1;Līga;40;18;35;2;2;3\r\n"
)


def invoke_batch(tmp_path, text: str, *args: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "register.csv"
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(app, ["batch", str(path), "-q", "--to", "ndjson", *args])


def test_the_day_headers_decide_the_period(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    result = invoke_batch(tmp_path, MARCH_CLAIMS)
    assert result.exit_code == 0, result.stderr
    row = json.loads(result.stdout)
    assert (row["period_start"], row["period_end"]) == ("2020-03-12", "2020-03-31")
    assert row["verdict"] == "within" and row["claimed_hours"] == 7


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_a_period_that_disagrees_with_the_day_headers_is_one_line(tmp_path, lang: str) -> None:  # type: ignore[no-untyped-def]
    result = invoke_batch(tmp_path, MARCH_CLAIMS, "--start", "2020-06-01", "--lang", lang)
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "2020-03-12" in lines[0] and "2020-06-01" in lines[0]


def test_day_headers_of_two_months_make_every_row_an_error_saying_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    text = "Nr.;Vārds;Vidēji;Izmantotas;31.03.2020;01.04.2020\r\n1;Līga;40;18;2;2\r\n2;Anna;40;18;1;1\r\n"
    result = invoke_batch(tmp_path, text)
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["error", "error"]
    assert "2020-03-31 – 2020-04-01" in rows[0]["error"] and "--start" in rows[0]["error"]


def test_a_column_option_naming_a_header_the_file_lacks_lists_its_headers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = invoke_batch(tmp_path, MARCH_CLAIMS, "--column", "avg=Average")
    assert result.exit_code == 2
    assert "avg=Average" in result.stderr and "'Vidēji'" in result.stderr


# --- Excel's own cells: error values and averages with many decimals ----------------------------


def test_an_excel_error_cell_in_a_calculation_column_is_an_error_naming_the_cell(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import xlsxwriter

    path = tmp_path / "register.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Nr.", "Vidēji", "Izmantotas", "Nedēļā", "Piezīmes"])
    sheet.write_row(1, 0, [1, 130, 18])
    sheet.write_formula(1, 3, "=NA()", None, "#N/A")
    sheet.write_row(2, 0, [2, 130, 18, 35])
    sheet.write_formula(2, 4, "=1/0", None, "#DIV/0!")  # in a column the calculation does not read
    book.close()
    result = CliRunner().invoke(app, ["batch", str(path), "--to", "ndjson", "-q", "--lang", "en"])
    import json

    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["status"] == "error" and "cell 'D2'" in rows[0]["error"] and "#N/A" in rows[0]["error"]
    assert "'Nedēļā'" in rows[0]["error"]  # never the 40 h state maximum of a blank weekly cell
    assert rows[1]["status"] == "ok"


# --- three months named by their month; an average beside them that agrees ---------------------


@pytest.mark.parametrize(
    ("headers", "order"),
    [
        (["Marts (h)", "Aprīlis", "Maijs (h)"], [0, 1, 2]),
        (["Maijs", "Marts", "Aprīlis"], [1, 2, 0]),  # by name: oldest first
        (["2020-05", "2020-03", "04.2020"], [1, 2, 0]),
        (["Novembris", "Decembris", "Janvāris"], [0, 1, 2]),  # across a new year
        (["1. mēnesis", "2. mēnesis", "3. mēnesis"], [0, 1, 2]),
        (["March", "April", "May"], [0, 1, 2]),
    ],
)
def test_three_months_named_by_their_month(headers: list[str], order: list[int]) -> None:
    from asistents.io.columns import map_header

    index = map_header(["Nr.", *headers, "Izmantotas"]).index
    assert [index[f"m{n}"] - 1 for n in (1, 2, 3)] == order


def test_four_month_headers_are_not_three_months() -> None:
    from asistents.io.columns import map_header

    assert "m1" not in map_header(["Marts", "Aprīlis", "Maijs", "Jūnijs"]).index


def test_an_average_beside_its_months_is_no_conflict_when_they_agree() -> None:
    text = (
        "Nr.;Vidēji;Marts;Aprīlis;Maijs;Izmantotas\r\n"
        "1;40,3333;40;50;31;10\r\n"  # Excel's =AVERAGE shown to 4 decimals: agrees, the months are used exactly
        "2;41;40;50;31;10\r\n"  # does not agree: an error naming both
    )
    rows, _ = rows_of(text.encode())
    first, second = rows
    assert first.error is None and first.result.months == (40, 50, 31)  # type: ignore[union-attr]
    assert first.result.average == Decimal("40.3333") and first.result.entitlement == Decimal("30.3333")  # type: ignore[union-attr]
    assert first.result.payable_hours == Decimal("30")  # type: ignore[union-attr]
    assert second.error is not None and second.error.code == "avg_and_months"


def test_excel_s_own_average_is_rounded_down_with_a_warning(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """=AVERAGE(40;50;31) saves 40.3333333333333: rounded down to 40.3333 (never up), said on the row;
    beside its three months, the months are used exactly."""
    import xlsxwriter

    path = tmp_path / "register.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Nr.", "Vidēji", "Izmantotas", "Marts", "Aprīlis", "Maijs"])
    sheet.write(1, 0, 1)
    sheet.write_formula(1, 1, "=AVERAGE(40,50,31)", None, 40.3333333333333)
    sheet.write(1, 2, 10)
    sheet.write(2, 0, 2)
    sheet.write_formula(2, 1, "=AVERAGE(D3:F3)", None, 40.3333333333333)
    sheet.write_row(2, 2, [10, 40, 50, 31])
    sheet.write_row(3, 0, [3, Decimal("40.9999999")])  # not a repeating average: still rounded down
    sheet.write(3, 2, 0)
    book.close()
    with path.open("rb") as stream:
        records, detected = open_records(stream, name=str(path))
        first, second, third = (r.result for r in compute_rows(records, CalcInput(), detected.decimal))
    assert first is not None and first.average == Decimal("40.3333") and first.months is None
    assert "cell_rounded_down" in [n.code for n in first.warnings]
    assert second is not None and second.months == (40, 50, 31) and second.entitlement == Decimal("30.3333")
    assert third is not None and third.average == Decimal("40.9999") and third.payable_hours == Decimal("40.5")


# --- claim day headers: every form read or refused aloud ---------------------------------------


@pytest.mark.parametrize(
    "header",
    ["01.06", "01.06.", "1.06.2020", "01.06.2020 (h)", "1. jūnijā", "1. jūn.", "2020-06-01 00:00:00", "2020-06-01"],
)
def test_claim_day_header_forms(header: str) -> None:
    text = f"Nr.;Vidēji;Izmantotas;Nedēļā;{header};02.06.2020\r\n1;130;18;35;5;6\r\n"
    (row,), _ = rows_of(text.encode())
    assert row.error is None and row.result.check is not None  # type: ignore[union-attr]
    assert row.result.check.claimed == {date(2020, 6, 1): 5, date(2020, 6, 2): 6}  # type: ignore[union-attr]


def test_the_same_day_in_two_columns_is_an_error_naming_both() -> None:
    text = "Nr.;Vidēji;Izmantotas;01.06.2020;2020-06-01\r\n1;130;18;5;9\r\n"
    (row,), _ = rows_of(text.encode())
    assert row.error is not None and row.error.code == "duplicate_column"
    assert "01.06.2020" in str(row.error.value) and "2020-06-01" in str(row.error.value)


def test_a_day_the_year_does_not_have_is_an_error_for_that_row_not_a_failed_run() -> None:
    # Whole months of February: no hours used on other days.
    text = (
        "Nr.;Vidēji;Izmantotas;start;end;29.02.\r\n"
        "1;130;0;2021-02-01;2021-02-28;5\r\n"
        "2;130;0;2020-02-01;2020-02-29;5\r\n"
    )
    rows, _ = rows_of(text.encode())
    assert rows[0].error is not None and rows[0].error.code == "no_such_day"
    assert rows[1].error is None  # 2020 has a 29 February


# --- the tool's own output is a valid register: fed back, the same figures, nothing invented ---------


@pytest.mark.parametrize("suffix", [".csv", ".ndjson", ".xlsx"])
@pytest.mark.parametrize("lang", ["en", "lv"])
def test_the_tool_s_own_output_reads_back_to_the_same_figures(tmp_path, suffix: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    import json
    from pathlib import Path

    examples = Path(__file__).parent.parent / "examples"
    first = tmp_path / f"out{suffix}"
    run = CliRunner().invoke(app, ["batch", str(examples / "claims.csv"), "-o", str(first), "-q", "--lang", lang])
    assert run.exit_code in (0, 1), run.stderr
    # JSON keeps the register's cells as written ("96,5"): read back with the register's decimal comma.
    decimal = ["--decimal", ","] if suffix == ".ndjson" else []
    again = CliRunner().invoke(app, ["batch", str(first), "--to", "ndjson", "-q", "--lang", lang, *decimal])
    original = CliRunner().invoke(app, ["batch", str(examples / "claims.csv"), "--to", "ndjson", "-q"])
    back = [json.loads(line) for line in again.stdout.splitlines()]
    before = [json.loads(line) for line in original.stdout.splitlines()]
    if suffix == ".xlsx":  # the workbook's own totals row reads back as a totals row, not a person
        assert back[-1]["status"] == "totals" and back[-1]["payable_hours"] is None  # never a person
        back = back[:-1]
    assert [r["payable_hours"] for r in back] == [r["payable_hours"] for r in before]
    assert [r["claimed_hours"] for r in back] == [r["claimed_hours"] for r in before]  # no claims invented
    assert [r["paid_hours"] for r in back] == [r["paid_hours"] for r in before]
    assert [r["verdict"] for r in back] == [r["verdict"] for r in before]


def test_the_example_register_as_an_office_saves_it() -> None:
    """examples/register_titled.csv: title lines, personal codes, hours and euro paid, a blank row, a
    totals row (README "Your register")."""
    import json
    from pathlib import Path

    path = Path(__file__).parent.parent / "examples" / "register_titled.csv"
    result = CliRunner().invoke(app, ["batch", str(path), "--rate", "2.6875", "--to", "ndjson", "--lang", "en"])
    assert result.exit_code == 0  # the totals row is marked, no error
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in rows] == [5, 6, 7, 8, 9, 10]
    assert [r["status"] for r in rows] == ["ok", "ok", "blank", "ok", "ok", "totals"]
    liga, peteris, _blank, anna, marta, _total = rows
    assert liga["payable_hours"] == 51 and liga["verdict"] == "within"
    assert (peteris["paid_over_hours"], peteris["paid_over_eur"], peteris["verdict"]) == (8, 21.5, "over")
    assert anna["verdict"] is None
    # Marta was paid 30 h but 86.00 EUR, the price of 32 h at 2.6875: within the rules, the two disagree.
    assert marta["verdict"] == "disagree" and marta["check_reasons"][0]["code"] == "paid_hours_eur_disagree"
    assert "header on line 4" in result.stderr and "'Personas kods' → personal_code" in result.stderr
    assert "'Izmaksāts (EUR)' → paid_eur" in result.stderr


def test_a_json_register_s_months_read_back_from_the_csv_written_of_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A JSON "months" list is written to CSV as "40 | 50 | 31" in one column, and reads back as the months."""
    import json

    source = tmp_path / "register.ndjson"
    source.write_text('{"id": "1", "months": [40, 50, 31], "used": 10}\n{"id": "2", "months": [1, 2], "used": 0}\n')
    out = tmp_path / "out.csv"
    first = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "-q"])
    assert first.exit_code == 1  # the second row has two months
    assert "40 | 50 | 31" in out.read_text(encoding="utf-8")
    back = CliRunner().invoke(app, ["batch", str(out), "--to", "ndjson", "-q"])
    rows = [json.loads(line) for line in back.stdout.splitlines()]
    assert rows[0]["status"] == "ok" and rows[0]["average_hours"] == 40.3333 and rows[0]["payable_hours"] == 30
    assert rows[1]["status"] == "error"
