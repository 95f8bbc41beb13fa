"""``asistents batch``'s work: input, the row pipeline, the renderer, the summary.

Kept apart from the command's declaration (:mod:`asistents.cli.batch`) so that
``calc`` does not load the readers and renderers at start-up. The options arrive
checked, as one :class:`~asistents.cli.batch_options.BatchOptions`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

import typer

from asistents.cli.batch_options import BatchOptions
from asistents.cli.errors import DATA, OVER, USAGE, fail
from asistents.cli.outputs import ndjson_columns_of, output_for, provenance
from asistents.cli.streams import open_input, open_output, progress
from asistents.cli.timesheets import Timesheets, report_timesheets
from asistents.core import rules
from asistents.core.calendar import emergency_days, month_text
from asistents.core.errors import InputError
from asistents.core.fields import BY_COLUMN, CLAIMED_PREFIX
from asistents.core.period import averaged_months, resolve_period
from asistents.i18n import Lang, text
from asistents.io.atomic import atomic_binary_file
from asistents.io.columns import (
    header_key,
    is_emergency_register,
    map_header,
    option_text,
    read_column,
    split_month_key,
)
from asistents.io.readers import InputFileError, open_records
from asistents.io.source import Detected, Record
from asistents.register.emergency import EmergencyRows
from asistents.register.header_check import header_errors
from asistents.register.months import emergency_of
from asistents.register.pipeline import compute_blocks
from asistents.register.row import MONTH_COLUMN, RegisterBlock, RegisterRow, placed_before
from asistents.render.cells import day_column_names
from asistents.render.formula import escape_controls
from asistents.render.messages import error_line, header_error_line, record_error_line
from asistents.render.options import RowOptions
from asistents.render.registry import FormatSpec
from asistents.render.sheet_errors import NotForASheet, TooManyRows
from asistents.render.summary import BatchTotals, print_summary, summary_figures, summary_json

#: How many new objects the collector lets pass before it looks for cycles (CPython's default is 700). A
#: register makes and drops a few objects per cell, none in a cycle, so the default has it look every few
#: rows: a whole emergency's register spent a tenth of its time so. Memory stays flat (the benchmark).
COLLECT_AFTER = (50_000, 20, 20)


@contextlib.contextmanager
def _collecting_less() -> Iterator[None]:
    """The run with the collector looking less often (:data:`COLLECT_AFTER`), and never at what was loaded
    before it (``gc.freeze``); as it was after."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*COLLECT_AFTER)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def run(options: BatchOptions) -> None:
    """``asistents batch``'s work (see :mod:`asistents.cli.batch` for the options)."""
    with _collecting_less():
        _run(options)


def _run(options: BatchOptions) -> None:
    totals = BatchTotals()
    sheets = Timesheets(
        options.timesheets, options.timesheets_pdf, options.template, options.force, options.lang, options.protected,
        service=options.service, all_pages=options.all_pages, strict=options.strict,
    )  # fmt: skip
    with open_input(options.input_path, options.lang) as source:
        detected, options = _convert(source, options, totals, sheets)
    _report(options, totals, sheets, detected)


def _convert(
    source: BinaryIO, options: BatchOptions, totals: BatchTotals, sheets: Timesheets
) -> tuple[Detected, BatchOptions]:
    """Read the register, compute and write every row; an unreadable input is a data error. The
    options come back with what the header decided (the period, a whole emergency's number)."""
    try:
        records, detected = open_records(
            source,
            options.from_,
            name=options.file,
            delimiter=options.delimiter,
            decimal=options.decimal,
            encoding=options.encoding,
            columns=options.columns,
            sheet=options.sheet,
        )
        options = _whole_emergency(detected, options)
        _check_header(source, detected, options)
        options, conflict = _from_the_header(detected, options)
        _check_three_months(detected, options)
        if conflict is not None:  # every row says why it cannot be computed; the rows stay in place
            records = (r if r.error is not None else r._replace(error=conflict) for r in records)
        out_format = options.output.format or output_for(detected)
        if detected.columns is None and out_format.sheet:
            detected.columns = ndjson_columns_of(source, detected)
        _write_rows(source, records, detected, out_format, options, totals, sheets)
    except InputFileError as error:
        name = "stdin" if options.file == "-" else options.file
        fail(text(options.lang, error.code, path=name, **error.params), DATA)
    except NotForASheet as error:
        fail(text(options.lang, error.code, **error.params), DATA)
    except TooManyRows as error:
        fail(text(options.lang, "f_too_many_rows", maximum=error.maximum), DATA)
    return detected, options


