"""Checks on one person's figures, shared by ``calc`` and ``batch``.

Every check names the input field and the value so that the user can fix the
figure; none of them guesses. The ranges are sanity bounds from
:mod:`asistents.core.rules`, not rules of the regulation.

Each check exists once. A person's own figures are checked one value at a time by
:func:`check_value` (a register checks each cell as it reads it) and together by
:func:`combination_errors`; :func:`check_rows` is the two and the limits, over a block's rows. Every path of
``calc`` and ``batch`` calls these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from asistents.core import rules
from asistents.core.basis import Basis, history_basis
from asistents.core.calendar import week_monday, week_sunday
from asistents.core.decimals import decimal_places
from asistents.core.errors import InputError, error_of
from asistents.core.fields import MONTH_COLUMNS
from asistents.core.models import CalcInput
from asistents.core.person import Person


def check_hours(
    field: str, value: Decimal, maximum: Decimal, *, positive: bool = False, too_large: str = "too_large"
) -> None:
    """A figure of hours or euro: finite, not negative, within range, few decimals."""
    if not value.is_finite():  # infinity, NaN
        raise InputError(field, value, "not_finite")
    if value.is_signed() or (positive and not value):  # -0 too
        raise InputError(field, value, "must_be_positive" if positive else "negative")
    if value > maximum:
        raise InputError(field, value, too_large, maximum=maximum)
    if decimal_places(value) > rules.MAX_DECIMAL_PLACES:
        raise InputError(field, value, "too_many_decimals", places=rules.MAX_DECIMAL_PLACES)


class RowLimits(NamedTuple):
    """What a row's checks read of its limits: worked out once for each set of limits of a block."""

    #: Why the limits are unusable (:func:`limits_error`), or None.
    error: InputError | None
    basis: Basis
    whole_month: bool
    rate: Decimal | None


def row_limits(limits: CalcInput) -> RowLimits:
    return RowLimits(limits_error(limits), history_basis(limits), limits.whole_month, limits.hourly_rate)


def check_rows(
    people: Sequence[Person],
    limits: Sequence[RowLimits],
    group: Sequence[int],
    audits: Sequence[tuple[Any, Any, Any] | None] | None,
    *,
    checked: Sequence[InputError | None] | None = None,
) -> list[InputError | None]:
    """The first unusable figure of each row (None: none), in this order: the person's own figures (``checked``:
    each row's first error of them, found where they came from, :func:`check_value`; None: checked here), the limits
    (:func:`row_limits` of each set, ``group`` each row's: a block of rows checks each set of limits once),
    what was paid or claimed (``audits``: paid, paid in euro, claimed, None when nothing was; None: each was
    checked where it was read), the figures together (:func:`combination_errors`). A block's rows a check
    at a time, the combination over arrays: ``calc`` is a block of one."""
    found: list[InputError | None] = [None] * len(people) if checked is None else list(checked)
    if checked is None:
        _fill(found, lambda i: check_person_figures(people[i]))
    if any(each.error is not None for each in limits):
        _fill(found, lambda i: _raise(limits[group[i]].error))
    if audits is not None and any(audit is not None for audit in audits):

        def audit(i: int, audits: Sequence[tuple[Any, Any, Any] | None] = audits) -> None:
            paid = audits[i]
            if paid is not None:
                check_audit(*paid, limits[group[i]].rate)

        _fill(found, audit)
    going = [i for i, error in enumerate(found) if error is None]
    if len(going) == len(found):  # most blocks: every row so far
        return combination_errors(people, limits, group)
    for i, error in zip(going, combination_errors([people[i] for i in going], limits, [group[i] for i in going]),
                        strict=True):  # fmt: skip
        found[i] = error
    return found


def _fill(found: list[InputError | None], check: Callable[[int], None]) -> None:
    """The error ``check`` of each row still without one raises (a row it passes keeps None)."""
    for i, error in enumerate(found):
        if error is None:
            found[i] = error_of(check, i)


def _raise(error: InputError | None) -> None:
    if error is not None:
        raise error


#: Which rule's figures each row's set of limits asks for (:func:`~asistents.core.basis.history_basis`).
_BASES: tuple[Basis, ...] = ("average", "no_history", "resumed")


