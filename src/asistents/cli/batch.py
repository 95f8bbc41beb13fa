"""``asistents batch``: a whole register of recipients, nothing lost."""

from __future__ import annotations

import codecs
import contextlib
import io
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Annotated, BinaryIO, Optional

import typer

from asistents.cli.errors import DATA, fail
from asistents.cli.options import LangChoice, choose_lang, parse_input
from asistents.core.calculate import SharedCalculation
from asistents.core.calendar import emergency_days
from asistents.core.errors import InputError
from asistents.core.models import CalcInput
from asistents.core.validate import check_input
from asistents.i18n import Lang
from asistents.io.atomic import atomic_binary_file, same_file
from asistents.io.columns import ColumnMappingError, parse_column_options
from asistents.io.readers import Detected, Format, InputFileError, Record, open_records
from asistents.io.records import record_to_input
from asistents.io.writers import CsvRowWriter, JsonArrayRowWriter, NdjsonRowWriter, RowWriter
from asistents.render.messages import error_line
from asistents.render.rows import all_columns, day_column_names, error_row, ok_row
from asistents.render.summary import BatchTotals, print_summary

Text = Optional[str]  # noqa: UP045  (Typer needs Optional for options with no default)


def batch(
    file: Annotated[str, typer.Argument()] = "-",
    output: Annotated[Text, typer.Option("--output", "-o", show_default=False)] = None,
    to: Annotated[
        Optional[Format],  # noqa: UP045
        typer.Option("--to", show_default=False),
    ] = None,
    json_flag: Annotated[bool, typer.Option("--json")] = False,
    from_: Annotated[
        Optional[Format],  # noqa: UP045
        typer.Option("--from", show_default=False),
    ] = None,
    delimiter: Annotated[Text, typer.Option(show_default=False)] = None,
    decimal: Annotated[Text, typer.Option(show_default=False)] = None,
    encoding: Annotated[Text, typer.Option(show_default=False)] = None,
    column: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--column", show_default=False),
    ] = None,
    out_delimiter: Annotated[Text, typer.Option(show_default=False)] = None,
    out_decimal: Annotated[Text, typer.Option(show_default=False)] = None,
    bom: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option("--bom/--no-bom", show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    start: Annotated[str, typer.Option()] = "2020-06-01",
    end: Annotated[str, typer.Option()] = "2020-06-09",
    weekly: Annotated[Text, typer.Option(show_default=False)] = None,
    daily_max: Annotated[str, typer.Option()] = "8",
    step: Annotated[str, typer.Option()] = "0.5",
    exclude_weekends: Annotated[bool, typer.Option("--exclude-weekends")] = False,
    rate: Annotated[Text, typer.Option(show_default=False)] = None,
    lang: Annotated[Optional[LangChoice], typer.Option("--lang", show_default=False)] = None,  # noqa: UP045
) -> None:
    """A whole register; the help text is ``help.batch`` in the catalogues."""
    language = choose_lang(lang)
    if json_flag and to not in (None, "json"):
        fail(f"--json and --to {to} ask for different outputs; give one")
    to = "json" if json_flag else to
    for flag, value in (("--decimal", decimal), ("--out-decimal", out_decimal)):
        if value is not None and value not in (".", ","):
            fail(f"{flag} '{value}': use '.' or ','")
    delimiter = _delimiter("--delimiter", delimiter)
    out_delimiter = _delimiter("--out-delimiter", out_delimiter)
    if encoding is not None and not _is_text_encoding(encoding):
        fail(f"--encoding '{encoding}': not a text encoding Python knows, e.g. utf-8, cp1257, utf-16")
    try:
        columns = parse_column_options(column or [])
    except ColumnMappingError as error:
        fail(str(error))
    defaults = _run_defaults(start, end, weekly, daily_max, step, exclude_weekends, rate, language)

    input_path = None if file == "-" else Path(file)
    if output is not None and input_path is not None and same_file(Path(output), input_path):
        fail(f"-o '{output}': that is the input file; it is never overwritten")
    if output == "-":
        output = None

    with _open_input(input_path) as source:
        try:
            records, detected = open_records(
                source,
                from_,
                name=file,
                delimiter=delimiter,
                decimal=decimal,
                encoding=encoding,
                columns=columns,
            )
            records = _peek_header(records)
        except InputFileError as error:
            fail(str(error), DATA)
        out_format: Format = to or detected.format
        totals = BatchTotals()
        try:
            with _open_output(output, strict) as sink:
                _run(
                    records,
                    detected,
                    sink,
                    out_format=out_format,
                    out_delimiter=out_delimiter or detected.delimiter or ",",
                    out_decimal=out_decimal or detected.decimal,
                    bom=bom if bom is not None else (detected.bom or detected.encoding == "cp1257"),
                    defaults=defaults,
                    strict=strict,
                    totals=totals,
                    lang=language,
                    progress_source=source if (input_path is not None and not quiet) else None,
                    input_size=input_path.stat().st_size if input_path is not None else 0,
                )
        except InputFileError as error:
            fail(str(error), DATA)
        except _StrictStop as stop:
            fail(f"{stop.message} (--strict: nothing written)", DATA)
    if not quiet:
        print_summary(totals, detected, language)
    if totals.errors:
        raise typer.Exit(DATA)


def _delimiter(flag: str, value: str | None) -> str | None:
    """One character; ``\\t``, ``tab`` and ``TAB`` name the tab (shells make a real one awkward)."""
    if value is None:
        return None
    value = "\t" if value in ("\\t", "tab", "TAB") else value
    if len(value) != 1 or value in '"\r\n':
        fail(f"{flag} '{value}': give one character, e.g. ';' or ',' or '\\t'")
    return value