def _whole_emergency(detected: Detected, options: BatchOptions) -> BatchOptions:
    """A whole emergency's register (README "A whole emergency over a register"): ``--emergency``, or
    month-headed columns (``used 2020-03``). Which emergency its columns name is decided here, once, when
    the header is known; months that fit neither (or not ``--emergency``'s) are one line naming them."""
    header = detected.header
    if header is None and detected.columns:  # JSON: the keys as first seen
        header = map_header(list(detected.columns), options.columns)
    keys = header.index if header is not None else {}
    if options.emergency is None and not is_emergency_register(keys):
        return options
    if options.period_given:
        fail(text(options.lang, "u_emergency_and_period"))
    number = options.emergency
    if keys:
        try:
            number = rules.EMERGENCIES.index(emergency_of(keys, number)) + 1
        except InputError as error:
            name = "stdin" if options.file == "-" else options.file
            fail(f"{name}: {error_line(error, options.lang)}", DATA if options.emergency is None else USAGE)
    return replace(options, emergency=number, whole_emergency=True)


def register_keys(source: BinaryIO, detected: Detected) -> list[str]:
    """Every column of the register: a CSV's or workbook's header, a JSON array's keys, or (a first pass)
    every key of an NDJSON file, as first seen."""
    if detected.columns is None and detected.format == "ndjson":
        return list(ndjson_columns_of(source, detected))
    return list(detected.columns or ())


def _check_header(source: BinaryIO, detected: Detected, options: BatchOptions) -> None:
    """Nothing that could be a figure is guessed or dropped (README "How headers are read"): a header
    that cannot be read whole, two columns of one field, a month's hours used with no column, each a
    usage error naming them, before any row is read. JSON and NDJSON: every key of every record (two keys
    of one field are an error only in the record that has both: that row)."""
    columns = register_keys(source, detected)
    if options.column_map is not None:
        _check_map(columns, options)
    header = detected.header if detected.header is not None else map_header(columns, options.columns)
    emergency = rules.EMERGENCIES[options.emergency - 1] if options.whole_emergency and options.emergency else None
    errors = header_errors(columns, header, emergency, per_record=detected.header is None)
    if errors:
        fail(header_error_line(errors[0], options.lang))


def _check_map(columns: list[str], options: BatchOptions) -> None:
    """``--columns MAP``: every header of the map is in the register, and every other column of the
    register is no figure (a new column that could be one is named, never read by guess)."""
    have = {header_key(cell) for cell in columns}
    mapped = {header_key(header) for header in options.columns}
    for header in options.columns:
        if header_key(header) not in have:
            reason = text(options.lang, "u_map_header_missing", header=header)
            fail(text(options.lang, "u_map_file", path=options.column_map, reason=reason))
    for cell in columns:
        if header_key(cell) in mapped or not cell.strip():
            continue
        name, reading = read_column(cell)
        if name is not None or reading.problem is not None:
            reason = text(options.lang, "u_map_new_column", header=cell)
            fail(text(options.lang, "u_map_file", path=options.column_map, reason=reason))


def _check_three_months(detected: Detected, options: BatchOptions) -> None:
    """Three columns headed by their months are the three months before the run's period, or the run stops
    naming both (a register of December-February run for June would average them as March-May)."""
    header = detected.header
    if header is None or not header.three_months or {"start", "end"} & set(header.index):
        return  # no month headers, or each row gives its own period
    expected = averaged_months(options.defaults.start)
    named = header.three_months
    if all(
        month == want.month and year in (None, want.year) for (year, month), want in zip(named, expected, strict=True)
    ):
        return
    columns = list(detected.columns or ())
    shown = ", ".join(f"'{columns[header.index[m]]}'" for m in ("m1", "m2", "m3"))
    fail(text(options.lang, "u_months_not_before_period", columns=shown, start=options.defaults.start,
              end=options.defaults.end, months=", ".join(month_text(m) for m in expected)))  # fmt: skip


