"""``batch`` rows as NDJSON or a JSON array, streamed row by row.

JSON arrays are written as rows arrive (``[`` with the first row, ``]`` after the
last, ``[]`` when empty), so memory does not grow with the number of rows.
Each row holds the input's own keys first, unchanged, then the computed columns
(:class:`~asistents.render.cells.BatchRow`). Warnings are ``{code, params}`` as
in ``calc --json`` (never translated: JSON is for programs); the ``error`` text
follows the language.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from json.encoder import c_encode_basestring, py_encode_basestring  # type: ignore[attr-defined]
from typing import Any, BinaryIO

from asistents.register.row import Placed, RegisterRow
from asistents.render.cells import (
    COMPUTED_COLUMNS,
    NOTICE_COLUMNS,
    DayCells,
    computed,
    input_cells,
    rows_computed,
    text_columns,
    texts_once,
    unique_keys,
)
from asistents.render.formula import JSON_UNSAFE
from asistents.render.json_data import json_data
from asistents.render.messages import record_error_line
from asistents.render.options import RowOptions
from asistents.render.text_sink import finish, text_over

_NONCE = secrets.token_hex(8)
#: A string as ``json.dumps(..., ensure_ascii=False)`` writes it (anything else: TypeError).
_string: Callable[[Any], str] = py_encode_basestring if c_encode_basestring is None else c_encode_basestring


def _safe(text: str) -> str:
    """JSON text with C1 controls and bidi overrides escaped (none of them is ASCII)."""
    return text if text.isascii() else text.translate(JSON_UNSAFE)


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

    text = _safe(json.dumps(row, default=default, ensure_ascii=False, separators=(",", ":")))
    for i, number in enumerate(numbers):
        text = text.replace(f'"\\u0000{_NONCE}:{i}\\u0000"', number, 1)
    return text


class _Keys:
    """The JSON keys of the last set of input columns (the rows of a CSV share one header; JSON records
    often have the same keys), and each as the text that starts its member (``"id":``)."""

    def __init__(self) -> None:
        self._last: tuple[Sequence[str], list[str], list[str]] | None = None

    def __call__(self, columns: Sequence[str]) -> list[str]:
        return self._found(columns)[1]

    def members(self, columns: Sequence[str]) -> list[str]:
        return self._found(columns)[2]

    def _found(self, columns: Sequence[str]) -> tuple[Sequence[str], list[str], list[str]]:
        if self._last is None or self._last[0] != columns:
            keys = unique_keys(columns)
            members = [json.dumps(key, ensure_ascii=False).translate(JSON_UNSAFE) + ":" for key in keys]
            self._last = (columns, keys, members)
        return self._last


def row_object(row: RegisterRow, options: RowOptions, keys: _Keys) -> dict[str, object]:
    """The input's own keys and cells, unchanged, then the computed columns."""
    columns, cells = input_cells(row, options.whole_emergency)
    shown: dict[str, object] = dict(zip(keys(columns), cells, strict=False))
    error = None if row.error is None else record_error_line(row.line, row.error, options.lang, row.record.headers)
    values = computed(row, error)
    for key in NOTICE_COLUMNS:
        if values[key] is not None:
            values[key] = json_data(values[key])
    shown.update(values)
    return shown


def _value(value: object) -> str:
    """A computed value as :func:`json_text` writes it (warnings and reasons: through it)."""
    if value is None:
        return "null"
    if type(value) is Decimal:  # most computed values: hours, euro
        return str(value)
    if type(value) is str:
        return _safe(_string(value))
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return f'"{value.isoformat()}"'
    if type(value) is dict:
        return "{" + ",".join([f'"{key}":{hours}' for key, hours in value.items()]) + "}"
    if type(value) is list and all(type(item) is str for item in value):
        return "[" + ",".join([_safe(_string(item)) for item in value]) + "]"
    return json_text(json_data(value))  # type: ignore[arg-type]


