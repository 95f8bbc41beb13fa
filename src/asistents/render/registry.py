"""One renderer per output format, looked up by name (as jc keeps its parsers).

``calc`` renders one :class:`CalcResult`; ``batch`` streams :class:`RegisterRow`
objects. Adding a format is one module with the same interface and one line
here. Renderers are imported only when chosen, so ``calc --json`` never loads
Rich.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, BinaryIO, Protocol, TextIO

from asistents.i18n import Lang

if TYPE_CHECKING:  # names for the signatures only: `calc` does not load the row pipeline at start-up
    from asistents.core.models import CalcResult
    from asistents.register.row import RegisterRow
    from asistents.render.options import RowOptions


class OutputFormat(str, Enum):
    """Every output format of every command (``--to``); each command takes some."""

    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    xlsx = "xlsx"


class RowRenderer(Protocol):
    def write(self, row: RegisterRow) -> None: ...

    def close(self) -> None:
        """All rows are written: finish the document."""

    def abort(self) -> None:
        """The run failed: let go of what was held (the output file is discarded anyway)."""


def _table(result: CalcResult, lang: Lang, stream: TextIO) -> None:
    from rich.console import Console

    from asistents.render.report import print_report

    print_report(result, lang, Console(file=stream, emoji=False))  # a name's ":x:" stays as written


def _calc_json(result: CalcResult, lang: Lang, stream: TextIO) -> None:
    from asistents.render.json_data import json_document

    stream.write(json_document(result) + "\n")


def _csv_rows(sink: BinaryIO, options: RowOptions) -> RowRenderer:
    from asistents.render.row_csv import CsvRows

    return CsvRows(sink, options)


def _json_rows(sink: BinaryIO, options: RowOptions) -> RowRenderer:
    from asistents.render.row_json import JsonArrayRows

    return JsonArrayRows(sink, options)


def _ndjson_rows(sink: BinaryIO, options: RowOptions) -> RowRenderer:
    from asistents.render.row_json import NdjsonRows

    return NdjsonRows(sink, options)


def _xlsx_rows(sink: BinaryIO, options: RowOptions) -> RowRenderer:
    from asistents.render.row_xlsx import XlsxRows

    return XlsxRows(sink, options)


#: ``calc``: one result to a text stream.
RESULT_RENDERERS: dict[OutputFormat, Callable[[CalcResult, Lang, TextIO], None]] = {
    OutputFormat.table: _table,
    OutputFormat.json: _calc_json,
}

#: ``batch``: a renderer that takes the rows one at a time and writes a binary sink.
ROW_RENDERERS: dict[OutputFormat, Callable[[BinaryIO, RowOptions], RowRenderer]] = {
    OutputFormat.csv: _csv_rows,
    OutputFormat.json: _json_rows,
    OutputFormat.ndjson: _ndjson_rows,
    OutputFormat.xlsx: _xlsx_rows,
}
#: Formats that are not text: never written to a terminal.
BINARY_FORMATS = frozenset({OutputFormat.xlsx})
