"""Checking what was claimed or paid: the same rules, run the other way.

A social service receives timesheets that assistants filled in themselves, and
reviews payments made long ago: was it within the rules, and if not, by how much?
The limits are those of the split (guidance of 12.06.2020, points 2-4; Regulation
942, point 11.1): no day above the daily limit, no week above its cap, nothing
above what the rules allow in total (the payable total the tool computes). For a
claimed split, all exact (the step only rounds the tool's own split, so a claim of
5.25 h is taken as written):

    allowed = min(payable, Σ over weeks of min(week's cap, Σ over its days of min(claimed, daily limit)))

Hours claimed on days that are not emergency days (or that the split leaves out)
are not allowed. ``over`` = claimed - allowed. For a paid total alone,
``over`` = paid - payable. Under-claiming is not an error: ``under`` is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

import numpy as np

from asistents.core.decimals import ZERO, euro, plain
from asistents.core.fill import Units
from asistents.core.models import CalcResult, ClaimCheck, ClaimReason, NoticeParam, Verdict
from asistents.core.person import hours_of, tenths_of_thousandths, units_of


class Checks(NamedTuple):
    """The verdicts on a block's rows, a column each: a :class:`~asistents.core.models.ClaimCheck`'s fields
    (None on a row where nothing was paid or claimed). :meth:`row` is one row's verdict, made when asked for
    (a register writes the columns)."""

    claimed: list[dict[date, Decimal] | None]
    claimed_hours: list[Decimal | None]
    paid_hours: list[Decimal | None]
    payable_hours: list[Decimal | None]
    allowed_hours: list[Decimal | None]
    over_hours: list[Decimal | None]
    under_hours: list[Decimal | None]
    over_eur: list[Decimal | None]
    claim_over_hours: list[Decimal | None]
    paid_over_hours: list[Decimal | None]
    paid_eur: list[Decimal | None]
    allowed_eur: list[Decimal | None]
    paid_over_eur: list[Decimal | None]
    verdict: list[Verdict | None]
    reasons: list[tuple[ClaimReason, ...] | None]

    def row(self, n: int) -> ClaimCheck | None:
        if self.verdict[n] is None:
            return None
        return ClaimCheck(**{name: getattr(self, name)[n] for name in self._fields})


def unchecked(count: int) -> Checks:
    """``count`` rows with nothing paid or claimed."""
    return Checks._make([None] * count for _ in Checks._fields)


def check_block(
    payable: Sequence[Decimal],
    payable_units: Units,
    claimed: Sequence[Mapping[date, Decimal] | None],
    paid: Sequence[Decimal | None],
    paid_eur: Sequence[Decimal | None],
    rates: Sequence[Decimal | None],
    result: Callable[[int], CalcResult],
) -> Checks:
    """The verdicts on a block's rows: ``claimed`` (hours by day), ``paid`` (hours) and ``paid_eur`` (euro) of
    each (None: not given), under its limits (``payable``: the payable totals, also in ten-thousandths of an
    hour; ``result``: row n's whole result, read only for a claimed split, day by day and week by week; a
    payment alone is checked against the payable total), euro by its ``rate``: the hours one formula each over
    the rows (:func:`_quantities`), each distinct figure made hours once, the euro a row at a time."""
    count = len(payable)
    audited = [n for n in range(count) if claimed[n] is not None or paid[n] is not None or paid_eur[n] is not None]
    checks = unchecked(count)
    if not audited:
        return checks
    reasons: list[list[ClaimReason]] = [[] for _ in audited]
    # A claimed split's allowed hours, day by day and week by week (the payable total if none was claimed).
    limits = [payable[n] for n in audited]
    claimed_totals: list[Decimal | None] = [None] * len(audited)
    for k, n in enumerate(audited):
        split = claimed[n]
        if split is not None:
            claimed_totals[k] = sum(split.values(), ZERO)
            limits[k] = _allowed(result(n), split, reasons[k])
    found = _quantities(np.asarray(payable_units, dtype=np.int64)[audited], limits, claimed_totals,
                        [paid[n] for n in audited])  # fmt: skip
    columns = _verdicts([claimed[n] for n in audited], [paid[n] for n in audited], [paid_eur[n] for n in audited],
                        [rates[n] for n in audited], [payable[n] for n in audited], limits, reasons, found)  # fmt: skip
    if len(audited) == count:  # every row paid or claimed (a month's payments): the columns as they are
        return columns
    for name in Checks._fields:  # each a column over the rows
        column = getattr(checks, name)
        for n, value in zip(audited, getattr(columns, name), strict=True):
            column[n] = value
    return checks


def _verdicts(
    splits: list[Mapping[date, Decimal] | None],
    hours_paid: list[Decimal | None],
    euro_paid: list[Decimal | None],
    rates: list[Decimal | None],
    payable: list[Decimal],
    limits: list[Decimal],
    reasons: list[list[ClaimReason]],
    found: _Hours,
) -> Checks:
    """The verdicts' columns over the audited rows (what each claimed by day, paid in hours and in euro, its rate,
    its payable total, the most a payment may reach and the reasons so far), from the hours of :func:`_quantities`:
    each distinct figure made hours once, the euro a row at a time (:func:`_in_euro`)."""
    # A set, not np.unique: that would import numpy.ma (a fifth of calc's start-up) for a payment checked.
    made = {units: hours_of(units) for units in set(np.concatenate(found).tolist())}
    claimed_hours, allowed, claim_over, paid_over, overs, under = (column.tolist() for column in found)
    excesses, over_hours = [made[e] for e in paid_over], [made[o] for o in overs]
    over_eur, allowed_eur, paid_over_eur, verdicts = _in_euro(hours_paid, euro_paid, rates, limits, reasons, excesses,
                                                              over_hours)  # fmt: skip
    return Checks(
        claimed=[None if split is None else {d: plain(h) for d, h in split.items()} for split in splits],
        claimed_hours=[None if split is None else made[c] for split, c in zip(splits, claimed_hours, strict=True)],
        paid_hours=hours_paid,
        payable_hours=list(payable),
        allowed_hours=[made[a] for a in allowed],
        over_hours=list(over_hours),
        under_hours=[made[u] for u in under],
        over_eur=over_eur,
        claim_over_hours=[None if split is None else made[c] for split, c in zip(splits, claim_over, strict=True)],
        paid_over_hours=[None if hours is None else e for hours, e in zip(hours_paid, excesses, strict=True)],
        paid_eur=euro_paid,
        allowed_eur=allowed_eur,
        paid_over_eur=paid_over_eur,
        verdict=verdicts,
        reasons=[tuple(each) for each in reasons],
    )


def _in_euro(
    hours_paid: list[Decimal | None],
    euro_paid: list[Decimal | None],
    rates: list[Decimal | None],
    limits: list[Decimal],
    reasons: list[list[ClaimReason]],
    paid_over: list[Decimal],
    overs: list[Decimal],
) -> tuple[list[Decimal | None], list[Decimal | None], list[Decimal | None], list[Verdict | None]]:
    """Each audited row's euro over the rules, allowed euro and euro paid above them, and its verdict, a row at a
    time (``paid_over``: the paid hours' excess; ``overs``: the greater excess, in hours), the reasons said."""
    over_eur: list[Decimal | None] = []
    allowed_eur: list[Decimal | None] = []
    paid_over_eur: list[Decimal | None] = []
    verdicts: list[Verdict | None] = []
    for k, (hours, rate, excess, over) in enumerate(zip(hours_paid, rates, paid_over, overs, strict=True)):
        if excess:
            assert hours is not None  # an excess is of hours paid
            reasons[k].append(ClaimReason(code="paid_above", params={"paid": hours, "allowed": limits[k]}))
        in_euro = above_eur = None
        disagree = False
        if (given := euro_paid[k]) is not None:
            assert rate is not None  # core.validate: a payment in euro needs a rate
            in_euro, above_eur, disagree = _paid_in_euro(given, limits[k], hours, rate, reasons[k])
        # Euro over the rules: what was paid in euro above the allowed; else the paid hours' excess, else the claim's.
        if above_eur is not None:
            over_eur.append(above_eur)
        else:
            over_eur.append(None if rate is None else euro(excess if hours is not None else over, rate))
        allowed_eur.append(in_euro)
        paid_over_eur.append(above_eur)
        verdicts.append("over" if over > 0 or (above_eur or 0) > 0 else "disagree" if disagree else "within")
    return over_eur, allowed_eur, paid_over_eur, verdicts


class _Hours(NamedTuple):
    """The hours of the verdicts on a block's audited rows, in ten-thousandths of an hour (:func:`_quantities`)."""

    claimed: Units
    allowed: Units
    claim_over: Units
    paid_over: Units
    over: Units
    under: Units


def _quantities(
    total: Units, limits: Sequence[Decimal], claimed: Sequence[Decimal | None], paid: Sequence[Decimal | None]
) -> _Hours:
    """Each quantity of the verdict one formula over the audited rows (every figure has at most four decimals,
    so ten-thousandths count them exactly): ``total`` the payable totals, ``limits`` what a payment may reach
    (a claimed split's allowed hours, else the payable total), ``claimed`` each claimed split's total and
    ``paid`` the hours paid (None: not given). A payment's excess is above the limit; the allowed hours are
    the claim's, else the payment's up to the payable total, else the payable total; the claim's excess is
    its total less its allowed hours; over is the greater excess, under what the rules allowed beyond."""
    has_claim = np.array([hours is not None for hours in claimed], dtype=bool)
    has_paid = np.array([hours is not None for hours in paid], dtype=bool)
    limit, claimed_total = total.copy(), np.zeros_like(total)
    if has_claim.any():
        claims = np.flatnonzero(has_claim).tolist()
        limit[claims] = units_of([limits[k] for k in claims])
        claimed_total[claims] = units_of([claimed[k] or ZERO for k in claims])
    given = units_of([ZERO if hours is None else hours for hours in paid])
    paid_over = np.where(has_paid, np.maximum(0, given - limit), 0)
    allowed = np.where(has_claim, limit, np.where(has_paid, np.minimum(given, total), total))
    claim_over = np.where(has_claim, claimed_total - limit, 0)
    return _Hours(claimed_total, allowed, claim_over, paid_over, np.maximum(claim_over, paid_over),
                  np.maximum(0, total - allowed))  # fmt: skip


def check_claim(
    result: CalcResult,
    claimed: Mapping[date, Decimal] | None,
    paid: Decimal | None,
    rate: Decimal | None,
    paid_eur: Decimal | None = None,
) -> ClaimCheck | None:
    """The verdict on ``claimed`` (hours by day), ``paid`` (hours) and ``paid_eur`` (euro) under ``result``'s
    limits (:func:`check_block` of one row); None when nothing was claimed or paid."""
    payable = result.payable_hours
    checks = check_block([payable], np.array([tenths_of_thousandths(payable)]), [claimed], [paid], [paid_eur], [rate],
                         lambda _: result)  # fmt: skip
    return checks.row(0)


def _paid_in_euro(
    paid_eur: Decimal, limit: Decimal, paid: Decimal | None, rate: Decimal, reasons: list[ClaimReason]
) -> tuple[Decimal, Decimal, bool]:
    """A payment in euro against ``limit`` hours at ``rate``: what was allowed in euro, what was paid above it,
    and whether it disagrees with the same month's payment in hours."""
    allowed_eur = euro(limit, rate)
    paid_over_eur = max(ZERO, paid_eur - allowed_eur)
    if paid_over_eur:
        params: dict[str, NoticeParam] = {"paid": paid_eur, "allowed": allowed_eur, "hours": limit, "rate": rate}
        reasons.append(ClaimReason(code="paid_eur_above", params=params))
    # The same month paid in hours and in euro: the two must say the same, hours x rate to the cent (README
    # "Checking timesheets and payments"); where they do not, the verdict says so (it is not "within").
    # The product as a cell stores it (=D2*F2: 80.625) or rounded to the cent (80.63) both agree.
    disagree = paid is not None and paid_eur not in (euro(paid, rate), paid * rate)
    if disagree:
        assert paid is not None
        params = {"hours": paid, "rate": rate, "expected": euro(paid, rate), "paid": paid_eur}
        reasons.append(ClaimReason(code="paid_hours_eur_disagree", params=params))
    return allowed_eur, paid_over_eur, disagree


def _allowed(result: CalcResult, claimed: Mapping[date, Decimal], reasons: list[ClaimReason]) -> Decimal:
    """Each day within the daily limit, each week within its cap, the whole within the payable total."""
    daily = result.daily_max
    included = {d.date for d in result.days if d.included}
    for day, hours in sorted(claimed.items()):
        if hours and day not in included:
            reasons.append(ClaimReason(code="day_not_emergency", params={"day": day, "hours": hours}))
    total = ZERO
    for week in result.weeks:
        days = [(d, h) for d, h in sorted(claimed.items()) if d in included and week.start <= d <= week.end]
        week_hours = ZERO
        for day, hours in days:
            if hours > daily:
                reasons.append(
                    ClaimReason(code="day_above_daily", params={"day": day, "over": hours - daily, "limit": daily})
                )
            week_hours += min(hours, daily)
        if week.cap is not None and week_hours > week.cap:
            params: dict[str, NoticeParam] = {
                "from": week.start,
                "to": week.end,
                "hours": week_hours,
                "over": week_hours - week.cap,
                "cap": week.cap,
            }
            reasons.append(ClaimReason(code="week_above_cap", params=params))
            week_hours = week.cap
        total += week_hours
    if total > result.payable_hours:
        params = {"hours": total, "over": total - result.payable_hours, "payable": result.payable_hours}
        reasons.append(ClaimReason(code="total_above_payable", params=params))
        total = result.payable_hours
    return total
