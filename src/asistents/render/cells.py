"""A ``batch`` output row: every input column as given, then the computed columns.

:class:`BatchRow` declares the computed columns once; the JSON Schema of a batch
row (``asistents schema batch``) and every row renderer take their names and
order from it. None of them is the name of an input field, so a register that
uses the machine names (``avg``, ``used``) keeps its own columns unchanged. On
an error row every computed column but ``line``, ``status`` and ``error`` is null.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

import numpy as np
import numpy.typing as npt

from asistents.core.fill import Units
from asistents.core.models import ClaimReason, Doc, Hours, LimitReason, Notice
from asistents.register.row import MONTH_COLUMN, Placed, RegisterRow, month_cell, placements

#: What a renderer makes of a period's days and of a day's hours (:class:`DayCells`).
Layout = TypeVar("Layout")
Cell = TypeVar("Cell")
Value = TypeVar("Value")


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchRow:
    """One row of ``asistents batch`` output (JSON, NDJSON), after the input's own columns."""

    __pydantic_config__: ClassVar[dict[str, object]] = {
        "title": "asistents batch row",
        "extra": "allow",
        "json_schema_extra": {
            "description": "The input row's own columns come first, unchanged (extra properties; a column whose "
            "name is one of the computed ones is written as 'input:NAME'), then these."
        },
    }

    line: Annotated[int, Doc("the row's line in the file (CSV, NDJSON) or position (JSON array)")]
    status: Annotated[
        Literal["ok", "error", "blank", "totals"],
        Doc(
            "blank: an empty row between persons, kept in place; totals: a totals row (Kopā, a SUM of the column above)"
        ),
    ]
    error: Annotated[str | None, Doc("why the row was not computed, in the user's language")]
    period_start: date | None
    period_end: date | None
    average_months: Annotated[list[str] | None, Doc("the calendar months averaged, YYYY-MM")]
    average_hours: Annotated[Hours | None, Doc("the average (to 4 decimals if it repeats)")]
    entitlement: Annotated[Hours | None, Doc("max(0, average - used); null with no history or when resumed")]
    weekly_cap: Annotated[Hours | None, Doc("the weekly amount applied: granted hours or the state maximum")]
    daily_limit: Hours | None
    payable_hours: Hours | None
    days: Annotated[dict[str, Hours] | None, Doc("hours by emergency day (ISO date)")]
    limited_by: list[LimitReason] | None
    warnings: list[Notice] | None
    amount_eur: Hours | None
    claimed_hours: Annotated[Hours | None, Doc("checking a claim: the claimed split's total")]
    paid_hours: Annotated[Hours | None, Doc("checking a payment: the total paid")]
    paid_euro: Annotated[Hours | None, Doc("checking a payment in euro: the total paid")]
    allowed_hours: Annotated[Hours | None, Doc("what the rules allow of the claim or payment")]
    allowed_eur: Annotated[Hours | None, Doc("the allowed hours x the rate (a payment in euro)")]
    over_hours: Annotated[Hours | None, Doc("claimed or paid above what is allowed")]
    claim_over_hours: Annotated[Hours | None, Doc("the claim's own excess")]
    paid_over_hours: Annotated[Hours | None, Doc("the payment's own excess in hours")]
    over_eur: Annotated[
        Hours | None, Doc("euro over the rules: paid in euro above allowed_eur, else the excess x rate")
    ]
    paid_over_eur: Annotated[Hours | None, Doc("euro paid above allowed_eur")]
    under_hours: Annotated[Hours | None, Doc("what could have been claimed but was not (not an error)")]
    verdict: Literal["within", "over", "disagree"] | None
    check_reasons: Annotated[list[ClaimReason] | None, Doc("why hours are not allowed, each with its day or week")]


@dataclass(frozen=True, slots=True, kw_only=True)
class EmergencyBatchRow(BatchRow):
    """A row of a whole emergency's register (README "A whole emergency over a register"): one per person per
    emergency month, in the register's order and the months' order; the month follows the person's columns."""

    __pydantic_config__: ClassVar[dict[str, object]] = {
        "title": "asistents batch row of a whole emergency",
        "extra": "allow",
        "json_schema_extra": {
            "description": "The person's own columns come first, unchanged (extra properties), then 'month', then "
            "these. A row that is no person (blank, a totals row) is one row with 'month' null."
        },
    }

    month: Annotated[str | None, Doc("the emergency month this row is of, YYYY-MM")]


