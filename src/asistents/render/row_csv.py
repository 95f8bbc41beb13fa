"""``batch`` rows as CSV: the input's columns as given, then the computed ones.

Text cells are neutralised against formulas (:mod:`asistents.render.formula`);
numbers use the chosen decimal separator; lists are joined with `` | ``; the days
are spread over one column each; warnings are written in words.

Alike rows share one calculation, so most of a row (its period, limits, days and
warnings) is the same text for thousands of rows: it is quoted once, by the same
``csv`` writer settings, and joined to each row's own cells. The ``csv`` module
quotes each field on its own, so the line is byte for byte what one ``writerow``
of all the cells would give.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from functools import partial
from typing import BinaryIO

from asistents.cache import Bounded
from asistents.core.decimals import decimal_text, euro_text, looks_like_number
from asistents.core.models import ClaimReason, Notice
from asistents.register.row import RegisterRow
from asistents.render.cells import (
    AFTER_DAYS,
    BEFORE_DAYS,
    CHECK_COLUMNS,
    EURO_CHECK_COLUMNS,
    SHARED_HEAD,
    SHARED_LIMITS,
    SHARED_TAIL,
    SheetCells,
    check_values,
    csv_computed_columns,
    shared_values,
)
from asistents.render.formula import TRIGGERS, neutralise
from asistents.render.messages import notice_line, reason_line, record_error_line
from asistents.render.options import RowOptions, unchanged
from asistents.render.per_split import PerSplit
from asistents.render.text_sink import finish, text_over

#: How many numbers' texts are kept (a few dozen bytes each).
_NUMBERS_LIMIT = 8192
_NO_CHECK = [""] * len(CHECK_COLUMNS)
#: An input cell's first character that needs a closer look (a formula trigger; "" an empty cell).
_NOT_PLAIN = frozenset({"", *TRIGGERS})


class _Pieces:
    """A file for a ``csv`` writer that keeps each line it is given."""

    def __init__(self, pieces: list[str]) -> None:
        self.write = pieces.append


class CsvRows:
    def __init__(self, sink: BinaryIO, options: RowOptions) -> None:
        self._stream = stream = text_over(sink, options.bom)
        self._options = options
        self._input_columns = options.input_columns
        self._layout = SheetCells(options.input_columns, options.by_day_of_month)
        self._escape = options.escape
        #: Each day column's place, and each day's (by its date).
        self._day_columns = {name: i for i, name in enumerate(options.day_columns)}
        self._day_places: Bounded[date, int | None] = Bounded(self._day_place, 1024)
        #: The quoted period and months averaged of a split, by period (a register has a few).
        self._heads: Bounded[tuple[object, ...], str] = Bounded(limit=1024)
        #: Cells that alike rows share (their days, their warnings), quoted once.
        self._shared = PerSplit(self._shared_pieces)
        self._writer = csv.writer(stream, delimiter=options.delimiter, lineterminator="\r\n")
        #: Quotes some fields as a piece of a line, kept in ``_pieces``. Its line end is the real one
        #: (a cell holding one of its characters is quoted), cut off each piece.
        self._pieces: list[str] = []
        self._piece_writer = csv.writer(_Pieces(self._pieces), delimiter=options.delimiter, lineterminator="\r\n")
        self._write = stream.write
        #: A row's own numbers as text, by value (the same values recur). Bound: :data:`_NUMBERS_LIMIT`.
        self._numbers: Bounded[Decimal, str] = Bounded(partial(decimal_text, separator=options.decimal), _NUMBERS_LIMIT)
        self._plain_inputs = options.escape is unchanged
        #: The check's cells of a row that checks nothing: all empty.
        self._no_check = self._piece(_NO_CHECK)
        header = [*self._input_columns, *csv_computed_columns(options.day_columns)]
        self._writer.writerow([self._safe(h) for h in header])

    def _cell(self, value: object) -> str:
        """A computed value as text: numbers with the chosen separator, lists joined."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, Decimal):
            return self._number(value)
        if isinstance(value, (int, date)):
            return str(value)
        if isinstance(value, Notice):
            return self._safe(notice_line(value, self._options.lang))
        if isinstance(value, ClaimReason):
            return self._safe(reason_line(value, self._options.lang))
        if isinstance(value, list):
            return self._safe(" | ".join(self._cell(item) for item in value))
        return self._safe(str(value))

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
        result = row.shared
        if result is None:
            assert row.error is not None
            if row.mark is not None:
                cells += [str(row.line), row.mark, ""]
            else:
                error = record_error_line(row.line, row.error, options.lang, row.record.headers)
                cells += [str(row.line), "error", self._safe(error)]
            cells += [""] * (len(BEFORE_DAYS) - 3 + len(options.day_columns) + len(AFTER_DAYS))
            self._writer.writerow(cells)
            return
        # Alike rows share one calculation: everything but the line, the average, the entitlement
        # and a check is quoted once for all of them.
        cells += [str(row.line), "ok", ""]
        head, tail = self._shared(row)
        own, figures = self._piece(cells), self._piece([self._number(row.average), self._number(row.entitlement)])
        check = self._no_check if row.check is None else self._piece(self._check_cells(row))
        d = self._options.delimiter
        self._write(f"{own}{d}{head}{d}{figures}{d}{tail}{d}{check}\r\n")

    def _check_cells(self, row: RegisterRow) -> list[str]:
        """A claim's or payment's check: the row's own cells (euro always with cents)."""
        shown = check_values(row.check)
        for key in EURO_CHECK_COLUMNS:
            if shown[key] is not None:
                shown[key] = self._euro(shown[key])
        return [self._cell(shown[c]) for c in CHECK_COLUMNS]

    def _piece(self, cells: list[str]) -> str:
        """Cells quoted as ``writerow`` would, as a piece of a line."""
        self._piece_writer.writerow(cells)
        return self._pieces.pop()[:-2]

    def _number(self, value: Decimal | None) -> str:
        """A row's own number as text (the same values recur: kept, a bounded number of them)."""
        if value is None:
            return ""
        found = self._numbers.get(value)
        return found if found is not None else self._numbers.make(value)

    def _euro(self, value: Decimal) -> str:
        """Euro always with cents in a sheet people read."""
        return euro_text(value, self._options.decimal)

    def _shared_pieces(self, row: RegisterRow) -> tuple[str, str]:
        """The quoted cells of a shared calculation: those between the row's own error and average
        (its period and months averaged: the same for all the splits of a period), and those between
        its entitlement and its check."""
        result = row.shared
        assert result is not None
        shown = shared_values(result)
        head_values = [shown[c] for c in SHARED_HEAD]
        key = tuple(tuple(v) if isinstance(v, list) else v for v in head_values)
        head = self._heads.get(key)
        if head is None:
            head = self._heads.keep(key, self._piece([self._cell(v) for v in head_values]))
        if shown["amount_eur"] is not None:
            shown["amount_eur"] = self._euro(shown["amount_eur"])
        days = [""] * len(self._options.day_columns)
        places, number = self._day_places, self._number
        for day in result.days:
            place = places[day.date]
            if place is not None:
                days[place] = number(day.hours)
        cells = [self._cell(shown[c]) for c in SHARED_LIMITS] + days + [self._cell(shown[c]) for c in SHARED_TAIL]
        return head, self._piece(cells)

    def _day_place(self, day: date) -> int | None:
        """The place of ``day``'s column among the run's day columns (None: not one of them)."""
        return self._day_columns.get(self._layout.day_name(day))

    def close(self) -> None:
        finish(self._stream)

    def abort(self) -> None:
        finish(self._stream)
