"""What a renderer makes of a shared calculation, made once and kept by the split's number.

Alike rows share one split (:class:`~asistents.register.shared.SharedCalculation`), so
the text of its period, limits, days and warnings is the same for thousands of rows.
Kept by the split's number, not by the result object, the texts hold no result alive:
memory stays that of the texts, at most ``LIMIT`` of them (a few hundred bytes each).
Split numbers are one calculator's: a renderer takes the rows of one run (``batch``
makes one calculator per run).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from asistents.register.row import RegisterRow

T = TypeVar("T")
#: How many splits' texts are kept; a full table is cleared.
LIMIT = 4096


class PerSplit(Generic[T]):
    def __init__(self, make: Callable[[RegisterRow], T]) -> None:
        self._make = make
        self._made: dict[int, T] = {}

    def __call__(self, row: RegisterRow) -> T:
        """``make(row)``, once per split (every time for a row whose result is its own)."""
        if row.split is None:
            return self._make(row)
        found = self._made.get(row.split)
        if found is None:
            if len(self._made) >= LIMIT:
                self._made.clear()
            found = self._made[row.split] = self._make(row)
        return found
