"""``asistents batch``'s work: options checked, input, the row pipeline, the renderer, the summary.

Kept apart from the command's declaration (:mod:`asistents.cli.batch`) so that
``calc`` does not load the readers and renderers at start-up.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer

from asistents.cli.errors import DATA, OVER, fail
from asistents.cli.options import choose_lang, choose_output, input_from_options
from asistents.cli.outputs import format_of, is_terminal, ndjson_columns_of, output_for, provenance
from asistents.cli.streams import open_input, open_output, progress
from asistents.cli.timesheets import Timesheets, report_timesheets
from asistents.core.calendar import emergency_days
from asistents.core.errors import InputError
from asistents.core.models import CalcInput
from asistents.core.validate import check_figures
from asistents.i18n import Lang, text
from asistents.io.atomic import is_same_as_fd, same_file
from asistents.io.columns import ColumnMappingError, map_header, parse_column_options
from asistents.io.encoding import is_text_encoding
from asistents.io.readers import InputFileError, open_records
from asistents.io.source import Detected
from asistents.register.pipeline import compute_rows
from asistents.render.cells import day_column_names
from asistents.render.formula import escape_controls
from asistents.render.messages import error_line, record_error_line
from asistents.render.options import RowOptions
from asistents.render.registry import BINARY_FORMATS, ROW_RENDERERS, OutputFormat
from asistents.render.row_xlsx import TooManyRows
from asistents.render.summary import BatchTotals, print_summary

#: Outputs laid out as a sheet: one column per emergency day.
_SHEETS = (OutputFormat.csv, OutputFormat.xlsx)


def run(
    fields: Any,
    file: Any,
    output: Any,
    to: Any,
    json_flag: Any,
    from_: Any,
    delimiter: Any,
    decimal: Any,
    encoding: Any,
    sheet: Any,
    column: Any,
    out_delimiter: Any,
    out_decimal: Any,
    bom: Any,
    strict: Any,
    timesheets: Any,
    timesheets_pdf: Any,
    template: Any,
    force: Any,
    fail_on_over: Any,
    quiet: Any,
    lang: Any,
) -> None:
    """``asistents batch``'s work (see :mod:`asistents.cli.batch` for the options)."""
    language = choose_lang(lang)
    chosen = choose_output(to, json_flag, ROW_RENDERERS, None, language)
    for flag, value in (("--decimal", decimal), ("--out-decimal", out_decimal)):
        if value is not None and value not in (".", ","):
            fail(text(language, "u_decimal", flag=flag, value=value))
    delimiter = _delimiter("--delimiter", delimiter, language)
    out_delimiter = _delimiter("--out-delimiter", out_delimiter, language)
    if encoding is not None and not is_text_encoding(encoding):
        fail(text(language, "f_unknown_encoding", encoding=encoding))
    try:
        columns = parse_column_options(column or [])
        defaults = input_from_options(fields, complete=False)
        check_figures(defaults)  # the run-wide figures are checked once, as usage errors
    except ColumnMappingError as error:
        fail(text(language, error.code, **error.params))
    except InputError as error:
        fail(error_line(error, language))
    input_path = None if file == "-" else Path(file)

    try:
        chosen = chosen or format_of(output)
    except ValueError:
        fail(text(language, "f_workbook_output", path=output))
    if chosen in BINARY_FORMATS and output in (None, "-") and is_terminal(sys.stdout):
        fail(text(language, "f_binary_to_terminal", format=chosen.value))

    totals = BatchTotals()
    outputs = [(flag, Path(path)) for flag, path in (("-o", output), ("--timesheets-pdf", timesheets_pdf)) if path]
    _distinct_outputs([o for o in outputs if str(o[1]) != "-"], input_path, language)
    protected = tuple(p for p in (input_path, Path(output) if output and output != "-" else None) if p is not None)
    sheets = Timesheets(timesheets, timesheets_pdf, template, force, language, protected)
    with open_input(input_path, language) as source:
        try:
            records, detected = open_records(
                source,
                from_,
                name=file,
                delimiter=delimiter,
                decimal=decimal,
                encoding=encoding,
                columns=columns,
                sheet=sheet,
            )
            out_format = chosen or output_for(detected)
            if detected.columns is None and out_format in _SHEETS:
                detected.columns = ndjson_columns_of(source, detected)
            options = _row_options(detected, out_format, defaults, out_delimiter, out_decimal, language)
            if output in (None, "-") and is_terminal(sys.stdout):
                options = replace(options, escape=escape_controls)  # data never drives the terminal
            with_bom = bom if bom is not None else (detected.bom or detected.encoding == "cp1257")
            options = replace(options, bom=with_bom and out_format == OutputFormat.csv, totals=totals)
            if out_format in BINARY_FORMATS:  # a document: its summary names the input and the run
                name, sha256, run_date = provenance(source, file)
                options = replace(options, source_name=name, source_sha256=sha256, run_date=run_date)
            show_progress = source if (input_path is not None and not quiet) else None
            size = input_path.stat().st_size if input_path is not None else 0
            with (
                open_output(None if output == "-" else output, strict, language) as sink,
                progress(show_progress, size, language) as advance,
            ):
                renderer = ROW_RENDERERS[out_format](sink, options)
                try:
                    for row in compute_rows(records, defaults, detected.decimal):
                        if strict and row.error is not None:
                            message = record_error_line(row.line, row.error, language, row.record.headers)
                            fail(text(language, "u_strict", message=message), DATA)
                        totals.add(row)
                        renderer.write(row)
                        sheets.add(row)
                        advance()
                except BaseException:
                    with contextlib.suppress(Exception):  # the first failure is the one to report
                        renderer.abort()
                    raise
                sheets.finish()  # before the output is committed: a failure there keeps the old output
                renderer.close()
        except InputFileError as error:
            fail(text(language, error.code, path="stdin" if file == "-" else file, **error.params), DATA)
        except TooManyRows as error:
            fail(text(language, "f_too_many_rows", maximum=error.args[0]), DATA)
    if not quiet:
        # A CSV's or workbook's own header (indexes match it); JSON: every key seen, in order.
        seen = detected.columns if detected.header is not None and detected.columns else tuple(totals.columns)
        header = detected.header or map_header(list(seen), columns)
        print_summary(totals, detected, language, weekly_given=defaults.weekly is not None, header=header, columns=seen)
    report_timesheets(sheets, timesheets, timesheets_pdf, language)
    if totals.errors or sheets.skipped:
        raise typer.Exit(DATA)
    if fail_on_over and totals.over_rows:
        raise typer.Exit(OVER)


