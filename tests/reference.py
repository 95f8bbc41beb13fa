"""The split rule as references for the array water-fill (asistents.core.fill).

:func:`split_one_step_at_a_time` is the rule written literally; :func:`split_units` places whole
rounds at once (the release before the arrays computed with it), so that large totals and fine
steps can be compared too.
"""

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


def split_units(
    day_week: Sequence[int],
    week_caps: Sequence[int | None],
    daily_cap: int,
    total: int | None,
) -> list[int]:
    """Return the units placed on each day.

    ``day_week[i]`` is the index of day ``i``'s week in ``week_caps`` (days in date
    order); ``week_caps[w]`` the most units week ``w`` may take (``None``: no cap);
    ``daily_cap`` the most units on one day; ``total`` the units to place
    (``None``: as many as the caps allow; then every week must have a cap).
    """
    if total is None and any(cap is None for cap in week_caps):
        raise ValueError("an unlimited total needs a cap on every week")
    placed = [0] * len(day_week)
    room: list[int | None] = list(week_caps)
    remaining = total
    level = 0

    def has_room(week: int) -> bool:
        cap_room = room[week]
        return cap_room is None or cap_room > 0

    active = [i for i, w in enumerate(day_week) if has_room(w)] if daily_cap > 0 else []
    while active and (remaining is None or remaining > 0):
        # All active days stand at ``level``. First add as many whole rounds as
        # no limit can interrupt ...
        rounds = daily_cap - level
        if remaining is not None:
            rounds = min(rounds, remaining // len(active))
        per_week: dict[int, int] = {}
        for i in active:
            per_week[day_week[i]] = per_week.get(day_week[i], 0) + 1
        for w, count in per_week.items():
            cap_room = room[w]
            if cap_room is not None:
                rounds = min(rounds, cap_room // count)
        if rounds:
            for i in active:
                placed[i] += rounds
            for w, count in per_week.items():
                cap_room = room[w]
                if cap_room is not None:
                    room[w] = cap_room - rounds * count
            if remaining is not None:
                remaining -= rounds * len(active)
            level += rounds
        if level >= daily_cap:
            break
        # ... then one round a step at a time, in date order, which ends at least
        # one week, the total or the days' room.
        still_active: list[int] = []
        for i in active:
            w = day_week[i]
            cap_room = room[w]
            if remaining == 0:
                break
            if cap_room is not None and cap_room <= 0:
                continue
            placed[i] += 1
            if cap_room is not None:
                room[w] = cap_room - 1
            if remaining is not None:
                remaining -= 1
        else:
            level += 1
            if level < daily_cap:
                still_active = [i for i in active if has_room(day_week[i])]
        active = still_active
    return placed
