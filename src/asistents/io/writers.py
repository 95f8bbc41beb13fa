"""Writing ``batch`` rows as CSV, a JSON array or NDJSON, streamed row by row.

JSON arrays are written as rows arrive (``[`` with the first row, ``]`` after the
last, ``[]`` when empty), so memory does not grow with the number of rows. CSV text
cells are neutralised against formulas; numbers use the chosen decimal separator.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol, TextIO

from asistents.core.models import decimal_to_json_number, plain
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


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return _RawNumber(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


class _RawNumber(float):
    """Carries a Decimal through ``json`` as a number (its repr is exact, see models)."""

    def __new__(cls, value: Decimal) -> _RawNumber:
        return super().__new__(cls, decimal_to_json_number(value))


def json_row(row: dict[str, object]) -> str:
    shown = {key: value for key, value in row.items() if key not in ("warnings",)}
    shown["warnings"] = shown.pop("warning_codes", [])
    return json.dumps(shown, default=_json_default, ensure_ascii=False, separators=(",", ":"))


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
