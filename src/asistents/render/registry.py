"""One record per output format, looked up by name (as jc keeps its parsers).

``calc`` renders one :class:`CalcResult`; ``batch`` streams :class:`RegisterRow`
objects. Adding a format is one module with the same interface and one
:class:`FormatSpec` here: ``--to``'s choices and help, ``-o``'s file suffixes, the
refusal to write a binary file to a terminal and the sheet layout all follow from
it. Renderers are imported only when chosen, so ``calc --json`` never loads Rich.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Protocol, TextIO

from asistents.i18n import Lang

if TYPE_CHECKING:  # names for the signatures only: `calc` does not load the row pipeline at start-up
    from asistents.core.models import CalcResult
    from asistents.register.row import Placed, RegisterRow
    from asistents.render.options import RowOptions


class RowRenderer(Protocol):
    def write(self, row: RegisterRow) -> None: ...

    def write_block(self, rows: Sequence[RegisterRow], placed: Sequence[Placed] | None = None) -> None:
        """A block's rows, in order, and the computed blocks their computed rows are of (the pipeline computes a
        block at a time; each row on its own when not given)."""

    def close(self) -> None:
        """All rows are written: finish the document."""

    def abort(self) -> None:
        """The run failed: let go of what was held (the output file is discarded anyway)."""


#: ``calc``: one result to a text stream.
ResultRenderer = Callable[["CalcResult", Lang, TextIO], None]
#: ``batch``: a renderer that takes the rows one at a time and writes a binary sink.
RowRendererFactory = Callable[[BinaryIO, "RowOptions"], RowRenderer]


@dataclass(frozen=True)
class FormatSpec:
    """One output format (``--to NAME``) and everything the commands derive from it."""

    name: str
    #: ``calc``'s renderer; None: ``calc`` does not write this format.
    result: ResultRenderer | None = None
    #: ``batch``'s renderer; None: ``batch`` does not write this format.
    rows: RowRendererFactory | None = None
    #: Not text: never written to a terminal; a document whose summary names the input and the run.
    binary: bool = False
    #: Laid out as a sheet, one column per emergency day: its header is known before the first row.
    sheet: bool = False
    #: Starts with a byte-order mark when the input had one (Latvian Excel reads UTF-8 CSV right then).
    bom: bool = False
    #: ``-o FILE`` suffixes (lower case, with the dot) that ask for this format.
    suffixes: tuple[str, ...] = ()

    def render_result(self, result: CalcResult, lang: Lang, stream: TextIO) -> None:
        assert self.result is not None, f"calc does not write {self.name}"
        self.result(result, lang, stream)

    def row_renderer(self, sink: BinaryIO, options: RowOptions) -> RowRenderer:
        assert self.rows is not None, f"batch does not write {self.name}"
        return self.rows(sink, options)


def _table(result: CalcResult, lang: Lang, stream: TextIO) -> None:
    from rich.console import Console

    from asistents.render.report import print_report

    print_report(result, lang, Console(file=stream, emoji=False))  # a name's ":x:" stays as written


def _calc_json(result: CalcResult, lang: Lang, stream: TextIO) -> None:
    from asistents.render.json_data import json_document

    stream.write(json_document(result))


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


#: Every output format, in the order help and messages list them.
FORMATS: tuple[FormatSpec, ...] = (
    FormatSpec("table", result=_table),
    FormatSpec("csv", rows=_csv_rows, sheet=True, bom=True, suffixes=(".csv", ".tsv")),
    FormatSpec("json", result=_calc_json, rows=_json_rows, suffixes=(".json",)),
    FormatSpec("ndjson", rows=_ndjson_rows, suffixes=(".ndjson", ".jsonl")),
    FormatSpec("xlsx", rows=_xlsx_rows, binary=True, sheet=True, suffixes=(".xlsx", ".xlsm")),
)
BY_NAME: dict[str, FormatSpec] = {spec.name: spec for spec in FORMATS}

#: ``calc``'s formats (one result to a text stream) and its default.
CALC_FORMATS = tuple(spec for spec in FORMATS if spec.result is not None)
CALC_DEFAULT = BY_NAME["table"]
#: ``batch``'s formats (rows streamed to a binary sink); its default is the input's own.
BATCH_FORMATS = tuple(spec for spec in FORMATS if spec.rows is not None)
