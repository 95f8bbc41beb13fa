"""Records in, computed rows out: the ``batch`` pipeline, a block of rows at a time.

Each block's cells are read as columns (:class:`~asistents.io.records.RowReader`) and computed
side by side (:func:`~asistents.core.block.compute`); nothing is kept from one block to the next,
so memory does not grow with the register.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from asistents.core.block import computation, outcomes
from asistents.core.errors import InputError
from asistents.core.fields import FIELDS
from asistents.core.models import CalcInput
from asistents.io.columns import normalise
from asistents.io.records import RowReader, given
from asistents.io.source import Record
from asistents.register.row import Placed, RegisterBlock, RegisterRow

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


#: How many rows are computed side by side: enough for the arrays and each set of limits worked out once to
#: pay (the split of 1,024 rows costs what one costs, a few of them), few enough that a block's results stay
#: small. A 100,000-row register measured 43 MiB at 512 rows, 45 MiB at 1,024 (5.7% fewer instructions) and
#: 49 MiB at 2,048 (8% fewer).
BLOCK_ROWS = 1024


#: ... and at most about this much cell text: a block is held until it is written, and a register's cells
#: may be long (a note; a cell is read up to 16 MiB). A longer record is a block of its own.
BLOCK_TEXT = 4 * 1024 * 1024


def blocks(records: Iterable[Record], rows: int) -> Iterator[list[Record]]:
    """``records`` in order, in blocks of at most ``rows`` records and about :data:`BLOCK_TEXT` of text."""
    block: list[Record] = []
    size = 0
    for record in records:
        block.append(record)
        size += sum([len(cell) for cell in record.cells if type(cell) is str])
        if len(block) >= rows or size >= BLOCK_TEXT:
            yield block
            block, size = [], 0
    if block:
        yield block


def compute_rows(records: Iterable[Record], defaults: CalcInput, decimal: str) -> Iterator[RegisterRow]:
    """One :class:`RegisterRow` per record, in order; a bad record is an error row."""
    for block in compute_blocks(records, defaults, decimal):
        yield from block.rows


def compute_blocks(records: Iterable[Record], defaults: CalcInput, decimal: str) -> Iterator[RegisterBlock]:
    """:func:`compute_rows` a block at a time, with the computed blocks its rows are of (a renderer writes a
    computed block a column at a time)."""
    for block in blocks(records, BLOCK_ROWS):
        yield _compute_block(block, defaults, decimal)


def _compute_block(block: list[Record], defaults: CalcInput, decimal: str) -> RegisterBlock:
    found = [record.error or not_a_person(record) for record in block]
    reader = RowReader(defaults, decimal)
    read = iter(reader.read_block([record.values for record, error in zip(block, found, strict=True) if error is None]))
    found = [next(read) if error is None else error for error in found]
    errors, computed = computation(reader.rows())
    # The rows computed are the records read without an error, in order: each one's place among the records.
    places = [at for at, error in enumerate(found) if error is None]
    rows = []
    done = iter(outcomes(errors, computed))
    for record, error in zip(block, found, strict=True):
        outcome = error if error is not None else next(done)
        if isinstance(outcome, InputError):
            rows.append(RegisterRow(record, error=outcome))
        else:
            rows.append(RegisterRow(record, outcome))
    placed = [Placed(each, list(range(len(each.rows))), [places[i] for i in each.rows]) for each in computed]
    return RegisterBlock(rows, placed)
