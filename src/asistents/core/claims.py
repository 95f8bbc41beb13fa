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

from asistents.core.decimals import euro, plain
from asistents.core.models import CalcResult, ClaimCheck, ClaimReason, NoticeParam


def check_claim(
    result: CalcResult, claimed: Mapping[date, Decimal] | None, paid: Decimal | None, rate: Decimal | None
) -> ClaimCheck:
    """The verdict on ``claimed`` (hours by day) and/or ``paid`` (a total), under ``result``'s limits."""
    payable = result.payable_hours
    reasons: list[ClaimReason] = []
    claimed_total: Decimal | None = None
    allowed = payable
    if claimed is not None:
        claimed_total = sum(claimed.values(), Decimal(0))
        allowed = _allowed(result, claimed, reasons)
        over = claimed_total - allowed
        if paid is not None and paid > allowed:
            reasons.append(ClaimReason(code="paid_above", params={"paid": paid, "allowed": allowed}))
            over = max(over, paid - allowed)
    else:
        assert paid is not None
        over = max(Decimal(0), paid - payable)
        allowed = min(paid, payable)
        if over:
            reasons.append(ClaimReason(code="paid_above", params={"paid": paid, "allowed": payable}))
    under = max(Decimal(0), payable - allowed)
    # Money over the rules is what was paid above what is allowed; without a payment, the claim's excess.
    money_over = max(Decimal(0), paid - allowed) if paid is not None else over
    over_eur = None if rate is None else euro(money_over, rate)
    return ClaimCheck(
        claimed={d: plain(h) for d, h in claimed.items()} if claimed is not None else None,
        claimed_hours=None if claimed_total is None else plain(claimed_total),
        paid_hours=paid,
        payable_hours=payable,
        allowed_hours=plain(allowed),
        over_hours=plain(over),
        under_hours=plain(under),
        over_eur=over_eur,
        verdict="over" if over > 0 else "within",
        reasons=tuple(reasons),
    )


def _allowed(result: CalcResult, claimed: Mapping[date, Decimal], reasons: list[ClaimReason]) -> Decimal:
    """Each day within the daily limit, each week within its cap, the whole within the payable total."""
    daily = result.daily_max
    included = {d.date for d in result.days if d.included}
    for day, hours in sorted(claimed.items()):
        if hours and day not in included:
            reasons.append(ClaimReason(code="day_not_emergency", params={"day": day, "hours": hours}))
    total = Decimal(0)
    for week in result.weeks:
        days = [(d, h) for d, h in sorted(claimed.items()) if d in included and week.start <= d <= week.end]
        week_hours = Decimal(0)
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
