"""``asistents batch``'s options as one typed record, checked once, as usage errors.

:func:`batch_options` turns the command line (:mod:`asistents.cli.batch`) into a
:class:`BatchOptions`; :func:`asistents.cli.batch_run.run` works from that record
only. The checks run in the order the options are refused in: the output's format,
the input's dialect, the run-wide figures, ``-o``'s suffix, then the files.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from asistents.cli.errors import fail, refuse_inputs_as_outputs
from asistents.cli.options import (
    COMMAND_FORMATS,
    OutputOptions,
    choose_lang,
    emergency_number,
    output_options,
)
from asistents.cli.outputs import format_of, is_terminal, refuse_binary_to_terminal
from asistents.core.errors import InputError
from asistents.core.models import CalcInput
from asistents.core.validate import check_figures
from asistents.i18n import Lang, text
from asistents.io.atomic import is_same_as_fd, same_file
from asistents.io.columns import ColumnMappingError, parse_column_options
from asistents.io.command_values import FieldValues, input_from_options
from asistents.io.encoding import is_text_encoding
from asistents.io.formats import Format
from asistents.render.messages import error_line


@dataclass(frozen=True, kw_only=True)
class BatchOptions:
    """Every option of ``batch``, checked (the options are described in ``help.batch.*``)."""

    #: ``--lang``, ``--to`` / ``--json`` (None: ``-o``'s suffix, else the input's format), ``-o``.
    output: OutputOptions
    #: The register; ``-`` is stdin.
    file: str = "-"
    from_: Format | None = None
    #: The input's dialect: one character (``\t`` for tab), ``.`` or ``,``, a text encoding.
    delimiter: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    #: ``--column FIELD=HEADER`` and ``--columns MAP``: the input's header -> register column.
    columns: dict[str, str] = field(default_factory=dict)
    #: ``--columns MAP``: the map's file; every column of the register must then be in it or no figure.
    column_map: str | None = None
    #: ``--rates FILE``: the rate table, an input like the register.
    rates_file: str | None = None
    #: The run-wide figures (``--start``, ``--weekly`` …), checked: each row's blanks default to them.
    defaults: CalcInput
    #: ``--start`` or ``--end`` was given (else a claims register's day headers decide the period).
    period_given: bool = False
    out_delimiter: str | None = None
    out_decimal: str | None = None
    bom: bool | None = None
    strict: bool = False
    timesheets: str | None = None
    timesheets_pdf: str | None = None
    #: ``--summary FILE``: the summary's figures as JSON (the table on stderr is in words).
    summary: str | None = None
    template: str | None = None
    force: bool = False
    fail_on_over: bool = False
    quiet: bool = False
    #: ``--service``: the social service's name on the timesheets (where a row has none); ``--all-pages``.
    service: str | None = None
    all_pages: bool = False
    #: ``--emergency 1|2``: a whole emergency's register read as that emergency's (None: its headers decide).
    emergency: int | None = None
    #: The register is a whole emergency's (``--emergency``, or month-headed columns such as ``used 2020-03``).
    whole_emergency: bool = False
    #: The output goes to stdout and stdout is a terminal: binary refused, control characters escaped.
    to_terminal: bool = False

    @property
    def lang(self) -> Lang:
        return self.output.lang

    @property
    def input_path(self) -> Path | None:
        return None if self.file == "-" else Path(self.file)

    @property
    def inputs(self) -> tuple[tuple[str, str | None], ...]:
        """The files read besides the register, by their flag: no output is ever one of them."""
        return (("--template", self.template), ("--rates", self.rates_file), ("--columns", self.column_map))

    @property
    def protected(self) -> tuple[Path, ...]:
        """The inputs, the ``-o`` output and the summary: no timesheet is ever written over them."""
        path = self.output.path
        written = Path(path) if path and path != "-" else None
        others = (Path(given) for _, given in self.inputs if given)
        summary = Path(self.summary) if self.summary else None
        return tuple(p for p in (self.input_path, written, summary, *others) if p is not None)


def batch_options(
    fields: FieldValues,
    *,
    file: str = "-",
    output: str | None = None,
    to: str | None = None,
    json_flag: bool = False,
    from_: Format | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    column: list[str] | None = None,
    columns_map: str | None = None,
    out_delimiter: str | None = None,
    out_decimal: str | None = None,
    bom: bool | None = None,
    strict: bool = False,
    timesheets: str | None = None,
    timesheets_pdf: str | None = None,
    summary: str | None = None,
    template: str | None = None,
    force: bool = False,
    fail_on_over: bool = False,
    quiet: bool = False,
    lang: str | None = None,
    emergency: str | None = None,
    service: str | None = None,
    all_pages: bool = False,
) -> BatchOptions:
    """The command line as a :class:`BatchOptions`; a wrong option is a usage error (exit 2)."""
    language = choose_lang(lang)
    out = output_options(to, json_flag, language, COMMAND_FORMATS["batch"], path=output)
    for flag, value in (("--decimal", decimal), ("--out-decimal", out_decimal)):
        _check_decimal(flag, value, language)
    delimiter = _delimiter("--delimiter", delimiter, language)
    out_delimiter = _delimiter("--out-delimiter", out_delimiter, language)
    _check_encoding(encoding, language)
    columns, defaults = _figures(fields, column or [], language)
    columns = {**load_column_map(columns_map, language), **columns} if columns_map is not None else columns
    period_given = fields.get("start") is not None or fields.get("end") is not None
    number = _emergency(emergency, period_given, language)
    options = BatchOptions(
        output=out, file=file, from_=from_, delimiter=delimiter, decimal=decimal, encoding=encoding, sheet=sheet,
        columns=columns, column_map=columns_map, defaults=defaults, period_given=period_given,
        rates_file=rates if isinstance(rates := fields.get("rates"), str) else None,
        out_delimiter=out_delimiter,
        out_decimal=out_decimal, bom=bom,
        strict=strict, timesheets=timesheets, timesheets_pdf=timesheets_pdf, summary=summary, template=template,
        force=force,
        fail_on_over=fail_on_over, quiet=quiet, emergency=number, service=service, all_pages=all_pages,
    )  # fmt: skip
    return _checked_outputs(options)


def load_column_map(path: str, lang: Lang) -> dict[str, str]:
    """``--columns MAP``: header -> register column, from a column map file (README "How headers are read");
    a file that is no map, too large, or not a regular file is a usage error naming it."""
    from asistents.io.column_map import MAP_LIMIT, read_column_map
    from asistents.io.small_file import SmallFileError, read_small_file

    try:
        return read_column_map(read_small_file(Path(path), MAP_LIMIT))
    except SmallFileError as error:
        reason = text(lang, f"small_{error.code}", limit=f"{MAP_LIMIT // 1024} KiB", reason=error.reason)
    except ColumnMappingError as error:
        reason = text(lang, error.code, **error.params)
    fail(text(lang, "u_map_file", path=path, reason=reason))


def _emergency(value: str | None, period_given: bool, lang: Lang) -> int | None:
    """``--emergency 1|2``; a whole emergency's months are its own, so not with ``--start``/``--end``."""
    number = emergency_number(value, lang)
    if number is not None and period_given:
        fail(text(lang, "u_emergency_and_period"))
    return number


