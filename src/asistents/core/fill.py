"""The split by day as one formula over arrays: a water-fill of rows x days.

Points 3 and 4 of the Ministry of Welfare guidance of 12.06.2020: no week may go over
its weekly amount, and the hours on one day must be proportionate. The guidance does
not say how to split; this project's rule (README, "The split") is: place one step at a
time on the eligible day that has the fewest steps so far, ties to the earliest date; a
day is eligible while it and its week stay within their limits; stop when the total is
reached or no day is eligible.

That rule is a water-fill, and a water-fill has a closed form. Every open day rises to a
common *level* ``L``; a week whose cap stops it earlier holds its cap, spread evenly with
the odd steps on its first days; what is left of the total goes one step more to the open
days in date order. ``L`` is the largest level whose fill fits the total: the fill at
level ``l`` is ``f(l) = sum over weeks of min(cap, days * l)``, which is linear between
the weeks' own levels ``cap // days``, so sorting those and taking a cumulative sum gives
``L`` for every row at once. No loop runs over steps, days or rows.

Everything counts in whole steps (``int64``), never float. The literal one-step-at-a-time
rule is kept in the tests, which compare the two on every shape.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Units = npt.NDArray[np.int64]

#: A week with no cap of its own (only its days' daily limit holds it), or a total as large as the caps allow.
UNLIMITED = -1


def week_sizes(day_week: Units, weeks: int) -> Units:
    """How many split days each of ``weeks`` weeks has (``day_week``: each day's week, in date order)."""
    return np.bincount(day_week, minlength=weeks).astype(np.int64)


def week_starts(day_week: Units) -> Units:
    """Where each week's days start among the days (``day_week`` in date order: a week's days are consecutive)."""
    return np.flatnonzero(np.r_[True, day_week[1:] != day_week[:-1]]) if day_week.size else day_week


def week_positions(day_week: Units) -> Units:
    """Each day's place among its week's days (0 for a week's first), ``day_week`` in date order."""
    places = np.arange(day_week.size, dtype=np.int64)
    if not day_week.size:
        return places
    starts = week_starts(day_week)
    return places - np.repeat(starts, np.diff(np.r_[starts, day_week.size]))


def week_totals(placed: Units, day_week: Units, weeks: int) -> Units:
    """The steps each of ``weeks`` weeks holds (rows x weeks): the sum of its days' (``placed``: rows x days,
    each day's week ``day_week``, in date order), 0 for a week without days."""
    totals = np.zeros((placed.shape[0], weeks), dtype=np.int64)
    if day_week.size:
        starts = week_starts(day_week)
        totals[:, day_week[starts]] = np.add.reduceat(placed, starts, axis=1)
    return totals


def week_room(caps: Units, sizes: Units, daily: Units) -> Units:
    """The most steps each week can take (rows x weeks): its cap (``UNLIMITED``: none) and its days' daily limits."""
    by_days = sizes[None, :] * daily[:, None]
    return np.where(caps < 0, by_days, np.minimum(caps, by_days))


def capacity(caps: Units, sizes: Units, daily: Units) -> Units:
    """The most steps each row's days can take: the total placed when the total is ``UNLIMITED``."""
    return np.asarray(week_room(caps, sizes, daily).sum(axis=1), dtype=np.int64)


def fill_level(room: Units, sizes: Units, total: Units) -> Units:
    """The level ``L`` every open day reaches: the largest ``l`` up to the last week's own level with
    ``f(l) <= total`` (above it every week is full: the fill is the same).

    ``f(l) = sum_w min(room_w, sizes_w * l)``. A week is *full* at levels above its own
    ``q_w = room_w // sizes_w``; between two neighbouring ``q`` (sorted) the full weeks add
    their room and the others ``l`` a day, so each stretch's largest fitting level is one
    division. ``total`` is at most the capacity here.
    """
    rows, weeks = room.shape
    sized = np.broadcast_to(sizes, (rows, weeks))
    # A week without days has no room: it adds nothing at any level.
    own = room // np.maximum(sized, 1)
    order = np.argsort(own, axis=1)
    q = np.take_along_axis(own, order, axis=1)
    full_room = np.take_along_axis(room, order, axis=1)
    days = np.take_along_axis(sized, order, axis=1)
    # Stretch k holds the levels q[k-1]+1 .. q[k]: the weeks before k are full, those from k are not, so
    # f(l) = (their room) + l * (the days from k). A stretch with no days left adds nothing: never a level
    # of its own (when all fits, the last stretch with days gives its q, at which every week is full).
    before = np.cumsum(full_room, axis=1) - full_room
    open_days = np.cumsum(days[:, ::-1], axis=1)[:, ::-1]
    low = np.concatenate([np.zeros((rows, 1), dtype=np.int64), q[:, :-1] + 1], axis=1)
    fits = np.where(open_days > 0, (total[:, None] - before) // np.maximum(open_days, 1), -1)
    level = np.minimum(fits, q)
    return np.asarray(np.where(level >= low, level, 0).max(axis=1, initial=0), dtype=np.int64)


def water_fill(day_week: Units, caps: Units, daily: Units, total: Units) -> Units:
    """The steps placed on each day (rows x days) by the project's split rule.

    ``day_week``: each split day's week (0-based, in date order; the same days for every
    row); ``caps``: rows x weeks, the most steps each week may take (``UNLIMITED``: no cap);
    ``daily``: each row's daily limit in steps; ``total``: the steps to place
    (``UNLIMITED``: as many as the caps allow).
    """
    weeks = caps.shape[1]
    sizes = week_sizes(day_week, weeks)
    room = week_room(caps, sizes, daily)
    most = room.sum(axis=1)
    goal = np.where(total < 0, most, np.minimum(total, most))
    level = fill_level(room, sizes, goal)
    at_level = np.minimum(room, sizes[None, :] * level[:, None])
    full = room <= sizes[None, :] * level[:, None]
    # What the level leaves of the total goes one step more to open days, in date order.
    left = goal - at_level.sum(axis=1)
    takes = np.where(full, 0, np.minimum(sizes[None, :], room - at_level))
    before = np.cumsum(takes, axis=1) - takes
    extra = np.clip(left[:, None] - before, 0, takes)
    per_day = np.maximum(sizes, 1)[None, :]
    base = np.where(full, room // per_day, level[:, None])
    odd = np.where(full, room % per_day, extra)
    places = week_positions(day_week)
    return np.asarray(base[:, day_week] + (places[None, :] < odd[:, day_week]), dtype=np.int64)
