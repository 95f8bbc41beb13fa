"""Splitting the payable hours over the emergency days.

Point 3 and 4 of the Ministry of Welfare guidance of 12.06.2020: no week may go
over the weekly amount, and the hours on one day must be proportionate. The
guidance does not say how to split; this project's rule (README, "The split") is:
place one step at a time on the eligible day that has the fewest hours so far,
ties to the earliest date; a day is eligible while it and its week stay within
their limits; stop when the total is reached or no day is eligible.

Everything here counts in *units* (whole steps), so it is integer arithmetic.
:func:`split_units` gives exactly the result of that one-step-at-a-time rule but
adds whole rounds at once, so its cost does not grow with the number of steps.
"""

from __future__ import annotations

from collections.abc import Sequence


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


def split_capacity(day_week: Sequence[int], week_caps: Sequence[int], daily_cap: int) -> int:
    """The most units :func:`split_units` can place: each week takes at most its cap and
    its days' daily caps (the total :func:`split_units` places when ``total`` is None)."""
    days_in = [0] * len(week_caps)
    for week in day_week:
        days_in[week] += 1
    return sum(min(cap, days * daily_cap) for cap, days in zip(week_caps, days_in, strict=True))