def _check_decimal(flag: str, value: str | None, lang: Lang) -> None:
    if value is not None and value not in (".", ","):
        fail(text(lang, "u_decimal", flag=flag, value=value))


def _delimiter(flag: str, value: str | None, lang: Lang) -> str | None:
    """One character; ``\\t``, ``tab`` and ``TAB`` name the tab (shells make a real one awkward)."""
    if value is None:
        return None
    value = "\t" if value in ("\\t", "tab", "TAB") else value
    if len(value) != 1 or value in '"\r\n':
        fail(text(lang, "u_delimiter", flag=flag, value=value))
    return value


def _check_encoding(encoding: str | None, lang: Lang) -> None:
    if encoding is not None and not is_text_encoding(encoding):
        fail(text(lang, "f_unknown_encoding", encoding=encoding))


def _figures(fields: FieldValues, column: list[str], lang: Lang) -> tuple[dict[str, str], CalcInput]:
    """``--column`` mappings, and the run-wide figures checked once (rows are checked as they come)."""
    try:
        columns = parse_column_options(column)
        defaults = input_from_options(fields, complete=False)
        check_figures(defaults, run_wide=True)
    except ColumnMappingError as error:
        fail(text(lang, error.code, **error.params))
    except InputError as error:
        fail(error_line(error, lang))
    return columns, defaults


def _checked_outputs(options: BatchOptions) -> BatchOptions:
    """The format from ``-o``'s suffix when ``--to`` did not say; never a binary file to a terminal,
    nor an output that is the input or another output."""
    out, lang = options.output, options.lang
    try:
        out = replace(out, format=out.format or format_of(out.path, COMMAND_FORMATS["batch"]))
    except ValueError:
        fail(text(lang, "f_workbook_output", path=out.path))
    to_terminal = out.to_stdout and is_terminal(sys.stdout)
    if out.format is not None:
        refuse_binary_to_terminal(out.format, to_terminal, lang)
    named = (("-o", out.path), ("--timesheets-pdf", options.timesheets_pdf), ("--summary", options.summary))
    refuse_inputs_as_outputs(named, options.inputs, lang)
    outputs = [(flag, Path(path)) for flag, path in named if path]
    _distinct_outputs([o for o in outputs if str(o[1]) != "-"], options.input_path, lang)
    return replace(options, output=out, to_terminal=to_terminal)


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