def _from_the_header(detected: Detected, options: BatchOptions) -> tuple[BatchOptions, InputError | None]:
    """What the header decides or contradicts, before any row: a ``--column`` header the file does not
    have is a usage error listing its headers; with no ``--start``/``--end``, a claims register's day
    headers decide the period (one calendar month; headers of two months make every row an error
    saying so); given, a day header outside it is a usage error."""
    if detected.columns is not None:
        have = {header_key(cell) for cell in detected.columns}
        for header, name in options.columns.items():
            if header_key(header) not in have:
                shown = ", ".join(f"'{cell}'" for cell in detected.columns if cell.strip())
                fail(text(options.lang, "u_column_missing", option=f"{option_text(name)}={header}", headers=shown))
    days = sorted(
        date.fromisoformat(key[len(CLAIMED_PREFIX) :])
        for key in (detected.header.index if detected.header is not None else {})
        if key.startswith(CLAIMED_PREFIX) and not key.startswith(CLAIMED_PREFIX + "--")
    )
    if not days or options.whole_emergency:  # a whole emergency's claimed days are of its months
        return options, None
    first, last = days[0], days[-1]
    defaults = options.defaults
    if options.period_given:
        if first < defaults.start or last > defaults.end:
            outside = first if first < defaults.start else last
            fail(text(options.lang, "u_period_and_headers", day=outside, start=defaults.start, end=defaults.end))
        return options, None
    if (first.year, first.month) != (last.year, last.month):
        return options, InputError("row", f"{first.isoformat()} – {last.isoformat()}", "headers_span_months")
    start, end = resolve_period(first, None)
    return replace(options, defaults=replace(defaults, start=min(start, first), end=max(end, last))), None


def _row_options(
    source: BinaryIO, detected: Detected, out_format: FormatSpec, options: BatchOptions, totals: BatchTotals
) -> RowOptions:
    """What the renderer needs besides the rows: the layout, how text reaches the output, the totals."""
    row_options = _layout(detected, out_format, options)
    if options.to_terminal:
        row_options = replace(row_options, escape=escape_controls)  # data never drives the terminal
    latvian_excel = _latvian_excel(detected, options)
    with_bom = (
        options.bom if options.bom is not None else (detected.bom or detected.encoding == "cp1257" or latvian_excel)
    )
    row_options = replace(row_options, bom=with_bom and out_format.bom, totals=totals)
    if out_format.binary:  # a document: its summary names the input and the run
        name, sha256, run_date = provenance(source, options.file)
        row_options = replace(row_options, source_name=name, source_sha256=sha256, run_date=run_date)
    return row_options


def _layout(detected: Detected, out_format: FormatSpec, options: BatchOptions) -> RowOptions:
    """Days by date when every row has the run's period (a CSV or workbook without start/end columns):
    only the period's days; else by day of month: a sheet's header must be known before the first row."""
    own_periods = (detected.header is None and detected.format != "csv") or bool(
        {"start", "end"} & detected.has_columns
    )
    own_periods = own_periods or options.whole_emergency  # each month row has its month's days
    days = None if own_periods else emergency_days(options.defaults.start, options.defaults.end)
    month = (MONTH_COLUMN,) if options.whole_emergency else ()
    return RowOptions(
        lang=options.lang,
        input_columns=(*(detected.columns or ()), *month),
        day_columns=tuple(day_column_names(days)) if out_format.sheet else (),
        by_day_of_month=own_periods and out_format.sheet,
        delimiter=options.out_delimiter or detected.delimiter or (";" if _latvian_excel(detected, options) else ","),
        decimal=options.out_decimal or ("," if _latvian_excel(detected, options) else detected.decimal),
        numeric_inputs=_numeric_inputs(detected),
        input_decimal=detected.decimal,
        whole_emergency=options.whole_emergency,
    )


def _latvian_excel(detected: Detected, options: BatchOptions) -> bool:
    """A CSV written from a workbook or JSON register in Latvian: as Latvian Excel opens it (``;``, decimal
    comma, UTF-8 with a BOM). A CSV register's output keeps the register's own dialect."""
    return detected.delimiter is None and options.lang == "lv"


def _numeric_inputs(detected: Detected) -> frozenset[int]:
    """The positions of the input's columns the tool reads as numbers (text in a CSV)."""
    if detected.header is None or detected.format != "csv":
        return frozenset()
    numeric = {"hours", "euro", "months"}
    return frozenset(
        i
        for name, i in detected.header.index.items()
        if name.startswith(CLAIMED_PREFIX)
        or (name in BY_COLUMN and BY_COLUMN[name].kind in numeric)
        or ((split := split_month_key(name)) is not None and split[0] != "resumed")  # a whole emergency's figures
    )


