"""How a register's value goes into a workbook cell, on every sheet alike (results, persons).

A number as a number, within what a sheet's number holds (``1e400`` is written as its digits,
as text); a date as a date; a yes/no as a boolean. Text is the caller's to write: it checks the
cell's length and widens the column (:mod:`asistents.render.row_xlsx`).
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal
from typing import Any


def write_value(sheet: Any, r: int, col: int, value: object, fmt: dict[str, Any], bad: bool = False) -> str | None:
    """Write ``value`` unless it is text; return the text to write (None: written, or nothing to write)."""
    plain = fmt["error"] if bad else None
    if isinstance(value, bool):
        sheet.write_boolean(r, col, value, plain)
    elif isinstance(value, (int, Decimal)):
        as_float = float(value)
        if not math.isfinite(as_float):  # beyond what a sheet's number holds (1e400): its digits, as text
            return str(value)
        sheet.write_number(r, col, as_float, fmt["error_number"] if bad else fmt["number"])
    elif isinstance(value, date):
        sheet.write_datetime(r, col, datetime(value.year, value.month, value.day), fmt["error_date" if bad else "date"])
    elif value is not None:
        return str(value)
    return None
