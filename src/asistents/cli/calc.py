"""``asistents calc``: one person."""

from __future__ import annotations

import typer

from asistents.cli.errors import check_pdf_options, fail, write_stdout
from asistents.cli.options import (
    COMMAND_DEFAULTS,
    COMMAND_FORMATS,
    CalcTo,
    JsonFlag,
    LangOption,
    PdfOption,
    TemplateOption,
    choose_lang,
    field_options,
    output_options,
)
from asistents.core.errors import InputError
from asistents.i18n import text
from asistents.io.command_values import FieldValues, input_from_options


@field_options(lambda field: field.calc, before="to")
def calc(
    fields: FieldValues,
    ctx: typer.Context,
    to: CalcTo = None,
    json_flag: JsonFlag = False,
    lang: LangOption = None,
    pdf: PdfOption = None,
    template: TemplateOption = None,
) -> None:
    """One person's hours; the help text is ``help.calc`` in the catalogues."""
    language = choose_lang(lang)
    more = list(ctx.args)  # --claimed 5 5 5 …: the values after the first arrive as extra arguments
    claimed = fields.get("claimed")
    if more and claimed is None:
        fail(text(language, "u_unexpected", value=more[0]))
    if isinstance(claimed, str):
        fields = {**fields, "claimed": [claimed, *more]}
    output = output_options(to, json_flag, language, COMMAND_FORMATS["calc"], COMMAND_DEFAULTS["calc"])
    assert output.format is not None  # calc has a default
    try:
        inp = input_from_options(fields)
        from asistents.core.calculate import calculate

        result = calculate(inp)
    except InputError as error:
        from asistents.render.messages import error_line

        fail(error_line(error, language))
    rates = fields.get("rates")
    check_pdf_options(pdf, template, language, (("--rates", rates if isinstance(rates, str) else None),))
    if pdf is not None:
        from asistents.cli.entry import say
        from asistents.cli.timesheets import calc_pdf

        calc_pdf(pdf, template, result, fields, language)
        say(text(language, "s_timesheet_file", path=pdf))
    format_ = output.format
    write_stdout(lambda stream: format_.render_result(result, output.lang, stream), language)
