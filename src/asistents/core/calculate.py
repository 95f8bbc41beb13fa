"""The calculation: one person's figures in, one :class:`CalcResult` out.

The rule (point 11.1 of Cabinet Regulation No. 942, as the Ministry of Welfare
explained it for March 2020 and in its guidance of 12.06.2020 for June 2020):
measure-7 hours for the emergency days of a month = max(0, average monthly hours
used in the three previous months - hours used in the month on its other days),
then limited by the weekly amount and a daily limit, and split by day. One person
is a block of one row (:mod:`asistents.core.block`): the same formulas as a register.
"""

from __future__ import annotations

from asistents.core.block import compute_block
from asistents.core.errors import InputError
from asistents.core.models import CalcInput, CalcResult


def calculate(inp: CalcInput) -> CalcResult:
    """Compute the payable measure-7 hours for ``inp`` and split them by day.

    Raises :class:`~asistents.core.errors.InputError` when a figure is unusable.
    """
    (found,) = compute_block([inp])
    if isinstance(found, InputError):
        raise found
    return found.result()
