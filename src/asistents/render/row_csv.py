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
from operator import itemgetter
from typing import Any, BinaryIO

from asistents.core.decimals import decimal_text, euro_text, looks_like_number
from asistents.core.models import ClaimReason, Notice
from asistents.register.row import Placed, RegisterRow
from asistents.render.cells import (
    AFTER_DAYS,
    BEFORE_DAYS,
    DAY_HOURS_PREFIX,
    EURO_CHECK_COLUMNS,
    DayCells,
    SheetCells,
    csv_computed_columns,
    rows_computed,
    text_columns,
    texts_once,
)
from asistents.render.formula import TRIGGERS, neutralise
from asistents.render.messages import notice_line, reason_line, record_error_line
from asistents.render.options import RowOptions, unchanged
from asistents.render.text_sink import finish, text_over

#: An input cell's first character that needs a closer look (a formula trigger; "" an empty cell).
_NOT_PLAIN = frozenset({"", *TRIGGERS})
#: A text's first character ("" when empty).
_FIRST = itemgetter(slice(0, 1))
#: Euro, always with cents in a sheet people read.
_EURO_COLUMNS = frozenset({"amount_eur", *EURO_CHECK_COLUMNS})


class CsvRows:
    def __init__(self, sink: BinaryIO, options: RowOptions) -> None:
        self._stream = stream = text_over(sink, options.bom)
        self._options = options
        self._input_columns = options.input_columns
        self._layout = SheetCells(options.input_columns, options.by_day_of_month, month=options.whole_emergency)
        self._escape = options.escape
        self._writer = csv.writer(stream, delimiter=options.delimiter, lineterminator="\r\n")
        self._plain_inputs = options.escape is unchanged
        self._text_of: dict[type, Callable[[Any], str]] = {
            type(None): "".format,
            bool: lambda value: "1" if value else "0",
            Decimal: lambda value: decimal_text(value, options.decimal),
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
        self.write_block([row])

    def write_block(self, rows: Sequence[RegisterRow], placed: Sequence[Placed] | None = None) -> None:
        """A block's rows: the computed cells of each computed block they are of (``placed``; each row on its
        own when not given) a column at a time, each distinct value's text made once for the block (a block's
        values are few: hours in whole steps, a handful of limits and periods), and a person's cells once for
        their rows (a whole emergency's months)."""
        separator = self._options.decimal
        day_cells = DayCells(lambda value: decimal_text(value, separator), lambda days: self._place(days[0]))
        inputs = self._plain_block(rows) or list(self._layout.each_inputs(rows, self._inputs))

        def lines(each: Placed, values: dict[str, list[Any]]) -> list[list[object]]:
            return self._computed_cells(each, values, day_cells, [inputs[at] for at in each.at])

        computed = rows_computed(rows, placed, lines)
        self._writer.writerows([[*cells, *self._error_cells(row)] if line is None else line
                                for row, cells, line in zip(rows, inputs, computed, strict=True)])  # fmt: skip

    def _plain_block(self, rows: Sequence[RegisterRow]) -> list[Sequence[object]] | None:
        """The block's input cells as they are, where each is a text a spreadsheet would not run (:meth:`_inputs`;
        empty, or its first character no formula's) under the run's columns (a CSV register's usual block,
        checked a column at a time: :func:`text_columns`), else None."""
        if not self._plain_inputs or self._options.whole_emergency:
            return None
        found = text_columns(rows)
        if found is None or tuple(found[0]) != tuple(self._input_columns):
            return None
        if any(not set(map(_FIRST, column)).isdisjoint(TRIGGERS) for column in found[1]):
            return None
        return [row.record.cells for row in rows]

    def _inputs(self, inputs: Sequence[object]) -> list[str]:
        if self._plain_inputs:  # text as it is, unless a spreadsheet would run it
            return [c if type(c) is str and c[:1] not in _NOT_PLAIN else self._input_cell(c) for c in inputs]
        return [self._input_cell(cell) for cell in inputs]

    def _error_cells(self, row: RegisterRow) -> list[str]:
        assert row.error is not None
        options = self._options
        if row.mark is not None:
            cells = [str(row.line), row.mark, ""]
        else:
            error = record_error_line(row.line, row.error, options.lang, row.record.headers)
            cells = [str(row.line), "error", self._safe(error)]
        return cells + [""] * (len(BEFORE_DAYS) - 3 + len(options.day_columns) + len(AFTER_DAYS))

    def _computed_cells(
        self,
        placed: Placed,
        values: dict[str, list[Any]],
        day_cells: DayCells[str, int | None],
        inputs: list[Sequence[object]],
    ) -> list[list[object]]:
        """The lines of a computed block's placed rows: each row's ``inputs`` cells, then its computed cells in the
        sheet's order: a period's days are consecutive columns, its dates in a sheet of the run's period (every
        row has it), or its days of the month (rows of their own periods, each within a month); its days go in
        from the column of its first day (None: a sheet without day columns shows none)."""
        blank = [""] * len(self._options.day_columns)
        before = zip(*[self._column(column, values[column]) for column in BEFORE_DAYS], strict=True)
        after = zip(*[self._column(column, values[column]) for column in AFTER_DAYS], strict=True)
        days, start = day_cells(placed)
        if start is None:
            return [[*given, *first, *blank, *last] for given, first, last in zip(inputs, before, after, strict=True)]
        left, right = blank[:start], blank[start + len(placed.block.plan.days) :]
        return [
            [*given, *first, *left, *texts, *right, *last]
            for given, first, texts, last in zip(inputs, before, days, after, strict=True)
        ]

    def _column(self, column: str, values: list[Any]) -> list[str]:
        """A computed column's texts: euro with cents, anything else by its type (:meth:`_cell`); each
        distinct value's text once for the block (:func:`texts_once`)."""
        if column in _EURO_COLUMNS:
            separator = self._options.decimal
            return texts_once(values, column, lambda v: "" if v is None else euro_text(v, separator), numbers=True)
        return texts_once(values, column, self._cell, numbers=True)

    def close(self) -> None:
        finish(self._stream)

    def abort(self) -> None:
        finish(self._stream)
