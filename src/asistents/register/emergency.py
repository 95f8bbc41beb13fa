"""A whole emergency's register: each person's chain of months, one output row per person per month.

Each person is the chain of ``asistents emergency`` (:func:`~asistents.core.chain.chain_blocks`)
given the figures of their row: the rules and checks are the core's, called. This module reads a row's
cells into a chain (what its columns mean: :mod:`asistents.register.months`), computes a block of persons
side by side, and turns each person's months into rows; a cell that cannot be read spoils the months the
policy says (:mod:`asistents.register.spoils`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import NamedTuple, cast

from asistents.core.block import Outcome
from asistents.core.calendar import month_text
from asistents.core.chain import ChainInput, EmergencyMonth, MonthBlock, chain_blocks
from asistents.core.errors import InputError
from asistents.core.models import CalcInput
from asistents.core.validate import average_shown_agrees, check_audit, check_value
from asistents.io.columns import BARE_MONTH
from asistents.io.records import PARSERS, RowReader, cell_key, given, parse_hours
from asistents.io.source import BLANK_ROW, Record
from asistents.register.months import PAYMENTS, Layout, emergency_of, layout_of
from asistents.register.pipeline import blocks, not_a_person
from asistents.register.row import Placed, RegisterBlock, RegisterRow
from asistents.register.spoils import BadCell, month_errors

#: How many persons are computed side by side (each month of them one block of rows): a block's persons and
#: their months are held until written (the block before is let go first). Each block computes a month's sets
#: of limits once, so a larger block is quicker: a 10,000-person register of the second emergency measured
#: 48 MiB at 512 persons, 55 MiB at 1,024 (6.6% fewer instructions than 512) and 62 MiB at 1,536 (1.4% fewer
#: again; the target is 60 MiB).
BLOCK_PERSONS = 1024
#: The chain's words about a month's hours used, said of the register's column for that month.
_IN_REGISTER = {
    "used_missing_for_month": "r_used_missing_for_month",
    "used_for_whole_month": "r_used_for_whole_month",
    "resumed_needs_used": "r_resumed_needs_used",
}


def _renamed(error: InputError, key: str) -> InputError:
    """``error`` about ``key``'s cell (a bound checked under the field's own name)."""
    return InputError(key, error.value, error.code, **error.params)


class _Person(NamedTuple):
    """One person's row read: their chain, its months, the cells that cannot be read, and each month's
    hours-used column as the register names it (for messages about it)."""

    record: Record
    chain: ChainInput
    months: tuple[EmergencyMonth, ...]
    bad: list[BadCell]
    used_keys: Mapping[date, str]


class EmergencyRows:
    """A whole emergency's register, a block of persons at a time: one :class:`RegisterRow` per person per
    month, in the register's order and the months' order."""

    def __init__(self, defaults: CalcInput, decimal: str, number: int | None) -> None:
        self.defaults = defaults
        self.decimal = decimal
        self.number = number
        #: The last set of columns and what they mean (a CSV's rows all have the same; JSON records may not).
        self._last: tuple[frozenset[str], Layout | InputError] | None = None
        #: Each distinct cell of a column read once a block of persons (:meth:`_figure`): the figure or the error,
        #: by the column (which says what is read of it), the rate a payment is checked by, and the cell
        #: (:func:`cell_key`). The table is the block's (:meth:`_block` starts a new one), so it holds at most the
        #: block's cells.
        self._cells: dict[tuple[str, Decimal | None, object], Decimal | bool | InputError] = {}

    def __call__(self, records: Iterable[Record]) -> Iterator[RegisterRow]:
        for block in self.blocks(records):
            yield from block.rows

    def blocks(self, records: Iterable[Record]) -> Iterator[RegisterBlock]:
        """The rows a block of persons at a time, with the computed blocks their rows are of (a renderer writes
        a computed block a column at a time)."""
        for block in blocks(records, BLOCK_PERSONS):
            yield self._block(block)

    def _block(self, block: list[Record]) -> RegisterBlock:
        """The block's persons read, their chains computed side by side (by emergency), then their rows: each
        person's months in order, a month the chain computed taken from its computed block."""
        self._cells = {}
        layouts = [(record, self._layout(frozenset(record.values))) for record in block]
        limits = self._limits(layouts)
        read = [self._read(record, layout, found) for (record, layout), found in zip(layouts, limits, strict=True)]
        people = [(n, p) for n, p in enumerate(read) if isinstance(p, _Person)]
        stops: dict[int, tuple[int, InputError | None]] = {}  # by the person's place in the block
        computed: list[tuple[list[int], MonthBlock, date]] = []  # each month's block, its persons' places, its month
        for emergency in {p.chain.emergency for _, p in people}:
            of = [(n, p) for n, p in people if p.chain.emergency == emergency]
            run = chain_blocks([p.chain for _, p in of], of[0][1].months)
            for (n, _), done, error in zip(of, run.done, run.errors, strict=True):
                stops[n] = (done, error)
            computed.extend(
                ([of[j][0] for j in each.persons], each, run.months[each.month].month) for each in run.blocks
            )
        rows: list[RegisterRow | None] = []
        first: dict[int, int] = {}  # a person's first row: each of their months has one row, in order
        for n, person in enumerate(read):
            if isinstance(person, _Person):
                first[n] = len(rows)
                rows.extend(self._rows(person, *stops[n]))
            else:
                rows.extend(person)
        placed = []
        for places, each, month in computed:
            kept, at = [], []
            for k, n in enumerate(places):
                where = first[n] + each.month
                if rows[where] is None:  # not spoiled by a bad cell
                    rows[where] = RegisterRow(block[n], Outcome(each.block, k), month=month)
                    kept.append(k)
                    at.append(where)
            placed.append(Placed(each.block, kept, at))
        # Every month a person's chain computed and no cell spoiled is its computed block's row (above).
        return RegisterBlock(cast(list[RegisterRow], rows), placed)

    def _limits(self, block: list[tuple[Record, Layout | InputError]]) -> list[CalcInput | InputError | None]:
        """Each person's limits (what applies to every month), the block's read together
        (:class:`~asistents.io.records.RowReader`: each distinct set of limit cells once); None: no person's."""
        cells = [{key: record.values[key] for key in layout.limits} for record, layout in block
                 if isinstance(layout, Layout) and record.error is None]  # fmt: skip
        reader = RowReader(self.defaults, self.decimal, require_columns=False)
        errors = reader.read_block(cells)
        rows = reader.rows()
        read = iter(errors)
        made = iter(rows.group)
        found: list[CalcInput | InputError | None] = []
        for record, layout in block:
            if isinstance(layout, Layout) and record.error is None:
                error = next(read)
                found.append(error if error is not None else rows.limits[next(made)])
            else:
                found.append(None)
        return found

    def _read(
        self, record: Record, layout: Layout | InputError, limits: CalcInput | InputError | None
    ) -> _Person | list[RegisterRow]:
        """The person of ``record`` (its columns' ``layout``), or the rows of a record that is none (blank,
        totals, a bad person's cell)."""
        error = record.error
        if error is not None and error.code == BLANK_ROW:
            return [RegisterRow(record, error=error)]
        not_one = not_a_person(record) if error is None else None
        if not_one is not None:
            return [RegisterRow(record, error=not_one)]
        if isinstance(layout, InputError):
            return [RegisterRow(record, error=layout)]
        if error is None:
            try:
                assert limits is not None  # read for every record with a layout and no error
                return self._person(record, layout, limits)
            except InputError as bad:
                error = bad
        months = [m.month for m in layout.months]
        spoiled = month_errors([BadCell("person", months[0], error)], months)
        # A person's own figure spoils every month (register/spoils.py): none is left without its error.
        return [self._failed(record, m, e or error) for m, e in zip(layout.months, spoiled.errors, strict=True)]

    def _layout(self, keys: frozenset[str]) -> Layout | InputError:
        if self._last is None or self._last[0] != keys:
            try:
                found: Layout | InputError = layout_of(keys, emergency_of(keys, self.number))
            except InputError as error:
                found = error
            self._last = (keys, found)
        return self._last[1]

    def _rows(self, person: _Person, done: int, stopped: InputError | None) -> Iterator[RegisterRow | None]:
        """The person's months as rows, of which the chain computed the first ``done`` (each None here: its
        computed block's row) and ``stopped`` says why it went no further: a month that a bad cell spoils, or
        every month from the one that stops the chain, is the error's row."""
        months, record = person.months, person.record
        spoiled = month_errors(person.bad, [m.month for m in months])
        end = min(done, spoiled.stop)
        for n in range(end):
            error = spoiled.errors[n]
            yield None if error is None else RegisterRow(record, error=error, month=months[n].month)
        if end < len(months):
            # The chain stopped at a month (the first it could not compute) or a cell stopped it: the earlier wins.
            assert spoiled.stop <= done or stopped is not None
            error = spoiled.errors[end] if spoiled.stop <= done else self._in_register(stopped, person, months[end])
            for month in months[end:]:
                yield self._failed(record, month, error)  # type: ignore[arg-type]

    def _failed(self, record: Record, month: EmergencyMonth, error: InputError) -> RegisterRow:
        return RegisterRow(record, error=error, month=month.month)

    @staticmethod
    def _in_register(error: InputError | None, person: _Person, month: EmergencyMonth) -> InputError:
        """The chain's words about a month's hours used, said of the register's column for that month."""
        assert error is not None
        if error.code not in _IN_REGISTER:
            return error
        key = person.used_keys.get(month.month, f"used {month_text(month.month)}")
        value = person.chain.used.get(month.month)
        return InputError(key, "" if value is None else value, _IN_REGISTER[error.code])

    def _hours(self, column: str, value: object, bound: str, rate: Decimal | None = None) -> Decimal:
        """The hours in ``column``'s cell within ``bound``'s range (a payment's: as the audit checks it at
        ``rate``); raises :class:`InputError` naming the cell."""
        found = self._figure(column, bound, value, rate)
        assert isinstance(found, Decimal)
        return found

    def _figure(self, column: str, kind: str, value: object, rate: Decimal | None = None) -> Decimal | bool:
        """``column``'s cell read as ``kind`` says (the range of hours it is checked against, ``resumed``: a flag,
        ``paid``/``paid_eur``: a payment checked as the audit checks it at ``rate``), each distinct cell of the
        column once a block (:attr:`_cells`); raises :class:`InputError` naming the cell."""
        key = (column, rate, cell_key(value))
        found = self._cells.get(key)
        if found is None:
            try:
                found = self._read_figure(column, kind, value, rate)
            except InputError as error:
                found = error
            self._cells[key] = found
        if isinstance(found, InputError):
            raise found.with_traceback(None)
        return found

    def _read_figure(self, column: str, kind: str, value: object, rate: Decimal | None) -> Decimal | bool:
        if kind == "resumed":
            return bool(PARSERS["flag"](column, value, self.decimal))
        try:
            hours = parse_hours(column, value, self.decimal)
            if kind in PAYMENTS:  # a payment in euro against the month's rate
                paid, paid_eur = (hours, None) if kind == "paid" else (None, hours)
                check_audit(paid, paid_eur, None, rate)
            else:
                check_value(kind, hours)
        except InputError as error:
            raise _renamed(error, column) from None
        return hours

    def _person(self, record: Record, layout: Layout, limits: CalcInput | InputError) -> _Person:
        """The person's chain from the row's cells (``limits`` read from its limit cells); raises
        :class:`InputError` for a cell every month needs."""
        values = record.values
        for key in layout.one_month:
            if given(values[key]):
                raise InputError(key, values[key], "one_month_column")
        if isinstance(limits, InputError):
            raise limits
        before = self._before(values, layout)
        if "avg" in values and given(values["avg"]):
            self._check_average(values["avg"], before, layout, record.headers)
        bad: list[BadCell] = []
        used, resumed, paid = self._month_figures(values, layout, limits, bad)
        claimed = self._claims(values, layout, limits, bad) if layout.claimed else {}
        # Each figure of hours used was checked as its cell was read (_hours: the chain's own bounds).
        chain = ChainInput(layout.emergency, before, used, frozenset(resumed), limits, paid["paid"], paid["paid_eur"],
                           claimed, checked=True)  # fmt: skip
        return _Person(record, chain, layout.months, bad, layout.used_keys)

    def _before(self, values: Mapping[str, object], layout: Layout) -> tuple[Decimal, Decimal, Decimal]:
        before, by_month = layout.before, layout.by_month
        missing = [month_text(m) for m in before if (BARE_MONTH, m) not in by_month]
        if missing:
            raise InputError("columns", ", ".join(missing), "missing_months")
        hours = [self._hours(key, values[key], "before") for key in (by_month[(BARE_MONTH, m)] for m in before)]
        return hours[0], hours[1], hours[2]

    def _check_average(
        self, cell: object, before: tuple[Decimal, Decimal, Decimal], layout: Layout, headers: Mapping[str, str]
    ) -> None:
        """An average column beside the three months before the emergency: accepted when it is their mean as
        a spreadsheet stores or shows it (:func:`average_shown_agrees`), else the person's rows are errors
        naming both. It feeds nothing: each month's average is the chain's."""
        shown = parse_hours("avg", cell, self.decimal)  # a cell's text, or a JSON or workbook number
        if not average_shown_agrees(shown, before):
            keys = (layout.by_month[(BARE_MONTH, m)] for m in layout.before)
            months = " + ".join(f"'{headers.get(key, key)}' {h}" for key, h in zip(keys, before, strict=True))
            raise InputError("avg", cell, "avg_beside_months", months=months)

    def _month_figures(
        self, values: Mapping[str, object], layout: Layout, limits: CalcInput, bad: list[BadCell]
    ) -> tuple[dict[date, Decimal], set[date], dict[str, dict[date, Decimal]]]:
        """Each month's hours used and resumed flag, and its payments; a bad cell is a :class:`BadCell`."""
        used: dict[date, Decimal] = {}
        resumed: set[date] = set()
        paid: dict[str, dict[date, Decimal]] = {name: {} for name in PAYMENTS}
        for each, used_key, resumed_key, payments in layout.month_columns:
            month = each.month
            figure = "used"
            try:
                if used_key is not None and given(cell := values[used_key]):
                    used[month] = self._hours(used_key, cell, "used")
                figure = "resumed"
                if (
                    resumed_key is not None
                    and given(cell := values[resumed_key])
                    and self._figure(resumed_key, "resumed", cell)
                ):
                    resumed.add(month)
            except InputError as error:
                bad.append(BadCell(figure, month, error))
            for name, key in payments:
                if given(cell := values[key]):
                    try:
                        paid[name][month] = self._hours(key, cell, name, limits.rate_in(each.start))
                    except InputError as error:
                        bad.append(BadCell(name, month, error))
        return used, resumed, paid

    def _claims(
        self, values: Mapping[str, object], layout: Layout, limits: CalcInput, bad: list[BadCell]
    ) -> dict[date, Decimal]:
        """The hours claimed by day; a bad cell is a :class:`BadCell` of its month."""
        claimed: dict[date, Decimal] = {}
        for day, key in sorted(layout.claimed.items()):
            if not given(values[key]):
                continue
            each = next(m for m in layout.months if m.month == day.replace(day=1))
            try:
                hours = parse_hours(key, values[key], self.decimal)
                check_audit(None, None, ((day, hours),), limits.rate_in(each.start))
            except InputError as error:
                bad.append(BadCell("claimed", each.month, _renamed(error, key)))
                continue
            claimed[day] = hours
        return claimed
