"""The reasoning of a result in words: the steps from the figures to the total, each with its numbers.

Shared by the ``calc`` report and the printed timesheet, so both say the same thing.
It imports no Rich: the timesheet path does not need it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal

from asistents.core.models import CalcResult, ClaimCheck, ClaimReason, WeekHours
from asistents.core.rules import in_emergency
from asistents.i18n import Lang, day, money, month_span, number, text
from asistents.render.messages import single_days


class Words:
    """Texts, numbers and hours in one language."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def __call__(self, key: str, **params: object) -> str:
        return single_days(text(self.lang, key, **params), params)

    def n(self, value: Decimal) -> str:
        return number(value, self.lang)

    def h(self, value: Decimal) -> str:
        return self("hours_unit", hours=number(value, self.lang))


def reasoning_lines(result: CalcResult, t: Words) -> list[str]:
    """The steps from the figures to the total, each with its numbers."""
    lang, n = t.lang, t.n
    lines: list[str] = []
    if result.status == "resumed":
        return [t("r_resumed")]
    if result.average is not None and not result.no_history:
        lines.append(t("r_average_months", months=month_span(result.average_months, lang)))
    if result.months is not None and result.average is not None:
        key = "r_months" if result.average_exact else "r_months_inexact"
        lines.append(t(key, months=" + ".join(n(m) for m in result.months), average=n(result.average)))
    if result.no_history:
        lines.append(t("r_no_history", cap=n(max(w.cap for w in result.weeks if w.cap is not None))))
    elif result.average is not None and result.entitlement is not None:
        used = result.used or Decimal(0)
        if result.entitlement == 0 and result.average < used:
            lines.append(t("r_entitlement_zero", average=n(result.average), used=n(used)))
        else:
            lines.append(t("r_entitlement", average=n(result.average), used=n(used), entitlement=n(result.entitlement)))
        if result.entitlement_in_steps is not None and result.entitlement_in_steps != result.entitlement:
            lines.append(t("r_rounded", step=n(result.step), rounded=n(result.entitlement_in_steps)))
    lines += [line for week in result.weeks if (line := _week_line(result, week, t)) is not None]
    if "no_days" in result.limited_by:
        lines.append(t("r_no_days"))
    total = n(result.payable_hours)
    if result.no_history:
        lines.append(t("r_total_no_history", total=total))
    elif "entitlement" in result.limited_by or result.entitlement_in_steps is None:
        lines.append(t("r_total_entitlement", total=total))
    else:
        lines.append(t("r_total_limited", total=total, rounded=n(result.entitlement_in_steps)))
    if result.amount_eur is not None and result.rate_eur is not None:
        lines.append(t("r_amount", total=total, rate=n(result.rate_eur), amount=money(result.amount_eur, lang)))
    return lines


def _week_line(result: CalcResult, week: WeekHours, t: Words) -> str | None:
    """What limited ``week``, with its numbers; None when nothing did."""
    n = t.n
    span = {"from": day(week.first_day, t.lang), "to": day(week.last_day, t.lang)}
    if week.limited_by in ("weekly_cap", "no_history_cap") and week.cap is not None:
        if week.cap_source == "weekly" and week.weekly is not None and week.used_other_days:
            # The week's days before the period are the emergency's too (a chain's earlier month): what was
            # used on them is that month's measure-7 hours, and a signer must be able to tell.
            before = week.first_day - timedelta(days=1)
            earlier = week.first_day == result.period.start and week.first_day.day == 1 and in_emergency(before)
            key = "r_week_cap_previous" if earlier else "r_week_cap"
            return t(key, **span, cap=n(week.cap), weekly=n(week.weekly), used=n(week.used_other_days))
        return t("r_week_capped", **span, hours=n(week.hours), cap=n(week.cap))
    if week.limited_by == "daily_max":
        return t("r_week_daily", **span, hours=n(week.hours), daily_max=n(result.daily_max))
    return None


def check_lines(check: ClaimCheck, t: Words) -> list[str]:
    """The verdict on a claim and/or a payment, with every reason and its numbers: one verdict line per
    finding (the claim, the payment in hours, the payment in euro), each with its own figures."""
    from asistents.render.messages import reason_line

    n, lang = t.n, t.lang
    lines: list[str] = []
    if check.claimed_hours is not None:
        lines.append(t("c_claimed", hours=n(check.claimed_hours)))
    if check.paid_hours is not None:
        lines.append(t("c_paid", hours=n(check.paid_hours)))
    if check.paid_eur is not None:
        lines.append(t("c_paid_eur", amount=money(check.paid_eur, lang)))
    lines.append(t("c_allowed", hours=n(check.allowed_hours), payable=n(check.payable_hours)))
    for reasons in _runs(check.reasons):
        if len(reasons) == 1:
            lines.append("– " + reason_line(reasons[0], lang))
            continue
        first, last = reasons[0].params, reasons[-1].params
        days = {"from": day(first["day"], lang), "to": day(last["day"], lang), "days": len(reasons)}  # type: ignore[arg-type]
        over, limit = n(first["over"]), n(first["limit"])  # type: ignore[arg-type]
        lines.append("– " + t("c_days_above_daily", **days, over=over, limit=limit))
    # over_eur is the payment's excess in euro where a payment was given, else the claim's (core.claims).
    paid_in_hours = check.paid_over_hours is not None
    if check.claim_over_hours is not None:
        eur = check.over_eur if not paid_in_hours and check.paid_eur is None else None
        lines.append(_finding(t, "c_claim", check.claim_over_hours, eur))
    if paid_in_hours:
        assert check.paid_over_hours is not None
        eur = check.over_eur if check.paid_eur is None else None
        lines.append(_finding(t, "c_payment", check.paid_over_hours, eur))
    if check.paid_over_eur is not None:
        key = "c_payment_eur_over" if check.paid_over_eur else "c_payment_eur_within"
        allowed = money(check.allowed_eur or Decimal(0), lang)
        lines.append(t(key, over=money(check.paid_over_eur, lang), allowed=allowed))
    if check.verdict == "over" and not check.over_hours:  # over in euro only
        lines.append(t("c_verdict_over_eur", over=money(check.paid_over_eur or Decimal(0), lang)))
    else:
        lines.append(t(f"c_verdict_{check.verdict}", over=n(check.over_hours)))
    if check.under_hours:
        lines.append(t("c_under", hours=n(check.under_hours)))
    return lines


def _runs(reasons: Sequence[ClaimReason]) -> list[list[ClaimReason]]:
    """The reasons in order, days above the daily limit by the same hours on consecutive days as one run: a
    claim of 9 h every day is one line, not thirty (the page stays one page; README "Timesheets")."""
    runs: list[list[ClaimReason]] = []
    for reason in reasons:
        last = runs[-1][-1] if runs else None
        if (
            last is not None and reason.code == last.code == "day_above_daily"
            and reason.params["over"] == last.params["over"] and reason.params["limit"] == last.params["limit"]
            and reason.params["day"] == last.params["day"] + timedelta(days=1)  # type: ignore[operator]
        ):  # fmt: skip
            runs[-1].append(reason)
        else:
            runs.append([reason])
    return runs


def _finding(t: Words, key: str, over: Decimal, eur: Decimal | None) -> str:
    if not over:
        return t(f"{key}_within")
    line = t(f"{key}_over", over=t.n(over))
    return line + (" " + t("c_over_eur", amount=money(eur, t.lang)) if eur is not None else "")