def _write_rows(
    source: BinaryIO,
    records: Iterator[Record],
    detected: Detected,
    out_format: FormatSpec,
    options: BatchOptions,
    totals: BatchTotals,
    sheets: Timesheets,
) -> None:
    """Each row computed, counted, written and given its timesheet, as it comes; a failure
    anywhere leaves the old output in place (:func:`asistents.cli.streams.open_output`)."""
    row_options = _row_options(source, detected, out_format, options, totals)
    path = options.input_path
    show_progress = source if (path is not None and not options.quiet) else None
    size = path.stat().st_size if path is not None else 0
    output = options.output.path
    with (
        open_output(None if output == "-" else output, options.strict, options.lang) as sink,
        progress(
            show_progress, size, options.lang, "s_progress_persons" if options.whole_emergency else "s_progress_rows"
        ) as advance,
    ):
        renderer = out_format.row_renderer(sink, row_options)
        last_line = 0
        try:
            for block in _blocks(records, options, detected.decimal):
                # With --strict the first error row stops the run: the rows before it are written first (a
                # failure writing one of them is the one to report), none after it is counted or paged.
                stop = len(block.rows)
                if options.strict:
                    stop = next((n for n, row in enumerate(block.rows) if _strict_stop(row)), stop)
                rows, placed = block.rows[:stop], placed_before(block.placed, stop)
                renderer.write_block(rows, placed)
                totals.add(rows, placed)
                if sheets.wanted:
                    for row in rows:
                        sheets.add(row)
                for line in [row.record.line for row in rows]:
                    if line != last_line:  # a row of the register: a person's first month in a whole emergency
                        advance()
                        last_line = line
                if stop < len(block.rows):
                    bad, error = block.rows[stop], block.rows[stop].error
                    assert error is not None
                    message = record_error_line(bad.line, error, options.lang, bad.record.headers)
                    fail(text(options.lang, "u_strict", message=message), DATA)
                # A block written is let go before the next is made: two blocks of rows are never held at once.
                del block, rows, placed
        except BaseException:
            with contextlib.suppress(Exception):  # the first failure is the one to report
                renderer.abort()
            sheets.discard()  # the one PDF's parts compiled so far
            raise
        sheets.finish()  # before the output is committed: a failure there keeps the old output
        renderer.close()


def _strict_stop(row: RegisterRow) -> bool:
    """Whether ``row`` stops a ``--strict`` run: an error, not a blank or totals row."""
    return row.error is not None and row.mark is None


def _blocks(records: Iterator[Record], options: BatchOptions, decimal: str) -> Iterator[RegisterBlock]:
    """One row per record; a whole emergency's register, one row per person per month: a block at a time."""
    if not options.whole_emergency:
        return compute_blocks(records, options.defaults, decimal)
    return EmergencyRows(options.defaults, decimal, options.emergency).blocks(records)


def _report(options: BatchOptions, totals: BatchTotals, sheets: Timesheets, detected: Detected) -> None:
    """The summary and the timesheets on stderr; the exit code from what the rows held."""
    if not options.quiet:
        # A CSV's or workbook's own header (indexes match it); JSON: every key seen, in order.
        seen = detected.columns if detected.header is not None and detected.columns else tuple(totals.columns)
        header = detected.header or map_header(list(seen), options.columns)
        weekly_given = options.defaults.weekly is not None
        emergency = rules.EMERGENCIES[options.emergency - 1] if options.emergency else None
        print_summary(
            totals, detected, options.lang, weekly_given=weekly_given, header=header, columns=seen, emergency=emergency
        )
    if options.summary is not None:
        _write_summary(options.summary, totals, options.lang)
    report_timesheets(sheets, options.timesheets, options.timesheets_pdf, options.lang)
    if totals.errors or sheets.skipped or sheets.refused:
        raise typer.Exit(DATA)
    if options.fail_on_over and totals.over_rows:
        raise typer.Exit(OVER)


def _write_summary(path: str, totals: BatchTotals, lang: Lang) -> None:
    """``--summary FILE``: the summary's figures as JSON, written whole or not at all."""
    try:
        with atomic_binary_file(Path(path)) as stream:
            stream.write(summary_json(summary_figures(totals)).encode("utf-8"))
    except OSError as error:
        fail(text(lang, "f_write_failed", flag="--summary", path=path, reason=error.strerror or error), DATA)
