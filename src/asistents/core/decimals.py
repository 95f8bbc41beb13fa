"""How an exact decimal is written: the one place that turns a ``Decimal`` into text.

Hours and euro are ``Decimal`` everywhere (never binary floats, as in accounting
software). Every human and machine text of a number goes through :func:`decimal_text`,
so ``40`` is never ``4E+1`` or ``40.0`` and a decimal comma is one argument away.
"""

from __future__ import annotations

from decimal import Decimal


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (``40``, not ``4E+1``)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def decimal_text(value: Decimal, separator: str = ".") -> str:
    """``value`` as digits with ``separator`` before the decimals (``5.5`` or ``5,5``)."""
    shown = format(plain(value), "f")
    return shown if separator == "." else shown.replace(".", separator)
