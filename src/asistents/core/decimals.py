"""How an exact decimal is written: the one place that turns a ``Decimal`` into text.

Hours and euro are ``Decimal`` everywhere (never binary floats, as in accounting
software). Every human and machine text of a number goes through :func:`decimal_text`,
so ``40`` is never ``4E+1`` or ``40.0`` and a decimal comma is one argument away.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

#: A non-negative number with ``.`` or ``,`` before the decimals: the one definition
#: that parsing, the dialect sniffer and the formula guard share.
NUMBER = {
    ".": re.compile(r"[0-9]+(?:\.[0-9]+)?"),
    ",": re.compile(r"[0-9]+(?:,[0-9]+)?"),
}


def looks_like_number(text: str) -> bool:
    """``5``, ``-5``, ``12,5``: text that a spreadsheet reads as a number, not a formula."""
    unsigned = text[1:] if text.startswith("-") else text
    return NUMBER["."].fullmatch(unsigned) is not None or NUMBER[","].fullmatch(unsigned) is not None


def decimal_places(value: Decimal) -> int:
    """How many decimals a finite ``value`` is written with, its trailing zeros counted (``1.50``: 2; ``1E+1``:
    0): the exponent, read from the text unless that is in exponent form (a checked figure of hours never is).
    The text is made in C; ``as_tuple`` makes a named tuple in Python, a check's main cost, and every figure
    of a register is checked."""
    text = str(value)
    if "E" in text:
        return max(0, -int(value.as_tuple().exponent))
    return len(text.partition(".")[2])


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (``40``, not ``4E+1``): a whole number (no
    remainder by 1) with no decimals, any other without the zeros after its last digit."""
    if value % 1:
        return value.normalize()
    return value.quantize(_ONE)


_ONE = Decimal(1)

#: No hours, no euro: one value (a decimal is immutable) rather than one made for each use in a row's path.
ZERO = Decimal(0)


def decimal_text(value: Decimal, separator: str = ".") -> str:
    """``value`` as digits with ``separator`` before the decimals (``5.5`` or ``5,5``): :func:`plain`'s text
    (without trailing zeros, never an exponent: ``format`` with ``f`` writes ``8E+1`` as ``80``), made in C:
    ``str`` of the normalized decimal where that has no exponent (a third of ``format``'s time, which parses
    its spec each call), else ``format``."""
    normal = value.normalize()
    shown = str(normal)
    if "E" in shown:
        shown = format(normal, "f")
    return shown if separator == "." else shown.replace(".", separator)


CENT = Decimal("0.01")


def euro(hours: Decimal, rate: Decimal) -> Decimal:
    """hours x rate, rounded half up to cents (README, "Amount")."""
    return (hours * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def euro_text(value: Decimal, separator: str = ".") -> str:
    """Euro as people read them: always with cents (``131.20`` / ``131,20``)."""
    shown = format(value.quantize(CENT), "f")
    return shown if separator == "." else shown.replace(".", separator)
