"""The bounded tables around the core (cache.py): memory stays bounded whatever a register holds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from asistents.cache import Bounded, Generations


def test_a_full_bounded_table_is_emptied_and_makes_again() -> None:
    made: list[int] = []
    table: Bounded[int, int] = Bounded(lambda key: made.append(key) or key * 2, limit=3)
    assert [table[k] for k in (1, 2, 3, 1, 4, 1)] == [2, 4, 6, 2, 8, 2]
    assert made == [1, 2, 3, 4, 1]  # 4 emptied the full table: 1 was made again
    assert len(table) <= 3


def test_two_generations_keep_a_key_still_in_use() -> None:
    table: Generations[int, str] = Generations(limit=2)
    table.keep(1, "a")
    table.keep(2, "b")
    table.keep(3, "c")  # the newer was full: 1 and 2 are now the older generation
    assert table.get(1) == "a"  # found in the older, and brought back into the newer
    table.keep(4, "d")  # the newer (3, 1) was full: it becomes the older; 2 is dropped
    assert table.get(2) is None
    assert (table.get(1), table.get(3), table.get(4)) == ("a", "c", "d")


@given(st.lists(st.integers(0, 50), max_size=300), st.integers(1, 8))
def test_two_generations_hold_at_most_twice_their_limit_and_never_a_wrong_value(keys: list[int], limit: int) -> None:
    table: Generations[int, int] = Generations(limit)
    for key in keys:
        found = table.get(key)
        assert found is None or found == key * key
        if found is None:
            table.keep(key, key * key)
        assert len(table) <= 2 * limit
