"""A person's own figures: the average, the hours used, and the entitlement they give.

Point 11.1 of Cabinet Regulation No. 942 (guidance of late March 2020 and of
12.06.2020, point 2): measure-7 hours = max(0, average monthly hours used in the
three previous months - hours used in the month on its other days); the project
rounds it down to the step, so that nothing above the entitlement is paid.

This is everything in a result that differs between two people under the same
limits, besides the split of their entitlement (:mod:`asistents.core.block`).
Which input fields are a person's own is marked once, in the field registry
(:data:`asistents.core.fields.PERSONAL_ATTRIBUTES`).

The arithmetic is in whole ten-thousandths of an hour: every checked figure has at
most four decimals (:data:`asistents.core.rules.MAX_DECIMAL_PLACES`), so they count
it exactly, and an average of three months is kept as a sum over a count, never
rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from asistents.core import rules
from asistents.core.basis import Basis
from asistents.core.decimals import ZERO, plain
from asistents.core.fill import Units
from asistents.core.models import Notice

#: Hours are counted in these parts of an hour (ten-thousandths: four decimals).
PLACES = rules.MAX_DECIMAL_PLACES


class Person(NamedTuple):
    """The figures of an input that are the person's own (the registry's ``personal`` fields
    that the calculation reads; claims and payments are checked apart)."""

    average: Decimal | None
    months: tuple[Decimal, Decimal, Decimal] | None
    used: Decimal | None


class Shown(NamedTuple):
    """A person's own figures as the result shows them: all that differs between alike people."""

    months: tuple[Decimal, Decimal, Decimal] | None
    average: Decimal | None
    average_exact: bool
    used: Decimal | None
    entitlement: Decimal | None
    entitlement_in_steps: Decimal | None


class PersonFigures(NamedTuple):
    """What the rule makes of a person's own figures: what a register's columns show of them, and
    :meth:`shown`, all that a whole result shows, made when asked for (a register of a million rows never
    needs the entitlement in steps as hours)."""

    person: Person
    #: The average as hours (to four places when it repeats: ``average_exact`` is False then).
    average: Decimal | None
    average_exact: bool
    #: max(0, average - used), exact; None when the average rule does not apply.
    entitlement: Decimal | None
    #: The entitlement in whole steps (rounded down) of ``step`` ten-thousandths; None when the average rule
    #: does not apply.
    steps: int | None
    step: int
    #: Warnings about the person's own figures (they come before the period's week warnings).
    notices: tuple[Notice, ...]

    def shown(self) -> Shown:
        in_steps = None if self.steps is None else hours_of(self.steps * self.step)
        person = self.person
        return Shown(person.months, self.average, self.average_exact, person.used, self.entitlement, in_steps)


#: An hour in ten-thousandths, as an integer and as a decimal.
_PER_HOUR = 10**PLACES
_SCALE = Decimal(_PER_HOUR)


def tenths_of_thousandths(value: Decimal) -> int:
    """A checked figure (at most four decimals) in whole ten-thousandths of an hour."""
    return int(value * _SCALE)


def units_of(values: Sequence[Decimal]) -> npt.NDArray[np.int64]:
    """Checked figures in ten-thousandths (:func:`tenths_of_thousandths` over an array: each product and
    integer made in C, not a Python call a figure)."""
    return np.asarray((np.array(values, dtype=object) * _SCALE).astype(np.int64), dtype=np.int64)


def units_or_zero(hours: Decimal | None) -> int:
    """A checked figure in ten-thousandths, one not given as 0 (hours used in a whole month, the hours of a
    boundary week taken as 0 with a warning)."""
    return 0 if hours is None else tenths_of_thousandths(hours)


