"""The totals of a ``batch`` run, their Rich table on stderr and their figures as JSON (``--summary``).

The totals are counted as rows are written (nothing is kept per row), so the
summary costs no memory however long the register is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from asistents.core import rules
from asistents.core.calendar import month_text
from asistents.core.decimals import decimal_text, euro_text
from asistents.core.person import hours_of
from asistents.core.rules import WEEKLY_STATE_MAXIMUM
from asistents.i18n import Lang, money, number, text
from asistents.io.columns import BARE_MONTH, split_month_key
from asistents.io.source import Detected, HeaderMap
from asistents.register.months import resolve_month
from asistents.register.row import Placed, RegisterRow
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

    def add(self, rows: Sequence[RegisterRow], placed: Sequence[Placed]) -> None:
        """A block's rows, counted each, and the figures of their computed rows (``placed``: the computed blocks
        they are of) summed a computed block at a time."""
        self.rows += len(rows)
        for row in rows:
            self._count(row)
        for each in placed:  # every computed row is of one computed block
            self.ok += len(each.ns)
            self._sum(each)

    def _count(self, row: RegisterRow) -> None:
        record = row.record
        if row.month is not None and record.line != self._last_person:
            self.persons += 1
            self._last_person = record.line
        columns = record.columns
        if columns != self._last_columns:
            self._last_columns = columns
            self.columns.update(dict.fromkeys(columns))
        if row.outcome is not None:
            return
        if row.blank:
            self.blank += 1
        elif row.totals:
            self.totals_rows += 1
        else:
            self.errors += 1

    def _sum(self, placed: Placed) -> None:
        """A computed block's rows ``placed.ns`` summed: the hours over the block's ten-thousandths (a sum of
        exact decimals is exact, so it is theirs), the reasons by each distinct set of them (a block's rows
        share a few)."""
        block, ns = placed.block, placed.ns
        self.payable_hours += hours_of(int((block.split.payable[ns] * block.step[ns]).sum()))
        for reasons, count in Counter([block.limited_by[n] for n in ns]).items():
            self.weekly_cap += count * ("weekly_cap" in reasons)
            self.no_history_cap += count * ("no_history_cap" in reasons)
            self.daily_max += count * ("daily_max" in reasons)
        self.amount_eur += sum([amount for n in ns if (amount := block.amount[n]) is not None], Decimal(0))
        checks = block.checks
        for n in ns:
            if (verdict := checks.verdict[n]) is not None:
                self.checked += 1
                self.over_rows += verdict == "over"
                over = checks.over_hours[n]
                assert over is not None  # a verdict says how many hours are over
                self.over_hours += over
                self.over_eur += checks.over_eur[n] or Decimal(0)
        # A block's rows are of one period.
        start, end = block.plan.period.start, block.plan.period.end
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


#: The summary's figures by name, as ``--summary`` writes them: counts, then hours and euro.
SUMMARY_COUNTS = ("rows", "ok", "errors", "blank", "totals_rows", "persons", "weekly_cap", "daily_max", "checked",
                  "over_rows")  # fmt: skip
SUMMARY_AMOUNTS = ("payable_hours", "over_hours", "over_eur")


def summary_figures(totals: BatchTotals) -> dict[str, int | Decimal]:
    """The figures the summary shows, by name (``batch --summary``; the web page shows them in words)."""
    return {name: getattr(totals, name) for name in (*SUMMARY_COUNTS, *SUMMARY_AMOUNTS)}


def summary_json(figures: Mapping[str, int | Decimal]) -> str:
    """The figures as a JSON object, each number with its digits (euro with its cents)."""
    parts = [f'"{name}": {figures[name]}' for name in SUMMARY_COUNTS]
    parts += [f'"{name}": {decimal_text(Decimal(figures[name]))}' for name in SUMMARY_AMOUNTS if name != "over_eur"]
    parts.append(f'"over_eur": {euro_text(Decimal(figures["over_eur"]))}')
    return "{" + ", ".join(parts) + "}\n"


def summary_rows(figures: Mapping[str, int | Decimal], lang: Lang) -> list[tuple[str, str, bool]]:
    """The summary table's rows: (words, value, whether it is shown as bad), from its figures."""

    def count(name: str) -> str:
        return str(int(figures[name]))

    persons = int(figures["persons"])
    counts = (
        (("s_persons", count("persons")), ("s_months", count("ok")), ("s_month_errors", count("errors")))
        if persons
        else (("s_rows", count("rows")), ("s_ok", count("ok")), ("s_errors", count("errors")))
    )
    checks = (
        ("s_checked", count("checked")),
        ("s_months_over" if persons else "s_over", count("over_rows")),
        ("s_over_hours", number(Decimal(figures["over_hours"]), lang)),
        ("s_over_eur", money(Decimal(figures["over_eur"]), lang)),
    )
    rows = (
        *counts,
        *((("s_blank", count("blank")),) if figures["blank"] else ()),
        *((("s_totals_rows", count("totals_rows")),) if figures["totals_rows"] else ()),
        ("s_total", number(Decimal(figures["payable_hours"]), lang)),
        ("s_weekly", count("weekly_cap")),
        ("s_daily", count("daily_max")),
        *(checks if figures["checked"] else ()),
    )
    return [(text(lang, key), value, key in ("s_errors", "s_month_errors") and bool(figures["errors"]))
            for key, value in rows]  # fmt: skip


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
    for words, value, bad in summary_rows(summary_figures(totals), lang):
        table.add_row(words, value, style="bold red" if bad else None)
    console.print(table)
    console.print(detected_line(detected, lang), markup=False)
    if header is not None:
        for line in column_lines(columns, header, lang, emergency):
            console.print(line, markup=False)
        if not weekly_given and "weekly" not in header.index:
            maximum = number(WEEKLY_STATE_MAXIMUM.current, lang)
            console.print(text(lang, "s_no_weekly", maximum=maximum), markup=False, style="yellow")
