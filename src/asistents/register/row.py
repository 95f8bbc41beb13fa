"""The typed rows of a register, from the pipeline to the renderers.

The pipeline turns each :class:`~asistents.io.source.Record` into a
:class:`RegisterRow` (the result, or the error). Renderers read
:class:`RegisterRow` only and never recompute.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import NamedTuple

from asistents.core.block import Block, Outcome
from asistents.core.calendar import month_text
from asistents.core.errors import InputError
from asistents.core.models import CalcResult, ClaimCheck
from asistents.io.source import BLANK_ROW, Record

#: The column a whole emergency's register adds after the person's own (:func:`month_cell`).
MONTH_COLUMN = "month"
#: Why a row is a totals row: a totals word in its first text cell, or a formula summing the column above.
TOTALS_CODES = frozenset({"totals_row", "totals_formula"})


class RegisterRow(NamedTuple):
    """One output row: the record, and either its outcome or its error.

    :attr:`outcome` is the row of its computed block (:func:`~asistents.core.block.compute_block`): the
    register's columns and summary read it as it is; :attr:`result` is exactly what
    :func:`~asistents.core.calculate.calculate` returns for the row's input, made when asked for.
    """

    record: Record
    outcome: Outcome | None = None
    error: InputError | None = None
    #: A whole emergency's register: the emergency month this row is of; ``record`` is its person's, the same
    #: for each of their months (a renderer lays a person's cells out once).
    month: date | None = None

    @property
    def blank(self) -> bool:
        """A blank row between persons: a row of its own, marked blank, not an error."""
        return self.error is not None and self.error.code == BLANK_ROW

    @property
    def totals(self) -> bool:
        """A totals row (``Kopā``, a ``SUM`` of the column above): a row of its own, marked totals, not an error
        (README "Your register"): never computed, never added up, and no reason for exit code 1."""
        return self.error is not None and self.error.code in TOTALS_CODES

    @property
    def mark(self) -> str | None:
        """How a row that is no person and no error is marked: ``blank``, ``totals``; None for any other."""
        return "blank" if self.blank else "totals" if self.totals else None

    @property
    def result(self) -> CalcResult | None:
        """The row's whole result (its days and weeks as objects: a workbook's person sheet, a timesheet),
        made anew each time it is asked for: read it once."""
        return None if self.outcome is None else self.outcome.result()

    @property
    def check(self) -> ClaimCheck | None:
        """The verdict on the row's claim or payment (None: nothing claimed or paid, or no result)."""
        return None if self.outcome is None else self.outcome.check

    @property
    def line(self) -> int:
        return self.record.line

    @property
    def values(self) -> Mapping[str, object]:
        return self.record.values


def month_cell(row: RegisterRow) -> str | None:
    """A whole emergency's row's own cell after its person's: its month as ``2020-03`` (None: a row that is no
    person's month, blank or not a person)."""
    return None if row.month is None else month_text(row.month)


class Placed(NamedTuple):
    """Where a computed block's rows are among a block of a register's rows: the block's row ``ns[k]`` is the
    register rows' ``at[k]``. A renderer writes a computed block a column at a time, each distinct value's text
    once (the pipeline knows which rows it computed together, and says so)."""

    block: Block
    ns: list[int]
    at: list[int]

    @property
    def whole(self) -> bool:
        """Whether the rows placed are all the block's, in its order (the usual)."""
        return self.ns == list(range(len(self.block.rows)))


class RegisterBlock(NamedTuple):
    """A block of a register's output rows, in order, and the computed blocks their computed rows are of."""

    rows: list[RegisterRow]
    placed: list[Placed]


def placements(rows: Sequence[RegisterRow]) -> list[Placed]:
    """Each computed row of ``rows`` placed on its own (rows written without their pipeline's blocks: one at a
    time)."""
    return [Placed(row.outcome.block, [row.outcome.n], [i]) for i, row in enumerate(rows) if row.outcome is not None]


def placed_before(placed: Sequence[Placed], stop: int) -> list[Placed]:
    """``placed`` within the first ``stop`` rows (a ``--strict`` run writes the rows before its first error)."""
    kept = []
    for each in placed:
        if max(each.at, default=-1) < stop:  # all of them (the usual: a run without --strict writes every row)
            kept.append(each)
            continue
        pairs = [(n, at) for n, at in zip(each.ns, each.at, strict=True) if at < stop]
        if pairs:
            kept.append(Placed(each.block, [n for n, _ in pairs], [at for _, at in pairs]))
    return kept
