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

from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import NamedTuple

from asistents.core import rules
from asistents.core.basis import Basis
from asistents.core.decimals import plain
from asistents.core.models import Notice

#: Hours are counted in these parts of an hour (ten-thousandths: four decimals).
PLACES = rules.MAX_DECIMAL_PLACES
_SHOWN_PLACES = Decimal(1).scaleb(-PLACES)


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
    """What the rule makes of a person's own figures."""

    shown: Shown
    #: The entitlement in whole steps (rounded down); None when the average rule does not apply.
    steps: int | None
    #: Warnings about the person's own figures (they come before the period's week warnings).
    notices: tuple[Notice, ...]


class Average(NamedTuple):
    """An exact average: a sum of hours in ten-thousandths over a divisor (1 when given as an average)."""

    total: int
    divisor: int


def tenths_of_thousandths(value: Decimal) -> int:
    """A checked figure (at most four decimals) in whole ten-thousandths of an hour."""
    return int(value.scaleb(PLACES))


def average_of(person: Person, months_averaged: int) -> Average | None:
    """The three-month average, exact (a third of a decimal may repeat). Point 11.1."""
    if person.months is not None:  # exact; an average given beside them agrees (core.validate)
        return Average(sum(tenths_of_thousandths(m) for m in person.months), months_averaged)
    if person.average is not None:
        return Average(tenths_of_thousandths(person.average), 1)
    return None


def entitlement_in_steps(average: Average, used: int, step: int) -> tuple[int, int]:
    """max(0, average - used), in ten-thousandths times the average's divisor, and how many
    whole steps it holds (rounded down). ``used`` and ``step`` in ten-thousandths.

    Guidance of 12.06.2020, point 2 (March 2020 guidance likewise); rounding down is
    the project's decision, so that nothing above the entitlement is paid.
    """
    exact = average.total - used * average.divisor
    if exact < 0:
        exact = 0
    return exact, exact // (step * average.divisor)


def hours_of(units: int) -> Decimal:
    """Whole ten-thousandths of an hour as the plain decimal of hours (``1125000`` -> ``112.5``)."""
    return plain(Decimal(units).scaleb(-PLACES))


def shown(total: int, count: int) -> tuple[Decimal, bool]:
    """``total`` ten-thousandths over ``count`` as hours: exact when it terminates, else to four
    places (half even), and whether it is exact."""
    if count == 1 or total % count == 0:
        return hours_of(total // count), True
    value = Fraction(total, count * 10**PLACES)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(exact) == value:
        return plain(exact), True
    return exact.quantize(_SHOWN_PLACES, rounding=ROUND_HALF_EVEN), False


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


def person_figures(person: Person, terms: Terms) -> PersonFigures:
    """The person's own figures and entitlement under ``terms``.

    Regulation 942, point 11.1: the average rule; with no use in the three previous
    months, at most 10 h a week instead (no entitlement from an average, and hours
    used do not reduce it); when the month resumed (guidance of 12.06.2020, point 1),
    no emergency hours at all.
    """
    average = average_of(person, terms.months_averaged)
    if average is None:
        average_shown, average_exact = None, True
    else:
        average_shown, average_exact = shown(average.total, average.divisor)
    notices: tuple[Notice, ...] = ()
    entitlement = in_steps = steps = None
    if terms.basis == "average" and average is not None:
        used = tenths_of_thousandths(person.used) if person.used is not None else 0
        exact, steps = entitlement_in_steps(average, used, terms.step)
        entitlement = shown(exact, average.divisor)[0]
        in_steps = hours_of(steps * terms.step)
        if average.total == 0:
            notices = (Notice(code="average_zero", params={"cap": terms.no_history_cap}),)
    elif terms.basis == "no_history" and person.used:
        notices = (Notice(code="used_ignored_no_history", params={"used": person.used, "cap": terms.no_history_cap}),)
    figures = Shown(person.months, average_shown, average_exact, person.used, entitlement, in_steps)
    return PersonFigures(figures, steps, notices)