def _distinct_outputs(outputs: list[tuple[str, Path]], input_path: Path | None, lang: Lang) -> None:
    """No output is the input (also ``batch - -o in.csv < in.csv``: stdin is then the output file),
    and no two outputs are one file (a PDF must not replace the results)."""
    for i, (flag, path) in enumerate(outputs):
        reads_it = same_file(path, input_path) if input_path is not None else is_same_as_fd(path, 0)
        if reads_it:
            fail(text(lang, "f_output_is_input", flag=flag, path=path))
        for other_flag, other in outputs[i + 1 :]:
            if path.resolve() == other.resolve():
                fail(text(lang, "f_same_output", first=flag, second=other_flag, path=path))


def _row_options(
    detected: Detected,
    out_format: OutputFormat,
    defaults: CalcInput,
    out_delimiter: str | None,
    out_decimal: str | None,
    lang: str,
) -> RowOptions:
    """Days by date when every row has the run's period (CSV without start/end columns),
    else by day of month: a CSV header must be known before the first row."""
    own_periods = detected.format != "csv" or bool({"start", "end"} & detected.has_columns)
    days = None if own_periods else emergency_days(defaults.start, defaults.end)
    return RowOptions(
        lang=lang,  # type: ignore[arg-type]
        input_columns=detected.columns or (),
        day_columns=tuple(day_column_names(days)) if out_format in _SHEETS else (),
        by_day_of_month=own_periods and out_format in _SHEETS,
        delimiter=out_delimiter or detected.delimiter or ",",
        decimal=out_decimal or detected.decimal,
    )


def _delimiter(flag: str, value: str | None, lang: Lang) -> str | None:
    """One character; ``\\t``, ``tab`` and ``TAB`` name the tab (shells make a real one awkward)."""
    if value is None:
        return None
    value = "\t" if value in ("\\t", "tab", "TAB") else value
    if len(value) != 1 or value in '"\r\n':
        fail(text(lang, "u_delimiter", flag=flag, value=value))
    return value
