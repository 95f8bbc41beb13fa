"""The totals of a ``batch`` run and their Rich table on stderr.

The totals are counted as rows are written (nothing is kept per row), so the
summary costs no memory however long the register is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from asistents.core import rules
from asistents.core.calendar import month_text
from asistents.core.rules import WEEKLY_STATE_MAXIMUM
from asistents.i18n import Lang, money, number, text
from asistents.io.columns import BARE_MONTH, split_month_key
from asistents.io.source import Detected, HeaderMap
from asistents.register.months import resolve_month
from asistents.register.row import RegisterRow
from asistents.render.messages import printable


@dataclass
class BatchTotals:
    rows: int = 0
    ok: int = 0
    errors: int = 0
    #: Blank rows between persons (kept as rows, not errors).
    blank: int = 0
    #: Totals rows (README "Your register"): counted apart, never computed or added up.
    totals_rows: int = 0
    payable_hours: Decimal = field(default_factory=Decimal)
    weekly_cap: int = 0
    no_history_cap: int = 0
    daily_max: int = 0
    amount_eur: Decimal = field(default_factory=Decimal)
    #: Checked claims and payments.
    checked: int = 0
    over_rows: int = 0
    over_hours: Decimal = field(default_factory=Decimal)
    over_eur: Decimal = field(default_factory=Decimal)
    #: The first and last emergency day of the computed rows.
    first_day: date | None = None
    last_day: date | None = None
    #: The input columns seen, in order (JSON records may differ from row to row).
    columns: dict[str, None] = field(default_factory=dict)
    _last_columns: object = None
    #: A whole emergency's register: its persons (each a row per month).
    persons: int = 0
    _last_person: int | None = None

    def add(self, row: RegisterRow) -> None:
        self.rows += 1
        if row.month is not None and row.line != self._last_person:
            self.persons += 1
            self._last_person = row.line
        columns = row.record.columns
        if columns != self._last_columns:
            self._last_columns = columns
            self.columns.update(dict.fromkeys(columns))
        outcome = row.outcome
        if outcome is None:
            if row.blank:
                self.blank += 1
            elif row.totals:
                self.totals_rows += 1
            else:
                self.errors += 1
            return
        self.ok += 1
        self.payable_hours += outcome.payable_hours
        self.weekly_cap += "weekly_cap" in outcome.limited_by
        self.no_history_cap += "no_history_cap" in outcome.limited_by
        self.daily_max += "daily_max" in outcome.limited_by
        if outcome.amount_eur is not None:
            self.amount_eur += outcome.amount_eur
        check = row.check
        if check is not None:
            self.checked += 1
            self.over_rows += check.verdict == "over"
            self.over_hours += check.over_hours
            self.over_eur += check.over_eur or Decimal(0)
        period = outcome.limits.fixed["period"]
        start, end = period.start, period.end
        if self.first_day is None or start < self.first_day:
            self.first_day = start
        if self.last_day is None or end > self.last_day:
            self.last_day = end


_ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16", "cp1257": "Windows-1257"}
_DELIMITER_NAMES = {";": "';'", ",": "','", "\t": "TAB"}


def detected_line(detected: Detected, lang: Lang) -> str:
    if detected.sheet is not None:
        line = text(
            lang, "s_detected_workbook", format=detected.format.upper(), sheet=detected.sheet, row=detected.header_row
        )
        return line
    delimiter = (
        "-" if detected.delimiter is None else _DELIMITER_NAMES.get(detected.delimiter, repr(detected.delimiter))
    )
    encoding = _ENCODING_NAMES.get(detected.encoding.lower().replace("_", "-"), detected.encoding)
    encoding += " + BOM" if detected.bom else ""
    line = text(
        lang,
        "s_detected",
        format=detected.format.upper(),
        delimiter=delimiter,
        decimal=detected.decimal,
        encoding=encoding,
    )
    if detected.header_row is not None and detected.header_row > 1:  # title lines above the header
        line += text(lang, "s_detected_header_line", line=detected.header_row)
    return line


def column_lines(
    columns: Sequence[str], header: HeaderMap, lang: Lang, emergency: rules.Emergency | None = None
) -> list[str]:
    """Every input column with the field it feeds, or "not used in the calculation".

    ``columns`` are the header's cells in order (``header`` indexes them); a JSON
    ``months`` list feeds m1-m3; a column named by a day holds hours claimed that day.
    """
    fed = {i: column for column, i in header.index.items()}
    lines = [text(lang, "s_columns")]
    for i, name in enumerate(columns):
        use = fed.get(i)
        if use is None and name == "months" and not {"m1", "m2", "m3"} & set(header.index):
            use = "m1, m2, m3"
        elif use is not None and (split := split_month_key(use)) is not None:  # a whole emergency's: used@2020-03
            field_name, year, month = split
            resolved = resolve_month(emergency, *split) if emergency is not None else None
            shown = month_text(resolved) if resolved is not None else f"{'' if year is None else f'{year}-'}{month:02d}"
            use = text(lang, "s_month_column", field="used" if field_name == BARE_MONTH else field_name, month=shown)
        elif use is not None and use.startswith("claimed:"):
            use = text(lang, "s_claimed_day", day=use.removeprefix("claimed:").lstrip("-"))
        lines.append(f"  {printable(name)!r} → {use if use else text(lang, 's_not_used')}")
    return lines


def _check_rows(totals: BatchTotals, lang: Lang) -> tuple[tuple[str, str], ...]:
    return (
        ("s_checked", str(totals.checked)),
        ("s_months_over" if totals.persons else "s_over", str(totals.over_rows)),
        ("s_over_hours", number(totals.over_hours, lang)),
        ("s_over_eur", money(totals.over_eur, lang)),
    )


def print_summary(
    totals: BatchTotals,
    detected: Detected,
    lang: Lang,
    *,
    weekly_given: bool,
    header: HeaderMap | None = None,
    columns: Sequence[str] = (),
    emergency: rules.Emergency | None = None,
) -> None:
    """The summary table, which column feeds what, and what was detected in the input, on stderr."""
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True, highlight=False)
    table = Table(title=text(lang, "s_title"), show_header=False, title_justify="left")
    table.add_column(justify="left")
    table.add_column(justify="right")
    counts = (
        (("s_persons", str(totals.persons)), ("s_months", str(totals.ok)), ("s_month_errors", str(totals.errors)))
        if totals.persons
        else (("s_rows", str(totals.rows)), ("s_ok", str(totals.ok)), ("s_errors", str(totals.errors)))
    )
    for key, value in (
        *counts,
        *((("s_blank", str(totals.blank)),) if totals.blank else ()),
        *((("s_totals_rows", str(totals.totals_rows)),) if totals.totals_rows else ()),
        ("s_total", number(totals.payable_hours, lang)),
        ("s_weekly", str(totals.weekly_cap)),
        ("s_daily", str(totals.daily_max)),
        *(_check_rows(totals, lang) if totals.checked else ()),
    ):
        bad = key in ("s_errors", "s_month_errors") and totals.errors
        table.add_row(text(lang, key), value, style="bold red" if bad else None)
    console.print(table)
    console.print(detected_line(detected, lang), markup=False)
    if header is not None:
        for line in column_lines(columns, header, lang, emergency):
            console.print(line, markup=False)
        if not weekly_given and "weekly" not in header.index:
            maximum = number(WEEKLY_STATE_MAXIMUM.current, lang)
            console.print(text(lang, "s_no_weekly", maximum=maximum), markup=False, style="yellow")
