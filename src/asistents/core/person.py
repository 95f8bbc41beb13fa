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
from math import gcd
from typing import NamedTuple

import numpy as np

from asistents.core import rules
from asistents.core.basis import Basis
from asistents.core.decimals import ZERO, plain
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


def tenths_of_thousandths(value: Decimal) -> int:
    """A checked figure (at most four decimals) in whole ten-thousandths of an hour."""
    return int(value.scaleb(PLACES))


def units_or_zero(hours: Decimal | None) -> int:
    """A checked figure in ten-thousandths, one not given as 0 (hours used in a whole month, the hours of a
    boundary week taken as 0 with a warning)."""
    return 0 if hours is None else tenths_of_thousandths(hours)


def average_of(person: Person, months_averaged: int) -> tuple[int, int] | None:
    """The three-month average, exact (a third of a decimal may repeat): a sum of ten-thousandths over a
    divisor (1 when given as an average). Point 11.1."""
    if person.months is not None:  # exact; an average given beside them agrees (core.validate)
        # Their sum first: checked figures have at most four decimals and a few digits, so it is exact.
        return tenths_of_thousandths(sum(person.months, ZERO)), months_averaged
    if person.average is not None:
        return tenths_of_thousandths(person.average), 1
    return None


def hours_of(units: int) -> Decimal:
    """Whole ten-thousandths of an hour as the plain decimal of hours (``1125000`` -> ``112.5``)."""
    return plain(Decimal(units).scaleb(-PLACES))


def shown(total: int, count: int) -> tuple[Decimal, bool]:
    """``total`` ten-thousandths over ``count`` as hours: exact when it terminates, else to four
    places (half even), and whether it is exact."""
    if count == 1 or total % count == 0:
        return hours_of(total // count), True
    other = count // gcd(total, count)  # the quotient's denominator beside the powers of ten
    for prime in (2, 5):
        while other % prime == 0:
            other //= prime
    if other == 1:  # it terminates, with more than four places
        return plain(Decimal(total).scaleb(-PLACES) / count), True
    # It repeats, so it is never half-way between two ten-thousandths: half even rounds as half up.
    units, rest = divmod(total, count)
    return Decimal(units + (2 * rest > count)).scaleb(-PLACES), False


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


def people_figures(people: Sequence[Person], terms: Sequence[Terms]) -> list[PersonFigures]:
    """Each person's own figures and entitlement under their terms: one formula over the block's arrays.

    Regulation 942, point 11.1: the average rule, max(0, average - used) rounded down to the step
    (the average exact: a sum of ten-thousandths over a divisor); with no use in the three previous
    months, at most 10 h a week instead (no entitlement from an average, and hours used do not reduce
    it); when the month resumed (guidance of 12.06.2020, point 1), no emergency hours at all.
    Each distinct figure is shown once for the block (:func:`shown`).
    """
    averages = [average_of(person, t.months_averaged) for person, t in zip(people, terms, strict=True)]
    ruled = [t.basis == "average" and a is not None for t, a in zip(terms, averages, strict=True)]
    pairs = np.array([(0, 1) if a is None else a for a in averages], dtype=np.int64).reshape(len(averages), 2)
    totals, divisors = pairs[:, 0], pairs[:, 1]
    used = np.array([units_or_zero(p.used) for p in people], dtype=np.int64)
    step = np.array([t.step for t in terms], dtype=np.int64)
    exact = np.maximum(totals - used * divisors, 0)
    steps = exact // (step * divisors)
    # Each distinct figure's hours once for the block (a register's rows share most of them).
    as_hours: dict[tuple[int, int], tuple[Decimal, bool]] = {}
    figures = []
    for person, t, average, entitled, whole, left in zip(
        people, terms, averages, ruled, steps.tolist(), exact.tolist(), strict=True
    ):
        average_shown, average_exact = None, True
        if average is not None:
            shown_average = as_hours.get(average)
            if shown_average is None:
                shown_average = as_hours[average] = shown(*average)
            average_shown, average_exact = shown_average
        notices: tuple[Notice, ...] = ()
        entitlement = None
        if entitled:
            units, divisor = average
            hours = as_hours.get((left, divisor))
            if hours is None:
                hours = as_hours[left, divisor] = shown(left, divisor)
            entitlement = hours[0]
            if units == 0:
                notices = (Notice(code="average_zero", params={"cap": t.no_history_cap}),)
        elif t.basis == "no_history" and person.used:
            notices = (Notice(code="used_ignored_no_history", params={"used": person.used, "cap": t.no_history_cap}),)
        own_steps = whole if entitled else None
        figures.append(PersonFigures(person, average_shown, average_exact, entitlement, own_steps, t.step, notices))
    return figures