COMPUTED_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(BatchRow))
#: The computed columns before and after the days (a sheet spreads ``days`` over one column each).
BEFORE_DAYS = COMPUTED_COLUMNS[: COMPUTED_COLUMNS.index("days")]
AFTER_DAYS = COMPUTED_COLUMNS[COMPUTED_COLUMNS.index("days") + 1 :]
#: The columns of a claim check (null, or empty, when nothing was claimed or paid).
CHECK_COLUMNS = COMPUTED_COLUMNS[COMPUTED_COLUMNS.index("claimed_hours") :]
#: Those in euro (always written with cents in a sheet).
EURO_CHECK_COLUMNS = tuple(c for c in CHECK_COLUMNS if c.endswith("_eur"))
#: The columns of warnings and reasons: objects whose words each row's writer makes on its own (in JSON
#: through ``json_data``), never looked up as values.
NOTICE_COLUMNS = ("warnings", "check_reasons")


def computed(row: RegisterRow, error_text: str | None) -> dict[str, Any]:
    """The computed columns of ``row`` (:func:`block_columns`)."""
    if row.outcome is None:
        shown: dict[str, Any] = dict.fromkeys(COMPUTED_COLUMNS)
        if row.mark is not None:
            shown.update(line=row.line, status=row.mark, error=None)
        else:
            shown.update(line=row.line, status="error", error=error_text)
        return shown
    outcome = row.outcome
    placed = Placed(outcome.block, [outcome.n], [0])
    return {column: values[0] for column, values in block_columns(placed, [row.line]).items()}


def rows_computed(
    rows: Sequence[RegisterRow],
    placed: Sequence[Placed] | None,
    made: Callable[[Placed, dict[str, list[Any]]], Iterable[Value]],
) -> list[Value | None]:
    """What ``made`` makes of each computed row of ``rows`` (None: a row not computed), a computed block at a
    time: ``made`` is given a block's placed rows and their columns (:func:`block_columns`) and gives theirs in
    order. ``placed``: the computed blocks the rows are of, as the pipeline says (None: each row on its own)."""
    found: list[Value | None] = [None] * len(rows)
    for each in placements(rows) if placed is None else placed:
        values = block_columns(each, [rows[at].line for at in each.at])
        for at, cells in zip(each.at, made(each, values), strict=True):
            found[at] = cells
    return found


def block_columns(placed: Placed, lines: list[int]) -> dict[str, list[Any]]:
    """The computed columns of a computed block's rows ``placed.ns`` (whose rows' lines are ``lines``), a column
    at a time: each column's values read from the block's own columns. ``days`` is None: each format lays a
    row's days out its own way (:class:`DayCells`, :meth:`SheetCells.day_name`)."""
    block, ns = placed.block, placed.ns
    every = placed.whole

    def of(values: list[Value]) -> list[Value]:
        return values if every else [values[n] for n in ns]

    count = len(ns)
    fixed = [s.fixed for s in of(block.shared)]
    figures = block.figures
    # A block's rows are of one period: its dates and months averaged are every row's.
    period, months = block.plan.period, list(block.plan.average_month_names)
    checks = block.checks
    keys = of(block.of_warned)  # rows with one list of warnings: the same text
    return {
        "line": lines,
        "status": ["ok"] * count,
        "error": [None] * count,
        "period_start": [period.start] * count,
        "period_end": [period.end] * count,
        "average_months": [months] * count,
        "average_hours": of(figures.average),
        "entitlement": of(figures.entitlement),
        "weekly_cap": [f["weekly_cap"] for f in fixed],
        "daily_limit": [f["daily_max"] for f in fixed],
        "payable_hours": of(block.payable),
        "days": [None] * count,
        "limited_by": [list(why) for why in of(block.limited_by)],
        "warnings": Keyed([list(block.warned[k]) for k in keys], keys),
        "amount_eur": of(block.amount),
        **{column: check_column(of(getattr(checks, _CHECK_FIELDS[column])), column) for column in CHECK_COLUMNS},
    }


