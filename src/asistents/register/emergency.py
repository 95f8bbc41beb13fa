"""A whole emergency's register: each person's chain of months, one output row per person per month.

The register as offices keep it (README "A whole emergency over a register"): one row per
person, the three months before the emergency headed by their month (``2019. gada
decembris``), each month's hours used on its other days (``Izmantots marts (h)``), and for
the audit what was paid for each month (``Apmaksāts aprīlis (h)``, ``izmaksāts 04.2020 (EUR)``)
and the hours claimed by day. Each person is :func:`~asistents.core.chain.chain_months`, the
chain of ``asistents emergency``, given those figures: the rules and checks are the core's, called. This
module reads a row's cells into a chain, and turns the chain's months into rows.

What depends on what decides which months a bad cell spoils: a person's own field (weekly
hours, a month before the emergency) spoils every month; a month's hours used spoil that month
and every month after it (their averages and shared weeks depend on it); a payment or a
claimed day spoils only its own month's check, so only that month.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from itertools import count
from typing import TypeVar

from asistents.cache import Bounded
from asistents.core import rules
from asistents.core.calculate import claim_check
from asistents.core.calendar import month_text
from asistents.core.chain import (
    Calculate,
    ChainInput,
    ChainMonth,
    EmergencyMonth,
    MonthFigures,
    MonthParts,
    MonthTerms,
    chain_months,
    emergency_months,
    month_input,
    month_limits,
)
from asistents.core.errors import InputError
from asistents.core.fields import BY_COLUMN, CLAIMED_PREFIX
from asistents.core.models import CalcInput
from asistents.core.period import averaged_months
from asistents.core.person import Person
from asistents.core.validate import (
    average_shown_agrees,
    check_audit,
    check_person_figures,
    check_value,
)
from asistents.io.columns import BARE_MONTH, MONTH_MARK, split_month_key
from asistents.io.records import PARSERS, given, parse_hours, record_to_input
from asistents.io.source import BLANK_ROW, Record
from asistents.register.pipeline import not_a_person
from asistents.register.row import RegisterRow
from asistents.register.shared import Context, Parts, SharedCalculation

#: The column each month row adds after the person's own: the month, as ``2020-03``.
MONTH_COLUMN = "month"
#: One month's figures: in a whole emergency's register they are given month by month, so a column
#: of one of these is refused rather than silently left out (README "A whole emergency over a register").
ONE_MONTH_COLUMNS = frozenset(
    {"m1", "m2", "m3", "months", "used", "paid", "paid_eur", "start", "end", "resumed", "no_history"}
)


def context_months(emergency: rules.Emergency) -> tuple[date, ...]:
    """The three months before ``emergency`` and its own months: every month its register names."""
    months = emergency_months(emergency)
    return (*averaged_months(months[0].start), *(m.month for m in months))


def resolve_month(emergency: rules.Emergency, name: str, year: int | None, month: int) -> date | None:
    """The month a month-headed column of ``emergency``'s register means; None: not one of its months.

    A bare month is one of the three before the emergency; hours used may be of those too (``Izmantots
    decembris 2019``: that month's hours); any other is one of its own months. A header without a year
    means the one month of that name among them (nine months in a row never repeat a name)."""
    context = context_months(emergency)
    allowed = context[:3] if name == BARE_MONTH else context if name == "used" else context[3:]
    for candidate in allowed:
        if candidate.month == month and (year is None or candidate.year == year):
            return candidate
    return None


def month_meant(emergency: rules.Emergency, name: str, year: int | None, month: int) -> tuple[str, date] | None:
    """The figure a month-headed column gives: (field, month); hours used in a month before the emergency
    are that month's figure (``BARE_MONTH``), whichever way the header says it. None: not of ``emergency``."""
    found = resolve_month(emergency, name, year, month)
    if found is None:
        return None
    return (BARE_MONTH if name == "used" and found < emergency.start.replace(day=1) else name), found


def _named_months(keys: Iterable[str]) -> list[tuple[str, int | None, int]]:
    """The months a register's columns name: month-headed columns, and the months of claimed days."""
    named: list[tuple[str, int | None, int]] = []
    for key in keys:
        if (split := split_month_key(key)) is not None:
            named.append(split)
        elif key.startswith(CLAIMED_PREFIX):
            day = key[len(CLAIMED_PREFIX) :]
            year = None if day.startswith("--") else int(day[:4])
            named.append(("claimed", year, int(day.lstrip("-")[-5:-3])))
    return named


def emergency_of(keys: Iterable[str], number: int | None) -> rules.Emergency:
    """The emergency whose months a register's columns name (``--emergency``'s, when given).

    Raises :class:`InputError` naming the months when they fit no emergency, or both."""
    named = _named_months(keys)
    candidates = [rules.EMERGENCIES[number - 1]] if number is not None else list(rules.EMERGENCIES)
    fits = [e for e in candidates if all(resolve_month(e, *month) is not None for month in named)]
    if len(fits) == 1:
        return fits[0]
    shown = ", ".join(sorted({f"{'' if y is None else f'{y}-'}{m:02d}" for _, y, m in named}))
    if fits:
        raise InputError("columns", shown, "months_fit_both")
    raise InputError("columns", shown, "months_fit_no_emergency" if number is None else "months_not_of_emergency")


@dataclass
class _Figures:
    """One person's chain, and what stops or spoils which of its months."""

    chain: ChainInput
    #: The number of the person's limits in this register (alike persons have the same).
    limits_number: int
    #: The first month whose hours used (or resumed flag) cannot be read, and why: it and every later month fail.
    stop: tuple[date, InputError] | None = None
    #: A month whose payment or claimed day cannot be read: only that month fails.
    spoiled: dict[date, InputError] = field(default_factory=dict)
    #: Each month's hours-used column, as the register names it (for messages about it).
    used_keys: dict[date, str] = field(default_factory=dict)


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def _kept(value: object) -> object | None:
    """A cell as the key of a table that keeps what cells read as: text as it is; a number or a flag (JSON,
    workbooks) by its type and its digits as written, since equal numbers can read otherwise (``18`` and
    ``18.00000``: too many decimals; ``1`` and ``true``); None for anything else (not kept)."""
    if type(value) is str:
        return value
    if type(value) in (Decimal, int, bool, float):
        return (type(value), str(value))
    return None


def _by_cells(table: Bounded[K, V], key: K | None, make: Callable[[], V]) -> V:
    """``table``'s value for ``key``, made and kept when missing; ``key`` None (a cell :func:`_kept` does not
    keep): made every time."""
    found = None if key is None else table.get(key)
    if found is None:
        found = make()
        if key is not None:
            table.keep(key, found)
    return found


def _fresh(error: InputError) -> InputError:
    """A kept error as a new one to raise: raising one object again would keep each raise's frames alive."""
    return InputError(error.field, error.value, error.code, **error.params)


def _renamed(error: InputError, key: str) -> InputError:
    """``error`` about ``key``'s cell (a bound checked under the field's own name)."""
    return InputError(key, error.value, error.code, **error.params)


@dataclass(frozen=True)
class _Layout:
    """What a set of columns means, worked out once (a CSV's rows all have the same)."""

    emergency: rules.Emergency
    months: tuple[EmergencyMonth, ...]
    #: The three months before the emergency.
    before: tuple[date, ...]
    #: (field, month) -> the column: ``("used", 2020-03-01) -> "used@--03"``; bare months as ``month``.
    by_month: dict[tuple[str, date], str]
    #: A claimed day -> its column.
    claimed: dict[date, str]
    #: The columns of the person's own fields (every month's limits and the names).
    person: tuple[str, ...]
    #: Those the calculation reads (alike persons have the same texts in them: their limits, parsed once).
    limits: tuple[str, ...]
    #: The one-month figures' columns the register has (refused when given).
    one_month: tuple[str, ...]


def _layout(keys: frozenset[str], emergency: rules.Emergency) -> _Layout:
    by_month: dict[tuple[str, date], str] = {}
    claimed: dict[date, str] = {}
    for key in keys:
        if (split := split_month_key(key)) is not None:
            meant = month_meant(emergency, *split)
            assert meant is not None  # the emergency was chosen as the one whose months these are
            if meant in by_month:  # two columns of one month's figure: never one of them dropped
                raise InputError(key, f"{by_month[meant]} / {key}", "duplicate_column")
            by_month[meant] = key
        elif key.startswith(CLAIMED_PREFIX):
            day = key[len(CLAIMED_PREFIX) :]
            if day.startswith("--"):  # a day without its year: the emergency's month of that name
                month = resolve_month(emergency, "claimed", None, int(day[2:4]))
                assert month is not None  # the emergency was chosen as the one whose months these are
                day = f"{month.year}{day[1:]}"
            claimed[date.fromisoformat(day)] = key
    person = tuple(k for k in keys if MONTH_MARK not in k and not k.startswith(CLAIMED_PREFIX))
    limits = tuple(k for k in person if k in BY_COLUMN and BY_COLUMN[k].attribute is not None)
    return _Layout(emergency, emergency_months(emergency), context_months(emergency)[:3], by_month, claimed, person,
                   limits, tuple(sorted(ONE_MONTH_COLUMNS & keys)))  # fmt: skip


class EmergencyRows:
    """A whole emergency's register, person by person: one :class:`RegisterRow` per person per month.

    Alike persons share what they can, as the one-month register does (:mod:`asistents.register.fast_path`):
    the cells of their limits are parsed and checked once per distinct text, each month's limits are checked
    once (a context of :class:`~asistents.register.shared.SharedCalculation`), and a month's result is the
    person's own figures on a shared split (:meth:`month`), exactly what ``calculate`` gives; the tests
    compare the two on random registers."""

    def __init__(
        self,
        defaults: CalcInput,
        decimal: str,
        number: int | None,
        shared: SharedCalculation,
    ) -> None:
        self.defaults = defaults
        self.decimal = decimal
        self.number = number
        self.shared = shared
        #: What each set of columns means (JSON records may each have their own keys).
        self._layouts: Bounded[frozenset[str], _Layout | InputError] = Bounded(self._layout, 1024)
        #: The person's columns with the month's after them, made once per set of columns.
        self._columns: Bounded[int, tuple[object, tuple[str, ...]]] = Bounded(limit=1024)
        #: A person's limits by their cells (:func:`_kept`), and their number (never reused in a run).
        self._limits: Bounded[tuple[object, ...], tuple[CalcInput, int] | InputError] = Bounded()
        self._numbers = count(1)
        #: A month's checked limits by the person's limits' number and the month's terms.
        self._contexts: Bounded[tuple[int, MonthTerms], Context] = Bounded()
        #: A cell's hours, parsed and checked once per cell (:func:`_kept`), or why not.
        self._cells: Bounded[tuple[str, str, object], Decimal | InputError] = Bounded()
        #: A payment's audit check by its cell, the person's limits and the month (or why not).
        self._audits: Bounded[tuple[str, str, object, int, date], Decimal | InputError] = Bounded(limit=4096)

    def _layout(self, keys: frozenset[str]) -> _Layout | InputError:
        try:
            return _layout(keys, emergency_of(keys, self.number))
        except InputError as error:
            return error

    def _person_limits(self, columns: tuple[str, ...], cells: list[object]) -> tuple[CalcInput, int] | InputError:
        try:
            limits = record_to_input(dict(zip(columns, cells, strict=True)), self.defaults, self.decimal,
                                     require_columns=False)  # fmt: skip
        except InputError as error:
            return error
        return limits, next(self._numbers)

    def _cell(self, column: str, bound: str, value: object) -> Decimal | InputError:
        try:
            hours = parse_hours(column, value, self.decimal)
            check_value(bound, hours)
        except InputError as error:
            return _renamed(error, column)
        return hours

    def _hours(self, column: str, value: object, bound: str) -> Decimal:
        """The hours in ``column``'s cell within ``bound``'s range; raises :class:`InputError` naming the cell.

        Kept once per cell (:func:`_kept`)."""
        kept = _kept(value)
        key = None if kept is None else (column, bound, kept)
        found = _by_cells(self._cells, key, lambda: self._cell(column, bound, value))
        if isinstance(found, InputError):
            raise _fresh(found)
        return found

    def month(self, number: int, person_limits: CalcInput) -> Calculate:
        """The chain's month calculation for a person whose limits are ``person_limits`` (number ``number``)."""
        contexts, shared = self._contexts, self.shared

        def calc(limits: CalcInput, terms: MonthTerms, figures: MonthFigures) -> MonthParts:
            if limits is not person_limits:  # the register's variant of a month without a rate: as given
                return shared.parts(month_input(limits, terms, figures))
            person = Person(None, figures.months, figures.used)
            check_person_figures(person)  # as calculate checks them (the chain's figures; the hours used: read)
            context = contexts.get((number, terms))
            if context is None:
                context = contexts.keep((number, terms), shared.context(month_limits(limits, terms)))
            parts = shared.person(context, person)
            if figures.paid is None and figures.paid_eur is None and figures.claimed is None:
                return parts
            # The payment and claimed days were checked when read (check_audit, against this month's limits).
            check = claim_check(
                parts.shared, figures.claimed, figures.paid, figures.paid_eur, context.limits.hourly_rate
            )
            return parts._replace(check=check)

        return calc

    def __call__(self, records: Iterable[Record]) -> Iterator[RegisterRow]:
        for record in records:
            yield from self.person(record)

    def person(self, record: Record) -> Iterator[RegisterRow]:
        """One row per emergency month (a blank row, or one that is no person, stays one row)."""
        error = record.error
        if error is not None and error.code == BLANK_ROW:
            yield RegisterRow(self._with_month(record, None), error=error)
            return
        not_one = not_a_person(record) if error is None else None
        if not_one is not None:
            yield RegisterRow(self._with_month(record, None), error=not_one)
            return
        layout = self._layouts[frozenset(record.values)]
        if isinstance(layout, InputError):
            yield RegisterRow(self._with_month(record, None), error=layout)
            return
        months = layout.months
        if error is None:
            try:
                figures = self._figures(record, layout)
            except InputError as bad:
                error = bad
        if error is not None:
            yield from self._failed(record, months, error)
            return
        yield from self._months(record, figures, months)

    def _months(self, record: Record, figures: _Figures, months: tuple[EmergencyMonth, ...]) -> Iterator[RegisterRow]:
        done = 0
        calc = self.month(figures.limits_number, figures.chain.limits)
        try:
            for computed in chain_months(figures.chain, calc, months):
                if figures.stop is not None and computed.month >= figures.stop[0]:
                    break
                yield self._row(record, computed, figures.spoiled.get(computed.month))
                done += 1
        except InputError as raised:
            stop = figures.stop
            # The chain met the cell that stopped it: that cell is the error, not what the chain missed.
            error = stop[1] if stop is not None and months[done].month >= stop[0] else raised
            yield from self._failed(record, months[done:], self._in_register(error, figures, months[done]))
            return
        if figures.stop is not None:
            yield from self._failed(record, months[done:], figures.stop[1])

    def _row(self, record: Record, computed: ChainMonth, spoiled: InputError | None) -> RegisterRow:
        month_record = self._with_month(record, computed.month)
        if spoiled is not None:
            return RegisterRow(month_record, error=spoiled, month=computed.month)
        parts = computed.parts
        if computed.notes or not isinstance(parts, Parts):  # a warning the chain added: the whole result
            result = computed.result
            return RegisterRow(month_record, result, check=result.check, month=computed.month)
        return RegisterRow(month_record, *parts, month=computed.month)

    def _failed(self, record: Record, months: Iterable[EmergencyMonth], error: InputError) -> Iterator[RegisterRow]:
        for month in months:
            yield RegisterRow(self._with_month(record, month.month), error=error, month=month.month)

    def _with_month(self, record: Record, month: date | None) -> Record:
        """``record`` with the month after the person's cells (the month rows' own column; empty on a
        row that is no person's month)."""
        columns = record.columns
        found = self._columns.get(id(columns))
        if found is None or found[0] is not columns:
            found = self._columns.keep(id(columns), (columns, (*columns, MONTH_COLUMN)))
        cells = list(record.cells)[: len(columns)]
        cells += [None] * (len(columns) - len(cells))
        return record._replace(columns=found[1], cells=(*cells, None if month is None else month_text(month)))

    @staticmethod
    def _in_register(error: InputError, figures: _Figures, month: EmergencyMonth) -> InputError:
        """The chain's words about a month's hours used, said of the register's column for that month."""
        codes = {
            "used_missing_for_month": "r_used_missing_for_month",
            "used_for_whole_month": "r_used_for_whole_month",
            "resumed_needs_used": "r_resumed_needs_used",
        }
        if error.code not in codes:
            return error
        key = figures.used_keys.get(month.month, f"used {month_text(month.month)}")
        value = figures.chain.used.get(month.month)
        return InputError(key, "" if value is None else value, codes[error.code])

    def _figures(self, record: Record, layout: _Layout) -> _Figures:
        """The person's chain from the row's cells; raises :class:`InputError` for a cell every month needs."""
        values = record.values
        for key in layout.one_month:
            if given(values[key]):
                raise InputError(key, values[key], "one_month_column")
        cells = [values[k] for k in layout.limits]
        kept = [_kept(cell) for cell in cells]
        cells_key = (layout.limits, *kept) if None not in kept else None
        found = _by_cells(self._limits, cells_key, lambda: self._person_limits(layout.limits, cells))
        if isinstance(found, InputError):
            raise _fresh(found)
        limits, number = found
        before = self._before(values, layout)
        if "avg" in values and given(values["avg"]):
            self._check_average(values["avg"], before, layout, record.headers)
        figures = _Figures(ChainInput(layout.emergency, before, {}, limits=limits), number)
        figures.used_keys = {month: key for (name, month), key in layout.by_month.items() if name == "used"}
        used, resumed, paid = self._month_figures(values, layout.by_month, figures, layout.months)
        claimed = self._claims(values, layout.claimed, figures, layout.months) if layout.claimed else {}
        figures.chain = ChainInput(layout.emergency, before, used, frozenset(resumed), limits, paid["paid"],
                                   paid["paid_eur"], claimed)  # fmt: skip
        return figures

    def _before(self, values: Mapping[str, object], layout: _Layout) -> tuple[Decimal, Decimal, Decimal]:
        before, by_month = layout.before, layout.by_month
        missing = [month_text(m) for m in before if (BARE_MONTH, m) not in by_month]
        if missing:
            raise InputError("columns", ", ".join(missing), "missing_months")
        hours = [self._hours(key, values[key], "before") for key in (by_month[(BARE_MONTH, m)] for m in before)]
        return hours[0], hours[1], hours[2]

    def _check_average(
        self, cell: object, before: tuple[Decimal, Decimal, Decimal], layout: _Layout, headers: Mapping[str, str]
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
        self,
        values: Mapping[str, object],
        by_month: Mapping[tuple[str, date], str],
        figures: _Figures,
        months: tuple[EmergencyMonth, ...],
    ) -> tuple[dict[date, Decimal], set[date], dict[str, dict[date, Decimal]]]:
        """Each month's hours used and resumed flag (a bad one stops the chain there), payments (spoil one)."""
        used: dict[date, Decimal] = {}
        resumed: set[date] = set()
        paid: dict[str, dict[date, Decimal]] = {"paid": {}, "paid_eur": {}}
        for each in months:
            month = each.month
            try:
                if (key := by_month.get(("used", month))) is not None and given(values[key]):
                    used[month] = self._hours(key, values[key], "used")
                key = by_month.get(("resumed", month))
                if key is not None and given(values[key]) and PARSERS["flag"](key, values[key], self.decimal):
                    resumed.add(month)
            except InputError as error:
                figures.stop = figures.stop or (month, error)
            for name, found in paid.items():
                if (key := by_month.get((name, month))) is not None and given(values[key]):
                    audited = self._audited(key, name, values[key], figures, each)
                    if isinstance(audited, InputError):
                        figures.spoiled.setdefault(month, audited)
                    else:
                        found[month] = audited
        return used, resumed, paid

    def _audited(
        self, column: str, name: str, value: object, figures: _Figures, month: EmergencyMonth
    ) -> Decimal | InputError:
        """A payment's cell parsed and checked as the audit checks it (:func:`check_audit`), once per text, the
        person's limits and the month (a payment in euro is checked against the month's rate)."""
        # A payment in hours is checked on its own; one in euro against the month's rate (the person's limits).
        kept = _kept(value)
        key = None if kept is None else (column, name, kept, figures.limits_number if name == "paid_eur" else 0,
                                         month.month)  # fmt: skip

        def audited() -> Decimal | InputError:
            try:
                hours = parse_hours(column, value, self.decimal)
                check_audit(self._month_stub(figures.chain.limits, month, **{name: hours}))
            except InputError as error:
                return _renamed(error, column)
            return hours

        return _by_cells(self._audits, key, audited)

    def _claims(
        self,
        values: Mapping[str, object],
        claimed_keys: Mapping[date, str],
        figures: _Figures,
        months: tuple[EmergencyMonth, ...],
    ) -> dict[date, Decimal]:
        """The hours claimed by day; a bad cell spoils its month only."""
        claimed: dict[date, Decimal] = {}
        for day, key in sorted(claimed_keys.items()):
            if not given(values[key]):
                continue
            each = next(m for m in months if m.month == day.replace(day=1))
            try:
                hours = parse_hours(key, values[key], self.decimal)
                check_audit(self._month_stub(figures.chain.limits, each, claimed=((day, hours),)))
            except InputError as error:
                figures.spoiled.setdefault(each.month, _renamed(error, key))
                continue
            claimed[day] = hours
        return claimed

    @staticmethod
    def _month_stub(limits: CalcInput, month: EmergencyMonth, **figures: object) -> CalcInput:
        """The limits over ``month``'s days with one audit figure: what :func:`check_audit` reads."""
        audit: dict[str, object] = {"paid": None, "paid_eur": None, "claimed": None, **figures}
        return replace(limits, start=month.start, end=month.end, **audit)  # type: ignore[arg-type]