class _RowText:
    """One row as JSON text: the same as :func:`json_text` of :func:`row_object` would give, written
    member by member (a Decimal as its own digits, without ``json_text``'s placeholders)."""

    def __init__(self, options: RowOptions) -> None:
        self._options = options
        self._keys = _Keys()

    def block(self, rows: Sequence[RegisterRow], placed: Sequence[Placed] | None = None) -> list[str]:
        """Each of ``rows`` as JSON text; the computed members of each computed block they are of (``placed``;
        each row on its own when not given) a column at a time, each distinct value's text once for the block
        (warnings and reasons each on its own)."""
        members = rows_computed(rows, placed, self._computed_members)
        inputs: Sequence[str | None] = self._inputs(rows) or [None] * len(rows)
        return [self._error(row) if done is None else self._text(row, done, given)
                for row, done, given in zip(rows, members, inputs, strict=True)]  # fmt: skip

    def _inputs(self, rows: Sequence[RegisterRow]) -> list[str] | None:
        """Each row's input members, where the block's rows are records of the same columns with a text in each
        cell (:func:`text_columns`): each column's members made in C, as :meth:`_text` makes a row's; else None."""
        found = None if self._options.whole_emergency else text_columns(rows)
        if found is None:
            return None
        members = self._keys.members(found[0])
        texts = [
            list(map(member.__add__, map(_string, column))) for member, column in zip(members, found[1], strict=True)
        ]
        return list(map(_safe, map(",".join, zip(*texts, strict=True))))

    def _error(self, row: RegisterRow) -> str:
        return json_text(row_object(row, self._options, self._keys))

    def _computed_members(self, placed: Placed, values: dict[str, list[Any]]) -> Iterable[str]:
        """The computed members of each of the block's rows: a column of one text for the whole block (most of
        them: the status, the period, the checks when nothing was paid) written into the block's template once,
        each other column's text a ``{}`` field of it, in the columns' order."""
        members, varying = [], []
        for key in COMPUTED_COLUMNS:
            texts = texts_once(values[key], key, _value, numbers=False) if key != "days" else self._days(placed)
            if texts and texts.count(texts[0]) == len(texts):
                members.append(f'"{key}":' + texts[0].replace("{", "{{").replace("}", "}}"))
            else:
                members.append(f'"{key}":{{}}')
                varying.append(texts)
        template = ",".join(members)
        if not varying:  # every row's members the same
            return [template.format()] * len(placed.ns)
        return (template.format(*texts) for texts in zip(*varying, strict=True))

    @staticmethod
    def _days(placed: Placed) -> list[str]:
        """The ``days`` member of each of the block's rows: ``{"2020-06-01":8,...}``, as :func:`_value` writes the
        dict (a period's members one template, each day's hours a ``{}`` field), each distinct row of days once."""
        day_cells = DayCells(str, lambda days: "{{" + ",".join(f'"{day.isoformat()}":{{}}' for day in days) + "}}")
        days, of_rows, members = day_cells.distinct(placed)
        texts = [members.format(*each) for each in days]
        return list(map(texts.__getitem__, of_rows))

    def _text(self, row: RegisterRow, computed_members: str, inputs: str | None = None) -> str:
        """The row as JSON text, its input ``members`` where they were made with its block's (:meth:`_inputs`)."""
        if inputs is None:
            columns, cells = input_cells(row, self._options.whole_emergency)
            members = self._keys.members(columns)
            try:  # text cells (CSV): encoded as json.dumps would; another cell raises TypeError
                inputs = _safe(",".join([m + _string(c) for m, c in zip(members, cells, strict=False)]))
            except TypeError:  # a number, a date (JSON, workbooks): not a string
                inputs = json_text(dict(zip(self._keys(columns), cells, strict=False)))[1:-1]
        return f"{{{inputs}{',' if inputs else ''}{computed_members}}}"


class NdjsonRows:
    def __init__(self, sink: BinaryIO, options: RowOptions) -> None:
        self._stream = text_over(sink)
        self._options = options
        self._text = _RowText(options)

    def write_block(self, rows: Sequence[RegisterRow], placed: Sequence[Placed] | None = None) -> None:
        self._stream.write("".join([text + "\n" for text in self._text.block(rows, placed)]))

    def write(self, row: RegisterRow) -> None:
        self.write_block([row])

    def close(self) -> None:
        finish(self._stream)

    def abort(self) -> None:
        finish(self._stream)


class JsonArrayRows:
    def __init__(self, sink: BinaryIO, options: RowOptions) -> None:
        self._stream = text_over(sink)
        self._options = options
        self._first = True
        self._text = _RowText(options)

    def write_block(self, rows: Sequence[RegisterRow], placed: Sequence[Placed] | None = None) -> None:
        for text in self._text.block(rows, placed):
            self._stream.write(("[\n" if self._first else ",\n") + text)
            self._first = False

    def write(self, row: RegisterRow) -> None:
        self.write_block([row])

    def close(self) -> None:
        self._stream.write("[]\n" if self._first else "\n]\n")
        finish(self._stream)

    def abort(self) -> None:
        finish(self._stream)
