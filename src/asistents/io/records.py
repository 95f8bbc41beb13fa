"""Cells by column name turned into a :class:`CalcInput`, the same way for a register
row and for the command line, driven by the field registry.

Only the numeric columns are parsed as numbers, with the file's decimal separator
(the command line always uses a point); ids and names stay text. An empty cell
means "not given": the run-wide default (from the same flags as ``calc``) applies;
an empty ``used`` is not 0 but an error (:func:`asistents.core.validate.check_row`),
as a blank usually means the rest of the month's timesheet has not arrived. A
*missing column* is an error too: without a ``used`` column, or without ``avg``
and ``m1``-``m3``, a row that needs them names all the missing columns at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from asistents.core.basis import history_basis
from asistents.core.block import Rows, RowsMade, audit_of, limits_of, whole_input
from asistents.core.errors import InputError
from asistents.core.fields import (
    BY_COLUMN,
    BY_NAME,
    CLAIMED_PREFIX,
    MONTH_COLUMNS,
    PERSONAL_ATTRIBUTES,
    InputField,
    Kind,
)
from asistents.core.models import CalcInput
from asistents.core.period import resolve_period
from asistents.core.person import Person
from asistents.io.numbers import parse_date, parse_decimal, parse_flag


def given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def parse_hours(column: str, value: object, decimal: str) -> Decimal:
    if isinstance(value, bool):
        raise InputError(column, value, "not_a_number", sep=decimal)
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, Decimal):
        if value.is_signed() and value.is_finite():
            raise InputError(column, value, "negative")
        return value
    if isinstance(value, str):
        return parse_decimal(column, value, decimal)
    raise InputError(column, value, "not_a_number", sep=decimal)


def _flag(column: str, value: object, decimal: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return parse_flag(column, value)
    raise InputError(column, value, "not_a_flag")


def _date(column: str, value: object, decimal: str) -> date:
    if isinstance(value, date):  # a workbook's date cell
        return value
    if isinstance(value, str):
        return parse_date(column, value)
    raise InputError(column, value, "not_a_date")


#: How a cell of each kind becomes a value (``months`` and ``text`` are handled apart).
PARSERS: dict[Kind, Callable[[str, object, str], object]] = {
    "hours": parse_hours,
    "euro": parse_hours,
    "flag": _flag,
    "date": _date,
    "notes": lambda column, value, decimal: tuple(value) if isinstance(value, (list, tuple)) else (str(value),),
}


def _months(field: InputField, values: Mapping[str, object], decimal: str) -> tuple[Decimal, ...] | None:
    cells = [values.get(c.name) for c in MONTH_COLUMNS]
    together = values.get("months")
    if not any(given(cell) for cell in cells) and given(together):  # "40 | 50 | 30" in one cell
        parts = together if isinstance(together, list) else str(together).split("|")
        if len(parts) != len(MONTH_COLUMNS):
            raise InputError("months", together, "months_count")
        cells = [p.strip() if isinstance(p, str) else p for p in parts]
    present = [given(cell) for cell in cells]
    if all(present):
        return tuple(parse_hours(c.name, cell, decimal) for c, cell in zip(MONTH_COLUMNS, cells, strict=True))
    if any(present):
        raise InputError(MONTH_COLUMNS[present.index(False)].name, "", "months_count")
    return None


def _claimed(values: Mapping[str, object], decimal: str, start: date) -> tuple[tuple[date, Decimal], ...] | None:
    """The hours claimed by day, from the columns whose headers are days; None when none has a figure."""
    claimed: dict[date, Decimal] = {}
    for column, value in values.items():
        if not column.startswith(CLAIMED_PREFIX) or not given(value):
            continue
        key = column[len(CLAIMED_PREFIX) :]
        try:
            day = date.fromisoformat(f"{start.year}{key[1:]}" if key.startswith("--") else key)
        except ValueError:  # 29.02. in a year that has none: that column's error, not a failed run
            raise InputError(column, value, "no_such_day", day=key[2:], year=start.year) from None
        claimed[day] = claimed.get(day, Decimal(0)) + parse_hours(column, value, decimal)
    return tuple(sorted(claimed.items())) if claimed else None


#: The input attributes that are a row's own (the registry's ``personal`` fields); the rest are its limits.
_PERSONAL = frozenset(PERSONAL_ATTRIBUTES)


def _key(value: object) -> object:
    """A cell as a key: its text, or its type and digits (``35`` and ``35.0`` are equal numbers, but a result
    shows its own figures as they were written; ``True`` and ``1`` are equal in Python)."""
    return value if type(value) is str else repr(value)


class RowReader:
    """A block of rows read into :class:`~asistents.core.block.Rows`, the way ``calc`` reads its options
    (:func:`record_to_input` is a block of one).

    Each distinct set of limit cells (``weekly``, the period, the limits: a register has a few) is read once
    into its limits, and each distinct text of a person's own cell is parsed once: both tables are the
    reader's, and a reader reads one block of rows (the register pipeline's ``BLOCK_ROWS``), so neither holds
    more entries than the block has cells. A row that cannot be read raises :class:`InputError` naming the
    column, the first in the order the cells are read: each cell in the row's order, then the three months
    together, the claimed days, and missing columns."""

    def __init__(self, defaults: CalcInput, decimal: str, *, require_columns: bool = True) -> None:
        self._defaults, self._decimal, self._require = defaults, decimal, require_columns
        self._parsed: dict[tuple[str, str], object] = {}
        self.made = RowsMade()

    def rows(self) -> Rows:
        return self.made.rows()

    def _parse(self, field: InputField, name: str, value: object) -> object:
        if type(value) is not str:  # a JSON number or a workbook's cell: read as it is
            return PARSERS[field.kind](name, value, self._decimal)
        found = self._parsed.get((name, value))
        if found is None:
            try:
                found = PARSERS[field.kind](name, value, self._decimal)
            except InputError as error:
                found = error
            self._parsed[name, value] = found
        if isinstance(found, InputError):
            raise found
        return found

    def read(self, values: Mapping[str, object]) -> None:
        """Read one row (its cells by column name) into the block; raise :class:`InputError` naming the column."""
        own: dict[str, Any] = {}
        limit_cells: list[tuple[str, object]] = []
        limit_values: list[tuple[str, object]] = []
        has_claims = has_months = False
        for name, value in values.items():  # only the columns the row has: most registers have a few
            field = BY_COLUMN.get(name)
            if field is None:
                has_claims = has_claims or name.startswith(CLAIMED_PREFIX)
            elif field.kind == "months":
                has_months = True
            elif field.attribute is not None and given(value):
                parsed = self._parse(field, name, value)
                if field.attribute in _PERSONAL:
                    own[field.attribute] = parsed
                else:
                    limit_cells.append((name, _key(value)))
                    limit_values.append((field.attribute, parsed))
        if has_months:
            months = _months(BY_NAME["months"], values, self._decimal)
            if months is not None:
                own["months"] = months
        g = self.made.limits_of(tuple(limit_cells), lambda: self._limits(limit_values))
        limits = self.made.limits[g]
        if has_claims:
            claimed = _claimed(values, self._decimal, limits.start)
            if claimed is not None:
                own["claimed"] = claimed
        if self._require and history_basis(limits) == "average":
            history = any(key in values for key in ("avg", "m1", "m2", "m3", "months"))
            missing = [] if history else ["avg (or m1, m2, m3)"]
            if "used" not in values and not limits.whole_month:  # a whole month has no other days
                missing.append("used")
            if missing:
                raise InputError("columns", ", ".join(missing), "missing_columns")
        d = self._defaults
        person = Person(own.get("average", d.average), own.get("months", d.months), own.get("used", d.used))
        audit = audit_of(own.get("paid", d.paid), own.get("paid_eur", d.paid_eur), own.get("claimed", d.claimed))
        self.made.add(g, person, audit)

    def _limits(self, values: list[tuple[str, object]]) -> CalcInput:
        """A row's set of limits: the defaults with its limit cells, the period made whole."""
        update = dict(values)
        if "start" in update or "end" in update:
            update["start"], update["end"] = resolve_period(update.get("start"), update.get("end"))  # type: ignore[arg-type]
        return limits_of(replace(self._defaults, **update) if update else self._defaults)  # type: ignore[arg-type]


def record_to_input(
    values: Mapping[str, object], defaults: CalcInput, decimal: str = ".", *, require_columns: bool = True
) -> CalcInput:
    """Build the input of one row (or command line): a :class:`RowReader` of one row; raise
    :class:`InputError` naming the column."""
    reader = RowReader(defaults, decimal, require_columns=require_columns)
    reader.read(values)
    rows = reader.rows()
    return whole_input(rows.limits[0], rows.people[0], rows.audits[0])
