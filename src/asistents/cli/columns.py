"""``asistents columns FILE``: how each column of a register is read, before anything is computed.

The habit of tools that import tables (a first look at what was read): each column with the
field, month and unit it feeds, or why it is not read, or the problem that stops ``batch``
(README "How headers are read"). ``--save MAP.json`` keeps the map for ``batch --columns``.
The work is in :mod:`asistents.cli.columns_run`, imported only when the command runs.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from asistents.cli.options import LangChoice, path
from asistents.io.formats import Format

Text = Optional[str]  # noqa: UP045  (Typer needs Optional for options with no default)


def columns(
    file: Annotated[str, typer.Argument(metavar="FILE", parser=path)] = "-",
    from_: Annotated[
        Format | None, typer.Option("--from", metavar="csv|json|ndjson|xlsx|xls|ods", show_default=False)
    ] = None,
    sheet: Annotated[Text, typer.Option(metavar="NAME|NUMBER", show_default=False)] = None,
    delimiter: Annotated[Text, typer.Option(metavar="CHAR", show_default=False)] = None,
    encoding: Annotated[Text, typer.Option(metavar="ENCODING", show_default=False)] = None,
    column: Annotated[Optional[list[str]], typer.Option("--column", metavar="FIELD=HEADER", show_default=False)] = None,  # noqa: UP045
    columns_map: Annotated[Text, typer.Option("--columns", metavar="MAP.json", show_default=False)] = None,
    emergency: Annotated[Text, typer.Option("--emergency", metavar="1|2", show_default=False)] = None,
    json_flag: Annotated[bool, typer.Option("--json", metavar="")] = False,
    save: Annotated[Text, typer.Option("--save", metavar="MAP.json", show_default=False)] = None,
    lang: Annotated[LangChoice, typer.Option("--lang", metavar="lv|en", show_default=False)] = None,
) -> None:
    """How a register's columns are read; the help text is ``help.columns`` in the catalogues."""
    from asistents.cli.columns_run import ColumnsOptions, run

    run(ColumnsOptions(file, from_, sheet, delimiter, encoding, column or [], columns_map, emergency, json_flag,
                       save, lang))  # fmt: skip
