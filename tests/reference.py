"""The split rule written literally, one step at a time: the oracle for the fast one."""

from __future__ import annotations

from collections.abc import Sequence


def split_one_step_at_a_time(
    day_week: Sequence[int], week_caps: Sequence[int | None], daily_cap: int, total: int | None
) -> list[int]:
    placed = [0] * len(day_week)
    week_sum = [0] * len(week_caps)
    done = 0
    while total is None or done < total:
        eligible = [
            i
            for i, w in enumerate(day_week)
            if placed[i] + 1 <= daily_cap and (week_caps[w] is None or week_sum[w] + 1 <= week_caps[w])  # type: ignore[operator]
        ]
        if not eligible:
            break
        best = min(eligible, key=lambda i: (placed[i], i))
        placed[best] += 1
        week_sum[day_week[best]] += 1
        done += 1
    return placed
