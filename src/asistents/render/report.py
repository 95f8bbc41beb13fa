"""The ``calc`` report a social worker can read and hand in.

It shows the inputs, each step of the reasoning with its numbers, the per-day
table and the warnings. It only reads the :class:`CalcResult`; it never
recomputes a figure.
"""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from asistents.core.models import CalcResult
from asistents.i18n import Lang, day, money, month_span, number, text, weekday
from asistents.render.messages import notice_line


class _Words:
    """Texts, numbers and hours in one language."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def __call__(self, key: str, **params: object) -> str:
        return text(self.lang, key, **params)

    def n(self, value: Decimal) -> str:
        return number(value, self.lang)

    def h(self, value: Decimal) -> str:
        return self("hours_unit", hours=number(value, self.lang))


def render_report(result: CalcResult, lang: Lang) -> RenderableType:
    t = _Words(lang)

    parts: list[RenderableType] = [
        Text(t("title"), style="bold"),
        Text(f"{t('period')}: {day(result.period.start, lang)} – {day(result.period.end, lang)}"),
        Text(""),
        _inputs(result, t),
        Text(""),
        Text(t("reasoning"), style="bold"),
    ]
    for i, line in enumerate(_reasoning(result, t), start=1):
        parts.append(Text(f"{i}. {line}"))
    parts.append(Text(""))
    parts.append(Text(t("t_title", measure=result.measure)))
    parts.append(_days(result, t))
    if result.warnings:
        parts.append(Text(""))
        parts.append(Text(t("warnings"), style="bold yellow"))
        for notice in result.warnings:
            parts.append(Text(f"! {notice_line(notice, lang)}", style="yellow"))
    return Group(*parts)


def _inputs(result: CalcResult, t: _Words) -> Table:
    lang, h, n = t.lang, t.h, t.n
    table = Table(title=t("inputs"), title_justify="left", show_header=False, box=None)
    table.add_column()
    table.add_column(justify="right")
    if result.months is not None:
        table.add_row(t("in_months"), " + ".join(number(m, lang) for m in result.months))
    if result.average is not None:
        table.add_row(t("in_average"), h(result.average))
    if result.no_history:
        table.add_row(t("in_no_history"), t("yes"))
    if result.used is not None:
        table.add_row(t("in_used"), h(result.used))
    weekly = (
        h(result.weekly) if result.weekly is not None else t("in_weekly_state_maximum", maximum=n(result.weekly_cap))
    )
    table.add_row(t("in_weekly"), weekly)
    table.add_row(t("in_daily_max"), h(result.daily_max))
    table.add_row(t("in_step"), h(result.step))
    if result.rate_eur is not None:
        table.add_row(t("in_rate"), f"{number(result.rate_eur, lang)} EUR")
    return table


def _reasoning(result: CalcResult, t: _Words) -> list[str]:
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
    for week in result.weeks:
        span = {"from": day(week.first_day, lang), "to": day(week.last_day, lang)}
        if week.limited_by in ("weekly_cap", "no_history_cap") and week.cap is not None:
            if week.cap_source == "weekly" and week.weekly is not None and week.used_other_days:
                lines.append(
                    t("r_week_cap", **span, cap=n(week.cap), weekly=n(week.weekly), used=n(week.used_other_days))
                )
            else:
                lines.append(t("r_week_capped", **span, hours=n(week.hours), cap=n(week.cap)))
        elif week.limited_by == "daily_max":
            lines.append(t("r_week_daily", **span, hours=n(week.hours), daily_max=n(result.daily_max)))
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


def _days(result: CalcResult, t: _Words) -> Table:
    """Date, weekday, hours, measure: the measure is named once, above the table, so it stays narrow."""
    lang = t.lang
    table = Table(show_footer=True)
    table.add_column(t("t_date"), footer=t("t_total"))
    table.add_column(t("t_weekday"))
    table.add_column(t("t_hours"), justify="right", footer=number(result.payable_hours, lang))
    table.add_column(t("t_measure"), justify="right")
    for entry in result.days:
        table.add_row(
            day(entry.date, lang),
            weekday(entry.weekday, lang),
            number(entry.hours, lang) if entry.included else "—",
            str(result.measure) if entry.included else t("excluded"),
        )
    return table


def print_report(result: CalcResult, lang: Lang, console: Console) -> None:
    console.print(render_report(result, lang))
