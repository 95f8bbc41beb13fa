"""``asistents calc``: one person."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from asistents.cli.errors import fail
from asistents.cli.options import LangChoice, Output, choose_lang, choose_output, parse_input
from asistents.core.errors import InputError

Hours = Optional[str]  # noqa: UP045  (Typer needs Optional for options with no default)


def calc(
    avg: Annotated[Hours, typer.Option(show_default=False)] = None,
    months: Annotated[
        Optional[tuple[str, str, str]],  # noqa: UP045
        typer.Option(show_default=False),
    ] = None,
    used: Annotated[str, typer.Option()] = "0",
    start: Annotated[str, typer.Option()] = "2020-06-01",
    end: Annotated[str, typer.Option()] = "2020-06-09",
    weekly: Annotated[Hours, typer.Option(show_default=False)] = None,
    used_week_before: Annotated[
        Hours,
        typer.Option(show_default=False),
    ] = None,
    used_week_after: Annotated[
        Hours,
        typer.Option(show_default=False),
    ] = None,
    daily_max: Annotated[str, typer.Option()] = "8",
    step: Annotated[str, typer.Option()] = "0.5",
    exclude_weekends: Annotated[bool, typer.Option("--exclude-weekends")] = False,
    resumed: Annotated[bool, typer.Option("--resumed")] = False,
    no_history: Annotated[bool, typer.Option("--no-history")] = False,
    rate: Annotated[Hours, typer.Option(show_default=False)] = None,
    to: Annotated[Output | None, typer.Option("--to", show_default=False)] = None,
    json_flag: Annotated[bool, typer.Option("--json")] = False,
    lang: Annotated[Optional[LangChoice], typer.Option("--lang", show_default=False)] = None,  # noqa: UP045
) -> None:
    """One person's hours; the help text is ``help.calc`` in the catalogues."""
    language = choose_lang(lang)
    output = choose_output(to, json_flag)
    try:
        inp = parse_input(
            avg=avg,
            months=months,
            used=used,
            start=start,
            end=end,
            weekly=weekly,
            used_week_before=used_week_before,
            used_week_after=used_week_after,
            daily_max=daily_max,
            step=step,
            exclude_weekends=exclude_weekends,
            resumed=resumed,
            no_history=no_history,
            rate=rate,
        )
        from asistents.core.calculate import calculate

        result = calculate(inp)
    except InputError as error:
        from asistents.render.messages import error_line

        fail(error_line(error, language))
    if output == Output.json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return
    from rich.console import Console

    from asistents.render.report import print_report

    print_report(result, language, Console())
