"""Cells by column name read into the rows the core computes (:class:`~asistents.core.block.Rows`), a block
a column at a time, the same way for a register's rows and the command line's options (a block of one),
driven by the field registry.

Only the numeric columns are parsed as numbers, with the file's decimal separator
(the command line always uses a point); ids and names stay text. An empty cell
means "not given": the run-wide default (from the same flags as ``calc``) applies;
an empty ``used`` is not 0 but an error (:func:`asistents.core.validate.check_rows`),
as a blank usually means the rest of the month's timesheet has not arrived. A
*missing column* is an error too: without a ``used`` column, or without ``avg``
and ``m1``-``m3``, a row that needs them names all the missing columns at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any, NamedTuple

from asistents.core.basis import history_basis
from asistents.core.block import Audit, Rows, RowsMade, audit_of, limits_of, whole_input
from asistents.core.errors import InputError, error_of
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
from asistents.core.validate import check_value, has_bound, month_error
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


def cell_key(value: object) -> object:
    """A cell as a key: its text, or its type and digits (``35`` and ``35.0`` are equal numbers, but a result
    shows its own figures as they were written; ``True`` and ``1`` are equal in Python). A text is never the key
    of a value of another type: JSON's ``null`` is not given, the text ``"None"`` is a figure that cannot be
    read, and the text ``"Decimal('40.0')"`` is no number."""
    return value if type(value) is str else (type(value), repr(value))


def cell_keys(cells: list[object]) -> list[object]:
    """Each cell's key (:func:`cell_key`): a column of texts (a CSV register's) is its own keys."""
    return cells if set(map(type, cells)) <= _TEXT else list(map(cell_key, cells))


_TEXT = {str}


class Distinct(NamedTuple):
    """A column's cells read each distinct one once (:func:`each_distinct`)."""

    #: Each cell's value, its key (:func:`cell_key`), and each distinct key's value.
    values: list[Any]
    keys: list[object]
    table: dict[object, Any]

    def rows_of(self, chosen: Mapping[object, Any]) -> dict[int, Any]:
        """The rows whose key is in ``chosen``, each with its key's entry (none when ``chosen`` is empty)."""
        return {i: chosen[key] for i, key in enumerate(self.keys) if key in chosen} if chosen else {}


def each_distinct(cells: list[Any], read: Callable[[Any], Any], keys: list[object] | None = None) -> Distinct:
    """``read`` of each distinct cell of a column once (by its key: :func:`cell_keys`, or ``keys``), each cell's
    value found by its key (in C)."""
    keys = cell_keys(cells) if keys is None else keys
    table: dict[object, Any] = dict(zip(keys, cells, strict=True))  # each distinct key, and one of its cells
    for key, cell in table.items():
        table[key] = read(cell)
    return Distinct(list(map(table.__getitem__, keys)), keys, table)


#: A cell that gives nothing (empty): the run-wide default applies.
_NOT_GIVEN = object()


class _Column(NamedTuple):
    """A column the calculation reads a figure from, and whether the figure is the person's own."""

    name: str
    kind: Kind
    attribute: str
    personal: bool


