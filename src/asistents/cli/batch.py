"""``asistents batch``: a whole register of recipients, nothing lost.

This module declares the command and its options; they are checked into one
:class:`~asistents.cli.batch_options.BatchOptions` and the work is in
:mod:`asistents.cli.batch_run`, both imported only when ``batch`` runs.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from asistents.cli.options import LangChoice, field_options, formats_metavar, path
from asistents.io.command_values import FieldValues
from asistents.io.formats import Format

_TO = formats_metavar("batch")
_FROM = "csv|json|ndjson|xlsx|xls|ods"
Text = Optional[str]  # noqa: UP045  (Typer needs Optional for options with no default)


@field_options(lambda field: field.run_wide, before="lang")
def batch(
    fields: FieldValues,
    file: Annotated[str, typer.Argument(metavar="FILE", parser=path)] = "-",
    output: Annotated[Text, typer.Option("--output", "-o", metavar="FILE", show_default=False)] = None,
    to: Annotated[Optional[str], typer.Option("--to", metavar=_TO, show_default=False)] = None,  # noqa: UP045
    json_flag: Annotated[bool, typer.Option("--json", metavar="")] = False,
    from_: Annotated[Optional[Format], typer.Option("--from", metavar=_FROM, show_default=False)] = None,  # noqa: UP045
    delimiter: Annotated[Text, typer.Option(metavar="CHAR", show_default=False)] = None,
    decimal: Annotated[Text, typer.Option(metavar=". or ,", show_default=False)] = None,
    encoding: Annotated[Text, typer.Option(metavar="ENCODING", show_default=False)] = None,
    sheet: Annotated[Text, typer.Option(metavar="NAME|NUMBER", show_default=False)] = None,
    column: Annotated[Optional[list[str]], typer.Option("--column", metavar="FIELD=HEADER", show_default=False)] = None,  # noqa: UP045
    columns_map: Annotated[Text, typer.Option("--columns", metavar="MAP.json", show_default=False)] = None,
    out_delimiter: Annotated[Text, typer.Option(metavar="CHAR", show_default=False)] = None,
    out_decimal: Annotated[Text, typer.Option(metavar=". or ,", show_default=False)] = None,
    bom: Annotated[Optional[bool], typer.Option("--bom/--no-bom", metavar="", show_default=False)] = None,  # noqa: UP045
    strict: Annotated[bool, typer.Option("--strict", metavar="")] = False,
    timesheets: Annotated[Text, typer.Option(metavar="DIR", show_default=False)] = None,
    timesheets_pdf: Annotated[Text, typer.Option(metavar="FILE", show_default=False)] = None,
    summary: Annotated[Text, typer.Option("--summary", metavar="FILE.json", show_default=False)] = None,
    template: Annotated[Text, typer.Option(metavar="FILE", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="")] = False,
    fail_on_over: Annotated[bool, typer.Option("--fail-on-over", metavar="")] = False,
    emergency: Annotated[Text, typer.Option("--emergency", metavar="1|2", show_default=False)] = None,
    service: Annotated[Text, typer.Option("--service", metavar="TEXT", show_default=False)] = None,
    all_pages: Annotated[bool, typer.Option("--all-pages", metavar="")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar="")] = False,
    lang: Annotated[LangChoice, typer.Option("--lang", metavar="lv|en", show_default=False)] = None,
) -> None:
    """A whole register; the help text is ``help.batch`` in the catalogues."""
    # Imported only now: calc does not pay for the readers and renderers.
    from asistents.cli.batch_options import batch_options
    from asistents.cli.batch_run import run

    options = batch_options(
        fields, file=file, output=output, to=to, json_flag=json_flag, from_=from_, delimiter=delimiter,
        decimal=decimal, encoding=encoding, sheet=sheet, column=column, columns_map=columns_map,
        out_delimiter=out_delimiter,
        out_decimal=out_decimal, bom=bom, strict=strict, timesheets=timesheets, timesheets_pdf=timesheets_pdf,
        summary=summary,
        template=template, force=force, fail_on_over=fail_on_over, quiet=quiet, lang=lang, emergency=emergency,
        service=service, all_pages=all_pages,
    )  # fmt: skip
    run(options)
