"""The ``asistents`` command: joins the commands and handles ``--version``."""

from __future__ import annotations

from typing import Annotated

import typer

from asistents.cli.batch import batch
from asistents.cli.calc import calc
from asistents.cli.columns import columns
from asistents.cli.emergency import emergency
from asistents.cli.errors import OneLineErrors
from asistents.cli.schema import schema
from asistents.cli.serve import serve

app = typer.Typer(
    cls=OneLineErrors,
    name="asistents",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from asistents.about import program_version

        typer.echo(program_version())
        raise typer.Exit()


@app.callback()
def main(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, metavar=""),
    ] = False,
) -> None:
    """Assistant-service hours payable for the days of a declared emergency.

    Measure 7 (social inclusion), point 11.1 of Cabinet Regulation No. 942.
    """


app.command(context_settings={"allow_extra_args": True})(calc)
app.command()(batch)
app.command()(emergency)
app.command()(columns)
app.command()(schema)
app.command()(serve)


def run() -> None:
    """Kept for ``python -m asistents`` and old scripts: the entry point is :func:`asistents.cli.entry.run`."""
    from asistents.cli.entry import run as entry

    entry()