class RowReader:
    """A block of rows read into :class:`~asistents.core.block.Rows`, a column at a time, the way ``calc`` reads
    its options (:func:`record_to_input` is a block of one).

    Each distinct cell of a column is parsed once, and each distinct set of limit cells (``weekly``, the
    period, the limits: a register has a few) is read once into its limits: both tables are the reader's, and
    a reader reads one block of rows (the register pipeline's ``BLOCK_ROWS``), so neither holds more entries
    than the block has cells. A row that cannot be read gets the :class:`InputError` naming the column, the
    first in the order the cells are read: each cell in the row's order, then the three months together, the
    claimed days, and missing columns."""

    def __init__(self, defaults: CalcInput, decimal: str, *, require_columns: bool = True) -> None:
        self._defaults, self._decimal, self._require = defaults, decimal, require_columns
        self.made = RowsMade()
        self._checked: list[InputError | None] = []

    def rows(self) -> Rows:
        """The rows read, each person's own figures checked on their own (:attr:`Rows.checked`)."""
        return self.made.rows()._replace(checked=self._checked)

    def read(self, values: Mapping[str, object]) -> None:
        """Read one row (its cells by column name); raise :class:`InputError` naming the column."""
        (error,) = self.read_block([values])
        if error is not None:
            raise error

    def read_block(self, block: Sequence[Mapping[str, object]]) -> list[InputError | None]:
        """Read ``block``'s rows (each its cells by column name), rows with the same columns a column at a
        time; each row's error, None for a row read."""
        found: list[InputError | None] = []
        start = 0
        while start < len(block):
            columns = list(block[start])
            end = start + 1
            while end < len(block) and list(block[end]) == columns:
                end += 1
            found += self._read_run(block[start:end], columns)
            start = end
        return found

    def _read_run(self, run: Sequence[Mapping[str, object]], columns: list[str]) -> list[InputError | None]:
        """Rows with the same ``columns``: each figure's column parsed at once, the rows' limits by their cells."""
        fields = [(name, BY_COLUMN[name]) for name in columns if name in BY_COLUMN]
        read = [_Column(name, f.kind, f.attribute, f.attribute in _PERSONAL) for name, f in fields
                if f.kind != "months" and f.attribute is not None]  # fmt: skip
        raw = [[values[column.name] for values in run] for column in read]
        parsed = [self._parsed(column, texts) for column, texts in zip(read, raw, strict=True)]
        cells = [values for values, _ in parsed]
        bounds = {column.name: out for column, (_, out) in zip(read, parsed, strict=True) if out}
        errors: list[InputError | None] = [None] * len(run)
        for column in reversed(cells):  # the first cell that cannot be read, in the row's order
            for i, cell in enumerate(column):
                if isinstance(cell, InputError):
                    errors[i] = cell
        d, decimal = self._defaults, self._decimal
        own = {c.attribute: [getattr(d, c.attribute) if v is _NOT_GIVEN else v for v in cell]
               for c, cell in zip(read, cells, strict=True) if c.personal}  # fmt: skip
        if any(f.kind == "months" for _, f in fields):  # then the three months together
            own["months"] = _each(run, errors, lambda values, _: _months(BY_NAME["months"], values, decimal), d.months)
        groups = self._groups(read, raw, cells, errors)
        if any(name.startswith(CLAIMED_PREFIX) for name in columns):  # then the claimed days, in the period's year
            starts = [None if g is None else self.made.limits[g].start for g in groups]
            own["claimed"] = _each(run, errors, lambda values, i: _claimed(values, decimal, starts[i]), d.claimed)  # type: ignore[arg-type]
        if self._require:  # then the columns the rule needs, by each set of limits once
            no_history, no_used = _missing(columns)
            missing = [_missing_error(limits, no_history, no_used) for limits in self.made.limits]
            if any(error is not None for error in missing):
                for i, g in enumerate(groups):
                    if errors[i] is None and g is not None:
                        errors[i] = missing[g]
        kept = [i for i, error in enumerate(errors) if error is None]

        def figures(name: str) -> list[Any]:  # the rows kept's figures of a field, the default where none
            values = own.get(name)
            return [getattr(d, name)] * len(kept) if values is None else [values[i] for i in kept]

        people = list(map(Person, *[figures(name) for name in Person._fields]))
        paid = [figures(name) for name in Audit._fields]
        audits: list[Audit | None] = [None] * len(kept)
        if any(c.count(None) < len(c) for c in paid):  # something was paid or claimed
            audits = list(map(audit_of, *paid))
        self.made.extend([groups[i] for i in kept], people, audits)  # type: ignore[misc]  # a row kept has its set
        self._checked += _figure_errors(kept, bounds, own.get("months"))
        return errors

    def _parsed(self, column: _Column, cells: list[object]) -> tuple[list[object], dict[int, InputError]]:
        """A column's cells parsed, each distinct cell once: the value, :data:`_NOT_GIVEN`, or the error; and
        where the column is one of a person's own figures, each row's figure out of its bounds
        (:func:`~asistents.core.validate.check_value` of each distinct figure once) by the row's place."""
        name, parse, decimal = column.name, PARSERS[column.kind], self._decimal

        def read(cell: object) -> object:
            if not given(cell):
                return _NOT_GIVEN
            try:
                return parse(name, cell, decimal)
            except InputError as error:  # the cell cannot be read
                return error

        parsed = each_distinct(cells, read)
        far: dict[object, InputError | None] = {}
        if column.personal and has_bound(name):
            far = {key: error_of(check_value, name, value) for key, value in parsed.table.items()
                   if isinstance(value, Decimal)}  # fmt: skip
        return parsed.values, parsed.rows_of({key: error for key, error in far.items() if error is not None})

    def _groups(
        self, read: list[_Column], raw: list[list[object]], cells: list[list[object]], errors: list[InputError | None]
    ) -> list[int | None]:
        """Each row's set of limits (None for a row that cannot be read): each distinct set of limit cells
        read once."""
        limit = [n for n, column in enumerate(read) if not column.personal]
        keys = list(zip(*[cell_keys(raw[n]) for n in limit], strict=True)) or [()] * len(errors)
        kept = [i for i, error in enumerate(errors) if error is None]
        # Each distinct key's first row read, in the order read (a later row of it would give the same set).
        first = dict(zip(map(keys.__getitem__, reversed(kept)), reversed(kept), strict=True))
        found: dict[tuple[object, ...], int] = {}
        for key, i in sorted(first.items(), key=itemgetter(1)):
            shown = [n for n in limit if cells[n][i] is not _NOT_GIVEN]
            given_cells = tuple([(read[n].name, cell_key(raw[n][i])) for n in shown])
            g = self.made.group(given_cells)
            if g is None:
                g = self.made.new_group(given_cells, self._limits([(read[n].attribute, cells[n][i]) for n in shown]))
            found[key] = g
        if len(kept) == len(errors):
            return list(map(found.__getitem__, keys))
        return [None if error is not None else found[key] for key, error in zip(keys, errors, strict=True)]

    def _limits(self, values: list[tuple[str, object]]) -> CalcInput:
        """A row's set of limits: the defaults with its limit cells, the period made whole."""
        update = dict(values)
        if "start" in update or "end" in update:
            update["start"], update["end"] = resolve_period(update.get("start"), update.get("end"))  # type: ignore[arg-type]
        return limits_of(self._defaults, **update)


