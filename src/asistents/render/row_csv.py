"""``batch`` rows as CSV: the input's columns as given, then the computed ones.

Text cells are neutralised against formulas (:mod:`asistents.render.formula`);
numbers use the chosen decimal separator; lists are joined with `` | ``; the days
are spread over one column each; warnings are written in words.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

from asistents.core.decimals import decimal_text, euro_text, looks_like_number
from asistents.core.models import ClaimReason, Notice
from asistents.register.row import RegisterRow
from asistents.render.cells import (
    AFTER_DAYS,
    BEFORE_DAYS,
    DAY_HOURS_PREFIX,
    EURO_CHECK_COLUMNS,
    SheetCells,
    computed,
    csv_computed_columns,
)
from asistents.render.formula import TRIGGERS, neutralise
from asistents.render.messages import notice_line, reason_line, record_error_line
from asistents.render.options import RowOptions, unchanged
from asistents.render.text_sink import finish, text_over

#: An input cell's first character that needs a closer look (a formula trigger; "" an empty cell).
_NOT_PLAIN = frozenset({"", *TRIGGERS})


class _Texts(dict[Decimal, str]):
    """Each distinct computed number's text (:func:`decimal_text`), made when first met. A block's values
    are few (hours in whole steps, a handful of limits); the renderer starts a new table with each block.
    The text depends on the value alone (``35.0`` and ``35`` are both ``35``), and a computed number is
    never ``-0`` (the readers refuse a negative figure, ``-0`` included)."""

    def __init__(self, separator: str) -> None:
        super().__init__()
        self._separator = separator

    def __missing__(self, value: Decimal) -> str:
        text = self[value] = decimal_text(value, self._separator)
        return text


class CsvRows:
    def __init__(self, sink: BinaryIO, options: RowOptions) -> None:
        self._texts = _Texts(options.decimal)
        self._stream = stream = text_over(sink, options.bom)
        self._options = options
        self._input_columns = options.input_columns
        self._layout = SheetCells(options.input_columns, options.by_day_of_month)
        self._escape = options.escape
        self._writer = csv.writer(stream, delimiter=options.delimiter, lineterminator="\r\n")
        self._plain_inputs = options.escape is unchanged
        self._text_of: dict[type, Callable[[Any], str]] = {
            type(None): "".format,
            bool: lambda value: "1" if value else "0",
            Decimal: self._number,
            int: str,
            date: str,
            str: self._safe,
            Notice: lambda value: self._safe(notice_line(value, options.lang)),
            ClaimReason: lambda value: self._safe(reason_line(value, options.lang)),
            list: self._list,
        }
        #: A day's column (a sheet of one period's dates, or of days of the month: ``day_05``).
        if options.by_day_of_month:
            self._place: Callable[[date], int | None] = lambda day: day.day - 1
        else:
            dated = {date.fromisoformat(c.removeprefix(DAY_HOURS_PREFIX)): i for i, c in enumerate(options.day_columns)}
            self._place = dated.get
        header = [*self._input_columns, *csv_computed_columns(options.day_columns)]
        self._writer.writerow([self._safe(h) for h in header])

    def _cell(self, value: object) -> str:
        """A computed value as text: numbers with the chosen separator, lists joined (by the value's type:
        the computed columns hold these and nothing else)."""
        return self._text_of.get(type(value), self._other)(value)

    def _other(self, value: object) -> str:
        return self._safe(str(value))

    def _list(self, items: list[object]) -> str:
        return self._safe(" | ".join([self._cell(item) for item in items]))

    def _input_cell(self, value: object) -> str:
        """An input cell as given: text as it is, a JSON number with its own digits."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (Decimal, int)):
            return str(value).replace(".", self._options.decimal)
        if isinstance(value, list) and all(not isinstance(item, (list, dict)) for item in value):  # "months"
            return self._safe(" | ".join(self._input_cell(item) for item in value))
        if isinstance(value, (list, dict)):  # passed through from JSON: as JSON text
            return self._safe(json.dumps(value, ensure_ascii=False, default=str))
        return self._safe(str(value))

    def _safe(self, text: str) -> str:
        """The final text of a cell, neutralised if a spreadsheet would run it (whatever made it)."""
        if text and text[0] in TRIGGERS and not looks_like_number(text):
            text = neutralise(text)
        return self._escape(text) if self._escape is not unchanged else text

    def write(self, row: RegisterRow) -> None:
        options = self._options
        inputs = self._layout.inputs(row)
        if self._plain_inputs:  # text as it is, unless a spreadsheet would run it
            cells = [c if type(c) is str and c[:1] not in _NOT_PLAIN else self._input_cell(c) for c in inputs]
        else:
            cells = [self._input_cell(cell) for cell in inputs]
        if row.outcome is None:
            assert row.error is not None
            if row.mark is not None:
                cells += [str(row.line), row.mark, ""]
            else:
                error = record_error_line(row.line, row.error, options.lang, row.record.headers)
                cells += [str(row.line), "error", self._safe(error)]
            cells += [""] * (len(BEFORE_DAYS) - 3 + len(options.day_columns) + len(AFTER_DAYS))
            self._writer.writerow(cells)
            return
        shown = computed(row, None, days=False)
        for key in ("amount_eur", *EURO_CHECK_COLUMNS):  # euro always with cents in a sheet people read
            if shown[key] is not None:
                shown[key] = euro_text(shown[key], options.decimal)
        days = [""] * len(options.day_columns)
        place_of, number = self._place, self._texts.__getitem__
        for day, hours in row.outcome.day_hours():
            place = place_of(day)
            if place is not None:
                days[place] = number(hours)
        text_of, other = self._text_of, self._other
        cells += [text_of.get(type(v), other)(v) for v in [shown[c] for c in BEFORE_DAYS]]
        cells += days
        cells += [text_of.get(type(v), other)(v) for v in [shown[c] for c in AFTER_DAYS]]
        self._writer.writerow(cells)

    def _number(self, value: Decimal) -> str:
        return self._texts[value]

    def write_block(self, rows: Sequence[RegisterRow]) -> None:
        """A block's rows, each distinct computed number's text made once for the block."""
        self._texts = _Texts(self._options.decimal)
        self._text_of[Decimal] = self._texts.__getitem__
        for row in rows:
            self.write(row)

    def close(self) -> None:
        finish(self._stream)

    def abort(self) -> None:
        finish(self._stream)
