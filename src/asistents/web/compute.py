"""One person's month and whole emergency for the page and the API: the commands' own functions, in process.

The figures are read by :mod:`asistents.io.command_values` (as the command line reads them), computed by the
core and written by the renderers ``calc --json`` and ``emergency --json`` use, so the API's answer is the
command's output byte for byte. A wrong figure is the command's own one-line message (:class:`Refused`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from asistents.core.chain import ChainResult, calculate_chain
from asistents.core.errors import InputError
from asistents.core.models import CalcResult
from asistents.i18n import Lang
from asistents.io.command_values import CHAIN_FLAGS, FieldValues, chain_input, input_from_options
from asistents.render.messages import FLAG_NAMES, error_line


class Refused(Exception):
    """A figure the rules cannot take: ``line`` is the command's message for it, in the request's language."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


def calc_result(values: FieldValues, lang: Lang) -> CalcResult:
    """``calc``'s result for the figures given (raises :class:`Refused`)."""
    from asistents.core.calculate import calculate

    try:
        return calculate(input_from_options(values))
    except InputError as error:
        raise Refused(error_line(error, lang)) from None


@dataclass(frozen=True)
class EmergencyFigures:
    """``emergency``'s own inputs as typed: which emergency, the three months before, ``2020-03=18``, months."""

    number: int
    before: Sequence[str]
    used: Sequence[str]
    resumed: Sequence[str]


def emergency_number(value: str, lang: Lang) -> int:
    """``1`` or ``2`` (the command's ``--emergency``); another value is its message."""
    if value not in ("1", "2"):
        raise Refused(error_line(InputError("--emergency", value, "not_an_emergency"), lang))
    return int(value)


def chain_result(figures: EmergencyFigures, values: FieldValues, lang: Lang) -> ChainResult:
    """``emergency``'s result (raises :class:`Refused`)."""
    try:
        chain = chain_input(figures.number, figures.before, figures.used, figures.resumed, values)
        return calculate_chain(chain)
    except InputError as error:
        raise Refused(error_line(error, lang, {**FLAG_NAMES, **CHAIN_FLAGS})) from None
