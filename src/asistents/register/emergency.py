"""A whole emergency's register: each person's chain of months, one output row per person per month.

Each person is the chain of ``asistents emergency`` (:func:`~asistents.core.chain.chain_blocks`)
given the figures of their row: the rules and checks are the core's, called. This module reads a block of
persons' cells a column at a time (what the columns mean: :mod:`asistents.register.months`; each distinct
cell of a column read once) into the chains' columns (:class:`~asistents.core.chain.ChainColumns`), computes
the persons side by side, and turns each person's months into rows; a cell that cannot be read spoils the
months the policy says (:mod:`asistents.register.spoils`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import NamedTuple, cast

from asistents.core import rules
from asistents.core.block import Audit, Outcome, audit_of, distinct_limits
from asistents.core.calendar import month_text
from asistents.core.chain import (
    ChainColumns,
    EmergencyMonth,
    MonthBlock,
    around_errors,
    chain_blocks,
    emergency_months,
)
from asistents.core.errors import InputError, error_of
from asistents.core.models import CalcInput
from asistents.core.validate import average_shown_agrees, check_audit, check_value
from asistents.io.columns import BARE_MONTH
from asistents.io.records import PARSERS, RowReader, cell_key, each_distinct, given, parse_hours
from asistents.io.source import BLANK_ROW, Record
from asistents.register.months import PAYMENTS, Layout, emergency_of, layout_of
from asistents.register.pipeline import blocks, not_a_person
from asistents.register.row import Placed, RegisterBlock, RegisterRow
from asistents.register.spoils import BadCell, month_errors

#: How many month rows are computed side by side, as a block of persons (each month of them one block of rows:
#: :meth:`EmergencyRows.block_persons`): a block's persons and their months are held until written (the block
#: before is let go first), so memory follows the month rows, not the persons. Each block computes a month's
#: sets of limits once, so a larger block is quicker: a register of the second emergency (six months) measured
#: 48 MiB at 512 persons, 55 MiB at 1,024 (6.6% fewer instructions than 512) and 62 MiB at 1,536 (1.4% fewer
#: again; the target is 60 MiB); one of the first (four months), 51 MiB at 1,024 persons and 56 MiB at 1,536.
BLOCK_MONTH_ROWS = 6 * 1024
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
    """One person's row read: its months, the cells that cannot be read, and each month's hours-used column as
    the register names it (for messages about it)."""

    record: Record
    months: tuple[EmergencyMonth, ...]
    bad: list[BadCell]
    used_keys: Mapping[date, str]


class _Months(NamedTuple):
    """The month figures of a run of persons read a column at a time (each column over the persons; a bad cell
    None, and a :class:`BadCell` of its person's): :class:`~asistents.core.chain.ChainColumns`' months."""

    used: list[list[Decimal | None]]
    resumed: list[list[bool]]
    audits: list[list[Audit | None]]
    bad: list[list[BadCell]]


class _Gathered:
    """A block's persons of one emergency as the chains' columns, in the order read, with each one's place in
    the block."""

    def __init__(self, months: tuple[EmergencyMonth, ...]) -> None:
        self.months = months
        self.places: list[int] = []
        self.before: list[list[Decimal]] = [[], [], []]
        self.used: list[list[Decimal | None]] = [[] for _ in months]
        self.resumed: list[list[bool]] = [[] for _ in months]
        self.audits: list[list[Audit | None]] = [[] for _ in months]
        self.key: list[int] = []

    def extend(self, places: list[int], chosen: list[int], before: list[list[_Figure]], months: _Months,
               keys: list[int]) -> None:  # fmt: skip
        """The persons ``chosen`` (their indices in the run's columns) at ``places`` in the block."""
        if not chosen:
            return
        self.places += places
        for into, column in zip(self.before, before, strict=True):
            into += [cast(Decimal, column[i]) for i in chosen]  # each read (the persons chosen)
        for used, hours in zip(self.used, months.used, strict=True):
            used += [hours[i] for i in chosen]
        for resumed, flags in zip(self.resumed, months.resumed, strict=True):
            resumed += [flags[i] for i in chosen]
        for audits, audit in zip(self.audits, months.audits, strict=True):
            audits += [audit[i] for i in chosen]
        self.key += [keys[i] for i in chosen]

    def columns(self, limits: list[CalcInput]) -> ChainColumns:
        """The chains' columns under the block's distinct sets of ``limits``: each person's figures, payments and
        claimed days were checked as their cells were read (``checked``, ``audited``), and the hours used around
        the emergency are checked for each set."""
        around = around_errors(limits, self.months)
        errors = [around[k] for k in self.key]
        return ChainColumns(self.before, self.used, self.resumed, self.audits, limits, self.key, errors, True, True)


#: A cell's figure as read (hours, a flag), or None: not given, or it cannot be read.
_Figure = Decimal | bool | None


class _Column(NamedTuple):
    """A column's figures over the persons, and why the cells that cannot be read cannot (by the person)."""

    figures: list[_Figure]
    bad: dict[int, InputError]


def _first(errors: list[InputError | None], found: Iterable[tuple[int, object]]) -> None:
    """Each person's first error: an :class:`InputError` of ``found`` (by the person) where they have none yet."""
    for i, error in found:
        if errors[i] is None and isinstance(error, InputError):
            errors[i] = error


class EmergencyRows:
    """A whole emergency's register, a block of persons at a time: one :class:`RegisterRow` per person per
    month, in the register's order and the months' order."""

    def __init__(self, defaults: CalcInput, decimal: str, number: int | None) -> None:
        self.defaults = defaults
        self.decimal = decimal
        self.number = number
        #: The last set of columns and what they mean (a CSV's rows all have the same; JSON records may not).
        self._last: tuple[frozenset[str], Layout | InputError] | None = None

    def __call__(self, records: Iterable[Record]) -> Iterator[RegisterRow]:
        for block in self.blocks(records):
            yield from block.rows

    def blocks(self, records: Iterable[Record]) -> Iterator[RegisterBlock]:
        """The rows a block of persons at a time, with the computed blocks their rows are of (a renderer writes
        a computed block a column at a time)."""
        given = iter(records)
        first = next(given, None)
        if first is None:
            return
        for block in blocks(itertools.chain([first], given), self.block_persons(first)):
            yield self._block(block)

    def block_persons(self, first: Record) -> int:
        """How many persons a block holds: about :data:`BLOCK_MONTH_ROWS` month rows of the emergency the
        register's first row's columns name (its months; the longest emergency's when they name none)."""
        layout = self._layout(frozenset(first.values))
        if isinstance(layout, Layout):
            months = len(layout.months)
        else:
            months = max(len(emergency_months(emergency)) for emergency in rules.EMERGENCIES)
        return max(1, BLOCK_MONTH_ROWS // months)

    def _block(self, block: list[Record]) -> RegisterBlock:
        """The block's persons read (those with the same columns a column at a time), their chains computed side
        by side (by emergency), then their rows: each person's months in order, a month the chain computed taken
        from its computed block."""
        keys = [frozenset(record.values) for record in block]
        layouts = [self._layout(k) for k in keys]
        found, limits = self._limits(block, layouts)
        read: list[_Person | list[RegisterRow] | None] = [
            self._not_person(record, layout) for record, layout in zip(block, layouts, strict=True)
        ]
        runs: dict[frozenset[str], list[int]] = {}
        for n, (rows, k) in enumerate(zip(read, keys, strict=True)):
            if rows is None:
                runs.setdefault(k, []).append(n)
        gathered: dict[rules.Emergency, _Gathered] = {}
        for members in runs.values():
            layout = cast(Layout, layouts[members[0]])
            into = gathered.setdefault(layout.emergency, _Gathered(layout.months))
            people = self._people(layout, [block[n] for n in members], [found[n] for n in members], limits, into,
                                  members)  # fmt: skip
            for n, person in zip(members, people, strict=True):
                read[n] = person
        stops: dict[int, tuple[int, InputError | None]] = {}  # by the person's place in the block
        computed: list[tuple[list[int], MonthBlock, date]] = []  # each month's block, its persons' places, its month
        for into in gathered.values():
            run = chain_blocks(into.columns(limits), into.months)
            for place, (n, done, error) in enumerate(zip(into.places, run.done, run.errors, strict=True)):
                if done < len(into.months) and error is not None:
                    error = self._in_register(error, cast(_Person, read[n]), done, into.used[done][place])
                stops[n] = (done, error)
            computed.extend(
                ([into.places[j] for j in each.persons], each, run.months[each.month].month) for each in run.blocks
            )
        return self._placed(block, cast(list[_Person | list[RegisterRow]], read), stops, computed)

    def _placed(
        self,
        block: list[Record],
        read: list[_Person | list[RegisterRow]],
        stops: dict[int, tuple[int, InputError | None]],
        computed: list[tuple[list[int], MonthBlock, date]],
    ) -> RegisterBlock:
        """The block's rows: each person's months in order, a month the chain computed its computed block's row."""
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
                    rows[where] = RegisterRow(block[n], Outcome(each.block, k), None, month)
                    kept.append(k)
                    at.append(where)
            placed.append(Placed(each.block, kept, at))
        # Every month a person's chain computed and no cell spoiled is its computed block's row (above).
        return RegisterBlock(cast(list[RegisterRow], rows), placed)

    def _limits(
        self, block: list[Record], layouts: list[Layout | InputError]
    ) -> tuple[list[int | InputError | None], list[CalcInput]]:
        """Each person's limits (what applies to every month), the block's read together
        (:class:`~asistents.io.records.RowReader`: each distinct set of limit cells once): the place of each
        person's among the distinct sets (:func:`~asistents.core.block.distinct_limits`), or why they cannot
        be read (None: no person's), and the distinct sets."""
        cells = [{key: record.values[key] for key in layout.limits}
                 for record, layout in zip(block, layouts, strict=True)
                 if isinstance(layout, Layout) and record.error is None]  # fmt: skip
        reader = RowReader(self.defaults, self.decimal, require_columns=False)
        errors = reader.read_block(cells)
        rows = reader.rows()
        limits, of_group = distinct_limits(rows.limits)
        read = iter(errors)
        made = iter(rows.group)
        found: list[int | InputError | None] = []
        for record, layout in zip(block, layouts, strict=True):
            if isinstance(layout, Layout) and record.error is None:
                error = next(read)
                found.append(error if error is not None else of_group[next(made)])
            else:
                found.append(None)
        return found, limits

    def _not_person(self, record: Record, layout: Layout | InputError) -> list[RegisterRow] | None:
        """The rows of a record that is no person to read (blank, totals, unusable columns, unreadable), or
        None."""
        error = record.error
        if error is not None and error.code == BLANK_ROW:
            return [RegisterRow(record, error=error)]
        not_one = not_a_person(record) if error is None else None
        if not_one is not None:
            return [RegisterRow(record, error=not_one)]
        if isinstance(layout, InputError):
            return [RegisterRow(record, error=layout)]
        return None if error is None else self._failed_person(record, layout, error)

    def _failed_person(self, record: Record, layout: Layout, error: InputError) -> list[RegisterRow]:
        """The rows of a person whose own figure cannot be read: it spoils every month (register/spoils.py)."""
        months = [m.month for m in layout.months]
        spoiled = month_errors([BadCell("person", months[0], error)], months)
        return [self._failed(record, m, e or error) for m, e in zip(layout.months, spoiled.errors, strict=True)]

    def _layout(self, keys: frozenset[str]) -> Layout | InputError:
        if self._last is None or self._last[0] != keys:
            try:
                found: Layout | InputError = layout_of(keys, emergency_of(keys, self.number))
            except InputError as error:
                found = error
            self._last = (keys, found)
        return self._last[1]

    def _rows(self, person: _Person, done: int, stopped: InputError | None) -> Iterable[RegisterRow | None]:
        """The person's months as rows, of which the chain computed the first ``done`` (each None here: its
        computed block's row) and ``stopped`` says why it went no further: a month that a bad cell spoils, or
        every month from the one that stops the chain, is the error's row."""
        if done == len(person.months) and not person.bad:  # most persons: every month computed, every cell read
            return [None] * done
        return self._spoiled(person, done, stopped)

    def _spoiled(self, person: _Person, done: int, stopped: InputError | None) -> Iterator[RegisterRow | None]:
        """:meth:`_rows` of a person a bad cell spoils or whose chain stopped."""
        months, record = person.months, person.record
        spoiled = month_errors(person.bad, [m.month for m in months])
        end = min(done, spoiled.stop)
        for n in range(end):
            error = spoiled.errors[n]
            yield None if error is None else RegisterRow(record, error=error, month=months[n].month)
        if end < len(months):
            # The chain stopped at a month (the first it could not compute) or a cell stopped it: the earlier wins.
            assert spoiled.stop <= done or stopped is not None
            error = spoiled.errors[end] if spoiled.stop <= done else stopped
            for month in months[end:]:
                yield self._failed(record, month, error)  # type: ignore[arg-type]

    def _failed(self, record: Record, month: EmergencyMonth, error: InputError) -> RegisterRow:
        return RegisterRow(record, error=error, month=month.month)

    @staticmethod
    def _in_register(error: InputError, person: _Person, index: int, value: Decimal | None) -> InputError:
        """The chain's words about month ``index``'s hours used (``value``; None: not given), said of the
        register's column for that month."""
        if error.code not in _IN_REGISTER:
            return error
        month = person.months[index].month
        key = person.used_keys.get(month, f"used {month_text(month)}")
        return InputError(key, "" if value is None else value, _IN_REGISTER[error.code])

    def _people(
        self, layout: Layout, records: list[Record], found: list[int | InputError | None], sets: list[CalcInput],
        into: _Gathered, places: list[int],
    ) -> list[_Person | list[RegisterRow]]:  # fmt: skip
        """The persons of ``records`` (all with the columns of ``layout``; ``found``: their limits' places among
        the block's sets, or why they cannot be read) read a column at a time, those whose every-month figures
        read added to the chains ``into`` (at their ``places`` in the block); a person whose own figure cannot be
        read is their error's rows."""
        values = [record.values for record in records]
        errors, before = self._person_errors(layout, values, found, [record.headers for record in records])
        chosen = [i for i, error in enumerate(errors) if error is None]
        months = self._months(layout, values, [sets[found[i]] if error is None else None  # type: ignore[index]
                                               for i, error in enumerate(errors)])  # fmt: skip
        read: list[_Person | list[RegisterRow]] = [
            _Person(record, layout.months, bad, layout.used_keys) if error is None
            else self._failed_person(record, layout, error)
            for record, error, bad in zip(records, errors, months.bad, strict=True)
        ]  # fmt: skip
        into.extend([places[i] for i in chosen], chosen, before, months, cast(list[int], found))
        return read

    def _person_errors(
        self,
        layout: Layout,
        values: list[Mapping[str, object]],
        found: list[int | InputError | None],
        headers: list[Mapping[str, str]],
    ) -> tuple[list[InputError | None], list[list[_Figure]]]:
        """Each person's error about a figure every month needs (None: none), the first in the order read: a
        one-month column given, the limits, a month before the emergency (each cell read once a column), an
        average beside them; and those months' columns."""
        errors: list[InputError | None] = [None] * len(values)
        for key in layout.one_month:
            _first(errors, [(i, InputError(key, v[key], "one_month_column")) for i, v in enumerate(values)
                            if given(v[key])])  # fmt: skip
        _first(errors, enumerate(found))
        before, by_month = layout.before, layout.by_month
        missing = [month_text(m) for m in before if (BARE_MONTH, m) not in by_month]
        if missing:
            _first(errors, enumerate([InputError("columns", ", ".join(missing), "missing_months")] * len(values)))
            return errors, []
        columns = [self._column(by_month[(BARE_MONTH, m)], "before", values, blank=True) for m in before]
        for column in columns:
            _first(errors, column.bad.items())
        hours = [column.figures for column in columns]
        if values and "avg" in values[0]:
            for i, cells in enumerate(values):
                if errors[i] is None and given(cells["avg"]):
                    months = (hours[0][i], hours[1][i], hours[2][i])
                    errors[i] = error_of(self._check_average, cells["avg"], months, layout, headers[i])
        return errors, hours

    def _column(
        self, column: str, kind: str, values: list[Mapping[str, object]], rates: list[Decimal | None] | None = None,
        *, blank: bool = False,
    ) -> _Column:  # fmt: skip
        """``column``'s cells read as ``kind`` says (:meth:`_cell`; a payment in euro at each person's ``rates``),
        each distinct cell once (:func:`~asistents.io.records.each_distinct`): a cell not given is None (``blank``:
        read as any other), and so is one that cannot be read, its error in :attr:`_Column.bad`."""
        cells = [cell[column] for cell in values]

        def read(rate: Decimal | None, cell: object) -> _Figure | InputError:
            return self._cell(column, kind, cell, rate) if blank or given(cell) else None

        if rates is None:
            found = each_distinct(cells, lambda cell: read(None, cell))
        else:  # a payment's cell by its rate too
            found = each_distinct(list(zip(rates, cells, strict=True)), lambda pair: read(*pair),
                                  list(zip(rates, map(cell_key, cells), strict=True)))  # fmt: skip
        unread = {key: value for key, value in found.table.items() if isinstance(value, InputError)}
        figures = [None if isinstance(v, InputError) else v for v in found.values] if unread else found.values
        return _Column(figures, found.rows_of(unread))

    def _cell(self, column: str, kind: str, value: object, rate: Decimal | None) -> Decimal | bool | InputError:
        """``column``'s cell read as ``kind`` says (the range of hours it is checked against, ``resumed``: a flag,
        ``paid``/``paid_eur``: a payment checked as the audit checks it at ``rate``), or the error naming it."""
        try:
            if kind == "resumed":
                return bool(PARSERS["flag"](column, value, self.decimal))
        except InputError as error:
            return error
        try:
            hours = parse_hours(column, value, self.decimal)
            if kind in PAYMENTS:  # a payment in euro against the month's rate
                paid, paid_eur = (hours, None) if kind == "paid" else (None, hours)
                check_audit(paid, paid_eur, None, rate)
            else:
                check_value(kind, hours)
        except InputError as error:
            return _renamed(error, column)
        return hours

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

    def _months(self, layout: Layout, values: list[Mapping[str, object]], limits: list[CalcInput | None]) -> _Months:
        """Each month's hours used, resumed flags and payments (:meth:`_column`), then the claimed days, over the
        persons (``limits``: each one's; None for a person who is not read); a bad cell is a :class:`BadCell` of
        its person's, in the order read (a month's hours used, its resumed flag, its payments; the claimed days
        after every month's)."""
        count = len(values)
        bad: list[list[BadCell]] = [[] for _ in values]
        used_in, resumed_in, paid_in = [], [], []
        for each, used_key, resumed_key, payments in layout.month_columns:
            month = each.month
            used = _Column([None] * count, {}) if used_key is None else self._column(used_key, "used", values)
            for i, error in used.bad.items():
                bad[i].append(BadCell("used", month, error))
            resumed = [False] * count
            if resumed_key is not None:  # a month whose hours used cannot be read reads no more of its figures
                flags = self._column(resumed_key, "resumed", values)
                for i, error in flags.bad.items():
                    if i not in used.bad:
                        bad[i].append(BadCell("resumed", month, error))
                resumed = [flag is True for flag in flags.figures]
                for i in used.bad:
                    resumed[i] = False
            paid: dict[str, list[Decimal | None]] = {name: [None] * count for name in PAYMENTS}
            for name, key in payments:
                rates = None if name == "paid" else [None if at is None else at.rate_in(each.start) for at in limits]
                read = self._column(key, name, values, rates)
                for i, error in read.bad.items():
                    bad[i].append(BadCell(name, month, error))
                paid[name] = cast(list[Decimal | None], read.figures)  # hours
            used_in.append(cast(list[Decimal | None], used.figures))
            resumed_in.append(resumed)
            paid_in.append(paid)
        claimed = self._claims(layout, values, bad)
        audits: list[list[Audit | None]] = []
        for columns, paid, claims in zip(layout.month_columns, paid_in, claimed, strict=True):
            if columns.payments or any(claims):
                audits.append([audit_of(*each) for each in zip(paid["paid"], paid["paid_eur"], claims, strict=True)])
            else:
                audits.append([None] * count)
        return _Months(used_in, resumed_in, audits, bad)

    def _claims(
        self, layout: Layout, values: list[Mapping[str, object]], bad: list[list[BadCell]]
    ) -> list[list[tuple[tuple[date, Decimal], ...] | None]]:
        """The hours claimed by day, each month's over the persons (in date order; None: none); a bad cell is a
        :class:`BadCell` of its month."""
        if not layout.claimed:
            return [[None] * len(values) for _ in layout.months]
        index = {each.month: n for n, each in enumerate(layout.months)}
        claimed: list[list[list[tuple[date, Decimal]]]] = [[[] for _ in values] for _ in layout.months]
        for day, key in sorted(layout.claimed.items()):
            month = day.replace(day=1)
            days = claimed[index[month]]
            for i, cells in enumerate(values):
                if not given(cell := cells[key]):
                    continue
                try:
                    hours = parse_hours(key, cell, self.decimal)
                    check_audit(None, None, ((day, hours),), None)  # a day's hours: no rate needed
                except InputError as error:
                    bad[i].append(BadCell("claimed", month, _renamed(error, key)))
                    continue
                days[i].append((day, hours))
        return [[tuple(days) if days else None for days in month] for month in claimed]
