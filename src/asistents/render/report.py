"""The ``calc`` report a social worker can read and hand in.

It shows the inputs, each step of the reasoning with its numbers, the per-day
table and the warnings. It only reads the :class:`CalcResult`; it never
recomputes a figure.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from asistents.core.models import CalcResult, DayHours
from asistents.i18n import Lang, day, number, weekday
from asistents.render.messages import notice_line
from asistents.render.reasoning import Words, check_lines, reasoning_lines


def render_report(result: CalcResult, lang: Lang) -> RenderableType:
    t = Words(lang)

    parts: list[RenderableType] = [
        Text(t("title"), style="bold"),
        Text(f"{t('period')}: {day(result.period.start, lang)} – {day(result.period.end, lang)}"),
        Text(""),
        _inputs(result, t),
        Text(""),
        Text(t("reasoning"), style="bold"),
    ]
    for i, line in enumerate(reasoning_lines(result, t), start=1):
        parts.append(Text(f"{i}. {line}"))
    parts.append(Text(""))
    parts.append(Text(t("t_title", measure=result.measure)))
    parts.append(days_table(result, t))
    if result.check is not None:
        parts.append(Text(""))
        parts.append(Text(t("c_title"), style="bold"))
        for line in check_lines(result.check, t):
            parts.append(Text(line))
    if result.warnings:
        parts.append(Text(""))
        parts.append(Text(t("warnings"), style="bold yellow"))
        for notice in result.warnings:
            parts.append(Text(f"! {notice_line(notice, lang)}", style="yellow"))
    return Group(*parts)


def input_rows(result: CalcResult, t: Words) -> list[tuple[str, str]]:
    """The figures the result was computed from, each as (what, value), as the report and the web page show them."""
    lang, h, n = t.lang, t.h, t.n
    rows: list[tuple[str, str]] = []
    if result.months is not None:
        rows.append((t("in_months"), " + ".join(number(m, lang) for m in result.months)))
    if result.average is not None:
        rows.append((t("in_average"), h(result.average)))
    if result.no_history:
        rows.append((t("in_no_history"), t("yes")))
    if result.used is not None:
        rows.append((t("in_used"), h(result.used)))
    weekly = (
        h(result.weekly) if result.weekly is not None else t("in_weekly_state_maximum", maximum=n(result.weekly_cap))
    )
    rows.append((t("in_weekly"), weekly))
    rows.append((t("in_daily_max"), h(result.daily_max)))
    rows.append((t("in_step"), h(result.step)))
    if result.rate_eur is not None:
        rows.append((t("in_rate"), f"{number(result.rate_eur, lang)} EUR"))
    return rows


def _inputs(result: CalcResult, t: Words) -> Table:
    table = Table(title=t("inputs"), title_justify="left", show_header=False, box=None)
    table.add_column()
    table.add_column(justify="right")
    for row in input_rows(result, t):
        table.add_row(*row)
    return table


def day_headers(t: Words) -> tuple[str, str, str, str]:
    return t("t_date"), t("t_weekday"), t("t_hours"), t("t_measure")


def day_row(result: CalcResult, entry: DayHours, t: Words) -> tuple[str, str, str, str]:
    """A day as the timesheet table shows it: date, weekday, hours (— when excluded), measure."""
    lang = t.lang
    return (
        day(entry.date, lang),
        weekday(entry.weekday, lang),
        number(entry.hours, lang) if entry.included else "—",
        str(result.measure) if entry.included else t("excluded"),
    )


def days_table(result: CalcResult, t: Words) -> Table:
    """Date, weekday, hours, measure: the measure is named once, above the table, so it stays narrow."""
    table = Table(show_footer=True)
    date_header, weekday_header, hours_header, measure_header = day_headers(t)
    table.add_column(date_header, footer=t("t_total"))
    table.add_column(weekday_header)
    table.add_column(hours_header, justify="right", footer=number(result.payable_hours, t.lang))
    table.add_column(measure_header, justify="right")
    for entry in result.days:
        table.add_row(*day_row(result, entry, t))
    return table


def print_report(result: CalcResult, lang: Lang, console: Console) -> None:
    console.print(render_report(result, lang))
