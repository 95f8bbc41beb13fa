"""Options shared by the commands: the output choice and the figures of ``calc``."""

from __future__ import annotations

from enum import Enum

from asistents.cli.errors import fail
from asistents.core.models import CalcInput
from asistents.i18n import Lang, detect_lang
from asistents.io.numbers import parse_date, parse_decimal


class Output(str, Enum):
    table = "table"
    json = "json"


class LangChoice(str, Enum):
    lv = "lv"
    en = "en"


def choose_lang(choice: LangChoice | None) -> Lang:
    """``--lang`` when given, else the environment's language."""
    return detect_lang() if choice is None else choice.value  # type: ignore[return-value]


def choose_output(to: Output | None, json_flag: bool) -> Output:
    """``--json`` is ``--to json``; asking for two different outputs is a usage error."""
    if json_flag and to not in (None, Output.json):
        fail(f"--json and --to {to.value if to else ''} ask for different outputs; give one")
    if json_flag:
        return Output.json
    return to or Output.table


def parse_input(
    *,
    avg: str | None,
    months: tuple[str, str, str] | None,
    used: str,
    start: str,
    end: str,
    weekly: str | None,
    used_week_before: str | None,
    used_week_after: str | None,
    daily_max: str,
    step: str,
    exclude_weekends: bool,
    resumed: bool,
    no_history: bool,
    rate: str | None,
) -> CalcInput:
    """Turn the command-line texts into a :class:`CalcInput` (decimal point only)."""

    def hours(field: str, value: str | None) -> object:
        return None if value is None else parse_decimal(field, value)

    month_values = None
    if months is not None:
        month_values = tuple(parse_decimal(f"m{i}", m) for i, m in enumerate(months, start=1))
    return CalcInput(
        average=hours("avg", avg),
        months=month_values,
        used=parse_decimal("used", used),
        start=parse_date("start", start),
        end=parse_date("end", end),
        weekly=hours("weekly", weekly),
        used_week_before=hours("used_week_before", used_week_before),
        used_week_after=hours("used_week_after", used_week_after),
        daily_max=parse_decimal("daily_max", daily_max),
        step=parse_decimal("step", step),
        exclude_weekends=exclude_weekends,
        resumed=resumed,
        no_history=no_history,
        rate=hours("rate", rate),
    )
