"""How a workbook's sheets print (README "Excel"): what an office does by hand before printing, done once.

Landscape A4, one page wide (as many pages down as the rows need), the header row and the
columns that name the person repeated on every page, and a footer with the title, the input
file and the page numbers. XlsxWriter's page setup; LibreOffice and Excel both honour it.
"""

from __future__ import annotations

from typing import Any

from asistents.i18n import Lang, text

#: The input columns repeated on every printed page, when they lead the sheet: who the row is about.
_NAME_COLUMNS = frozenset({"id", "nr", "nr_p_k", "personal_code", "personas_kods", "name", "vards", "vards_uzvards"})


def name_columns(columns: tuple[str, ...]) -> int:
    """How many of the first input columns name the person (Nr., personal code, name): printed on every page."""
    from asistents.io.columns import known_column, normalise

    count = 0
    for column in columns[:4]:
        if known_column(column) in ("id", "personal_code", "name") or normalise(column) in _NAME_COLUMNS:
            count += 1
        else:
            break
    return count


def footer(lang: Lang, source: str) -> str:
    """The file's title on the left, the page and the pages on the right (Excel's codes; ``&&`` is an ampersand)."""
    title = text(lang, "x_title") + (f" – {source}" if source else "")
    return f"&L{title.replace('&', '&&')[:200]}&R" + text(lang, "x_page")


def print_setup(sheet: Any, lang: Lang, source: str, name_columns: int) -> None:
    """A sheet that prints: landscape A4, one page wide, the header row (and the columns naming the
    person) on every page, a footer with the title and the page numbers."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    if name_columns:
        sheet.repeat_columns(0, name_columns - 1)
    sheet.set_footer(footer(lang, source))
