"""The ``emergency`` report: a table of the months, then each month as ``calc`` shows it.

It only reads the :class:`~asistents.core.chain.ChainResult`; it never recomputes a figure.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from asistents.core.calendar import month_text, week_monday
from asistents.core.chain import ChainMonth, ChainResult
from asistents.i18n import Lang, day, money, month_name, number
from asistents.render.messages import notice_line
from asistents.render.reasoning import Words, reasoning_lines
from asistents.render.report import days_table


def _short_month(month: ChainMonth, lang: Lang) -> str:
    return f"{month.month.month:02d}.{month.month.year}" if lang == "lv" else month_text(month.month)


def month_headers(chain: ChainResult, t: Words) -> list[str]:
    """The months table's columns (the amount only when every month has a rate)."""
    keys = ["e_month", "e_days", "e_average", "e_used", "e_entitlement", "e_payable", "e_limited"]
    return [t(key) for key in keys] + ([t("e_amount")] if chain.amount_eur is not None else [])


def month_row(chain: ChainResult, month: ChainMonth, t: Words) -> list[str]:
    """One month: its days, average, hours used, entitlement, payable, limit (and amount)."""
    lang, result = t.lang, month.result
    cells = [
        _short_month(month, lang),
        f"{result.period.start.day}–{result.period.end.day}",
        number(result.average, lang) if result.average is not None else "—",
        number(result.used, lang) if result.used is not None else "—",
        number(result.entitlement, lang) if result.entitlement is not None else "—",
        number(result.payable_hours, lang),
        ", ".join(t(f"e_limit_{reason}") for reason in result.limited_by),
    ]
    if chain.amount_eur is not None:
        cells.append(money(result.amount_eur, lang) if result.amount_eur is not None else "—")
    return cells


def months_table(chain: ChainResult, t: Words) -> Table:
    """One row a month, with the totals as the footer."""
    table = Table(show_footer=True, title=t("e_months"), title_justify="left")
    footers = {t("e_month"): t("t_total"), t("e_payable"): number(chain.payable_hours, t.lang)}
    if chain.amount_eur is not None:
        footers[t("e_amount")] = money(chain.amount_eur, t.lang)
    right = {t(key) for key in ("e_average", "e_used", "e_entitlement", "e_payable", "e_amount")}
    for header in month_headers(chain, t):
        table.add_column(header, footer=footers.get(header, ""), justify="right" if header in right else "left")
    for month in chain.months:
        table.add_row(*month_row(chain, month, t))
    return table


def month_heading(month: ChainMonth, t: Words) -> str:
    result = month.result
    return t(
        "e_month_heading",
        month=month_name(month_text(month.month), t.lang),
        start=day(result.period.start, t.lang),
        end=day(result.period.end, t.lang),
    )


def shared_week_line(month: ChainMonth, t: Words, first: bool) -> str | None:
    """The hours of the week a month shares with the month before (none for the first month)."""
    shared = month.input.used_week_before
    if first or shared is None:
        return None
    monday = day(week_monday(month.result.period.start), t.lang)
    return t("e_shared_week", monday=monday, hours=number(shared, t.lang))


def _month_part(month: ChainMonth, t: Words, first: bool) -> list[RenderableType]:
    lang, result = t.lang, month.result
    parts: list[RenderableType] = [Text(""), Text(month_heading(month, t), style="bold")]
    parts += [Text(f"{i}. {line}") for i, line in enumerate(reasoning_lines(result, t), start=1)]
    shared = shared_week_line(month, t, first)
    if shared is not None:
        parts.append(Text(shared))
    parts.append(days_table(result, t))
    for notice in result.warnings:
        parts.append(Text(f"! {notice_line(notice, lang)}", style="yellow"))
    return parts


def chain_heading(chain: ChainResult, number_: int, t: Words) -> list[str]:
    """The title, the emergency's days and the three months before."""
    lang = t.lang
    before = ", ".join(
        f"{month_name(month_text(m), lang)} {t.h(hours)}"
        for m, hours in zip(chain.before_months, chain.before, strict=True)
    )
    emergency = t(
        "e_emergency", number=number_, start=day(chain.emergency.start, lang), end=day(chain.emergency.end, lang)
    )
    return [t("e_title"), emergency, t("e_before", months=before)]


def chain_totals(chain: ChainResult, t: Words) -> list[str]:
    """The total hours, and the amount (or the months with no rate)."""
    lines = [t("e_total", hours=t.h(chain.payable_hours))]
    if chain.amount_eur is not None:
        lines.append(t("e_total_amount", amount=money(chain.amount_eur, t.lang)))
    elif any(m.outcome.amount_eur is not None for m in chain.months):  # some months have no rate
        missing = ", ".join(month_text(m.month) for m in chain.months if m.outcome.amount_eur is None)
        lines.append(t("e_total_amount_missing", months=missing))
    return lines


def render_chain_report(chain: ChainResult, number_: int, lang: Lang) -> RenderableType:
    t = Words(lang)
    title, emergency, before = chain_heading(chain, number_, t)
    parts: list[RenderableType] = [Text(title, style="bold"), Text(emergency), Text(before), Text(""),
                                   months_table(chain, t)]  # fmt: skip
    for index, month in enumerate(chain.months):
        parts += _month_part(month, t, first=index == 0)
    parts.append(Text(""))
    parts += [Text(line, style="bold") for line in chain_totals(chain, t)]
    return Group(*parts)


def print_chain_report(chain: ChainResult, number_: int, lang: Lang, console: Console) -> None:
    console.print(render_chain_report(chain, number_, lang))
