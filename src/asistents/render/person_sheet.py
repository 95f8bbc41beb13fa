"""A whole emergency's workbook: the sheet with one row per person (README "A whole emergency over a register").

The month rows (sheet 1) are the figures; this sheet adds them up per person, as an
auditor reads them: the emergency's payable hours, what was paid (hours, euro), what
was over (hours, euro), which months were over and which could not be computed. A
person's month rows arrive one after another, so a person is written when the next
one starts: nothing is kept but the person being added up. Totals are ``SUBTOTAL``
formulas with their values cached, as on sheet 1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from asistents.core.calendar import month_text
from asistents.i18n import Lang, text
from asistents.register.row import RegisterRow
from asistents.render.sheet_print import name_columns, print_setup
from asistents.render.sheet_values import write_value

#: The summed columns after the person's own: (catalogue key, euro?).
_FIGURES = (
    ("x_p_payable", False),
    ("x_p_paid_hours", False),
    ("x_p_paid_eur", True),
    ("x_p_over_hours", False),
    ("x_p_over_eur", True),
)


@dataclass
class _Person:
    line: int
    cells: list[object]
    figures: list[Decimal] = field(default_factory=lambda: [Decimal(0)] * len(_FIGURES))
    given: list[bool] = field(default_factory=lambda: [False] * len(_FIGURES))
    over: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def add(self, row: RegisterRow) -> None:
        outcome = row.outcome
        if outcome is None or row.month is None:
            self.failed.append(month_text(row.month) if row.month is not None else "")
            return
        check = outcome.check
        found = (
            outcome.payable_hours,
            check.paid_hours if check is not None else None,
            check.paid_eur if check is not None else None,
            check.over_hours if check is not None else None,
            check.over_eur if check is not None else None,
        )
        for i, value in enumerate(found):
            if value is not None:
                self.figures[i] += value
                self.given[i] = True
        if check is not None and check.verdict == "over":
            self.over.append(month_text(row.month))


class PersonSheet:
    """Sheet "Personas" / "Persons": a person's emergency in one row, under the person's own columns."""

    def __init__(
        self, book: Any, formats: dict[str, Any], lang: Lang, input_columns: tuple[str, ...], source: str = ""
    ) -> None:
        self._sheet = book.add_worksheet(text(lang, "x_sheet_persons"))
        print_setup(self._sheet, lang, source, name_columns(input_columns))
        self._fmt = formats
        self._lang = lang
        self._width = len(input_columns)
        header = [*input_columns, *(text(lang, key) for key, _ in _FIGURES), text(lang, "x_p_months_over"),
                  text(lang, "x_p_months_failed")]  # fmt: skip
        for col, title in enumerate(header):
            self._sheet.set_column(col, col, min(max(len(title) + 2, 10), 45))
            self._sheet.write_string(0, col, title, formats["header"])
        self._sheet.freeze_panes(1, 0)
        self._rows = 0
        self._person: _Person | None = None
        self._sums = [Decimal(0)] * len(_FIGURES)

    def add(self, row: RegisterRow, inputs: Callable[[], Sequence[object]]) -> None:
        """Add a month row; ``inputs`` gives its person's cells (asked once per person)."""
        if row.month is None:  # a blank row or one that is no person: not a person's month
            return
        if self._person is None or self._person.line != row.line:
            self._flush()
            self._person = _Person(row.line, list(inputs()[: self._width]))
        self._person.add(row)

    def _flush(self) -> None:
        person = self._person
        if person is None:
            return
        self._rows += 1
        r, sheet, fmt = self._rows, self._sheet, self._fmt
        for col, value in enumerate(person.cells):  # checked for length on the month rows, written first
            if (shown := write_value(sheet, r, col, value, fmt)) is not None and shown != "":
                sheet.write_string(r, col, shown)
        for i, ((_, euro), value, given) in enumerate(zip(_FIGURES, person.figures, person.given, strict=True)):
            if given:
                self._sums[i] += value
                sheet.write_number(r, self._width + i, float(value), fmt["euro" if euro else "hours"])
        after = self._width + len(_FIGURES)
        for col, months in ((after, person.over), (after + 1, person.failed)):
            if months:
                sheet.write_string(r, col, ", ".join(months), fmt["error"] if col > after else None)

    def close(self) -> None:
        self._flush()
        self._person = None
        total_row = self._rows + 1
        sheet, fmt = self._sheet, self._fmt
        sheet.write_string(total_row, 0, text(self._lang, "x_total"), fmt["total"])
        for i, (_, euro) in enumerate(_FIGURES):
            col = self._width + i
            letter = xl_col_to_name(col)
            formula = f"=SUBTOTAL(109,{letter}2:{letter}{self._rows + 1})"
            sheet.write_formula(total_row, col, formula, fmt["total_euro" if euro else "total_hours"],
                                float(self._sums[i]))  # fmt: skip
        sheet.autofilter(0, 0, max(self._rows, 1), self._width + len(_FIGURES) + 1)
