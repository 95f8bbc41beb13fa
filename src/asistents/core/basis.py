"""Which rule a person's month falls under: decided here and nowhere else."""

from __future__ import annotations

from typing import Literal

from asistents.core.models import CalcInput

Basis = Literal["average", "no_history", "resumed"]


def history_basis(inp: CalcInput) -> Basis:
    """``resumed``, ``no_history`` or ``average``.

    Guidance of 12.06.2020, point 1: if the person's activities resumed for the
    whole month, the month is counted the normal way (no emergency hours).
    Regulation 942, point 11.1: a person with no use in the three previous months
    gets at most 10 h a week of measure 7; everyone else the average rule.
    """
    if inp.resumed:
        return "resumed"
    if inp.no_history:
        return "no_history"
    return "average"
