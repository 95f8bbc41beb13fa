"""Choosing and describing ``batch``'s output: its format (from the output format registry),
whether stdout may take it, its provenance."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, BinaryIO

from asistents.about import source_date
from asistents.cli.errors import fail
from asistents.i18n import Lang, text
from asistents.io.formats import WORKBOOK_FORMATS, format_from_name
from asistents.io.readers import ndjson_columns
from asistents.io.source import Detected
from asistents.render.registry import BY_NAME, FormatSpec


def format_of(output: str | None, formats: Sequence[FormatSpec]) -> FormatSpec | None:
    """The format whose suffixes ``-o FILE`` ends with (``results.xlsx`` asks for a workbook).

    Raises ValueError for a workbook suffix the readers know but no format writes (``.ods``).
    """
    if output is None or output == "-":
        return None
    suffix = Path(output).suffix.lower()
    chosen = next((spec for spec in formats if suffix in spec.suffixes), None)
    if chosen is None and suffix and format_from_name(suffix) in WORKBOOK_FORMATS:
        raise ValueError(suffix)  # a workbook this program does not write
    return chosen


def output_for(detected: Detected) -> FormatSpec:
    """The input's own format; a workbook (xlsx, xls, ods) gives an xlsx workbook."""
    return BY_NAME["xlsx" if detected.format in WORKBOOK_FORMATS else detected.format]


def refuse_binary_to_terminal(spec: FormatSpec, to_terminal: bool, lang: Lang) -> None:
    """A binary format is never written to a terminal (a pipe or a file is fine)."""
    if spec.binary and to_terminal:
        fail(text(lang, "f_binary_to_terminal", format=spec.name))


def provenance(source: BinaryIO, file: str) -> tuple[str, str, datetime]:
    """The input's name and SHA-256 and the run's date (``SOURCE_DATE_EPOCH`` when set, for reproducible files)."""
    digest = hashlib.sha256()
    position = source.tell()
    source.seek(0)
    while chunk := source.read(1 << 20):
        digest.update(chunk)
    source.seek(position)
    fixed = source_date()
    name = "stdin" if file == "-" else Path(file).name
    return name, digest.hexdigest(), fixed.replace(tzinfo=None) if fixed is not None else datetime.now()


def is_terminal(stream: IO[str] | None) -> bool:
    """``stream.isatty()``; a closed or missing stream is no terminal."""
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def ndjson_columns_of(source: BinaryIO, detected: Detected) -> tuple[str, ...]:
    """NDJSON to CSV: a first pass finds every key, since a CSV header comes first."""
    start = source.tell()
    source.seek(0)
    try:
        return ndjson_columns(source, detected.encoding)
    finally:
        source.seek(start)