class Keyed(list[Any]):
    """A column of lists of warnings whose rows of equal :attr:`keys` hold equal lists, as their maker tells (a
    block's rows with one list of warnings: :attr:`~asistents.core.block.Block.of_warned`): each key's text is
    made once (:func:`texts_once`; a key of one row alone, by the list's words' values: :func:`notices_key`)."""

    def __init__(self, values: Iterable[Any], keys: list[int]) -> None:
        super().__init__(values)
        self.keys = keys


def notices_key(notices: Sequence[Notice]) -> tuple[object, ...]:
    """A row's warnings as a key: equal keys are written the same in every format, each warning by its code
    and its parameters' values (a number's words and JSON text are its value's, :func:`decimal_text`: 35 and
    35.0 are both ``35``). A block's rows share most of their warnings (their period's, their weekly
    amount's), so each distinct list is written once."""
    return tuple([(n.code, *n.params.values()) for n in notices])


class DayCells(Generic[Cell, Layout]):
    """The hours of every day of a computed block's rows as ``text`` makes them (a CSV's or JSON's text, a
    workbook's number), in date order (0 on a day the split leaves out), with ``layout`` of their period's days
    (where a sheet puts them, their JSON keys): each distinct day's hours made once for the block
    (:meth:`~asistents.core.block.Block.day_values`), each period's days laid out once (a whole emergency's months
    share a few periods)."""

    def __init__(self, text: Callable[[Decimal], Cell], layout: Callable[[tuple[date, ...]], Layout]) -> None:
        self._text, self._layout = text, layout
        self._periods: dict[tuple[date, ...], Layout] = {}

    def __call__(self, placed: Placed) -> tuple[list[list[Cell]], Layout]:
        texts, rows, layout = self._texts(placed)
        return texts[rows].tolist(), layout

    def distinct(self, placed: Placed) -> tuple[list[list[Cell]], list[int], Layout]:
        """The distinct rows of days of the block's placed rows (a block's rows share a few splits: each row's
        days made into one text once), each row's place among them, and their period's layout."""
        texts, rows, layout = self._texts(placed)
        keys = list(map(tuple, rows.tolist()))
        distinct = {key: n for n, key in enumerate(dict.fromkeys(keys))}  # each in the order first found
        text = texts.tolist()
        return [list(map(text.__getitem__, key)) for key in distinct], list(map(distinct.__getitem__, keys)), layout

    def _texts(self, placed: Placed) -> tuple[npt.NDArray[np.object_], Units, Layout]:
        """Each distinct day's hours' text, each placed row's days as their places among them, and the layout."""
        block = placed.block
        days = block.plan.days
        # A period's days run from its first to its last.
        key = days[:1] + days[-1:]
        layout = self._periods.get(key)
        if layout is None:
            layout = self._periods[key] = self._layout(days)
        hours, places = block.day_values()
        texts = np.empty(len(hours), dtype=object)
        texts[:] = [self._text(value) for value in hours]
        return texts, places if placed.whole else places[placed.ns], layout


def texts_once(values: list[Any], column: str, text: Callable[[Any], str], *, numbers: bool) -> list[str]:
    """A computed column's values as ``text`` writes them, each distinct value's text made once for the block:
    a list by its items, warnings by :func:`notices_key`, dates and words by themselves, and numbers too where
    their text is their value's (``numbers``: a sheet's; in JSON a number keeps its own digits). Reasons name
    the row's own days and figures: each on its own, but for none (None, or an empty list). A column of one
    value for the whole block (most columns of most blocks: the status, the period, a month's checks when
    nothing was paid, the months averaged) is that value's text, found by counting it (a list of words is
    compared word by word). A :class:`Keyed` column (lists of warnings by their place in the block) is written
    by its keys."""
    if isinstance(values, Keyed):
        places = values.keys
        if places and places.count(places[0]) == len(places):  # one list for the whole block
            return [text(values[0])] * len(values)
        # A list a row holds alone (its own) by its words' values: rows of a whole emergency's months hold
        # many equal ones.
        keys: list[object] = list(places)
        alone = [place for place, rows in Counter(places).items() if rows == 1]
        if alone:
            at = dict(zip(places, range(len(places)), strict=True))  # a place of one row: that row's
            for place in alone:
                keys[at[place]] = notices_key(values[at[place]])
        return _by_key(values, keys, text)
    first = values[0] if values else None
    by_value = type(first) is not list if numbers else type(first) in _SELF_KEYED
    if isinstance(first, list):
        by_value = all(type(item) is str for item in first)
    if by_value and values.count(first) == len(values):
        return [text(first)] * len(values)
    if numbers:
        try:  # each distinct value's first (a dict keeps the first of equal keys)
            distinct = dict.fromkeys(values)
        except TypeError:  # a list is no key: by its items, below
            pass
        else:
            return _by_value(values, distinct, text)
    kinds = set(map(type, values))
    if list in kinds:
        if column == "check_reasons" or len(kinds) > 1:
            none, empty = text(None), text([])
            return [none if v is None else text(v) if v else empty for v in values]
        return _by_key(values, list(map(notices_key if column == "warnings" else tuple, values)), text)
    if kinds <= _SELF_KEYED:
        return _by_value(values, dict.fromkeys(values), text)
    return [text(v) for v in values]


