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


def months_table(chain: ChainResult, t: Words) -> Table:
    """One row a month: its days, average, hours used, entitlement, payable, limit (and amount)."""
    lang = t.lang
    with_amount = chain.amount_eur is not None
    table = Table(show_footer=True, title=t("e_months"), title_justify="left")
    table.add_column(t("e_month"), footer=t("t_total"))
    table.add_column(t("e_days"))
    table.add_column(t("e_average"), justify="right")
    table.add_column(t("e_used"), justify="right")
    table.add_column(t("e_entitlement"), justify="right")
    table.add_column(t("e_payable"), justify="right", footer=number(chain.payable_hours, lang))
    table.add_column(t("e_limited"))
    if with_amount:
        assert chain.amount_eur is not None
        table.add_column(t("e_amount"), justify="right", footer=money(chain.amount_eur, lang))
    for month in chain.months:
        result = month.result
        cells = [
            _short_month(month, lang),
            f"{result.period.start.day}–{result.period.end.day}",
            number(result.average, lang) if result.average is not None else "—",
            number(result.used, lang) if result.used is not None else "—",
            number(result.entitlement, lang) if result.entitlement is not None else "—",
            number(result.payable_hours, lang),
            ", ".join(t(f"e_limit_{reason}") for reason in result.limited_by),
        ]
        if with_amount:
            cells.append(money(result.amount_eur, lang) if result.amount_eur is not None else "—")
        table.add_row(*cells)
    return table


def _month_part(month: ChainMonth, t: Words, first: bool) -> list[RenderableType]:
    lang, result = t.lang, month.result
    heading = t(
        "e_month_heading",
        month=month_name(month_text(month.month), lang),
        start=day(result.period.start, lang),
        end=day(result.period.end, lang),
    )
    parts: list[RenderableType] = [Text(""), Text(heading, style="bold")]
    parts += [Text(f"{i}. {line}") for i, line in enumerate(reasoning_lines(result, t), start=1)]
    shared = month.input.used_week_before
    if not first and shared is not None:  # the week it shares with the month before
        monday = day(week_monday(result.period.start), lang)
        parts.append(Text(t("e_shared_week", monday=monday, hours=number(shared, lang))))
    parts.append(days_table(result, t))
    for notice in result.warnings:
        parts.append(Text(f"! {notice_line(notice, lang)}", style="yellow"))
    return parts


def render_chain_report(chain: ChainResult, number_: int, lang: Lang) -> RenderableType:
    t = Words(lang)
    before = ", ".join(
        f"{month_name(month_text(m), lang)} {t.h(hours)}"
        for m, hours in zip(chain.before_months, chain.before, strict=True)
    )
    parts: list[RenderableType] = [
        Text(t("e_title"), style="bold"),
        Text(
            t("e_emergency", number=number_, start=day(chain.emergency.start, lang), end=day(chain.emergency.end, lang))
        ),
        Text(t("e_before", months=before)),
        Text(""),
        months_table(chain, t),
    ]
    for index, month in enumerate(chain.months):
        parts += _month_part(month, t, first=index == 0)
    parts.append(Text(""))
    parts.append(Text(t("e_total", hours=t.h(chain.payable_hours)), style="bold"))
    if chain.amount_eur is not None:
        parts.append(Text(t("e_total_amount", amount=money(chain.amount_eur, lang)), style="bold"))
    elif any(m.result.amount_eur is not None for m in chain.months):  # some months have no rate
        missing = ", ".join(month_text(m.month) for m in chain.months if m.result.amount_eur is None)
        parts.append(Text(t("e_total_amount_missing", months=missing), style="bold"))
    return Group(*parts)


def print_chain_report(chain: ChainResult, number_: int, lang: Lang, console: Console) -> None:
    console.print(render_chain_report(chain, number_, lang))
