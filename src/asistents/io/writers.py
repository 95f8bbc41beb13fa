"""Writing ``batch`` rows as CSV, a JSON array or NDJSON, streamed row by row.

JSON arrays are written as rows arrive (``[`` with the first row, ``]`` after the
last, ``[]`` when empty), so memory does not grow with the number of rows. CSV text
cells are neutralised against formulas; numbers use the chosen decimal separator.
"""

from __future__ import annotations

import csv
import json
import re
import secrets
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol, TextIO

from asistents.core.models import plain
from asistents.io.excel import neutralise

_NUMBER_TEXT = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")


class RowWriter(Protocol):
    def write(self, row: dict[str, object]) -> None: ...

    def close(self) -> None: ...


class CsvRowWriter:
    """One CSV line per row; the days are spread over their columns."""

    def __init__(self, stream: TextIO, columns: Sequence[str], delimiter: str, decimal: str) -> None:
        self._columns = list(columns)
        self._decimal = decimal
        self._writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")
        self._writer.writerow(self._columns)

    def _cell(self, value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, Decimal):
            shown = format(plain(value), "f")
            return shown.replace(".", ",") if self._decimal == "," else shown
        if isinstance(value, (int, date)):
            return str(value)
        if isinstance(value, list):
            return " | ".join(self._cell(item) for item in value)
        shown = str(value)
        return shown if _NUMBER_TEXT.fullmatch(shown) else neutralise(shown)

    def write(self, row: dict[str, object]) -> None:
        days = row.get("days")
        merged = {**row, **days} if isinstance(days, dict) else row
        self._writer.writerow([self._cell(merged.get(column)) for column in self._columns])

    def close(self) -> None:
        pass


_NONCE = secrets.token_hex(8)


def json_row(row: dict[str, object]) -> str:
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

    shown = {key: value for key, value in row.items() if key != "warnings"}
    shown["warnings"] = shown.pop("warning_codes", [])
    text = json.dumps(shown, default=default, ensure_ascii=False, separators=(",", ":"))
    for i, number in enumerate(numbers):
        text = text.replace(f'"\\u0000{_NONCE}:{i}\\u0000"', number, 1)
    return text


class NdjsonRowWriter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, row: dict[str, object]) -> None:
        self._stream.write(json_row(row) + "\n")

    def close(self) -> None:
        pass


class JsonArrayRowWriter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._first = True

    def write(self, row: dict[str, object]) -> None:
        self._stream.write(("[\n" if self._first else ",\n") + json_row(row))
        self._first = False

    def close(self) -> None:
        self._stream.write("[]\n" if self._first else "\n]\n")
