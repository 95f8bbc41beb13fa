"""``asistents calc``: one person."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from asistents.cli.errors import fail
from asistents.cli.options import Output, choose_output, parse_input
from asistents.core.errors import InputError

Hours = Optional[str]  # noqa: UP045  (Typer needs Optional for options with no default)


def calc(
    avg: Annotated[
        Hours, typer.Option(help="Average monthly hours used in the 3 previous months.", show_default=False)
    ] = None,
    months: Annotated[
        Optional[tuple[str, str, str]],  # noqa: UP045
        typer.Option(help="The 3 previous months' used hours (average = sum / 3).", show_default=False),
    ] = None,
    used: Annotated[str, typer.Option(help="Hours used in the same month outside the emergency days.")] = "0",
    start: Annotated[str, typer.Option(help="First emergency day (YYYY-MM-DD).")] = "2020-06-01",
    end: Annotated[str, typer.Option(help="Last emergency day, same month (YYYY-MM-DD).")] = "2020-06-09",
    weekly: Annotated[
        Hours, typer.Option(help="Granted hours a week (the weekly cap). No cap when omitted.", show_default=False)
    ] = None,
    used_week_before: Annotated[
        Hours,
        typer.Option(help="Hours used in the first emergency day's week before it. [default: 0]", show_default=False),
    ] = None,
    used_week_after: Annotated[
        Hours,
        typer.Option(help="Hours used in the last emergency day's week after it. [default: 0]", show_default=False),
    ] = None,
    daily_max: Annotated[str, typer.Option(help="Most hours on one day (proportionality).")] = "8",
    step: Annotated[str, typer.Option(help="Hours are multiples of this; the total is rounded down to it.")] = "0.5",
    exclude_weekends: Annotated[
        bool, typer.Option("--exclude-weekends", help="Leave Saturdays and Sundays out of the split.")
    ] = False,
    resumed: Annotated[
        bool, typer.Option("--resumed", help="Activities resumed for the whole month: no emergency hours.")
    ] = False,
    no_history: Annotated[
        bool, typer.Option("--no-history", help="No use in the 3 previous months: at most 10 h a week of measure 7.")
    ] = False,
    rate: Annotated[Hours, typer.Option(help="Hourly rate in EUR; adds the amount.", show_default=False)] = None,
    to: Annotated[
        Output | None, typer.Option("--to", help="Output: table (default) or json.", show_default=False)
    ] = None,
    json_flag: Annotated[bool, typer.Option("--json", help="Same as --to json.")] = False,
) -> None:
    """Compute one person's measure-7 hours for the emergency days and split them by day.

    Example (the Ministry's June 2020 case of Līga): average 130 h, 18 h used on
    10-30 June, 35 h a week granted:

        asistents calc --avg 130 --used 18 --weekly 35
    """
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

        fail(error_line(error, "en"))
    if output == Output.json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return
    from rich.console import Console

    from asistents.render.report import print_report

    print_report(result, "en", Console())
