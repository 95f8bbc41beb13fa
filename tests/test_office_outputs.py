"""What the office opens and prints: the workbook's layout and page setup, the CSV for Latvian Excel."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from typer.testing import CliRunner

from asistents.cli.app import app

REGISTER = Path(__file__).resolve().parent.parent / "examples" / "register.csv"
EMERGENCY = Path(__file__).resolve().parent.parent / "examples" / "emergency_register.csv"


def batch(*args: str) -> object:
    return CliRunner().invoke(app, ["batch", *args, "-q"])


def thirteen_rows(path: Path) -> Path:
    """A register of 13 persons, several with two warnings (no weekly figure, no used-after hours)."""
    lines = ["Nr.p.k.;Vārds, uzvārds;Vidēji (h);Izmantotas (h);Piešķirtas nedēļā (h)"]
    lines += [f"{n};Persona {n};{60 + n * 5};{n * 2};{'' if n % 3 else 20}" for n in range(1, 14)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("office")
    out = tmp / "results.xlsx"
    result = batch(str(thirteen_rows(tmp / "register.csv")), "-o", str(out), "--lang", "lv")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    return out


def test_the_results_print_landscape_one_page_wide_with_titles_and_a_footer(book: Path) -> None:
    sheet = openpyxl.load_workbook(book)["Rezultāti"]
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0  # one page wide, as many down as needed
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.print_title_cols == "$A:$B"  # Nr.p.k. and the name, on every page
    assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text
    assert "register.csv" in sheet.oddFooter.left.text


def test_the_summary_prints_on_one_page(book: Path) -> None:
    sheet = openpyxl.load_workbook(book)["Kopsavilkums"]
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) in ((None, None), (1, 1), (None, 1), (1, None))


def test_several_warnings_wrap_in_a_row_high_enough_for_them(book: Path) -> None:
    sheet = openpyxl.load_workbook(book)["Rezultāti"]
    header = [c.value for c in sheet[1]]
    warnings = header.index("Brīdinājumi") + 1
    seen = 0
    for r in range(2, 15):
        cell = sheet.cell(r, warnings)
        lines = str(cell.value or "").count("\n") + 1
        if cell.value:
            assert cell.alignment.wrap_text, r
        if lines > 1:
            seen += 1
            assert (sheet.row_dimensions[r].height or 15) >= 15 * lines, r
    assert seen >= 5


def test_column_widths_fit_their_content_within_bounds(book: Path) -> None:
    sheet = openpyxl.load_workbook(book)["Rezultāti"]
    widths = {letter: d.width for letter, d in sheet.column_dimensions.items() if d.width}
    assert widths and all(8 <= w <= 53 for w in widths.values())
    header = [c.value for c in sheet[1]]
    name = sheet.column_dimensions["B"].width
    assert name >= max(len(str(sheet.cell(r, 2).value)) for r in range(2, 15))
    # No header word is cut: each column is at least as wide as its header's longest word.
    for col, title in enumerate(header, start=1):
        letter = openpyxl.utils.get_column_letter(col)
        width = sheet.column_dimensions[letter].width or 8.43
        assert width >= max(len(word) for word in str(title).split()) + 1, title


def test_a_workbook_register_gets_only_its_period_s_days(tmp_path: Path) -> None:
    source = tmp_path / "register.xlsx"
    sink = io.BytesIO()
    made = xlsxwriter.Workbook(sink, {"in_memory": True})
    sheet = made.add_worksheet()
    for r, row in enumerate([["Nr", "Vārds", "Vidēji", "Izmantotas"], [1, "A", 130, 18]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    made.close()
    source.write_bytes(sink.getvalue())
    out = tmp_path / "out.xlsx"
    assert batch(str(source), "-o", str(out), "--lang", "lv").exit_code == 0  # type: ignore[attr-defined]
    header = [c.value for c in openpyxl.load_workbook(out).worksheets[0][1]]
    days = [h for h in header if str(h).startswith("Aprēķināts")]
    assert days == [f"Aprēķināts 0{d}.06.2020. (h)" for d in range(1, 10)]  # 1-9 June, not 31 columns


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-calc-nogui) is not installed")
def test_libreoffice_prints_thirteen_rows_one_page_wide(book: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    pages = PdfReader(str(tmp_path / "results.pdf")).pages
    assert len(pages) == 2  # the results, one page wide and long enough for 13 rows; the summary, one page
    first = pages[0].extract_text()
    assert "Persona 13" in first and "Nr.p.k." in first


@pytest.mark.parametrize(("lang", "start"), [("lv", b"\xef\xbb\xbfNr.p.k.;"), ("en", b"Nr.p.k.,")])
def test_a_workbook_register_s_csv_in_latvian_is_for_latvian_excel(book: Path, lang: str, start: bytes) -> None:
    result = CliRunner().invoke(app, ["batch", str(book), "--to", "csv", "-q", "--lang", lang])
    data = result.stdout_bytes  # type: ignore[attr-defined]
    assert data.startswith(start)
    second = data.decode("utf-8-sig").splitlines()[1]
    if lang == "lv":
        assert ";" in second and ",5" in data.decode("utf-8-sig")  # decimal comma
    else:
        assert "," in second and ",5;" not in second


def test_a_csv_register_s_output_keeps_its_dialect(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["batch", str(REGISTER), "--to", "csv", "-q", "--lang", "en"])
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbfNr.p.k.;")  # type: ignore[attr-defined]


def test_the_emergency_workbook_s_persons_sheet_prints_too(tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    assert batch(str(EMERGENCY), "-o", str(out)).exit_code == 0  # type: ignore[attr-defined]
    sheet = openpyxl.load_workbook(out)["Persons"]
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"


def test_a_decimal_comma_register_s_numbers_are_numbers_and_read_back_the_same(tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    assert batch(str(REGISTER), "-o", str(out)).exit_code == 1  # type: ignore[attr-defined]  # its error rows
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    janis = [c.value for c in sheet[4]]
    assert janis[header.index("Vidēji (h)")] == 96.5 and janis[header.index("Izmantotas (h)")] == 20.5
    assert janis[header.index("Nr.p.k.")] == "3" and janis[header.index("Personas kods")] == "000000-00003"
    first = CliRunner().invoke(app, ["batch", str(REGISTER), "--to", "ndjson", "-q"])
    again = CliRunner().invoke(app, ["batch", str(out), "--to", "ndjson", "-q"])
    figures = [[json.loads(line)["payable_hours"] for line in r.stdout.splitlines()] for r in (first, again)]
    assert figures[1][: len(figures[0])] == figures[0]  # the workbook's own totals row comes after, an error row


def test_what_limited_a_row_is_not_cut(book: Path) -> None:
    sheet = openpyxl.load_workbook(book)["Rezultāti"]
    header = [c.value for c in sheet[1]]
    col = header.index("Ierobežojums") + 1
    letter = openpyxl.utils.get_column_letter(col)
    longest = max(len(str(sheet.cell(r, col).value or "")) for r in range(2, 15))
    assert longest >= len("nedēļas ierobežojums") and sheet.column_dimensions[letter].width >= longest
