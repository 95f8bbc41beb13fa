"""The common register row, computed from its cells without building its whole input.

Most rows of a register differ only in the average and the hours used; the rest
(weekly hours, period, limits, rate) repeats over thousands of rows. So a row's
other calculation cells, exactly as written under its header, key a *context*:
those cells turned into an input and checked, once. The average and the hours
used are parsed and checked once per distinct text. What is left per row is a
subtraction in whole ten-thousandths of an hour, a lookup of the shared split
(:meth:`~asistents.core.shared.SharedCalculation.person`) and the row's
own figures.

Anything else is not decided here: a cell that does not parse, a figure out of
range, an average of 0, no history, a claim, a payment or three months' hours
given, cells that are not text (JSON numbers, workbooks), a missing column. Such
a row takes the general path (:func:`asistents.io.records.record_to_input`),
which also words any error, so both paths give the same row; the tests compare
them on random registers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from asistents.core import rules
from asistents.core.basis import history_basis
from asistents.core.decimals import plain
from asistents.core.errors import InputError
from asistents.core.fields import BY_COLUMN, CLAIMED_PREFIX
from asistents.core.models import CalcInput
from asistents.core.shared import Figure, LimitsKey, Parts, SharedCalculation, figure, limits_of
from asistents.core.validate import check_hours, check_limits
from asistents.io.records import given, parse_hours, record_to_input
from asistents.io.source import Record

#: How many contexts and parsed texts are kept (each a few hundred bytes); a full table is cleared.
LIMIT = 4096
#: A context or a cell the general path must handle.
_GENERAL = None
#: A cell not seen before.
_UNSEEN = Figure(Decimal(0), -1)


def _personal(column: str) -> bool:
    """A column whose cells differ from person to person besides the average and hours used:
    a payment, a claimed day, one of three months. A row that fills one is not the common row."""
    return column.startswith(CLAIMED_PREFIX) or BY_COLUMN[column].name in ("paid", "months")


class _Columns:
    """Where a header's average, hours used and other calculation cells are, and the contexts
    its other cells' texts have been found to make (kept with the header: the same texts
    under other columns are another context)."""

    def __init__(self, names: Sequence[str], header: Sequence[str]) -> None:
        self.names = tuple(names)
        self.header = header
        self.usable = "avg" in names and "used" in names
        # Every other cell the calculation reads (text fields such as the name are not read).
        others = [
            n
            for n in names
            if n not in ("avg", "used")
            and (n.startswith(CLAIMED_PREFIX) or (n in BY_COLUMN and BY_COLUMN[n].attribute is not None))
        ]
        self.personal = tuple(n for n in others if _personal(n))
        self.limits = tuple(n for n in others if not _personal(n))
        self.contexts: dict[tuple[object, ...], tuple[CalcInput, LimitsKey] | None] = {}


class FastPath:
    """Computes the common row (see the module's docstring); None for any other row."""

    def __init__(self, defaults: CalcInput, decimal: str, calculator: SharedCalculation) -> None:
        self._defaults = defaults
        self._decimal = decimal
        self._calculator = calculator
        self._columns: _Columns | None = None
        #: Parsed and checked averages and hours used, by their text (None: the general path).
        self._averages: dict[str, Figure | None] = {}
        self._used: dict[str, Figure | None] = {}

    def __call__(self, record: Record) -> Parts | None:
        values = record.values
        columns = self._columns
        # A CSV's rows share one header object; other records are looked at one by one.
        if columns is None or (record.columns is not columns.header and columns.names != tuple(values)):
            columns = self._columns = _Columns(tuple(values), record.columns)
        if not columns.usable:
            return None
        for name in columns.personal:
            if given(values.get(name)):
                return None
        key = tuple([values.get(n) for n in columns.limits])  # a missing cell (None) is not text: general path
        try:
            context = columns.contexts[key]
        except KeyError:
            context = self._context(columns, key)
        except TypeError:  # a list in a cell (JSON) cannot be a key: the general path words the error
            return None
        if context is None:
            return None
        average_cell, used_cell = values.get("avg"), values.get("used")
        if type(average_cell) is not str or type(used_cell) is not str:
            return None
        average = self._averages.get(average_cell, _UNSEEN)
        if average is _UNSEEN:
            average = self._figure(self._averages, "avg", average_cell)
        used = self._used.get(used_cell, _UNSEEN)
        if used is _UNSEEN:
            used = self._figure(self._used, "used", used_cell)
        if average is None or used is None:
            return None
        return self._calculator.person(context[0], context[1], average, used)

    def _context(self, columns: _Columns, key: tuple[object, ...]) -> tuple[CalcInput, LimitsKey] | None:
        """The limit cells (their personal cells are empty) as an input with usable limits and an
        average basis, or None."""
        context: tuple[CalcInput, LimitsKey] | None = _GENERAL
        if all(type(cell) is str for cell in key):
            try:
                inp = record_to_input(dict(zip(columns.limits, key, strict=True)), self._defaults, self._decimal,
                                      require_columns=False)  # fmt: skip
                check_limits(inp)
            except InputError:
                inp = None
            # The person's own figures come from their own cells; nothing claimed or paid; an average basis.
            own = inp is not None and (inp.average, inp.months, inp.used, inp.claimed, inp.paid) == (None,) * 5
            if inp is not None and own and history_basis(inp) == "average":
                context = (inp, self._calculator.limits_key(inp, limits_of(inp)))
        if len(columns.contexts) >= LIMIT:
            columns.contexts.clear()
        columns.contexts[key] = context
        return context

    def _figure(self, known: dict[str, Figure | None], column: str, cell: str) -> Figure | None:
        """A given, usable average (not 0: it is warned about) or hours used; None: the general path."""
        found: Figure | None = _GENERAL
        if cell.strip():
            try:
                value = parse_hours(column, cell, self._decimal)
                check_hours(column, value, rules.MAX_MONTH_HOURS)
                # The average is shown without trailing zeros, the hours used as given.
                if column != "avg":
                    found = figure(value)
                elif value != 0:
                    found = figure(value, plain(value))
            except InputError:
                found = _GENERAL
        if len(known) >= LIMIT:
            known.clear()
        known[cell] = found
        return found
