"""A municipality's table of hourly rates by month (``--rates FILE``): CSV ``month;rate``.

No verified official table exists for 2020 (the minimum wage divided by a month's
hours has two readings), so a municipality gives its own. One line a month,
``2020-03;2,6875`` or ``03.2020,2.6875``; a first line that is not a month is a
header; empty lines are skipped. With ``;`` or a tab between the cells a decimal comma
is read too; with ``,`` only a decimal point. Every month is listed: a month that is
not has no rate (an error naming the month, never a neighbour's rate).
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

from asistents.core.errors import InputError
from asistents.io.numbers import parse_decimal, parse_month

#: The most bytes a rate table may have: a month a line for a century is a few KiB.
RATES_LIMIT = 256 * 1024
#: The longest line a rate table may have (a month and a rate are a few characters).
_LINE_LIMIT = 200


def _rows(text: str, delimiter: str) -> list[list[str]]:
    """The table's non-empty rows; a line too long to be a month and a rate is an error naming it."""
    rows: list[list[str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > _LINE_LIMIT:
            raise InputError("rates", f"{line[:20]}…", "rates_line", line=number)
        if line.strip():
            try:
                rows.extend(row for row in csv.reader([line], delimiter=delimiter) if any(c.strip() for c in row))
            except csv.Error:
                raise InputError("rates", line[:40], "rates_line", line=number) from None
    return rows


def read_rates(text: str) -> tuple[tuple[date, Decimal], ...]:
    """The table in ``text``; raises :class:`InputError` naming the line and the cell."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    found: dict[date, Decimal] = {}
    rows = _rows(text, delimiter)
    for number, row in enumerate(rows, start=1):
        if len(row) != 2:
            raise InputError("rates", delimiter.join(row), "rates_line", line=number)
        try:
            month = parse_month("rates", row[0])
        except InputError:
            if number == 1:
                continue  # a header
            raise
        decimal = "." if delimiter == "," or "." in row[1] else ","
        rate = parse_decimal("rates", row[1], decimal)
        if month in found:
            raise InputError("rates", row[0], "month_given_twice")
        found[month] = rate
    if not found:
        raise InputError("rates", "", "rates_empty")
    return tuple(sorted(found.items()))
