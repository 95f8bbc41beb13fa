"""``asistents emergency``: one person's whole emergency, month by month (:mod:`asistents.core.chain`)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

from asistents.cli.errors import check_pdf_options, fail, write_stdout
from asistents.cli.options import (
    COMMAND_DEFAULTS,
    COMMAND_FORMATS,
    EmergencyTo,
    FieldValues,
    JsonFlag,
    LangOption,
    PdfOption,
    TemplateOption,
    choose_lang,
    emergency_number,
    field_options,
    input_from_options,
    output_options,
)
from asistents.core.errors import InputError
from asistents.core.fields import BY_NAME
from asistents.i18n import Lang, text

if TYPE_CHECKING:
    from asistents.core.chain import ChainResult

#: The registry's fields this command takes: the limits every month shares, and the timesheet's names.
CHAIN_FIELDS = frozenset(
    {
        "weekly",
        "used_week_before",
        "used_week_after",
        "daily_max",
        "step",
        "exclude_weekends",
        "rate",
        "rates",
        "under_18",
    }
    | {"id", "personal_code", "name", "assistant", "service"}
)
#: How the command's own inputs are called in its messages.
FLAGS = {"used": "--used", "resumed": "--resumed", "month": "--used/--resumed", "before": "--before"}

_Months = Optional[list[str]]  # noqa: UP045


@field_options(lambda field: field.name in CHAIN_FIELDS, before="to")
def emergency(
    fields: FieldValues,
    number: Annotated[Optional[str], typer.Option("--emergency", metavar="1|2", show_default=False)] = None,  # noqa: UP045
    before: Annotated[
        tuple[str, str, str] | None, typer.Option("--before", metavar="A B C", show_default=False)
    ] = None,
    used: Annotated[_Months, typer.Option("--used", metavar="MONTH=H", show_default=False)] = None,
    resumed: Annotated[_Months, typer.Option("--resumed", metavar="MONTH", show_default=False)] = None,
    to: EmergencyTo = None,
    json_flag: JsonFlag = False,
    lang: LangOption = None,
    pdf: PdfOption = None,
    template: TemplateOption = None,
) -> None:
    """One person's whole emergency; the help text is ``help.emergency`` in the catalogues."""
    language = choose_lang(lang)
    output = output_options(to, json_flag, language, COMMAND_FORMATS["emergency"], COMMAND_DEFAULTS["emergency"])
    assert output.format is not None  # the command has a default
    rates = fields.get("rates")
    check_pdf_options(pdf, template, language, (("--rates", rates if isinstance(rates, str) else None),))
    which = emergency_number(number, language) or 1
    from asistents.core.chain import ChainInput, calculate_chain, emergency_by_number

    emergency_declared = emergency_by_number(which)
    if before is not None and any(value.startswith("--") for value in before):  # --before 40 --used …
        given = " ".join(itertools.takewhile(lambda value: not value.startswith("--"), before))
        fail(text(language, "u_before_three", given=given or "-"))
    try:
        if before is None:
            raise InputError("before", "", "before_required")
        chain = ChainInput(
            emergency=emergency_declared,
            before=_before(before),
            used=_month_hours(used or ()),
            resumed=frozenset(_months("resumed", resumed or ())),
            # The person's names are for the timesheets; every other field is a limit of every month.
            limits=input_from_options({k: v for k, v in fields.items() if BY_NAME[k].kind != "text"}, complete=False),
        )
        result = calculate_chain(chain)
    except InputError as error:
        from asistents.render.messages import FLAG_NAMES, error_line

        fail(error_line(error, language, {**FLAG_NAMES, **FLAGS}))
    if pdf is not None:
        from asistents.cli.entry import say
        from asistents.cli.timesheets import emergency_pdf

        emergency_pdf(pdf, template, [m.result for m in result.months], fields, language)
        say(text(language, "s_timesheet_file", path=pdf))
    _write(result, which, output.format.name, output.lang)


def _before(values: Sequence[str]) -> tuple[Decimal, Decimal, Decimal]:
    from asistents.core.validate import check_value
    from asistents.io.numbers import parse_decimal

    parsed = [parse_decimal("before", value) for value in values]
    for value in parsed:
        check_value("before", value)
    return parsed[0], parsed[1], parsed[2]


def _months(flag: str, values: Sequence[str]) -> list[date]:
    from asistents.io.numbers import parse_month

    months: list[date] = []
    for value in values:
        month = parse_month(flag, value)
        if month in months:
            raise InputError(flag, value, "month_given_twice")
        months.append(month)
    return months


def _month_hours(values: Sequence[str]) -> dict[date, Decimal]:
    """``--used 2020-03=18``: hours by month, each figure checked as the hours used are."""
    from asistents.core.validate import check_value
    from asistents.io.numbers import parse_decimal

    found: dict[date, Decimal] = {}
    for value in values:
        month_text, sep, hours_text = value.partition("=")
        if not sep:
            raise InputError("used", value, "not_month_hours")
        try:
            (month,) = _months("used", [month_text])
        except InputError as error:  # name the whole value as typed
            raise InputError("used", value, error.code) from None
        if month in found:
            raise InputError("used", value, "month_given_twice")
        hours = parse_decimal("used", hours_text)
        check_value("used", hours)
        found[month] = hours
    return found


def _write(result: ChainResult, number: int, format_name: str, lang: Lang) -> None:
    def render(stream: TextIO) -> None:
        if format_name == "json":
            from asistents.render.chain_json import chain_json

            stream.write(chain_json(result, number) + "\n")
        else:
            from rich.console import Console

            from asistents.render.chain_report import print_chain_report

            print_chain_report(result, number, lang, Console(file=stream, emoji=False))

    write_stdout(render, lang)