def hours_of(units: int) -> Decimal:
    """Whole ten-thousandths of an hour as the plain decimal of hours (``1125000`` -> ``112.5``;
    :func:`~asistents.core.decimals.plain`'s digits: a whole number of hours without decimals, any other without
    the zeros after its last digit), told apart by the integer, not by a decimal's remainder: the fewest places
    that hold it, its digits times the last place's value (an exact product: what ``scaleb`` and ``normalize``
    give, in less time)."""
    if units % _PER_HOUR == 0:
        return Decimal(units // _PER_HOUR)
    for divisor, place in _FEWER_PLACES:
        if units % divisor == 0:
            return Decimal(units // divisor) * place
    return Decimal(units) * _LAST_PLACE


#: A ten-thousandth of an hour: one unit in the last of the four places.
_LAST_PLACE = Decimal(1).scaleb(-PLACES)
#: Fewer places than four, fewest first: what the ten-thousandths are divided by to be written so, and the value
#: of one unit in the last place (1000 and 0.1, 100 and 0.01, 10 and 0.001).
_FEWER_PLACES = tuple((10 ** (PLACES - places), Decimal(1).scaleb(-places)) for places in range(1, PLACES))


def shown(total: Units, count: Units) -> tuple[list[Decimal], list[bool]]:
    """Each ``total`` ten-thousandths (not negative) over its ``count`` (at least 1) as hours: exact when it
    terminates, else to four places (half even), and whether it is exact. Which it is and the four places'
    digits are worked out over the arrays; a decimal is made once for each distinct pair (a block's rows share
    most of them).

    The quotient terminates when its denominator beside the powers of ten is 1: exactly when the count's part
    not shared with the total is made of 2s and 5s. A repeating quotient is never half-way between two
    ten-thousandths, so half even rounds it as half up."""
    if not total.size:
        return [], []
    width = int(count.max()) + 1
    key = total * width + count
    ordered = np.sort(key)
    distinct = ordered[np.r_[True, ordered[1:] != ordered[:-1]]]
    totals, counts = distinct // width, distinct % width
    whole, rest = np.divmod(totals, counts)
    other = counts // np.gcd(totals, counts)
    for prime in (2, 5):
        while (divides := other % prime == 0).any():
            other = np.where(divides, other // prime, other)
    # rest 0: whole ten-thousandths; other 1: it terminates, past four places; else it repeats.
    kind = np.where(rest == 0, 0, np.where(other == 1, 1, 2))
    rounded = whole + (2 * rest > counts)
    values = np.empty(distinct.size, dtype=object)
    values[:] = [
        hours_of(w) if k == 0 else plain(Decimal(t).scaleb(-PLACES) / c) if k == 1 else Decimal(r) * _LAST_PLACE
        for k, w, r, t, c in zip(
            kind.tolist(), whole.tolist(), rounded.tolist(), totals.tolist(), counts.tolist(), strict=True
        )
    ]
    place = np.searchsorted(distinct, key)
    return values[place].tolist(), (kind[place] < 2).tolist()


def own_units(people: Sequence[Person]) -> tuple[Units, Units]:
    """Each person's months averaged summed (or the average given; 0 when neither is) and hours used (0 when not
    given), in ten-thousandths of an hour. The months' sum first: checked figures have at most four decimals
    and a few digits, so it is exact; an average given beside them agrees (core.validate): the months are
    used."""
    figure = [person.average if person.months is None else sum(person.months, ZERO) for person in people]
    total = units_of([ZERO if f is None else f for f in figure])
    return total, units_of([ZERO if person.used is None else person.used for person in people])


class Terms(NamedTuple):
    """What the person's rule reads besides their own figures: from the limits, once per set of limits."""

    basis: Basis
    #: The rounding step in ten-thousandths of an hour.
    step: int
    months_averaged: int
    no_history_cap: Decimal


def terms_of(basis: Basis, step: Decimal, start: date) -> Terms:
    """The terms for ``basis`` (:func:`~asistents.core.basis.history_basis`), ``step``, and the rule's
    parameters on the period's first day ``start``."""
    return Terms(
        basis,
        tenths_of_thousandths(step),
        int(rules.AVERAGE_MONTHS.at(start)),
        rules.NO_HISTORY_WEEKLY_HOURS.at(start),
    )


class Figures(NamedTuple):
    """A block's persons' own figures and what the rule makes of them, a column each (:func:`people_figures`);
    :meth:`row` is one person's, made when asked for (a whole result)."""

    people: Sequence[Person]
    #: The distinct terms, and each person's place among them.
    terms: Sequence[Terms]
    term_of: npt.NDArray[np.int64]
    #: Each average as hours (to four places when it repeats: ``average_exact`` False), None when not given.
    average: list[Decimal | None]
    average_exact: list[bool]
    #: max(0, average - used), exact; None where the average rule does not apply.
    entitlement: list[Decimal | None]
    #: The entitlement in whole steps (rounded down), -1 where the average rule does not apply.
    steps: npt.NDArray[np.int64]
    #: Warnings about each person's own figures (they come before the period's week warnings).
    notices: list[tuple[Notice, ...]]

    def row(self, n: int) -> PersonFigures:
        steps = int(self.steps[n])
        return PersonFigures(self.people[n], self.average[n], self.average_exact[n], self.entitlement[n],
                             None if steps < 0 else steps, self.terms[int(self.term_of[n])].step,
                             self.notices[n])  # fmt: skip


def people_figures(
    people: Sequence[Person], terms: Sequence[Terms], term_of: Units, own: tuple[Units, Units] | None = None
) -> Figures:
    """Each person's own figures and entitlement under their terms: one formula over the block's arrays.

    Regulation 942, point 11.1: the average rule, max(0, average - used) rounded down to the step
    (the average exact: a sum of ten-thousandths over a divisor, the months averaged, or 1 for an average
    given as such); with no use in the three previous months, at most 10 h a week instead (no entitlement
    from an average, and hours used do not reduce it); when the month resumed (guidance of 12.06.2020,
    point 1), no emergency hours at all. Each distinct figure is shown once for the block (:func:`shown`).
    ``terms``: the distinct terms, ``term_of`` each person's place among them; ``own``: the people's figures in
    ten-thousandths, where their maker has them (:func:`own_units`).
    """
    months = np.array([person.months is not None for person in people], dtype=bool)
    given = months | np.array([person.average is not None for person in people], dtype=bool)
    total, used = own_units(people) if own is None else own

    def each(values: list[Any]) -> npt.NDArray[Any]:
        return np.array(values)[term_of]

    divisor = np.where(months, each([t.months_averaged for t in terms]), 1).astype(np.int64)
    step = each([t.step for t in terms]).astype(np.int64)
    exact = np.maximum(total - used * divisor, 0)
    ruled = given & each([t.basis == "average" for t in terms]).astype(bool)
    steps = np.where(ruled, exact // (step * divisor), -1)
    # The averages' and entitlements' hours together (each distinct figure's once: :func:`shown`).
    count = len(people)
    hours, exactly = shown(np.concatenate([total, exact]), np.concatenate([divisor, divisor]))
    given_rows, entitled = given.tolist(), ruled.tolist()
    notices: list[tuple[Notice, ...]] = [()] * len(people)
    # An average of 0 says the no-history rule would give more; hours used beside no history are not counted.
    zero = np.flatnonzero(ruled & (total == 0)).tolist()
    ignored = np.flatnonzero(each([t.basis == "no_history" for t in terms]).astype(bool) & (used != 0)).tolist()
    for n in zero:
        notices[n] = (Notice(code="average_zero", params={"cap": terms[term_of[n]].no_history_cap}),)
    for n in ignored:
        params = {"used": people[n].used, "cap": terms[term_of[n]].no_history_cap}
        notices[n] = (Notice(code="used_ignored_no_history", params=params),)
    return Figures(
        people,
        terms,
        term_of,
        [h if g else None for h, g in zip(hours[:count], given_rows, strict=True)],
        [e or not g for e, g in zip(exactly[:count], given_rows, strict=True)],
        [h if e else None for h, e in zip(hours[count:], entitled, strict=True)],
        steps,
        notices,
    )