def combination_errors(
    people: Sequence[Person], limits: Sequence[RowLimits], group: Sequence[int]
) -> list[InputError | None]:
    """Each person's own figures together (each already checked by :func:`check_value`), the first that fails
    (None: none), over the block's arrays: exactly one of average / three months, and the hours used, unless
    no history or resumed.

    A period that is a whole calendar month (April 2020, December 2020 to March 2021) has no
    other days: the hours used on them are 0 and need not be given; another figure is an error
    (it would lower the entitlement by hours that cannot have been used). Both an average and the months
    are no conflict when they agree to 0.0001 h (a register with the months and Excel's =AVERAGE of them):
    the months are used, exactly. Project decision: under the average rule a blank hours used usually means
    the rest of the month's timesheet has not arrived; taking it as 0 would pay the whole average."""
    of = np.array(group, dtype=np.int64)
    basis = np.array([_BASES.index(each.basis) for each in limits] or [0], dtype=np.int64)[of]
    whole = np.array([each.whole_month for each in limits] or [False], dtype=bool)[of]
    average = np.array([person.average is not None for person in people], dtype=bool)
    months = np.array([person.months is not None for person in people], dtype=bool)
    used = np.array([person.used is not None for person in people], dtype=bool)
    some_used = np.array([bool(person.used) for person in people], dtype=bool)
    apart = np.zeros(len(people), dtype=bool)
    both = np.flatnonzero(average & months).tolist()
    apart[both] = [_apart(people[i].average, people[i].months) for i in both]
    history, no_history = basis == 0, basis == 1
    checks: list[tuple[npt.NDArray[np.bool_], Callable[[Person], InputError]]] = [
        (whole & some_used & (basis != 2), lambda p: InputError("used", p.used, "used_whole_month")),
        (apart, lambda p: InputError("avg", p.average, "avg_and_months", months=" + ".join(map(str, p.months)))),  # type: ignore[arg-type]
        (no_history & average, lambda p: InputError("avg", p.average, "history_and_no_history")),
        (no_history & months, lambda p: InputError("months", " ".join(map(str, p.months)), "history_and_no_history")),  # type: ignore[arg-type]
        (history & ~average & ~months, lambda p: InputError("avg", "", "avg_or_months_required")),
        (history & ~used & ~whole, lambda p: InputError("used", "", "used_required")),
    ]
    first = np.select([mask for mask, _ in checks], list(range(len(checks))), -1)
    found: list[InputError | None] = [None] * len(people)
    for i in np.flatnonzero(first >= 0).tolist():
        found[i] = checks[first[i]][1](people[i])
    return found


def _apart(average: Decimal, months: tuple[Decimal, ...]) -> bool:
    """Whether an average given beside the months disagrees with their mean by more than 0.0001 h."""
    return abs(average * len(months) - sum(months)) > _AGREE * len(months)


def limits_error(inp: CalcInput) -> InputError | None:
    """Why ``inp``'s limits are unusable (:func:`check_limits`), or None."""
    return error_of(check_limits, inp)


def check_figures(inp: CalcInput, *, run_wide: bool = False) -> None:
    """Every figure in range, and the period; not whether the history is complete.

    ``batch`` checks its run-wide defaults with this once, as usage errors (``run_wide``: each
    row's own period decides which month's rate of a table applies, so that is checked per row).
    """
    _check_person_figures(inp)
    check_limits(inp, run_wide=run_wide)
    check_audit(inp.paid, inp.paid_eur, inp.claimed, inp.hourly_rate, run_wide=run_wide)


def check_audit(
    paid: Decimal | None,
    paid_eur: Decimal | None,
    claimed: Iterable[tuple[date, Decimal]] | None,
    rate: Decimal | None,
    *,
    run_wide: bool = False,
) -> None:
    """What was paid (hours, euro) and claimed by day: in range; euro only with a ``rate`` to check them by
    (the month's: :meth:`~asistents.core.models.CalcInput.rate_in`).

    Apart from the other figures: in a whole emergency's register a bad payment makes only its own
    month an error (README "A whole emergency over a register")."""
    if paid is not None:
        check_hours("paid", paid, rules.MAX_MONTH_HOURS)
    if paid_eur is not None:
        check_hours("paid_eur", paid_eur, rules.MAX_MONTH_HOURS * rules.MAX_RATE_EUR, too_large="rate_too_large")
        if rate is None and not run_wide:  # euro are checked against hours x the rate
            raise InputError("paid_eur", paid_eur, "paid_eur_needs_rate")
    for day, hours in claimed or ():
        check_hours(f"claimed:{day.isoformat()}", hours, rules.MAX_DAY_HOURS)


#: The bound of each of a person's own figures (field or column name -> most hours).
_PERSON_BOUNDS: dict[str, Decimal] = {
    "avg": rules.MAX_MONTH_HOURS,
    "m1": rules.MAX_MONTH_HOURS,
    "m2": rules.MAX_MONTH_HOURS,
    "m3": rules.MAX_MONTH_HOURS,
    "used": rules.MAX_MONTH_HOURS,
    #: A month before the emergency (``asistents emergency --before``).
    "before": rules.MAX_MONTH_HOURS,
}


#: How near an average given beside its three months must be to their mean (4 decimals: Excel's =AVERAGE).
_AGREE = Decimal("0.0001")


