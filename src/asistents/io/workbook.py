"""Reading a register from a workbook (xlsx, xlsm, xlsb, xls, ods) with python-calamine.

Offices keep registers in Excel or LibreOffice. calamine reads every format with
typed cells (numbers, dates, booleans; formulas by their cached value) and streams
the rows. The header row is found, not assumed: title rows and blank rows above it
are skipped (the first row within the first 20 with at least two recognised
headers). Every data row below it is one record, as in a CSV.

Typed cells are turned into the values the rest of the program knows: a whole
number (``1.0``) into an int (so an id ``1`` stays ``1``), other numbers into
``Decimal(repr(x))`` (``130.55`` stays 130.55, never 130.549999…), dates and
date-times at midnight into dates.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any, BinaryIO, NamedTuple

from asistents.core.decimals import decimal_places
from asistents.core.errors import InputError
from asistents.core.rules import MAX_DECIMAL_PLACES
from asistents.io.columns import HEADER_SEARCH_ROWS, map_header
from asistents.io.errors import InputFileError
from asistents.io.formats import Format
from asistents.io.source import Detected, HeaderMap, Record, blank_record

#: How far down the header row is looked for.


class NotFinite(str):
    """A number cell that is no number (NaN, an infinity): written as its text, and its row an error."""


NOT_FINITE = {"nan": NotFinite("NaN"), "inf": NotFinite("Infinity"), "-inf": NotFinite("-Infinity")}


def cell_value(value: object) -> object:
    """A calamine cell as this program's value (see the module's docstring)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        if not math.isfinite(value):  # a crafted <v>NaN</v> or <v>1e400</v>: text, and the row an error
            return NOT_FINITE[repr(value)]
        if value.is_integer():
            return int(value)
        return Decimal(repr(value))
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, int, str)):
        return value
    if isinstance(value, (time, timedelta)):
        return str(value)
    return str(value)


def _text(value: object) -> str:
    return "" if value is None else str(value)


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


#: A cell holding a formula, and its saved value if any (SpreadsheetML as Excel and XlsxWriter write it).
_FORMULA_CELL = re.compile(
    rb'<c r="(([A-Z]+)([0-9]+))"[^>]*>\s*<f(?:\s[^>]*)?(?:/>|>([^<]*)</f>)\s*(?:<v>([^<]*)</v>|<v/>)?\s*</c>'
)
#: A formula that sums a range of one column (``SUM(E2:E12)``, ``SUBTOTAL(9,E2:E12)``): a totals row's cell
#: when the range is the cell's own column above it.
_SUM_RANGE = re.compile(rb"(?:SUM\(|SUBTOTAL\((?:9|109)[,;])\$?([A-Z]+)\$?([0-9]+):\$?([A-Z]+)\$?([0-9]+)\)")
#: A cell holding an Excel error value (``#N/A``, ``#DIV/0!``, ``#VALUE!``), typed ``t="e"``.
_ERROR_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"[^>]*?\st="e"[^>]*>(?:(?!</c>).)*?<v>([^<]*)</v>', re.DOTALL)
_CHUNK = 1 << 20


def column_index(letters: str) -> int:
    """``A`` -> 0, ``AB`` -> 27."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


class CellProblems:
    """What calamine reads as an empty cell but is not one, by row (xlsx/xlsm only)."""

    def __init__(self) -> None:
        #: row -> its first formula with no value saved with it (its reference, ``B7``)
        self.unsaved: dict[int, str] = {}
        #: row -> [(column index, reference, the error as Excel shows it)]
        self.errors: dict[int, list[tuple[int, str, str]]] = {}
        #: row -> its first formula summing its own column above it (a totals row's: README "Your register")
        self.sums: dict[int, str] = {}


def _sums_above(letters: bytes, row: int, formula: bytes) -> bool:
    """``formula`` (in column ``letters``, row ``row``) sums that column's cells above the row."""
    match = _SUM_RANGE.fullmatch(formula.replace(b" ", b"").upper())
    return match is not None and match[1] == match[3] == letters and int(match[4]) < row


