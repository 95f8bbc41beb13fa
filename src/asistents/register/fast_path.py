"""The common register row, computed from its cells without building its whole input.

Most rows of a register differ only in the average and the hours used; the rest
(weekly hours, period, limits, rate) repeats over thousands of rows. So a row's
other calculation cells, exactly as written under its header, key a *context*:
those cells turned into an input by the same parser as every row
(:func:`~asistents.io.records.record_to_input`) and checked by the same check
(:meth:`~asistents.register.shared.SharedCalculation.context`), once. The average and
the hours used are parsed and checked once per distinct text, by the same parser and
the same per-value check (:func:`~asistents.core.validate.check_value`). What is left
per row is :meth:`~asistents.register.shared.SharedCalculation.person`: the same
combination check, the same arithmetic of the person's own figures and a lookup of
the shared split, as every other path. Nothing here restates a rule or a check.

Anything else is not decided here: a cell that does not parse, a figure out of
range, no history, resumed, a claim, a payment or three months' hours given, cells
that are not text (JSON numbers, workbooks), a missing column. Such a row takes the
general path (:func:`asistents.io.records.record_to_input`), which also words any
error, so both paths give the same row; the tests compare them on random registers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import partial

from asistents.cache import LIMIT, Bounded
from asistents.core.calculate import limits_of
from asistents.core.errors import InputError
from asistents.core.fields import BY_COLUMN, CLAIMED_PREFIX
from asistents.core.models import CalcInput
from asistents.core.person import Person
from asistents.core.validate import check_value
from asistents.io.records import parse_hours, record_to_input
from asistents.io.source import Record
from asistents.register.shared import Context, Parts, SharedCalculation

#: The two personal figures this path reads itself; any other personal cell given sends a row
#: to the general path.
_OWN = ("avg", "used")


def _personal(column: str) -> bool:
    """A column of the person's own figures (the registry's ``personal`` mark) besides
    :data:`_OWN`: a payment, a claimed day, one of three months."""
    return column.startswith(CLAIMED_PREFIX) or (column not in _OWN and BY_COLUMN[column].personal)


class _Columns:
    """Where a header's average, hours used and other calculation cells are, and the contexts
    its other cells' texts have been found to make (kept with the header: the same texts
    under other columns are another context)."""

    def __init__(self, names: Sequence[str], header: Sequence[str], limit: int) -> None:
        self.names = tuple(names)
        self.header = header
        self.usable = all(n in names for n in _OWN)
        # Every other cell the calculation reads (text fields such as the name are not read).
        others = [
            n
            for n in names
            if n not in _OWN
            and (n.startswith(CLAIMED_PREFIX) or (n in BY_COLUMN and BY_COLUMN[n].attribute is not None))
        ]
        self.personal = tuple(n for n in others if _personal(n))
        self.limits = tuple(n for n in others if not _personal(n))
        #: The limit cells' texts -> their context (None: the general path). Bound: :data:`LIMIT`.
        self.contexts: Bounded[tuple[object, ...], Context | None] = Bounded(limit=limit)


class FastPath:
    """Computes the common row (see the module's docstring); None for any other row."""

    def __init__(self, defaults: CalcInput, decimal: str, calculator: SharedCalculation, limit: int = LIMIT) -> None:
        self._limit = limit
        self._defaults = defaults
        self._decimal = decimal
        self._calculator = calculator
        self._columns: _Columns | None = None
        #: Parsed and checked averages and hours used, by their text (None: the general path).
        self._averages: Bounded[str, Decimal | None] = Bounded(partial(self._checked, "avg"), limit)
        self._used: Bounded[str, Decimal | None] = Bounded(partial(self._checked, "used"), limit)

    def __call__(self, record: Record) -> Parts | None:
        values = record.values
        columns = self._columns
        # A CSV's rows share one header object; other records are looked at one by one.
        if columns is None or (record.columns is not columns.header and columns.names != tuple(values)):
            columns = self._columns = _Columns(tuple(values), record.columns, self._limit)
        if not columns.usable:
            return None
        for name in columns.personal:
            cell = values.get(name)
            if cell is not None and not (isinstance(cell, str) and not cell.strip()):
                return None
        key = tuple([values.get(n) for n in columns.limits])  # a missing cell (None) is not text: general path
        try:
            context = columns.contexts[key]
        except KeyError:
            context = columns.contexts.keep(key, self._context(columns, key))
        except TypeError:  # a list in a cell (JSON) cannot be a key: the general path words the error
            return None
        if context is None:
            return None
        average_cell, used_cell = values.get("avg"), values.get("used")
        if type(average_cell) is not str or type(used_cell) is not str:
            return None
        average, used = self._averages[average_cell], self._used[used_cell]  # a hit is the dict's own lookup
        if average is None or used is None:
            return None
        try:
            return self._calculator.person(context, Person(average, None, used))
        except InputError:  # the general path words it, as for every other row
            return None

    def _context(self, columns: _Columns, key: tuple[object, ...]) -> Context | None:
        """The limit cells (their personal cells are empty) as checked limits with an average
        basis, or None."""
        if not all(type(cell) is str for cell in key):
            return None
        try:
            inp = record_to_input(dict(zip(columns.limits, key, strict=True)), self._defaults, self._decimal,
                                  require_columns=False)  # fmt: skip
            if inp != limits_of(inp):  # a personal figure from the defaults: not the common row
                return None
            context = self._calculator.context(inp)
        except InputError:
            return None
        return context if context.frame.basis == "average" else None

    def _checked(self, column: str, cell: str) -> Decimal | None:
        """A given, usable average or hours used (each checked on its own); None: the general path."""
        if not cell.strip():
            return None
        try:
            value = parse_hours(column, cell, self._decimal)
            check_value(column, value)
        except InputError:
            return None
        return value
