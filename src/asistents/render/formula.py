"""Keeping spreadsheet programs and terminals from running text as commands.

A recipient's name or id that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return, which some programs skip before such a sign) would be run as
a formula by Excel (OWASP "CSV injection"). Such cells get a leading apostrophe,
which Excel shows as text and does not display.
"""

from __future__ import annotations

#: First characters that make a spreadsheet run a cell.
TRIGGERS = frozenset("=+-@\t\r")


def neutralise(cell: str) -> str:
    return "'" + cell if cell[:1] in TRIGGERS else cell


#: Characters that move or restyle a terminal, or reorder text (ANSI/OSC escapes start
#: with ESC; C1 controls; bidi overrides and isolates): shown escaped, never run.
_UNSAFE = {
    **{c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)},
    **{c: f"\\x{c:02x}" for c in range(0x80, 0xA0)},
    **{c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}


def escape_controls(text: str) -> str:
    """``text`` with terminal controls and bidi overrides written as escapes (``\\x1b``).

    Used when the output is a terminal: a name holding an escape sequence must not
    change the window's title or colours. Tabs and line breaks are kept.
    """
    return text.translate(_UNSAFE)


#: In JSON: C1 controls and bidi overrides as \\u escapes (JSON itself escapes C0).
JSON_UNSAFE = {
    **{c: f"\\u{c:04x}" for c in range(0x80, 0xA0)},
    **{c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
