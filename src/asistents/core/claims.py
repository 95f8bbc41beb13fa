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

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Protocol

from asistents.core.decimals import ZERO, euro, plain
from asistents.core.models import CalcResult, ClaimCheck, ClaimReason, NoticeParam


class Payable(Protocol):
    """What a payment alone is checked against: the payable total."""

    @property
    def payable_hours(self) -> Decimal: ...


def check_claim(
    result: CalcResult | Payable,
    claimed: Mapping[date, Decimal] | None,
    paid: Decimal | None,
    rate: Decimal | None,
    paid_eur: Decimal | None = None,
) -> ClaimCheck:
    """The verdict on ``claimed`` (hours by day), ``paid`` (hours) and ``paid_eur`` (euro), under
    ``result``'s limits; each finding with its own figures (the claim's excess, the payment's). A claimed
    split is checked day by day and week by week against the whole result; a payment alone only against
    the payable total, so a computed row without its day objects will do."""
    payable = result.payable_hours
    reasons: list[ClaimReason] = []
    claimed_total = claim_over = paid_over = None
    allowed = payable
    if claimed is not None:
        if not isinstance(result, CalcResult):
            raise TypeError("a claimed split is checked against a whole result")
        claimed_total = sum(claimed.values(), ZERO)
        allowed = _allowed(result, claimed, reasons)
        claim_over = claimed_total - allowed
    limit = allowed  # what a payment may reach: the claim's allowed hours, or the payable total
    if paid is not None:
        paid_over = max(ZERO, paid - limit)
        if paid_over:
            reasons.append(ClaimReason(code="paid_above", params={"paid": paid, "allowed": limit}))
        if claimed is None:
            allowed = min(paid, payable)
    allowed_eur = paid_over_eur = None
    disagree = False
    if paid_eur is not None:
        assert rate is not None  # core.validate: a payment in euro needs a rate
        allowed_eur, paid_over_eur, disagree = _paid_in_euro(paid_eur, limit, paid, rate, reasons)
    over = max(claim_over or ZERO, paid_over or ZERO)
    under = max(ZERO, payable - allowed)
    # Euro over the rules: what was paid in euro above the allowed; else the paid hours' excess, else the claim's.
    if paid_over_eur is not None:
        over_eur: Decimal | None = paid_over_eur
    else:
        over_eur = None if rate is None else euro(paid_over if paid_over is not None else over, rate)
    return ClaimCheck(
        claimed={d: plain(h) for d, h in claimed.items()} if claimed is not None else None,
        claimed_hours=None if claimed_total is None else plain(claimed_total),
        paid_hours=paid,
        payable_hours=payable,
        allowed_hours=plain(allowed),
        over_hours=plain(over),
        under_hours=plain(under),
        over_eur=over_eur,
        claim_over_hours=None if claim_over is None else plain(claim_over),
        paid_over_hours=None if paid_over is None else plain(paid_over),
        paid_eur=paid_eur,
        allowed_eur=allowed_eur,
        paid_over_eur=paid_over_eur,
        verdict="over" if over > 0 or (paid_over_eur or 0) > 0 else "disagree" if disagree else "within",
        reasons=tuple(reasons),
    )


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


def claim_check(
    result: CalcResult | Payable,
    claimed: tuple[tuple[date, Decimal], ...] | None,
    paid: Decimal | None,
    paid_eur: Decimal | None,
    rate: Decimal | None,
) -> ClaimCheck:
    """The verdict on a claimed split (hours by day) or a paid total against ``result``, euro by the
    period's ``rate``. It reads only what the result's split holds (its payable total, days, weeks, daily
    limit)."""
    return check_claim(result, dict(claimed) if claimed is not None else None, paid, rate, paid_eur)
