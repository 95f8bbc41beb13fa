"""What the pages show, as plain values for the templates: read from a result with the renderers' own functions.

Nothing here computes a figure: the numbers are the result's, in words and number formats of the report
(:mod:`asistents.render.report`, :mod:`asistents.render.chain_report`), so the page and ``calc``'s table say
the same. A register's rows come from ``batch --to json`` and are only counted, summed and ordered to show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from asistents.core.calendar import month_text
from asistents.core.chain import ChainResult, emergency_months
from asistents.core.fields import InputField
from asistents.core.models import CalcResult
from asistents.core.rules import EMERGENCIES
from asistents.i18n import Lang, day, money, month_name, number, text
from asistents.render.chain_report import (
    chain_heading,
    chain_totals,
    month_headers,
    month_heading,
    month_row,
    shared_week_line,
)
from asistents.render.messages import notice_line
from asistents.render.reasoning import Words, check_lines, reasoning_lines
from asistents.render.report import day_headers, day_row, input_rows
from asistents.render.summary import summary_rows


@dataclass(frozen=True)
class Field:
    """One labelled input of a form."""

    name: str
    label: str
    help: str
    value: str = ""
    kind: str = "text"  # text, number, date, checkbox, textarea, file
    default: str = ""
    checked: bool = False


def field_inputs(fields: Sequence[InputField], form: Mapping[str, str], lang: Lang, command: str) -> list[Field]:
    """The form's inputs of ``fields``: label, help (``help.<command>.<name>``), default and the value as sent."""
    shown: list[Field] = []
    for f in fields:
        help_text = text(lang, f"help.{command}.{f.name}")
        default = f.default_text or ""
        if f.kind == "months":
            shown += [
                Field(c.name, text(lang, f"w_f_{c.name}"), help_text, form.get(c.name, ""), "number")
                for c in f.columns[:3]
            ]
        elif f.kind == "flag":
            shown.append(Field(f.name, text(lang, f"w_f_{f.name}"), help_text, kind="checkbox",
                               checked=form.get(f.name) in ("on", "1", "true")))  # fmt: skip
        elif f.kind == "rates":
            shown.append(
                Field("rates_text", text(lang, "w_f_rates"), help_text, form.get("rates_text", ""), "textarea")
            )
        else:
            kind = {"hours": "number", "euro": "number", "date": "date", "claims": "textarea"}.get(f.kind, "text")
            shown.append(Field(f.name, text(lang, f"w_f_{f.name}"), help_text, form.get(f.name, ""), kind, default))
    return shown


@dataclass(frozen=True)
class Week:
    title: str
    days: list[tuple[str, str, str, str]]


@dataclass(frozen=True)
class CalcView:
    inputs: list[tuple[str, str]]
    payable: str
    figures: list[tuple[str, str]]
    reasoning: list[str]
    day_headers: tuple[str, str, str, str]
    weeks: list[Week]
    total: str
    check: list[str]
    warnings: list[str]


def calc_view(result: CalcResult, lang: Lang) -> CalcView:
    """One month's result as the page shows it: the figures, the reasoning, the days by calendar week."""
    t = Words(lang)
    figures = [(t("w_payable"), t.h(result.payable_hours))]
    if result.entitlement is not None:
        figures.append((t("w_entitlement"), t.h(result.entitlement)))
    if result.amount_eur is not None:
        figures.append((t("w_amount"), f"{money(result.amount_eur, lang)} EUR"))
    if result.limited_by:
        figures.append((t("w_limited_by"), ", ".join(t(f"e_limit_{reason}") for reason in result.limited_by)))
    return CalcView(
        inputs=input_rows(result, t),
        payable=t.h(result.payable_hours),
        figures=figures,
        reasoning=reasoning_lines(result, t),
        day_headers=day_headers(t),
        weeks=weeks_of(result, t),
        total=number(result.payable_hours, lang),
        check=check_lines(result.check, t) if result.check is not None else [],
        warnings=[notice_line(notice, lang) for notice in result.warnings],
    )


def weeks_of(result: CalcResult, t: Words) -> list[Week]:
    """The days grouped by the calendar weeks the result split them in, each week with its cap and hours."""
    weeks: list[Week] = []
    for week in result.weeks:
        days = [day_row(result, entry, t) for entry in result.days if week.start <= entry.date <= week.end]
        start, end = day(week.first_day, t.lang), day(week.last_day, t.lang)
        if week.cap is None:
            title = t("w_week_no_cap", start=start, end=end, hours=t.h(week.hours))
        else:
            title = t("w_week", start=start, end=end, cap=t.h(week.cap), hours=t.h(week.hours))
        weeks.append(Week(title, days))
    return weeks


@dataclass(frozen=True)
class MonthView:
    heading: str
    reasoning: list[str]
    shared: str | None
    weeks: list[Week]
    warnings: list[str]


