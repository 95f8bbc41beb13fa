"""What a renderer makes of a shared calculation, made once and kept by the split's number.

Alike rows share one split (:class:`~asistents.register.shared.SharedCalculation`), so
the text of its period, limits, days and warnings is the same for thousands of rows.
Kept by the split's number, not by the result object, the texts hold no result alive:
memory stays that of the texts, at most ``LIMIT`` of them in two generations (a few hundred bytes each).
Split numbers are never reused within the process (:mod:`asistents.register.shared`),
so rows of two calculators can never be mixed up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from asistents.cache import Generations
from asistents.register.row import RegisterRow

T = TypeVar("T")
#: How many splits' texts a generation keeps; a full one becomes the older (cache.Generations).
LIMIT = 4096


class PerSplit(Generic[T]):
    def __init__(self, make: Callable[[RegisterRow], T]) -> None:
        self._make = make
        self._made: Generations[int, T] = Generations(LIMIT // 2)

    def __call__(self, row: RegisterRow) -> T:
        """``make(row)``, once per split (every time for a row whose result is its own)."""
        if row.split is None:
            return self._make(row)
        found = self._made.get(row.split)
        return found if found is not None else self._made.keep(row.split, self._make(row))