def _by_key(values: list[Any], keys: Sequence[Any], text: Callable[[Any], str]) -> list[str]:
    """Each value's text, made once for each key (of equal keys, the first row's value)."""
    # Each key's first value (dict keeps the last of equal keys: the rows reversed).
    first = dict(zip(reversed(keys), reversed(values), strict=True))
    by_key = {key: text(value) for key, value in first.items()}
    return list(map(by_key.__getitem__, keys))


def _by_value(values: list[Any], distinct: dict[Any, None], text: Callable[[Any], str]) -> list[str]:
    texts = {value: text(value) for value in distinct}
    return list(map(texts.__getitem__, values))


#: Values that are their own key: a date's or a word's text is the value's, and None is empty.
_SELF_KEYED = frozenset({date, str, type(None)})


#: The claim check's field each check column shows (its reasons as a list).
_CHECK_FIELDS = {column: column for column in CHECK_COLUMNS} | {"paid_euro": "paid_eur", "check_reasons": "reasons"}


def check_column(values: list[Any], column: str) -> list[Any]:
    """A check column's values over rows (None where nothing was claimed or paid): the reasons as lists."""
    return [None if v is None else list(v) for v in values] if column == "check_reasons" else values


#: The computed hours of a day: ``hours_2020-06-01``, never a bare date, which would read back as a
#: claimed day (README "Your register": the tool's own output is a valid register).
DAY_HOURS_PREFIX = "hours_"


def day_column_names(days: Sequence[date] | None) -> list[str]:
    """``hours_`` + the ISO dates of the run's period, or ``day_01``..``day_31`` when rows carry their own."""
    if days is None:
        return [f"day_{n:02d}" for n in range(1, 32)]
    return [f"{DAY_HOURS_PREFIX}{d.isoformat()}" for d in days]


def csv_computed_columns(day_columns: Sequence[str]) -> list[str]:
    """The computed columns of a CSV: ``days`` spread over one column per day."""
    return [*BEFORE_DAYS, *day_columns, *AFTER_DAYS]


def unique_keys(columns: Sequence[str]) -> list[str]:
    """Input column names as JSON keys: unique, never a computed column's name.

    A blank header becomes ``column N``; a repeated one ``NAME (2)``; one that is a
    computed column's name ``input:NAME``.
    """
    keys: list[str] = []
    seen: set[str] = set()
    for number, column in enumerate(columns, start=1):
        key = column if column.strip() else f"column {number}"
        if key in COMPUTED_COLUMNS:
            key = f"input:{key}"
        base, n = key, 1
        while key in seen:
            n += 1
            key = f"{base} ({n})"
        seen.add(key)
        keys.append(key)
    return keys