@dataclass(frozen=True)
class ChainView:
    heading: list[str]
    headers: list[str]
    rows: list[list[str]]
    months: list[MonthView]
    totals: list[str]
    day_headers: tuple[str, str, str, str]


def chain_view(chain: ChainResult, number_: int, lang: Lang) -> ChainView:
    """A whole emergency as the page shows it: the months table, then each month as the one-month page does."""
    t = Words(lang)
    months = [
        MonthView(
            month_heading(month, t),
            reasoning_lines(result, t),
            shared_week_line(month, t, first=index == 0),
            weeks_of(result, t),
            [notice_line(notice, lang) for notice in result.warnings],
        )
        for index, (month, result) in enumerate((month, month.result) for month in chain.months)
    ]
    return ChainView(
        heading=chain_heading(chain, number_, t),
        headers=month_headers(chain, t),
        rows=[month_row(chain, month, t) for month in chain.months],
        months=months,
        totals=chain_totals(chain, t),
        day_headers=day_headers(t),
    )


@dataclass(frozen=True)
class EmergencyMonthField:
    """A month of an emergency on the form: its hours used (needed where it has other days) and resumed."""

    key: str
    name: str
    needed: bool


@dataclass(frozen=True)
class EmergencyChoice:
    number: int
    label: str
    before: list[str]
    months: list[EmergencyMonthField]


def emergency_choices(lang: Lang) -> list[EmergencyChoice]:
    """Each emergency with the three months before it and its months, for the form."""
    choices = []
    for index, emergency in enumerate(EMERGENCIES, start=1):
        months = emergency_months(emergency)
        label = text(lang, "w_emergency_choice", number=index, start=day(emergency.start, lang),
                     end=day(emergency.end, lang))  # fmt: skip
        before = [month_name(month_text(m), lang) for m in months[0].averaged]
        shown = [EmergencyMonthField(month_text(m.month), month_name(month_text(m.month), lang), m.has_other_days)
                 for m in months]  # fmt: skip
        choices.append(EmergencyChoice(index, label, before, shown))
    return choices


# --- a register's results (rows of ``batch --to json``) ---

#: The most rows a results page lists (the downloads have them all).
SHOWN_ROWS = 500


@dataclass(frozen=True)
class RowView:
    line: str
    month: str
    status: str
    who: str
    payable: str
    over: str
    note: str
    kind: str  # error, over, ok


@dataclass(frozen=True)
class RegisterView:
    summary: list[tuple[str, str]]
    rows: list[RowView]
    total: int
    whole_emergency: bool


def register_view(
    rows: Sequence[Mapping[str, Any]],
    figures: Mapping[str, Any],
    who: Sequence[str],
    whole_emergency: bool,
    show: str,
    lang: Lang,
) -> RegisterView:
    """``batch``'s summary (its ``--summary`` figures, in its words) and the rows, errors and rows over first,
    filtered by ``show`` (``all``, ``problems``, ``errors``, ``over``). ``who`` are the headers read as a
    person's number and name."""
    kinds = [(position, row, _kind(row)) for position, row in enumerate(rows)]
    order = {"error": 0, "over": 1, "ok": 2, "mark": 3}
    wanted = {"problems": ("error", "over"), "errors": ("error",), "over": ("over",)}.get(show, tuple(order))
    chosen = sorted((k for k in kinds if k[2] in wanted), key=lambda k: (order[k[2]], k[0]))
    shown = [_row_view(row, kind, who, lang) for _, row, kind in chosen[:SHOWN_ROWS]]
    summary = [(words, value) for words, value, _ in summary_rows(figures, lang)]
    return RegisterView(summary, shown, len(chosen), whole_emergency)


def _kind(row: Mapping[str, Any]) -> str:
    """An error, a row over the rules, a computed row, or a row that is no person (blank, totals)."""
    if row.get("status") == "error":
        return "error"
    if row.get("verdict") == "over":
        return "over"
    return "ok" if row.get("status") == "ok" else "mark"


def _row_view(row: Mapping[str, Any], kind: str, who: Sequence[str], lang: Lang) -> RowView:
    def shown(value: Any) -> str:
        return number(value, lang) if isinstance(value, Decimal) else "" if value is None else str(value)

    note = row.get("error") or row.get("verdict") or ""
    reasons = row.get("check_reasons")
    if reasons:
        note = f"{note}: {'; '.join(str(r) for r in reasons)}"
    person = " ".join(str(row.get(header) or "") for header in who).strip()
    return RowView(
        line=shown(row.get("line")),
        month=shown(row.get("month")),
        status=shown(row.get("status")),
        who=person,
        payable=shown(row.get("payable_hours")),
        over=shown(row.get("over_hours")),
        note=str(note),
        kind=kind,
    )
