"""Results as JSON data: what ``calc --json`` writes and what a batch row's warnings hold.

The models are plain dataclasses (:mod:`asistents.core.models`); this walks them in
field order. Hours are JSON numbers written exactly
(:func:`~asistents.core.models.decimal_to_json_number`), dates ISO strings, and a
warning's or reason's parameters strings, as the JSON Schema says (``asistents
schema``; the tests check this writer against pydantic's reading of that schema).
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal

from asistents.core.models import ClaimReason, Notice, decimal_to_json_number, param_text

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def json_data(value: object) -> object:
    """``value`` as JSON-ready Python data (dicts, lists, str, int, float, bool, None)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, Decimal):
        return decimal_to_json_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Notice, ClaimReason)):  # parameters are strings in JSON
        return {"code": value.code, "params": {key: param_text(v) for key, v in value.params.items()}}
    if isinstance(value, (tuple, list)):
        return [json_data(item) for item in value]
    if isinstance(value, dict):
        return {(k.isoformat() if isinstance(k, date) else k): json_data(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.get(type(value))
        if names is None:
            names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
        return {name: json_data(getattr(value, name)) for name in names}
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def json_document(value: object) -> str:
    """``value`` as indented JSON, non-ASCII letters as they are, with its last line's end: what ``calc --json``
    prints and the web page's ``/api/calc`` answers."""
    return json.dumps(json_data(value), indent=2, ensure_ascii=False) + "\n"
