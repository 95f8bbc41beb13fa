"""The totals of a ``batch`` run and their Rich table on stderr.

The totals are counted as rows are written (nothing is kept per row), so the
summary costs no memory however long the register is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from asistents.i18n import Lang, number, text
from asistents.register.row import Detected, RegisterRow


@dataclass
class BatchTotals:
    rows: int = 0
    ok: int = 0
    errors: int = 0
    payable_hours: Decimal = field(default_factory=Decimal)
    weekly_cap: int = 0
    daily_max: int = 0

    def add(self, row: RegisterRow) -> None:
        self.rows += 1
        result = row.result
        if result is None:
            self.errors += 1
            return
        self.ok += 1
        self.payable_hours += result.payable_hours
        self.weekly_cap += "weekly_cap" in result.limited_by
        self.daily_max += "daily_max" in result.limited_by


_ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16", "cp1257": "Windows-1257"}
_DELIMITER_NAMES = {";": "';'", ",": "','", "\t": "TAB"}


def detected_line(detected: Detected, lang: Lang) -> str:
    delimiter = (
        "-" if detected.delimiter is None else _DELIMITER_NAMES.get(detected.delimiter, repr(detected.delimiter))
    )
    encoding = _ENCODING_NAMES.get(detected.encoding.lower().replace("_", "-"), detected.encoding)
    encoding += " + BOM" if detected.bom else ""
    return text(
        lang,
        "s_detected",
        format=detected.format.upper(),
        delimiter=delimiter,
        decimal=detected.decimal,
        encoding=encoding,
    )


def print_summary(totals: BatchTotals, detected: Detected, lang: Lang) -> None:
    """The summary table and what was detected in the input, on stderr."""
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True, highlight=False)
    table = Table(title=text(lang, "s_title"), show_header=False, title_justify="left")
    table.add_column(justify="left")
    table.add_column(justify="right")
    for key, value in (
        ("s_rows", str(totals.rows)),
        ("s_ok", str(totals.ok)),
        ("s_errors", str(totals.errors)),
        ("s_total", number(totals.payable_hours, lang)),
        ("s_weekly", str(totals.weekly_cap)),
        ("s_daily", str(totals.daily_max)),
    ):
        table.add_row(text(lang, key), value, style="bold red" if key == "s_errors" and totals.errors else None)
    console.print(table)
    console.print(detected_line(detected, lang), markup=False)
