"""``asistents emergency``: one person's whole emergency, month by month (:mod:`asistents.core.chain`)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

from asistents.cli.errors import check_pdf_options, fail, write_stdout
from asistents.cli.options import (
    COMMAND_DEFAULTS,
    COMMAND_FORMATS,
    EmergencyTo,
    JsonFlag,
    LangOption,
    PdfOption,
    TemplateOption,
    choose_lang,
    emergency_number,
    field_options,
    output_options,
)
from asistents.core.errors import InputError
from asistents.i18n import Lang, text
from asistents.io.command_values import CHAIN_FIELDS, CHAIN_FLAGS, FieldValues

if TYPE_CHECKING:
    from asistents.core.chain import ChainResult

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
    from asistents.core.chain import calculate_chain
    from asistents.io.command_values import chain_input

    if before is not None and any(value.startswith("--") for value in before):  # --before 40 --used …
        given = " ".join(itertools.takewhile(lambda value: not value.startswith("--"), before))
        fail(text(language, "u_before_three", given=given or "-"))
    try:
        result = calculate_chain(chain_input(which, before or (), used or (), resumed or (), fields))
    except InputError as error:
        from asistents.render.messages import FLAG_NAMES, error_line

        fail(error_line(error, language, {**FLAG_NAMES, **CHAIN_FLAGS}))
    if pdf is not None:
        from asistents.cli.entry import say
        from asistents.cli.timesheets import emergency_pdf

        emergency_pdf(pdf, template, [m.result for m in result.months], fields, language)
        say(text(language, "s_timesheet_file", path=pdf))
    _write(result, which, output.format.name, output.lang)


def _write(result: ChainResult, number: int, format_name: str, lang: Lang) -> None:
    def render(stream: TextIO) -> None:
        if format_name == "json":
            from asistents.render.chain_json import chain_json

            stream.write(chain_json(result, number))
        else:
            from rich.console import Console

            from asistents.render.chain_report import print_chain_report

            print_chain_report(result, number, lang, Console(file=stream, emoji=False))

    write_stdout(render, lang)