def _each(run: Sequence[Mapping[str, object]], errors: list[InputError | None],
          read: Callable[[Mapping[str, object], int], object | None], default: object) -> list[object]:  # fmt: skip
    """``read`` of each row still without an error (None: nothing given, the default applies); a row it raises
    for gets that error."""
    found: list[object] = []
    for i, values in enumerate(run):
        value = None
        if errors[i] is None:
            try:
                value = read(values, i)
            except InputError as error:
                errors[i] = error
        found.append(default if value is None else value)
    return found


def _figure_errors(
    read: list[int], bounds: dict[str, dict[int, InputError]], months: list[object] | None
) -> list[InputError | None]:
    """Each read row's first own figure out of its bounds (None: none), in the order a person's figures are
    checked (:func:`~asistents.core.validate.check_person_figures`): the average, the three months, the hours
    used. ``bounds``: the rows' places out of bounds of each column of figures (:meth:`RowReader._parsed`);
    ``months``: each row's three months, where the register has them (each row's checked on its own). ``read``:
    the places of the rows read."""
    if not bounds and months is None:  # most registers' blocks: nothing out of bounds, no months apart
        return [None] * len(read)
    average, used = bounds.get("avg", {}), bounds.get("used", {})
    found: list[InputError | None] = []
    for i in read:
        error = average.get(i)
        if error is None and months is not None and months[i] is not None:
            error = month_error(months[i])  # type: ignore[arg-type]
        found.append(used.get(i) if error is None else error)
    return found


def _missing(columns: list[str]) -> tuple[bool, bool]:
    """Whether the columns lack the history (``avg`` or the months) and the hours used."""
    return not any(key in columns for key in ("avg", "m1", "m2", "m3", "months")), "used" not in columns


def _missing_error(limits: CalcInput, no_history: bool, no_used: bool) -> InputError | None:
    """The columns a row under ``limits`` lacks: the history and the hours used under the average rule, the
    hours used not for a whole month (it has no other days)."""
    if history_basis(limits) != "average":
        return None
    absent = ["avg (or m1, m2, m3)"] if no_history else []
    if no_used and not limits.whole_month:
        absent.append("used")
    return InputError("columns", ", ".join(absent), "missing_columns") if absent else None


def record_to_input(
    values: Mapping[str, object], defaults: CalcInput, decimal: str = ".", *, require_columns: bool = True
) -> CalcInput:
    """Build the input of one row (or command line): a :class:`RowReader` of one row; raise
    :class:`InputError` naming the column."""
    reader = RowReader(defaults, decimal, require_columns=require_columns)
    reader.read(values)
    rows = reader.rows()
    return whole_input(rows.limits[0], rows.people[0], rows.audits[0])
