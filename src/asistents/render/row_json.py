"""``batch`` rows as NDJSON or a JSON array, streamed row by row.

JSON arrays are written as rows arrive (``[`` with the first row, ``]`` after the
last, ``[]`` when empty), so memory does not grow with the number of rows.
Warnings are ``{code, params}`` as in ``calc --json`` (never translated: JSON is
for programs); the ``error`` text follows the language.
"""

from __future__ import annotations

import json
import secrets
from datetime import date
from decimal import Decimal
from typing import TextIO

from asistents.core.fields import INPUT_COLUMNS
from asistents.register.row import RegisterRow
from asistents.render.cells import day_key, input_values
from asistents.render.messages import record_error_line
from asistents.render.options import RowOptions

_NONCE = secrets.token_hex(8)


def json_text(row: dict[str, object]) -> str:
    """One row as compact JSON; every Decimal is written as its own digits.

    ``json`` cannot write a Decimal as a number, and going through ``float`` would
    change or reject values a float cannot hold (``0.12345678901234567890``,
    ``1e400``) that an input row may carry. Each Decimal becomes a placeholder
    string, replaced after encoding by its exact text (a valid JSON number:
    digits, a point, an exponent; never NaN, which the readers refuse).
    """
    numbers: list[str] = []

    def default(value: object) -> object:
        if isinstance(value, Decimal):
            numbers.append(str(value))
            return f"\x00{_NONCE}:{len(numbers) - 1}\x00"
        if isinstance(value, date):
            return value.isoformat()
        raise TypeError(f"cannot write {type(value).__name__} as JSON")

    text = json.dumps(row, default=default, ensure_ascii=False, separators=(",", ":"))
    for i, number in enumerate(numbers):
        text = text.replace(f'"\\u0000{_NONCE}:{i}\\u0000"', number, 1)
    return text


def row_object(row: RegisterRow, options: RowOptions) -> dict[str, object]:
    values = row.values
    result = row.result
    shown: dict[str, object] = {"line": row.line, "id": values.get("id"), "name": values.get("name")}
    if result is None:
        assert row.error is not None
        shown["status"] = "error"
        shown["error"] = record_error_line(row.line, row.error, options.lang)
        shown.update(zip(INPUT_COLUMNS, input_values(row), strict=True))
        shown.update(days={}, limited_by=[], warnings=[])
        return shown
    shown["status"] = "ok"
    shown["error"] = None
    shown.update(zip(INPUT_COLUMNS, input_values(row), strict=True))
    shown["average"] = result.average
    shown["entitlement"] = result.entitlement
    shown["payable_hours"] = result.payable_hours
    shown["days"] = {day_key(d.date, options.by_day_of_month): d.hours for d in result.days}
    shown["limited_by"] = list(result.limited_by)
    shown["amount_eur"] = result.amount_eur
    shown["warnings"] = [n.model_dump(mode="json") for n in result.warnings]
    return shown


class NdjsonRows:
    def __init__(self, stream: TextIO, options: RowOptions) -> None:
        self._stream = stream
        self._options = options

    def write(self, row: RegisterRow) -> None:
        self._stream.write(json_text(row_object(row, self._options)) + "\n")

    def close(self) -> None:
        pass


class JsonArrayRows:
    def __init__(self, stream: TextIO, options: RowOptions) -> None:
        self._stream = stream
        self._options = options
        self._first = True

    def write(self, row: RegisterRow) -> None:
        self._stream.write(("[\n" if self._first else ",\n") + json_text(row_object(row, self._options)))
        self._first = False

    def close(self) -> None:
        self._stream.write("[]\n" if self._first else "\n]\n")
