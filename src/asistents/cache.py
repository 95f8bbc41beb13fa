"""Small bounded caches for the layers around the core.

``batch`` is fast because alike rows share work: a split computed once for many
people, a cell text parsed and checked once, a shared split's text rendered once.
Each of those is a :class:`Bounded` table, or for the splits and their texts two
(:class:`Generations`). The core itself keeps nothing of its own (an import-linter
contract keeps it from importing this module; a split's frame puts the day objects it
makes in tables its caller gives and bounds): the tables live with the pipeline and the
renderers, one per run.

Why not :func:`functools.lru_cache`: the tables are per run (a run's split numbers
mean nothing to the next run) and their keys are often made by the caller in a hot
loop. A :class:`Bounded` is a ``dict`` whose ``__missing__`` makes the value: a hit is
the dict's own lookup in C (``table[key]``, or ``table.__getitem__`` passed where a
function is wanted), and only a miss runs Python. A full table is emptied rather than
evicted one entry at a time: registers repeat a few thousand distinct keys, so a table
that fills up is rare, and emptying it keeps memory flat whatever the register holds
(a whole emergency's register makes many more splits: those keep two generations).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

#: The usual bound: a few thousand entries of a few hundred bytes to a few KB each.
LIMIT = 4096


class Bounded(dict[K, V]):
    """At most ``limit`` values by key; ``table[key]`` makes a missing one with ``make``.

    A table made without ``make`` is filled with :meth:`keep` (its values need more than the key).
    """

    __slots__ = ("_limit", "_make")

    def __init__(self, make: Callable[[K], V] | None = None, limit: int = LIMIT) -> None:
        super().__init__()
        self._limit = limit
        self._make = make

    def __missing__(self, key: K) -> V:
        if self._make is None:  # filled with keep(): a missing key is missing
            raise KeyError(key)
        return self.make(key)

    def __call__(self, key: K) -> V:
        return self[key]

    def make(self, key: K) -> V:
        """Make the value for ``key`` and keep it."""
        assert self._make is not None, "a table without a maker is filled with keep()"
        return self.keep(key, self._make(key))

    def keep(self, key: K, value: V) -> V:
        """Keep ``value`` for ``key`` (emptying the table first when it is full) and return it."""
        if len(self) >= self._limit:
            self.clear()
        self[key] = value
        return value


class Generations(Generic[K, V]):
    """At most ``limit`` values by key in each of two generations: when the newer is full it becomes the
    older (the older is dropped), and a value found in the older comes back into the newer.

    For a table whose keys are many but some recur over the whole run (a whole emergency's register: its
    first and last months' splits recur, the months between are mostly new): a full table that is emptied
    makes the recurring ones again each time, where two generations keep those still in use. Memory: twice
    a :class:`Bounded` table's.
    """

    __slots__ = ("_limit", "_newer", "_older")

    def __init__(self, limit: int = LIMIT) -> None:
        self._limit = limit
        self._newer: dict[K, V] = {}
        self._older: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        found = self._newer.get(key)
        if found is None:
            found = self._older.get(key)
            if found is not None:
                self.keep(key, found)
        return found

    def keep(self, key: K, value: V) -> V:
        """Keep ``value`` for ``key`` (the newer generation becoming the older first when it is full)."""
        if len(self._newer) >= self._limit:
            self._older, self._newer = self._newer, {}
        self._newer[key] = value
        return value

    def __len__(self) -> int:
        return len(self._newer) + len(self._older)
