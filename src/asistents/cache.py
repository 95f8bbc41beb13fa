"""One small bounded cache for the layers around the core.

``batch`` is fast because alike rows share work: a split computed once for many
people, a cell text parsed and checked once, a shared split's text rendered once.
Each of those is a :class:`Bounded` table. The core itself keeps nothing
(an import-linter contract keeps it from importing this module): the tables live with
the pipeline and the renderers, one per run.

Why not :func:`functools.lru_cache`: the tables are per run (a run's split numbers
mean nothing to the next run) and their keys are often made by the caller in a hot
loop, so a plain ``dict`` lookup first and a call only on a miss is what keeps a
million-row run fast. A full table is emptied rather than evicted one entry at a
time: registers repeat a few thousand distinct keys, so a table that fills up is
rare, and emptying it keeps memory flat whatever the register holds.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

#: The usual bound: a few thousand entries of a few hundred bytes to a few KB each.
LIMIT = 4096


class Bounded(Generic[K, V]):
    """At most ``limit`` values by key, made by ``make`` on a miss; a full table is emptied.

    Use ``table.get(key)`` in a hot loop and :meth:`make` on a miss, or call the table; a
    table made without ``make`` is filled with :meth:`keep` (its values need more than the key).
    """

    __slots__ = ("__getitem__", "_limit", "_make", "_values", "get")

    def __init__(self, make: Callable[[K], V] | None = None, limit: int = LIMIT) -> None:
        self._limit = limit
        self._make = make
        self._values: dict[K, V] = {}
        #: The value kept for a key, or None (the dict's own ``get``, for hot loops).
        self.get = self._values.get
        #: The value kept for a key; KeyError when there is none (the dict's own, for hot loops).
        self.__getitem__ = self._values.__getitem__

    def __call__(self, key: K) -> V:
        try:
            return self._values[key]
        except KeyError:
            return self.make(key)

    def make(self, key: K) -> V:
        """Make the value for ``key`` and keep it."""
        assert self._make is not None, "a table without a maker is filled with keep()"
        return self.keep(key, self._make(key))

    def keep(self, key: K, value: V) -> V:
        """Keep ``value`` for ``key`` (emptying the table first when it is full) and return it."""
        if len(self._values) >= self._limit:
            self._values.clear()
        self._values[key] = value
        return value

    def __len__(self) -> int:
        return len(self._values)