def cell_problems(stream: BinaryIO, sheet: str) -> CellProblems:
    """Formulas with no saved value and Excel error cells of an xlsx sheet.

    calamine reads a formula by the value Excel saved with the file; a formula written
    by a program that saved no value reads as an empty cell, and so does an error value
    (``#N/A``): neither may pass for a blank (a blank weekly cell would apply the state
    maximum). Only xlsx/xlsm keep this in plain XML (scanned in chunks, so memory stays
    flat); other formats return nothing.
    """
    problems = CellProblems()
    import zipfile

    position = stream.tell()
    try:
        with zipfile.ZipFile(stream) as book:
            ids = {s.get("name"): s.get(f"{_REL}id") for s in _xml(book, "xl/workbook.xml").iter(f"{_MAIN}sheet")}
            rels = _xml(book, "xl/_rels/workbook.xml.rels")
            targets = {r.get("Id"): r.get("Target", "") for r in rels}
            target = targets.get(ids.get(sheet) or "", "")
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            with book.open(path) as xml:
                tail = b""
                while chunk := xml.read(_CHUNK):
                    data = tail + chunk
                    cut = data.rfind(b"</c>") + 4  # whole cells only; the rest waits for the next chunk
                    for match in _FORMULA_CELL.finditer(data, 0, cut):
                        row = int(match[3])
                        if _sums_above(match[2], row, match[4] or b""):
                            problems.sums.setdefault(row, match[1].decode())
                        if not (match[5] or b"").strip():
                            problems.unsaved.setdefault(row, match[1].decode())
                    for match in _ERROR_CELL.finditer(data, 0, cut):
                        letters, row = match[1].decode(), int(match[2])
                        found = (column_index(letters), f"{letters}{row}", match[3].decode(errors="replace"))
                        problems.errors.setdefault(row, []).append(found)
                    tail = data[cut:] if cut >= 4 else data[-(1 << 16) :]
            return problems
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, SyntaxError):
        return CellProblems()
    finally:
        stream.seek(position)


def _xml(book: Any, name: str) -> Any:
    from xml.etree.ElementTree import fromstring

    return fromstring(book.read(name))


@contextmanager
def damaged_workbook() -> Iterator[None]:
    """Anything the workbook reader raises on a damaged file, as one line naming the file.

    python-calamine's readers are Rust: an index out of range in a damaged ``.xls`` becomes a
    ``pyo3_runtime.PanicException``, which derives from ``BaseException`` (so that ``except
    Exception`` misses it); a shared-string index, a cell reference or a zip member that is not
    there surfaces as one of several exceptions. Each is the file's fault, never a traceback."""
    from python_calamine import CalamineError

    try:
        yield
    except (KeyboardInterrupt, SystemExit, GeneratorExit, InputFileError):
        raise
    except (CalamineError, ValueError, OSError, LookupError, TypeError, OverflowError) as error:
        raise InputFileError("f_bad_workbook", reason=_reason(error)) from None
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        raise InputFileError("f_bad_workbook", reason=_reason(error)) from None


def _reason(error: BaseException) -> str:
    lines = str(error).splitlines()
    return (lines[0] if lines else type(error).__name__)[:200]


def choose_sheet(data: bytes, sheet: str | None) -> tuple[object, str]:
    """The sheet ``--sheet`` names (a name, or a number from 1), else the first visible one; in the reading
    child process (:mod:`asistents.io.sheet_reader`)."""
    import io

    from python_calamine import CalamineWorkbook

    with damaged_workbook():
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(workbook.sheet_names)
        # The first *visible* sheet: a hidden one (a lookup table, an old copy) is not what the office sees.
        visible = [m.name for m in workbook.sheets_metadata if str(m.visible).endswith("Visible")]
    if not names:
        raise InputFileError("f_no_sheet", sheet=sheet or "1", sheets="")
    chosen: str | None
    if sheet is None:
        chosen = visible[0] if visible else names[0]
    elif sheet.strip().isdecimal() and sheet.strip().isascii() and 1 <= int(sheet) <= len(names) and sheet not in names:
        chosen = names[int(sheet) - 1]
    else:
        chosen = next((n for n in names if n == sheet), None) or next(
            (n for n in names if n.casefold() == sheet.strip().casefold()), None
        )
    if chosen is None:
        raise InputFileError("f_no_sheet", sheet=sheet, sheets=", ".join(f"'{n}'" for n in names))
    with damaged_workbook():
        return workbook.get_sheet_by_name(chosen), chosen


