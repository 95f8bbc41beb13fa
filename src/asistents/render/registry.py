"""One renderer per output format, looked up by name (as jc keeps its parsers).

``calc`` renders one :class:`CalcResult`; ``batch`` streams :class:`RegisterRow`
objects. Adding a format is one module with the same interface and one line
here. Renderers are imported only when chosen, so ``calc --json`` never loads
Rich.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Protocol, TextIO

from asistents.core.models import CalcResult
from asistents.i18n import Lang
from asistents.register.row import RegisterRow
from asistents.render.options import RowOptions


class OutputFormat(str, Enum):
    """Every output format of every command (``--to``); each command takes some."""

    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"


class RowRenderer(Protocol):
    def write(self, row: RegisterRow) -> None: ...

    def close(self) -> None: ...


def _table(result: CalcResult, lang: Lang, stream: TextIO) -> None:
    from rich.console import Console

    from asistents.render.report import print_report

    print_report(result, lang, Console(file=stream))


def _calc_json(result: CalcResult, lang: Lang, stream: TextIO) -> None:
    stream.write(result.model_dump_json(indent=2) + "\n")


def _csv_rows(stream: TextIO, options: RowOptions) -> RowRenderer:
    from asistents.render.row_csv import CsvRows

    return CsvRows(stream, options)


def _json_rows(stream: TextIO, options: RowOptions) -> RowRenderer:
    from asistents.render.row_json import JsonArrayRows

    return JsonArrayRows(stream, options)


def _ndjson_rows(stream: TextIO, options: RowOptions) -> RowRenderer:
    from asistents.render.row_json import NdjsonRows

    return NdjsonRows(stream, options)


#: ``calc``: one result to a text stream.
RESULT_RENDERERS: dict[OutputFormat, Callable[[CalcResult, Lang, TextIO], None]] = {
    OutputFormat.table: _table,
    OutputFormat.json: _calc_json,
}

#: ``batch``: a renderer that takes the rows one at a time.
ROW_RENDERERS: dict[OutputFormat, Callable[[TextIO, RowOptions], RowRenderer]] = {
    OutputFormat.csv: _csv_rows,
    OutputFormat.json: _json_rows,
    OutputFormat.ndjson: _ndjson_rows,
}
