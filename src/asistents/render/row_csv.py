"""``batch`` rows as CSV: the input's columns as given, then the computed ones.

Text cells are neutralised against formulas (:mod:`asistents.render.formula`);
numbers use the chosen decimal separator; lists are joined with `` | ``; the days
are spread over one column each; warnings are written in words.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import BinaryIO

from asistents.core.decimals import decimal_text, looks_like_number
from asistents.core.models import ClaimReason, Notice
from asistents.register.row import RegisterRow
from asistents.render.cells import COMPUTED_COLUMNS, SheetCells, computed, csv_computed_columns
from asistents.render.formula import TRIGGERS, neutralise
from asistents.render.messages import notice_line, reason_line, record_error_line
from asistents.render.options import RowOptions, unchanged
from asistents.render.text_sink import finish, text_over

_CENT = Decimal("0.01")
#: How many shared objects' cells are kept (a few KB each).
_SHARED_LIMIT = 8192
_BEFORE_DAYS = COMPUTED_COLUMNS[: COMPUTED_COLUMNS.index("days")]
_AFTER_DAYS = COMPUTED_COLUMNS[COMPUTED_COLUMNS.index("days") + 1 :]


class CsvRows:
    def __init__(self, sink: BinaryIO, options: RowOptions) -> None:
        self._stream = stream = text_over(sink, options.bom)
        self._options = options
        self._input_columns = options.input_columns
        self._layout = SheetCells(options.input_columns, options.by_day_of_month)
        self._escape = options.escape
        #: Cells that many rows share (their days, their warnings), formatted once: the shared
        #: calculation gives alike rows the same objects. Bounded; each entry keeps its object
        #: alive, so an id is never reused while it is a key.
        self._shared: dict[int, tuple[object, list[str]]] = {}
        self._writer = csv.writer(stream, delimiter=options.delimiter, lineterminator="\r\n")
        header = [*self._input_columns, *csv_computed_columns(options.day_columns)]
        self._writer.writerow([self._safe(h) for h in header])

    def _cell(self, value: object) -> str:
        """A computed value as text: numbers with the chosen separator, lists joined."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, Decimal):
            return decimal_text(value, self._options.decimal)
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
        if isinstance(value, list):  # "months": [a, b, c]
            return self._safe(" | ".join(self._input_cell(item) for item in value))
        return self._safe(str(value))

    def _safe(self, text: str) -> str:
        """The final text of a cell, neutralised if a spreadsheet would run it (whatever made it)."""
        if text and text[0] in TRIGGERS and not looks_like_number(text):
            text = neutralise(text)
        return self._escape(text) if self._escape is not unchanged else text

    def write(self, row: RegisterRow) -> None:
        options = self._options
        error = None if row.error is None else record_error_line(row.line, row.error, options.lang, row.record.headers)
        shown = computed(row, error)
        if shown["amount_eur"] is not None:  # euro always with cents in a sheet people read
            shown["amount_eur"] = format(shown["amount_eur"].quantize(_CENT), "f").replace(".", options.decimal)
        cells = [self._input_cell(cell) for cell in self._layout.inputs(row)]
        cells += [self._cell(shown[c]) for c in _BEFORE_DAYS]
        result = row.result
        if result is None:
            cells += [""] * len(options.day_columns)
        else:
            cells += self._once(result.days, self._day_cells, row)
        for column in _AFTER_DAYS:
            value = shown[column]
            if column == "warnings" and result is not None:
                cells += self._once(result.warnings, self._one_cell, value)
            else:
                cells.append(self._cell(value))
        self._writer.writerow(cells)

    def _day_cells(self, row: object) -> list[str]:
        assert isinstance(row, RegisterRow)
        days = self._layout.days(row)
        return [self._cell(days.get(c)) for c in self._options.day_columns]

    def _one_cell(self, value: object) -> list[str]:
        return [self._cell(value)]

    def _once(self, shared: object, make: Callable[[object], list[str]], arg: object) -> list[str]:
        """Cells made from an object alike rows share, made once (see ``_shared``)."""
        found = self._shared.get(id(shared))
        if found is not None and found[0] is shared:
            return found[1]
        if len(self._shared) >= _SHARED_LIMIT:
            self._shared.clear()
        cells = make(arg)
        self._shared[id(shared)] = (shared, cells)
        return cells

    def close(self) -> None:
        finish(self._stream)

    def abort(self) -> None:
        finish(self._stream)