def average_shown_agrees(shown: Decimal, months: tuple[Decimal, ...]) -> bool:
    """An average column beside the months it averages (a whole emergency's register, README "How headers
    are read"): it agrees when it is their mean as a spreadsheet stores it, to 15 significant digits, or as
    the cell shows it, rounded to the places it is written with (``36,67`` for 36.6666…). It is never used:
    the months are, exactly; a disagreement means one of the two is wrong, and nothing is paid on a guess."""
    mean = sum(months, Decimal(0)) / len(months)
    places = Decimal(1).scaleb(-decimal_places(shown))
    return shown == mean.quantize(places, rounding=ROUND_HALF_UP) or shown == Decimal(format(mean, ".15g"))


def figure_bound(field: str) -> Decimal:
    """The most hours one of a person's own figures (``avg``, ``m1``-``m3``, ``used``) may be
    (:func:`check_value`)."""
    return _PERSON_BOUNDS[field]


def check_value(field: str, value: Decimal) -> None:
    """One of a person's own figures (``avg``, ``m1``-``m3``, ``used``) on its own: the one place
    where such a figure's bounds are checked."""
    check_hours(field, value, figure_bound(field))


#: The three months' fields, oldest first (``m1``-``m3``).
_MONTH_FIELDS = tuple(column.name for column in MONTH_COLUMNS)


def _check_person_figures(inp: CalcInput) -> None:
    check_person_figures(Person(inp.average, inp.months, inp.used))


def check_person_figures(person: Person) -> None:
    """A person's own figures, each on its own (:func:`check_value`), in this order: what ``calculate`` checks
    of them before their combination (a register checks each distinct cell so as it reads it; a whole
    emergency's register each month's)."""
    if person.average is not None:
        check_value("avg", person.average)
    if person.months is not None:
        _raise(month_error(person.months))
    if person.used is not None:
        check_value("used", person.used)


def month_error(months: tuple[Decimal, ...]) -> InputError | None:
    """The first of three months (``m1``-``m3``, oldest first) out of its bounds (:func:`check_value`), or None."""
    for field, month in zip(_MONTH_FIELDS, months, strict=True):
        error = error_of(check_value, field, month)
        if error is not None:
            return error
    return None


def has_bound(field: str) -> bool:
    """Whether ``field`` is one of a person's own figures with a bound (:func:`check_value`)."""
    return field in _PERSON_BOUNDS


def check_limits(inp: CalcInput, *, run_wide: bool = False) -> None:
    """The weekly and daily limits, the step, the rate and the period."""
    for field, value in (
        ("weekly", inp.weekly),
        ("used_week_before", inp.used_week_before),
        ("used_week_after", inp.used_week_after),
    ):
        if value is not None:
            check_hours(field, value, rules.MAX_WEEK_HOURS)
    daily_max, step = inp.daily_limit, inp.rounding_step
    check_hours("daily_max", daily_max, rules.MAX_DAY_HOURS, positive=True)
    check_hours("step", step, rules.MAX_DAY_HOURS, positive=True)
    if step > daily_max:
        raise InputError("step", step, "step_above_daily_max", daily_max=daily_max)
    if inp.rate is not None:
        check_hours("rate", inp.rate, rules.MAX_RATE_EUR, too_large="rate_too_large")
    elif inp.rates is not None:
        for _month, rate in inp.rates:
            check_hours("rates", rate, rules.MAX_RATE_EUR, too_large="rate_too_large")
    _check_period(inp)


def _check_period(inp: CalcInput) -> None:
    """One calendar month, start not after end, boundary-week hours only where days are."""
    for field, value in (("start", inp.start), ("end", inp.end)):
        if not rules.FIRST_YEAR <= value.year <= rules.LAST_YEAR:
            raise InputError(field, value.isoformat(), "year_out_of_range", low=rules.FIRST_YEAR, high=rules.LAST_YEAR)
    if inp.start > inp.end:
        raise InputError("start", inp.start.isoformat(), "start_after_end", end=inp.end)
    if (inp.start.year, inp.start.month) != (inp.end.year, inp.end.month):
        raise InputError("end", inp.end.isoformat(), "period_crosses_month", start=inp.start)
    check_boundary_weeks(inp, inp.start, inp.end)


def check_boundary_weeks(inp: CalcInput, start: date, end: date) -> None:
    """Hours used before ``start`` in its week and after ``end`` in its week are given only where that week
    has such days (a period, or a whole emergency, starting on a Monday has none before it): never ignored."""
    if inp.used_week_before and week_monday(start) == start:
        raise InputError("used_week_before", inp.used_week_before, "no_days_before", start=start)
    if inp.used_week_after and week_sunday(end) == end:
        raise InputError("used_week_after", inp.used_week_after, "no_days_after", end=end)