class SheetCells:
    """A row's cells laid out as a sheet (CSV, xlsx): the input's cells under the output's input
    columns (a CSV's own order; JSON keys by name, worked out once per set of keys), a whole emergency's
    month after them (``month``: the last input column is :data:`~asistents.register.row.MONTH_COLUMN`), and
    each emergency day's column (:meth:`day_name`)."""

    def __init__(self, input_columns: Sequence[str], by_day_of_month: bool, *, month: bool = False) -> None:
        self._columns = tuple(input_columns[:-1] if month else input_columns)
        self._month = month
        self._by_day = by_day_of_month
        #: The last other set of columns with the positions of this run's columns in it (JSON records may
        #: each have their own keys; most have the same).
        self._positions: tuple[Sequence[str], list[int | None]] | None = None

    def each_inputs(
        self, rows: Sequence[RegisterRow], shown: Callable[[Sequence[object]], Sequence[object]]
    ) -> Iterator[Sequence[object]]:
        """Each row's input cells as ``shown`` makes them (a format's text, a workbook's numbers): its record's
        (:meth:`person`), then in a whole emergency's register its month, a person's cells made once for the
        rows of their months."""
        if not self._month:
            for row in rows:
                yield shown(self.person(row))
            return
        line, person = None, None
        months: dict[date | None, str | None] = {}  # each month's cell once (a register has a few months)
        for row in rows:
            if person is None or row.line != line:
                line, person = row.line, shown(self.person(row))
            month = months.get(row.month)
            if month is None:
                month = months[row.month] = month_cell(row)
            yield [*person, month]

    def person(self, row: RegisterRow) -> Sequence[object]:
        """The cells of the row's record (a whole emergency's: its person's, the same for each month) under
        the run's columns: missing ones empty."""
        record = row.record
        columns, cells = record.columns, record.cells
        if tuple(columns) == self._columns:
            return fitted(cells, len(columns))
        if self._positions is None or self._positions[0] != columns:
            index = {name: i for i, name in enumerate(columns)}
            self._positions = (columns, [index.get(name) for name in self._columns])
        given = record.cells
        return [None if i is None or i >= len(given) else given[i] for i in self._positions[1]]

    def day_name(self, day: date) -> str:
        """A day's column: ``day_05`` (rows of several months), else ``hours_2020-06-05``."""
        return f"day_{day.day:02d}" if self._by_day else f"{DAY_HOURS_PREFIX}{day.isoformat()}"


def input_cells(row: RegisterRow, whole_emergency: bool) -> tuple[Sequence[str], Sequence[object]]:
    """The row's input columns and cells as JSON writes them: a whole emergency's month after its person's
    cells (a short row's missing cells null, an extra cell without a column left out, as a sheet lays them
    out)."""
    columns, cells = row.record.columns, row.record.cells
    if not whole_emergency:
        return columns, cells
    return (*columns, MONTH_COLUMN), (*fitted(cells, len(columns)), month_cell(row))


def text_columns(rows: Sequence[RegisterRow]) -> tuple[Sequence[str], list[tuple[str, ...]]] | None:
    """The block's rows' input columns, and their cells a column at a time, where every row is a record of the
    same columns with a text in each (a CSV register's usual block: its cells are then written a column at a
    time, each column's checks and texts made in C), else None (each row on its own). Told by the rows' columns,
    their cells' count and types, not row by row."""
    records = [row.record for row in rows]
    names = [record.columns for record in records]
    if not names or names.count(names[0]) < len(names) or not names[0]:
        return None
    cells = [record.cells for record in records]
    if set(map(len, cells)) != {len(names[0])}:
        return None
    columns = list(zip(*cells, strict=True))
    if not all(set(map(type, column)) <= _TEXT for column in columns):
        return None
    return names[0], columns


_TEXT = {str}


def fitted(cells: Sequence[object], width: int) -> Sequence[object]:
    """A row's ``cells`` under ``width`` columns: a short row's missing cells empty, an extra cell (no column)
    left out; the usual row as it is."""
    if len(cells) == width:
        return cells
    return [*cells[:width], *[None] * (width - len(cells))]


def numbers_in(cells: Sequence[object], positions: frozenset[int], decimal: str) -> list[object]:
    """``cells`` with the text at ``positions`` as numbers where it reads as one with ``decimal``
    (``96,5`` -> 96.5); any other text stays as it is (the row's error names it)."""
    import contextlib

    from asistents.core.errors import InputError
    from asistents.io.numbers import parse_decimal

    shown = list(cells)
    for i in positions:
        cell = shown[i] if i < len(shown) else None
        if isinstance(cell, str) and cell.strip():
            with contextlib.suppress(InputError):
                shown[i] = parse_decimal("cell", cell, decimal)
    return shown
