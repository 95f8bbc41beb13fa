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
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from json.encoder import c_encode_basestring, py_encode_basestring  # type: ignore[attr-defined]
from typing import Any, BinaryIO

from asistents.cache import Bounded
from asistents.register.row import RegisterRow
from asistents.render.cells import (
    CHECK_COLUMNS,
    SHARED_HEAD,
    SHARED_LIMITS,
    SHARED_TAIL,
    check_values,
    computed,
    unique_keys,
)
from asistents.render.formula import JSON_UNSAFE
from asistents.render.json_data import json_data
from asistents.render.messages import record_error_line
from asistents.render.options import RowOptions
from asistents.render.per_split import PerSplit
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
    """The JSON keys of each distinct set of input columns, worked out once (the rows of a CSV
    share one header; JSON records often have the same keys), and each as the text that starts
    its member (``"id":``)."""

    #: How many sets of columns are kept (JSON records may each have their own).
    LIMIT = 1024

    def __init__(self) -> None:
        self._keys: Bounded[tuple[str, ...], tuple[list[str], list[str]]] = Bounded(self._make, self.LIMIT)

    def __call__(self, columns: Sequence[str]) -> list[str]:
        return self._found(columns)[0]

    def members(self, columns: Sequence[str]) -> list[str]:
        return self._found(columns)[1]

    def _found(self, columns: Sequence[str]) -> tuple[list[str], list[str]]:
        names = tuple(columns)  # a CSV's header is a tuple already: no copy
        found = self._keys.get(names)
        return found if found is not None else self._keys.make(names)

    @staticmethod
    def _make(names: tuple[str, ...]) -> tuple[list[str], list[str]]:
        keys = unique_keys(names)
        return keys, [json.dumps(key, ensure_ascii=False).translate(JSON_UNSAFE) + ":" for key in keys]


def row_object(row: RegisterRow, options: RowOptions, keys: _Keys) -> dict[str, object]:
    """The input's own keys and cells, unchanged, then the computed columns."""
    record = row.record
    shown: dict[str, object] = dict(zip(keys(record.columns), record.cells, strict=False))
    error = None if row.error is None else record_error_line(row.line, row.error, options.lang, record.headers)
    values = computed(row, error)
    for key in ("warnings", "check_reasons"):
        if values[key] is not None:
            values[key] = json_data(values[key])
    shown.update(values)
    return shown


def _number(value: Decimal | None) -> str:
    return "null" if value is None else str(value)


_TAIL = (*SHARED_LIMITS, "days", *SHARED_TAIL)
_NO_CHECK = json_text(dict.fromkeys(CHECK_COLUMNS))[1:-1]


class _RowText:
    """One row as JSON text. What alike rows share (one calculation: its period, caps, days,
    limits, warnings) is encoded once per calculation and reused: the text is the same as
    :func:`json_text` of :func:`row_object` would give, at a fraction of the cost."""

    def __init__(self, options: RowOptions) -> None:
        self._options = options
        self._keys = _Keys()
        self._shared = PerSplit(self._shared_text)

    def __call__(self, row: RegisterRow) -> str:
        result = row.shared
        if result is None:
            return json_text(row_object(row, self._options, self._keys))
        record = row.record
        cells = record.cells
        members = self._keys.members(record.columns)
        try:  # text cells (CSV): encoded as json.dumps would; another cell raises TypeError
            inputs = _safe(",".join([m + _string(c) for m, c in zip(members, cells, strict=False)]))
        except TypeError:  # a number, a date (JSON, workbooks): not a string
            inputs = json_text(dict(zip(self._keys(record.columns), cells, strict=False)))[1:-1]
        head, tail = self._shared(row)
        check = _NO_CHECK
        if row.check is not None:
            values = check_values(row.check)
            values["check_reasons"] = json_data(values["check_reasons"])
            check = json_text({key: values[key] for key in CHECK_COLUMNS})[1:-1]
        return (
            f'{{{inputs}{"," if inputs else ""}"line":{row.line},"status":"ok","error":null,{head},'
            f'"average_hours":{_number(row.average)},"entitlement":{_number(row.entitlement)},'
            f"{tail},{check}}}"
        )

    @staticmethod
    def _shared_text(row: RegisterRow) -> tuple[str, str]:
        """The keys and values of a shared calculation, before and after the row's own figures."""
        values = computed(row, None)
        values["warnings"] = json_data(values["warnings"])
        head = json_text({key: values[key] for key in SHARED_HEAD})[1:-1]
        tail = json_text({key: values[key] for key in _TAIL})[1:-1]
        return head, tail


class NdjsonRows:
    def __init__(self, sink: BinaryIO, options: RowOptions) -> None:
        self._stream = text_over(sink)
        self._options = options
        self._text = _RowText(options)

    def write(self, row: RegisterRow) -> None:
        self._stream.write(self._text(row) + "\n")

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

    def write(self, row: RegisterRow) -> None:
        text = self._text(row)
        self._stream.write(("[\n" if self._first else ",\n") + text)
        self._first = False

    def close(self) -> None:
        self._stream.write("[]\n" if self._first else "\n]\n")
        finish(self._stream)

    def abort(self) -> None:
        finish(self._stream)
