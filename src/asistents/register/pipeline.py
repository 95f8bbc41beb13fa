"""Records in, computed rows out: the ``batch`` pipeline, one row at a time.

Nothing is kept per row, so memory does not grow with the register; the work that
can be done once per run (the defaults, the calculator's shared splits) is done
by the caller and passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from asistents.core.errors import InputError
from asistents.core.models import CalcInput
from asistents.core.shared import SharedCalculation
from asistents.io.records import record_to_input
from asistents.register.row import Record, RegisterRow


def compute_rows(
    records: Iterable[Record], defaults: CalcInput, decimal: str, calculator: SharedCalculation | None = None
) -> Iterator[RegisterRow]:
    """One :class:`RegisterRow` per record, in order; a bad record is an error row."""
    calculate = calculator or SharedCalculation()
    for record in records:
        if record.error is not None:
            yield RegisterRow(record, error=record.error)
            continue
        try:
            inp = record_to_input(record.values, defaults, decimal)
            result = calculate(inp)
        except InputError as error:
            yield RegisterRow(record, error=error)
            continue
        yield RegisterRow(record, input=inp, result=result)