#: The most a sheet's XML may hold unpacked (README "Bad input and exit codes"): Excel's 1,048,576 rows of
#: a register are well within it; a small file that unpacks to more (a gigabyte of ``<row/>``) is refused
#: before it is read, never read for a minute.
SHEET_XML_LIMIT = 512 * 1024**2


def _check_sheet_sizes(stream: BinaryIO) -> None:
    """Refuse a workbook whose sheet XML (xlsx/xlsm worksheets, an ODS's content) unpacks beyond the bound."""
    import zipfile

    start = stream.tell()
    try:
        with zipfile.ZipFile(stream) as book:
            sizes = [i.file_size for i in book.infolist() if i.filename.startswith("xl/worksheets/")
                     or i.filename == "content.xml"]  # fmt: skip
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip (xls), or damaged: the reader says so
    finally:
        stream.seek(start)
    if any(size > SHEET_XML_LIMIT for size in sizes):
        raise InputFileError("f_sheet_too_big", limit=SHEET_XML_LIMIT // 1024**2)


def open_workbook_records(
    stream: BinaryIO, fmt: Format, *, sheet: str | None = None, columns: Mapping[str, str] | None = None
) -> tuple[Iterator[Record], Detected]:
    """The records of one sheet, and what was detected (the sheet and the header row)."""
    from asistents.io.sheet_reader import read_sheet

    start = stream.tell()
    _check_sheet_sizes(stream)
    name, rows = read_sheet(stream, sheet)  # in a child process with a memory bound
    stream.seek(start)
    problems = cell_problems(stream, name) if fmt == "xlsx" else CellProblems()
    detected = Detected(format=fmt, encoding="", decimal=".", sheet=name)
    header_at, looked_at = _find_header(rows, columns)
    if header_at is None:
        return iter(()), detected
    leftover = looked_at[header_at:]
    raw_header = [_text(c).strip() for c in looked_at[header_at - 1]]
    width = max((i + 1 for i, h in enumerate(raw_header) if h), default=0)
    header = raw_header[:width]
    header_map = detected.header = map_header(header, columns)
    detected.columns = tuple(header)
    detected.header_row = header_at
    headers = {column: header[i] for column, i in header_map.index.items()}
    sheet_of = _Sheet(detected, header_map, header, headers, problems)
    return _sheet_records(sheet_of, header_at, itertools.chain(leftover, rows)), detected


class _Sheet(NamedTuple):
    """What every row of a sheet is read with: its header and the cells calamine cannot tell."""

    detected: Detected
    header_map: HeaderMap
    header: list[str]
    headers: dict[str, str]
    problems: CellProblems


def _sheet_records(sheet: _Sheet, header_at: int, rows: Iterator[list[object]]) -> Iterator[Record]:
    """The rows after the header as records; blank rows come back only when a person follows them."""
    detected, header_map, header, headers, problems = sheet
    width = len(header)
    blanks: list[Record] = []
    number = header_at
    for number, row in enumerate(rows, start=header_at + 1):
        cells = [cell_value(c) for c in row]
        formulas = number in problems.unsaved or number in problems.sums  # not blank: its values unsaved
        if not formulas and not any(_text(c).strip() for c in cells):
            blanks.append(blank_record(number, detected.columns or (), ("",) * width, headers))
            continue
        if blanks:
            yield from blanks
            blanks.clear()
        beyond = [c for c in cells[width:] if _text(c).strip()]
        cells = (cells + [""] * width)[:width]
        values = {column: cells[i] for column, i in header_map.index.items()}
        rounded = _round_down(values, headers)
        if rounded:
            values["rounded"] = rounded
        error = _row_error(number, cells, len(row), len(beyond), width, header_map, problems, header)
        yield Record(number, values, error, detected.columns or (), tuple(cells), headers)
    yield from _formula_rows(sheet, number, blanks)


def _formula_rows(sheet: _Sheet, last: int, blanks: list[Record]) -> Iterator[Record]:
    """Rows after the last one calamine gives that hold only formulas with no value saved (a totals row
    of ``SUM``s XlsxWriter wrote): rows of their own, never dropped as blank."""
    detected, header_map, header, headers, problems = sheet
    width = len(header)
    for number in sorted(n for n in {*problems.unsaved, *problems.sums} if n > last):
        blanks += [blank_record(n, detected.columns or (), ("",) * width, headers) for n in range(last + 1, number)]
        yield from blanks
        blanks.clear()
        cells = [""] * width
        error = _row_error(number, cells, width, 0, width, header_map, problems, header)
        values = {column: cells[i] for column, i in header_map.index.items()}
        yield Record(number, values, error, detected.columns or (), tuple(cells), headers)
        last = number


def _find_header(
    rows: Iterator[list[object]], columns: Mapping[str, str] | None
) -> tuple[int | None, list[list[object]]]:
    """The header's row number (1-based) and the rows read to find it.

    The first row within the first 20 that names two known columns, when the rows above it name none
    (a title, a date); otherwise the first non-empty row (None: the sheet is empty there)."""
    looked_at: list[list[object]] = []
    for number, row in enumerate(rows, start=1):
        looked_at.append(row)
        named = len(map_header([_text(c).strip() for c in row], columns).index)
        if named >= 2:
            return number, looked_at
        if named or number >= HEADER_SEARCH_ROWS:  # a row naming one known column is no title
            break
    candidates = [i for i, row in enumerate(looked_at, start=1) if any(_text(c).strip() for c in row)]
    return (candidates[0] if candidates else None), looked_at


#: A workbook figure has at most this many decimals once read (core.validate refuses more).
_PLACES = Decimal("0.0001")


def _round_down(values: dict[str, object], headers: Mapping[str, str]) -> tuple[str, ...]:
    """Figures with more than 4 decimals (Excel's =AVERAGE(40;50;31) saves 40.3333333333333) rounded
    down to 4, never up (nothing above the entitlement is paid); the headers of those rounded."""
    rounded: list[str] = []
    for column, value in values.items():
        if isinstance(value, Decimal) and value.is_finite() and decimal_places(value) > MAX_DECIMAL_PLACES:
            values[column] = value.quantize(_PLACES, rounding=ROUND_FLOOR)
            rounded.append(headers.get(column, column))
    return tuple(rounded)


def _row_error(
    number: int,
    cells: Sequence[object],
    found: int,
    beyond: int,
    width: int,
    header_map: HeaderMap,
    problems: CellProblems,
    header: Sequence[str],
) -> InputError | None:
    if beyond:
        return InputError("row", found, "ragged_row", found=width + beyond, expected=width)
    for index, cell in enumerate(cells):
        if isinstance(cell, NotFinite):
            name = header[index] if index < len(header) and header[index] else f"column {index + 1}"
            return InputError(name, cell, "not_finite")
    if header_map.duplicates:
        duplicate, names = next(iter(header_map.duplicates.items()))
        return InputError(duplicate, " / ".join(names), "duplicate_column")
    if number in problems.sums:  # a totals row, whether or not its sums were saved with values
        return InputError("row", problems.sums[number], "totals_formula")
    if number in problems.unsaved:
        return InputError("row", problems.unsaved[number], "formula_without_value")
    read = set(header_map.index.values())  # an error in a column the calculation reads
    for index, ref, shown in problems.errors.get(number, ()):
        if index in read:
            return InputError("cell", ref, "excel_error_cell", error=shown, column=header[index])
    return None