def _is_text_encoding(name: str) -> bool:
    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    return bool(getattr(info, "_is_text_encoding", True))  # rot13, base64 ... are not


class _StrictStop(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


def _run_defaults(
    start: str,
    end: str,
    weekly: str | None,
    daily_max: str,
    step: str,
    exclude_weekends: bool,
    rate: str | None,
    lang: Lang,
) -> CalcInput:
    try:
        defaults = parse_input(
            avg=None,
            months=None,
            used="0",
            start=start,
            end=end,
            weekly=weekly,
            used_week_before=None,
            used_week_after=None,
            daily_max=daily_max,
            step=step,
            exclude_weekends=exclude_weekends,
            resumed=False,
            no_history=False,
            rate=rate,
        )
        # The run-wide figures are checked once, as usage errors, not on every row.
        check_input(defaults.model_copy(update={"resumed": True}))
    except InputError as error:
        fail(error_line(error, lang))
    return defaults


@contextlib.contextmanager
def _open_input(path: Path | None) -> Iterator[BinaryIO]:
    if path is None:
        if sys.stdin is None or sys.stdin.isatty():
            fail("no input: give a FILE, or pipe the register in (asistents batch - < register.csv)")
        yield sys.stdin.buffer
        return
    try:
        stream = path.open("rb")
    except OSError as error:
        fail(f"FILE '{path}': cannot be read ({error.strerror})")
    with stream:
        yield stream


@contextlib.contextmanager
def _open_output(output: str | None, strict: bool) -> Iterator[BinaryIO]:
    """A file written atomically, or stdout; with ``--strict`` stdout gets it only at the end."""
    if output is not None:
        target = Path(output)
        if target.is_dir():
            fail(f"-o '{output}': is a folder")
        try:
            with atomic_binary_file(target) as stream:
                yield stream
        except FileNotFoundError:
            fail(f"-o '{output}': the folder does not exist")
        return
    stdout = sys.stdout.buffer
    if not strict:
        yield stdout
        stdout.flush()
        return
    with tempfile.TemporaryFile() as spool:
        yield spool
        spool.seek(0)
        shutil.copyfileobj(spool, stdout)
        stdout.flush()


def _peek_header(records: Iterator[Record]) -> Iterator[Record]:
    """Read the first record now, so that the header is known before writing."""
    first = next(records, None)

    def chained() -> Iterator[Record]:
        if first is not None:
            yield first
            yield from records

    return chained()


def _writer(
    out_format: Format, stream: IO[str], detected: Detected, defaults: CalcInput, delimiter: str, decimal: str
) -> tuple[RowWriter, bool]:
    """The row writer and whether days are keyed by day of month (rows with own periods)."""
    if out_format == "ndjson":
        return NdjsonRowWriter(stream), False
    if out_format == "json":
        return JsonArrayRowWriter(stream), False
    # JSON records are only seen one at a time, so any of them may carry its own period.
    own_periods = detected.format != "csv" or bool({"start", "end"} & detected.has_columns)
    days = None if own_periods else emergency_days(defaults.start, defaults.end)
    return CsvRowWriter(stream, all_columns(day_column_names(days)), delimiter, decimal), own_periods


def _run(
    records: Iterator[Record],
    detected: Detected,
    sink: BinaryIO,
    *,
    out_format: Format,
    out_delimiter: str,
    out_decimal: str,
    bom: bool,
    defaults: CalcInput,
    strict: bool,
    totals: BatchTotals,
    lang: Lang,
    progress_source: BinaryIO | None,
    input_size: int,
) -> None:
    text_encoding = "utf-8-sig" if (bom and out_format == "csv") else "utf-8"
    stream = io.TextIOWrapper(sink, encoding=text_encoding, newline="", write_through=False)
    try:
        writer, by_day_of_month = _writer(out_format, stream, detected, defaults, out_delimiter, out_decimal)
        calculator = SharedCalculation()
        with _progress(progress_source, input_size, lang) as advance:
            for record in records:
                row = _process(record, detected, defaults, lang, by_day_of_month, calculator)
                if row["status"] == "error" and strict:
                    raise _StrictStop(str(row["error"]))
                totals.add(row)
                writer.write(row)
                advance()
        writer.close()
        stream.flush()
    finally:
        with contextlib.suppress(ValueError):
            stream.detach()


def _process(
    record: Record,
    detected: Detected,
    defaults: CalcInput,
    lang: Lang,
    by_day_of_month: bool,
    calculator: SharedCalculation,
) -> dict[str, object]:
    if record.error is not None:
        return error_row(record.line, record.values, record.error, lang)
    try:
        inp = record_to_input(record.values, defaults, detected.decimal)
        result = calculator(inp)
    except InputError as error:
        return error_row(record.line, record.values, error, lang)
    return ok_row(record.line, record.values, inp, result, lang, by_day_of_month)


@contextlib.contextmanager
def _progress(source: BinaryIO | None, size: int, lang: Lang) -> Iterator[Callable[[], None]]:
    """A Rich progress bar on stderr for a real file when stderr is a terminal."""
    if source is None or not size or not sys.stderr.isatty():
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from asistents.i18n import text

    counter = [0]
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(text(lang, "s_progress"), total=size)

        def advance() -> None:
            counter[0] += 1
            if counter[0] % 2000 == 0:
                with contextlib.suppress(OSError, ValueError):
                    progress.update(task, completed=source.tell())

        yield advance


def _nothing() -> None:
    return None
