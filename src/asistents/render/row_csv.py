"""``batch`` rows as CSV: one line per row, the days spread over their columns.

Text cells are neutralised against formulas (:mod:`asistents.render.formula`); numbers
use the chosen decimal separator; lists are joined with `` | ``.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from typing import TextIO

from asistents.core.decimals import decimal_text, looks_like_number
from asistents.register.row import RegisterRow
from asistents.render.cells import all_columns, day_key, input_values
from asistents.render.formula import neutralise
from asistents.render.messages import notice_line, record_error_line
from asistents.render.options import RowOptions


class CsvRows:
    def __init__(self, stream: TextIO, options: RowOptions) -> None:
        self._options = options
        self._day_columns = options.day_columns
        self._writer = csv.writer(stream, delimiter=options.delimiter, lineterminator="\r\n")
        self._writer.writerow(all_columns(self._day_columns))

    def _cell(self, value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, Decimal):
            return decimal_text(value, self._options.decimal)
        if isinstance(value, (int, date)):
            return str(value)
        if isinstance(value, list):
            return " | ".join(self._cell(item) for item in value)
        shown = str(value)
        return shown if looks_like_number(shown) else neutralise(shown)

    def write(self, row: RegisterRow) -> None:
        lang = self._options.lang
        values = row.values
        result = row.result
        cells: list[object] = [row.line, values.get("id"), values.get("name")]
        if result is None:
            assert row.error is not None
            cells += ["error", record_error_line(row.line, row.error, lang), *input_values(row)]
            cells += [None] * (len(self._day_columns) + 6)
        else:
            by_day_of_month = self._options.by_day_of_month
            days = {day_key(d.date, by_day_of_month): d.hours for d in result.days}
            cells += ["ok", None, *input_values(row), result.average, result.entitlement, result.payable_hours]
            cells += [days.get(column) for column in self._day_columns]
            cells += [
                list(result.limited_by),
                [notice_line(n, lang) for n in result.warnings],
                result.amount_eur,
            ]
        self._writer.writerow([self._cell(cell) for cell in cells])

    def close(self) -> None:
        pass
