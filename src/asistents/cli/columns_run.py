"""``asistents columns``'s work: read the register's header as ``batch`` does and show each column."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import typer

from asistents.cli.batch_options import load_column_map
from asistents.cli.batch_run import register_keys
from asistents.cli.errors import DATA, USAGE, fail, say
from asistents.cli.options import choose_lang, emergency_number
from asistents.cli.streams import open_input
from asistents.core import rules
from asistents.core.calendar import month_text
from asistents.core.errors import InputError
from asistents.i18n import Lang, text
from asistents.io.atomic import atomic_binary_file, same_file
from asistents.io.column_map import column_map_json
from asistents.io.columns import (
    BARE_MONTH,
    NOTE,
    ColumnMappingError,
    header_key,
    is_emergency_register,
    map_header,
    parse_column_options,
    read_column,
    split_month_key,
)
from asistents.io.formats import Format
from asistents.io.headers import Reading
from asistents.io.readers import InputFileError, open_records
from asistents.io.source import HeaderMap
from asistents.register.header_check import HeaderError, header_errors
from asistents.register.months import emergency_of, month_meant
from asistents.render.messages import error_line, header_error_line, printable, problem_text


@dataclass(frozen=True)
class ColumnsOptions:
    file: str
    from_: Format | None
    sheet: str | None
    delimiter: str | None
    encoding: str | None
    column: list[str]
    columns_map: str | None
    emergency: str | None
    json: bool
    save: str | None
    lang: str | None


@dataclass(frozen=True)
class ColumnRead:
    """One column as read: its header, the register column it feeds (``None``: none), the unit written."""

    header: str
    column: str | None
    unit: str | None
    note: str


def run(options: ColumnsOptions) -> None:
    lang = choose_lang(options.lang)
    explicit = _explicit(options, lang)
    number = emergency_number(options.emergency, lang)
    input_path = None if options.file == "-" else Path(options.file)
    with open_input(input_path, lang) as source:
        try:
            _, detected = open_records(source, options.from_, name=options.file, delimiter=options.delimiter,
                                       encoding=options.encoding, columns=explicit, sheet=options.sheet)  # fmt: skip
        except InputFileError as error:
            fail(text(lang, error.code, path="stdin" if options.file == "-" else options.file, **error.params), DATA)
        headers = register_keys(source, detected)
    header = detected.header if detected.header is not None else map_header(headers, explicit)
    emergency = _emergency(header, number, options.file, lang)
    errors = header_errors(headers, header, emergency, per_record=detected.header is None)
    by_index = {index: name for name, index in header.index.items()}
    mapped = {header_key(given): name for given, name in explicit.items()}
    read = [
        _read(cell, by_index.get(i), header.problems.get(i), mapped.get(header_key(cell)), emergency, lang)
        for i, cell in enumerate(headers)
    ]
    if options.json:
        typer.echo(json.dumps(_document(read, errors, emergency, lang), ensure_ascii=False, indent=2))
    else:
        _table(read, errors, options.file, lang)
    if options.save is not None:
        _save(Path(options.save), read, errors, input_path, lang)
    if errors:
        raise typer.Exit(USAGE)


def _explicit(options: ColumnsOptions, lang: Lang) -> dict[str, str]:
    try:
        columns = parse_column_options(options.column)
    except ColumnMappingError as error:
        fail(text(lang, error.code, **error.params))
    return {**load_column_map(options.columns_map, lang), **columns} if options.columns_map else columns


def _emergency(header: HeaderMap, number: int | None, file: str, lang: Lang) -> rules.Emergency | None:
    if number is None and not is_emergency_register(header.index):
        return None
    try:
        return emergency_of(header.index, number)
    except InputError as error:
        fail(f"{'stdin' if file == '-' else file}: {error_line(error, lang)}", USAGE)


def _read(
    cell: str,
    column: str | None,
    problem: Reading | None,
    mapped: str | None,
    emergency: rules.Emergency | None,
    lang: Lang,
) -> ColumnRead:
    """A column as read: the register column it feeds (a month's with the year the emergency gives it),
    ``mapped`` by ``--column``/``--columns`` or by the grammar, its unit, and why it is not read."""
    if column is None and mapped == NOTE:
        return ColumnRead(cell, NOTE, None, text(lang, "c_not_used"))
    split = split_month_key(column) if column is not None else None
    if split is not None and emergency is not None and (meant := month_meant(emergency, *split)) is not None:
        column = f"{meant[0]}@{month_text(meant[1])}"
    unit = None if mapped is not None else read_column(cell)[1].unit
    if problem is not None:
        note = problem_text(problem, lang)
    elif column is None:
        note = text(lang, "c_not_used")
    elif column.startswith(f"{BARE_MONTH}@"):
        note = text(lang, "c_before_month")
    else:
        note = ""
    return ColumnRead(cell, column, unit, note)


def _parts(column: str | None) -> tuple[str, str]:
    """A register column as (field, month): ``used@2020-03`` -> ``("used", "2020-03")``."""
    if column is None:
        return "", ""
    field, _, month = column.partition("@")
    return field, month.removeprefix("--")


def _document(read: list[ColumnRead], errors: list[HeaderError], emergency: rules.Emergency | None,
              lang: Lang) -> dict[str, object]:  # fmt: skip
    in_doubt = {header for error in errors for header in error.columns}  # the columns a problem is about
    return {
        "emergency": None if emergency is None else rules.EMERGENCIES.index(emergency) + 1,
        "columns": [
            {
                "header": r.header,
                "field": _parts(r.column)[0] or None,
                "month": _parts(r.column)[1] or None,
                "unit": r.unit,
                "note": r.note or None,
                "in_doubt": r.header in in_doubt,
            }
            for r in read
        ],
        "problems": [header_error_line(error, lang) for error in errors],
    }


def _table(read: list[ColumnRead], errors: list[HeaderError], file: str, lang: Lang) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=text(lang, "c_title"), title_justify="left")
    for key in ("c_column", "c_field", "c_month", "c_unit", "c_note"):
        table.add_column(text(lang, key), overflow="fold")
    problems = {header for error in errors for header in error.columns}
    for r in read:
        field, month = _parts(r.column)
        style = "red" if r.header in problems else None
        table.add_row(printable(r.header), field, month, r.unit or "", r.note, style=style)
    console = Console(highlight=False)
    console.print(table)
    err = Console(stderr=True, highlight=False)
    for error in errors:
        err.print(header_error_line(error, lang), markup=False, style="red", soft_wrap=True)
    done = text(lang, "c_problems", count=len(errors)) if errors else text(lang, "c_ok", file=file)
    err.print(done, markup=False, soft_wrap=True)


def _save(target: Path, read: list[ColumnRead], errors: list[HeaderError], input_path: Path | None,
          lang: Lang) -> None:  # fmt: skip
    """The map of every column (``note`` for those that feed no field); only when every column is read."""
    if errors:
        fail(text(lang, "c_problems", count=len(errors)))
    if input_path is not None and same_file(target, input_path):
        fail(text(lang, "f_output_is_input", flag="--save", path=target))
    data = column_map_json({r.header: r.column or NOTE for r in read if r.header.strip()}).encode("utf-8")
    try:
        with atomic_binary_file(target) as stream:
            stream.write(data)
    except OSError as error:
        fail(text(lang, "f_write_failed", flag="--save", path=target, reason=error.strerror or error), DATA)
    say(text(lang, "c_saved", path=target))
