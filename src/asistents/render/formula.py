"""Keeping spreadsheet programs from running text cells as formulas.

A recipient's name or id that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return, which some programs skip before such a sign) would be run as
a formula by Excel (OWASP "CSV injection"). Such cells get a leading apostrophe,
which Excel shows as text and does not display.
"""

from __future__ import annotations

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_TRIGGERS) else cell
