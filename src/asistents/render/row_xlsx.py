"""``batch`` rows as an Excel workbook (XlsxWriter, streaming ``constant_memory`` mode).

Sheet 1 ("Rezultāti" / "Results"): the input's columns as they came, then the
computed ones with headers in the user's language; hours as numbers with a number
format, euro with two decimals, dates as Excel dates, one column per emergency
day, the reasons and warnings in words; a frozen header row, an autofilter,
widths that fit the headers; error rows highlighted with their message; a totals
row of ``SUBTOTAL`` formulas, so that filtering still adds up. Sheet 2
("Kopsavilkums" / "Summary"): the run's totals, the input file's name and
SHA-256, the program's version and the run's date.

Text is always written with ``write_string``: a name such as ``=HYPERLINK(…)``
from a register never becomes a live formula.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO

from xlsxwriter.utility import xl_col_to_name

from asistents.about import program_version
from asistents.core.models import Notice
from asistents.i18n import Lang, day, text
from asistents.register.row import Placed, RegisterRow
from asistents.render.cells import (
    AFTER_DAYS,
    BEFORE_DAYS,
    DAY_HOURS_PREFIX,
    DayCells,
    SheetCells,
    computed,
    numbers_in,
    rows_computed,
)
from asistents.render.messages import notice_line, reason_line, record_error_line
from asistents.render.options import RowOptions
from asistents.render.person_sheet import PersonSheet
from asistents.render.sheet_errors import NotForASheet, TooManyRows
from asistents.render.sheet_print import footer, name_columns, print_setup
from asistents.render.sheet_values import write_value

#: Excel's sheet has 1,048,576 rows: one is the header.
MAX_DATA_ROWS = 1_048_575 - 1  # and one for the totals row
_HOURS = {"average_hours", "entitlement", "weekly_cap", "daily_limit", "payable_hours", "claimed_hours", "paid_hours",
          "allowed_hours", "over_hours", "claim_over_hours", "paid_over_hours", "under_hours"}  # fmt: skip
_EURO = {"amount_eur", "over_eur", "paid_euro", "allowed_eur", "paid_over_eur"}
_SUMMED = {"payable_hours", "amount_eur", "over_hours", "over_eur", "paid_euro", "paid_over_eur"}
#: Columns written in words (a status, what limited the total, a verdict, the months averaged).
_WORDS: dict[str, Callable[[Any, Lang], str]] = {
    "status": lambda value, lang: text(lang, f"x_status_{value}"),
    "limited_by": lambda value, lang: "; ".join(text(lang, f"x_limit_{v}") for v in value),
    "verdict": lambda value, lang: text(lang, f"x_verdict_{value}"),
    "average_months": lambda value, lang: ", ".join(value),
}
#: Columns whose text is wrapped (several lines), and the widths columns fit their content within.
_WRAPPED = {"warnings", "check_reasons", "error"}
_NARROW_MIN, _NARROW, _WIDE = 8, 40, 50


#: An Excel sheet's columns (A-XFD) and the most characters a cell holds.
MAX_COLUMNS, MAX_CELL_TEXT = 16_384, 32_767


class XlsxRows:
    def __init__(self, sink: BinaryIO, options: RowOptions) -> None:
        import xlsxwriter

        self._options = options
        lang = options.lang
        created = options.run_date or datetime.now()
        #: XlsxWriter's streaming mode keeps each sheet's rows in temporary files: in a private folder,
        #: removed when the workbook is closed or the run fails (never the rows, names included, left behind).
        self._tmp = tempfile.TemporaryDirectory(prefix="asistents-xlsx-")
        settings = {"constant_memory": True, "strings_to_formulas": False, "tmpdir": self._tmp.name}
        self._book = xlsxwriter.Workbook(sink, settings)
        self._book.set_properties({"created": created, "title": text(lang, "x_sheet_results")})
        self._sheet = self._book.add_worksheet(text(lang, "x_sheet_results"))
        self._fmt = _formats(self._book, lang)
        self._input_columns = options.input_columns
        #: A whole emergency's register: its persons, each in one row (the month column is the rows' own).
        self._persons = (
            PersonSheet(self._book, self._fmt, lang, options.input_columns[:-1], options.source_name)
            if options.whole_emergency
            else None
        )
        self._summary = self._book.add_worksheet(text(lang, "x_sheet_summary"))
        self._layout = SheetCells(options.input_columns, options.by_day_of_month, month=options.whole_emergency)
        month = (text(lang, "x_month"),) if options.whole_emergency else ()  # the rows' own column, in words
        header = [
            *self._input_columns[: len(self._input_columns) - len(month)],
            *month,
            *(text(lang, f"x_{c}") for c in BEFORE_DAYS),
            *(_day_header(c, lang) for c in options.day_columns),
            *(text(lang, f"x_{c}") for c in AFTER_DAYS),
        ]
        if len(header) > MAX_COLUMNS:
            self._tmp.cleanup()
            raise NotForASheet("f_too_many_columns", columns=len(header), maximum=MAX_COLUMNS)
        self._kinds = [
            *(["input"] * len(self._input_columns)),
            *BEFORE_DAYS,
            *(["day"] * len(options.day_columns)),
            *AFTER_DAYS,
        ]
        self._header = header
        #: How each column's cells are written: a computed row's, an error row's (highlighted).
        self._writers = {bad: [self._writer(col, kind, bad) for col, kind in enumerate(self._kinds)]
                         for bad in (False, True)}  # fmt: skip
        #: The widest text of each column so far (its header's longest word to start): widths are set at the end.
        self._widths = [max(len(word) for word in (title.split() or [""])) for title in header]
        self._sheet.set_row(0, 45)  # headers wrap in their columns: three lines show them
        for col, title in enumerate(header):
            self._sheet.write_string(0, col, title, self._fmt["header"])
        self._sheet.freeze_panes(1, 0)
        print_setup(self._sheet, lang, options.source_name, name_columns(options.input_columns))
        self._rows = 0
        #: The printed lines the row being written needs (its wrapped cells).
        self._lines = 1
        #: Running sums of the totalled columns: the cached values of the SUBTOTAL formulas,
        #: for programs that read a workbook without calculating it.
        self._sums: dict[int, Decimal] = {}

    def write_block(self, rows: Sequence[RegisterRow], placed: Sequence[Placed] | None = None) -> None:
        """A block's rows: the computed values of each computed block they are of (``placed``; each row on its
        own when not given) a column at a time (:func:`block_columns`), a person's cells once for their months
        (a whole emergency's), each cell by its column's kind."""
        index = {column: i for i, column in enumerate(self._options.day_columns)}
        day_cells: DayCells[Decimal, list[int | None]] = DayCells(
            lambda hours: hours, lambda period: [index.get(self._layout.day_name(d)) for d in period]
        )
        computed = rows_computed(rows, placed, lambda each, values: self._computed_values(each, values, day_cells))
        for row, inputs, values in zip(rows, self._layout.each_inputs(rows, self._inputs), computed, strict=True):
            self._write(row, inputs, values)

    def write(self, row: RegisterRow) -> None:
        self.write_block([row])

    def _inputs(self, cells: Sequence[object]) -> Sequence[object]:
        """The input cells as the sheet holds them: text that reads as a number in a numeric column, as one."""
        if self._options.numeric_inputs:
            return numbers_in(cells, self._options.numeric_inputs, self._options.input_decimal)
        return cells

    def _computed_values(
        self, placed: Placed, values: dict[str, list[Any]], day_cells: DayCells[Decimal, list[int | None]]
    ) -> Iterator[list[object]]:
        """The computed values of a computed block's placed rows in the sheet's order, each period's days placed
        once (:class:`DayCells`: the hours as they are, a number each)."""
        blank: list[object] = [None] * len(self._options.day_columns)
        before = zip(*[values[c] for c in BEFORE_DAYS], strict=True)
        after = zip(*[values[c] for c in AFTER_DAYS], strict=True)
        days, places = day_cells(placed)
        for first, hours, last in zip(before, days, after, strict=True):
            # The row's hours under the sheet's day columns (None under a column its period has not).
            shown = blank.copy()
            for place, value in zip(places, hours, strict=True):
                if place is not None:
                    shown[place] = value
            yield [*first, *shown, *last]

    def _write(self, row: RegisterRow, inputs: Sequence[object], computed_values: list[object] | None) -> None:
        if self._rows >= MAX_DATA_ROWS:
            raise TooManyRows(MAX_DATA_ROWS)
        self._rows += 1
        r = self._rows
        if self._persons is not None:
            self._persons.add(row, lambda: inputs)
        self._lines = 1
        bad = False
        if computed_values is None:  # a row that is not computed: an error, blank or totals row
            lang = self._options.lang
            error = None if row.error is None else record_error_line(row.line, row.error, lang, row.record.headers)
            shown = computed(row, error)
            computed_values = [
                *(shown[c] for c in BEFORE_DAYS),
                *([None] * len(self._options.day_columns)),
                *(shown[c] for c in AFTER_DAYS),
            ]
            bad = row.mark is None
        blank = self._fmt["error"] if bad else None
        for col, (write, value) in enumerate(zip(self._writers[bad], [*inputs, *computed_values], strict=True)):
            if value is None or value == "":
                if bad:  # an error row is highlighted across
                    self._sheet.write_blank(r, col, None, blank)
                continue
            write(r, value)
        if self._lines > 1:  # several warnings or reasons, or a long one: the row is as high as they need
            self._sheet.set_row(r, 15 * min(self._lines, 27))  # 409 points is the most a row can be

    def _writer(self, col: int, kind: str, bad: bool) -> Callable[[int, object], None]:
        """How a cell of column ``col`` of ``kind`` is written, given (``bad``: an error row's, highlighted):
        worked out once for each column, not for each cell."""
        sheet, fmt, lang = self._sheet, self._fmt, self._options.lang
        plain = fmt["error"] if bad else None
        if kind in _WRAPPED:
            return lambda r, value: self._wrapped(r, col, kind, value, bad)
        if kind in _WORDS:
            words = _WORDS[kind]
            return lambda r, value: self._text(r, col, words(value, lang), plain)
        if kind in _HOURS or kind == "day" or kind in _EURO:
            number_format = fmt["euro" if kind in _EURO else "hours"]
            summed = kind == "day" or kind in _SUMMED

            def number(r: int, value: object) -> None:
                assert isinstance(value, Decimal)
                if summed:
                    self._sums[col] = self._sums.get(col, Decimal(0)) + value
                sheet.write_number(r, col, float(value), number_format)

            return number

        def other(r: int, value: object) -> None:
            if (shown := write_value(sheet, r, col, value, fmt, bad)) is not None:
                self._text(r, col, shown, plain)

        return other

    def _text(self, r: int, col: int, shown: str, style: Any) -> None:
        """Text in a cell: within what a cell holds, and the column as wide as it needs (within bounds)."""
        self._check_length(r, col, shown)
        self._widths[col] = max(self._widths[col], len(shown))
        self._sheet.write_string(r, col, shown, style)

    def _check_length(self, r: int, col: int, shown: str) -> None:
        if len(shown) > MAX_CELL_TEXT:
            column = self._header[col] if col < len(self._header) else str(col + 1)
            raise NotForASheet("f_cell_too_long", row=r + 1, column=column, length=len(shown), maximum=MAX_CELL_TEXT)

    def _wrapped(self, r: int, col: int, kind: str, value: object, bad: bool) -> None:
        """Warnings, reasons and errors: one a line, wrapped in a column of bounded width."""
        lang = self._options.lang
        if kind == "warnings":
            assert isinstance(value, list)
            lines = [notice_line(n, lang) for n in value if isinstance(n, Notice)]
        elif kind == "check_reasons":
            assert isinstance(value, list)
            lines = [reason_line(x, lang) for x in value]
        else:
            lines = [str(value)]
        if not lines:
            return
        self._widths[col] = max(self._widths[col], *(len(line) for line in lines))
        # Each line wraps in a column at most _WIDE wide: as many printed lines as it needs.
        self._lines = max(self._lines, sum(-(-len(line) // (_WIDE - 2)) or 1 for line in lines))
        style = "error_wrap" if kind == "error" else ("bad_wrap" if bad else "wrap")
        joined = "\n".join(lines)
        self._check_length(r, col, joined)
        self._sheet.write_string(r, col, joined, self._fmt[style])

    def abort(self) -> None:
        """The run failed: close the workbook's temporary files without writing anything, and remove them."""
        try:
            for sheet in self._book.worksheets():
                handle = getattr(sheet, "row_data_fh", None)
                if handle is not None:
                    handle.close()
        finally:
            self._tmp.cleanup()

    def close(self) -> None:
        lang = self._options.lang
        last = self._rows
        total_row = last + 1
        self._sheet.write_string(total_row, 0, text(lang, "x_total"), self._fmt["total"])
        for col, kind in enumerate(self._kinds):
            if kind == "day" or kind in _SUMMED:
                letter = xl_col_to_name(col)
                formula = f"=SUBTOTAL(109,{letter}2:{letter}{last + 1})"
                number_format = self._fmt["total_euro" if kind in _EURO else "total_hours"]
                cached = float(self._sums.get(col, Decimal(0)))
                self._sheet.write_formula(total_row, col, formula, number_format, cached)
        self._sheet.autofilter(0, 0, max(last, 1), len(self._kinds) - 1)
        for col, (kind, width) in enumerate(zip(self._kinds, self._widths, strict=True)):
            wide = _WIDE if kind in _WRAPPED else _NARROW
            self._sheet.set_column(col, col, min(max(width + 2, _NARROW_MIN), wide))
        if self._persons is not None:
            self._persons.close()
        self._write_summary()
        from xlsxwriter.exceptions import FileCreateError

        try:
            self._book.close()
        except FileCreateError as error:  # XlsxWriter's wrapper of the OSError (a full disk): said as any write
            cause = error.args[0] if error.args and isinstance(error.args[0], OSError) else None
            raise OSError(getattr(cause, "errno", None), getattr(cause, "strerror", None) or str(error)) from None
        finally:
            self._tmp.cleanup()

    def _write_summary(self) -> None:
        sheet, lang, options, fmt = self._summary, self._options.lang, self._options, self._fmt
        totals = options.totals
        sheet.set_column(0, 0, 44)
        sheet.set_column(1, 1, 70)
        lines: list[tuple[str, Any, str | None]] = []
        if totals is not None:
            counts = ("s_persons", "s_months", "s_month_errors") if totals.persons else ("s_rows", "s_ok", "s_errors")
            lines += [
                (counts[0], totals.persons if totals.persons else totals.rows, None),
                (counts[1], totals.ok, None),
                (counts[2], totals.errors, None),
                *((("s_totals_rows", totals.totals_rows, None),) if totals.totals_rows else ()),
                ("s_total", totals.payable_hours, "hours"),
                *((("x_total_euro", totals.amount_eur, "euro"),) if totals.amount_eur else ()),
                ("s_weekly", totals.weekly_cap, None),
                ("x_no_history_cap", totals.no_history_cap, None),
                ("s_daily", totals.daily_max, None),
            ]
            if totals.checked:
                lines += [
                    ("s_checked", totals.checked, None),
                    ("s_months_over" if totals.persons else "s_over", totals.over_rows, None),
                    ("s_over_hours", totals.over_hours, "hours"),
                    ("s_over_eur", totals.over_eur, "euro"),
                ]
            if totals.first_day is not None and totals.last_day is not None:
                lines.append(("x_period", f"{day(totals.first_day, lang)} – {day(totals.last_day, lang)}", None))
        lines += [
            ("x_source", options.source_name, None),
            ("x_sha256", options.source_sha256, None),
            ("x_version", program_version(), None),
            ("x_run_date", (options.run_date or datetime.now()).strftime("%Y-%m-%d %H:%M:%S"), None),
        ]
        sheet.write_string(0, 0, text(lang, "x_sheet_summary"), fmt["header"])
        sheet.set_portrait()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 1)  # the labels and their values on one page
        sheet.set_footer(footer(lang, options.source_name))
        for r, (key, value, kind) in enumerate(lines, start=1):
            sheet.write_string(r, 0, text(lang, key))
            if kind is not None:
                sheet.write_number(r, 1, float(value), fmt[kind])
            elif isinstance(value, int):
                sheet.write_number(r, 1, value, fmt["number"])
            else:
                sheet.write_string(r, 1, str(value))


def _formats(book: Any, lang: Lang) -> dict[str, Any]:
    date_format = "dd.mm.yyyy" if lang == "lv" else "yyyy-mm-dd"
    error = {"bg_color": "#F8D7DA"}
    return {
        "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1}),
        "hours": book.add_format({"num_format": "0.00"}),
        "euro": book.add_format({"num_format": "#,##0.00"}),
        "number": book.add_format({"num_format": "General"}),
        "date": book.add_format({"num_format": date_format}),
        "error": book.add_format(error),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "bad_wrap": book.add_format({**error, "text_wrap": True, "valign": "top"}),
        "error_wrap": book.add_format({**error, "font_color": "#842029", "text_wrap": True, "valign": "top"}),
        "error_number": book.add_format({**error, "num_format": "General"}),
        "error_date": book.add_format({**error, "num_format": date_format}),
        "total": book.add_format({"bold": True, "top": 1}),
        "total_hours": book.add_format({"bold": True, "top": 1, "num_format": "0.00"}),
        "total_euro": book.add_format({"bold": True, "top": 1, "num_format": "#,##0.00"}),
    }


def _day_header(column: str, lang: Lang) -> str:
    """The computed hours of a day, named so they are told apart from a claimed day (and never read back as one)."""
    if column.startswith("day_"):
        return text(lang, "x_day_of_month", day=int(column[4:]))
    return text(lang, "x_day_computed", day=day(date.fromisoformat(column[len(DAY_HOURS_PREFIX) :]), lang))
