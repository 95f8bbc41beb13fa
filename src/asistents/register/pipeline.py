"""Records in, computed rows out: the ``batch`` pipeline, one row at a time.

Nothing is kept per row, so memory does not grow with the register; the work that
can be done once per run (the defaults, the calculator's shared splits) is done
by the caller and passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from asistents.core.errors import InputError
from asistents.core.fields import FIELDS
from asistents.core.models import CalcInput
from asistents.io.columns import normalise
from asistents.io.records import given, record_to_input
from asistents.io.source import Record
from asistents.register.fast_path import FastPath
from asistents.register.row import RegisterRow
from asistents.register.shared import SharedCalculation

#: Words that mark a totals row in a register ("Kopā" as Latvian Excel users write it).
TOTALS_WORDS = frozenset({"kopa", "kopsumma", "pavisam", "summa", "total", "totals", "итого"})
_TOTALS_INITIALS = frozenset(word[0] for word in TOTALS_WORDS)
_IDENTIFYING = tuple(column.name for field in FIELDS if field.identifying for column in field.columns)


def not_a_person(record: Record) -> InputError | None:
    """Why a register row is not a person, or None.

    Project decision: a totals row (its first non-empty text cell starts with a totals word)
    or a row whose identifying cells (id, name) are all empty is never computed or
    added to a total; it comes back as an error row saying why.
    """
    for cell in record.cells:
        if isinstance(cell, str) and cell.strip():
            # Only a cell starting like a totals word is worth normalising ("Kopā", "Pavisam kopā").
            starts = cell.lstrip()[:1].lower() in _TOTALS_INITIALS
            if starts and normalise(cell).split("_")[0] in TOTALS_WORDS:
                return InputError("row", cell, "totals_row")
            break
    values = record.values
    for column in _IDENTIFYING:
        value = values.get(column)
        if given(value):
            return None
    present = [column for column in _IDENTIFYING if column in values]
    if present:
        return InputError("row", "", "no_identity", columns=", ".join(record.headers.get(c, c) for c in present))
    return None


def compute_rows(
    records: Iterable[Record], defaults: CalcInput, decimal: str, calculator: SharedCalculation | None = None
) -> Iterator[RegisterRow]:
    """One :class:`RegisterRow` per record, in order; a bad record is an error row.

    The common row takes the fast path (:mod:`asistents.register.fast_path`); any
    other, the general one: its input built from all its cells, then calculated.
    """
    calculate = calculator or SharedCalculation()
    fast = FastPath(defaults, decimal, calculate)
    for record in records:
        error = record.error or not_a_person(record)
        if error is not None:
            yield RegisterRow(record, error=error)
            continue
        found = fast(record)
        if found is not None:
            yield RegisterRow(record, *found)
            continue
        try:
            parts = calculate.parts(record_to_input(record.values, defaults, decimal))
        except InputError as error:
            yield RegisterRow(record, error=error)
            continue
        yield RegisterRow(record, *parts)
