"""Writes examples/recipients.xlsx, the workbook the tests and the README use.

A register as an office keeps it in Excel: a merged title row and a blank row above
the header, units in the headers, typed cells (whole numbers, decimals, real dates,
TRUE/FALSE), a name that looks like a formula, a blank ``used``, a totals row with
live SUM formulas. Run: python examples/make_recipients_xlsx.py
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import xlsxwriter

HEADER = ["Nr.p.k.", "Vārds, uzvārds", "Personas kods", "Vidēji (h)", "Izmantotas (h)", "Piešķirtas nedēļā (h)",
          "Sākums", "Atsākts"]  # fmt: skip
ROWS = [
    (1.0, "Pēteris Ozols", "000000-00001", 80.0, 48.0, None, datetime(2020, 6, 1), False),
    (2.0, "Līga Bērziņa", "000000-00002", 130.55, 18.0, 35.0, datetime(2020, 6, 1), False),
    (3.0, '=HYPERLINK("http://piemers.lv";"Māra Vītola")', "000000-00003", 60.0, 12.0, 20.0, None, False),
    (4.0, "Marta Vītola", "000000-00004", 110.0, None, 30.0, None, False),
    (5.0, "Gunārs Āboliņš", "000000-00005", 110.0, 30.0, 40.0, None, True),
    (6.0, "Anna Liepiņa", "000000-00006", 96.5, 20.5, 40.0, datetime(2020, 3, 12), False),
]


def main() -> None:
    path = Path(__file__).with_name("recipients.xlsx")
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    book.set_properties({"created": datetime(2020, 6, 12)})
    sheet = book.add_worksheet("Saraksts")
    bold = book.add_format({"bold": True})
    dates = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.merge_range(0, 0, 0, len(HEADER) - 1, "Asistenta pakalpojums, 2020. gada jūnijs", bold)
    sheet.write_row(2, 0, HEADER, bold)
    for r, row in enumerate(ROWS, start=3):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, dates)
            elif isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
    total = 3 + len(ROWS)
    sheet.write_string(total, 0, "Kopā")
    for c, letter in ((3, "D"), (4, "E")):
        sheet.write_formula(total, c, f"=SUM({letter}4:{letter}{total})", None, sum(r[c] or 0 for r in ROWS))
    book.close()


if __name__ == "__main__":
    main()
