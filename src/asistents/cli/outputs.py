"""Choosing and describing ``batch``'s output: its format, whether stdout may take it, its provenance."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from asistents.about import source_date
from asistents.io.formats import WORKBOOK_FORMATS
from asistents.io.readers import ndjson_columns
from asistents.io.source import Detected
from asistents.render.registry import OutputFormat


def format_of(output: str | None) -> OutputFormat | None:
    """``-o results.xlsx`` asks for a workbook (and ``.csv``, ``.json``, ``.ndjson`` for theirs)."""
    if output is None or output == "-":
        return None
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in ("xls", "xlsb", "ods"):
        raise ValueError(suffix)  # a workbook this program does not write
    aliases = {"jsonl": "ndjson", "tsv": "csv", "xlsm": "xlsx"}
    try:
        return OutputFormat(aliases.get(suffix, suffix))
    except ValueError:
        return None


def output_for(detected: Detected) -> OutputFormat:
    """The input's own format; a workbook (xlsx, xls, ods) gives an xlsx workbook."""
    return OutputFormat.xlsx if detected.format in WORKBOOK_FORMATS else OutputFormat(detected.format)


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


def is_terminal(stream: object) -> bool:
    try:
        return bool(stream is not None and stream.isatty())  # type: ignore[attr-defined]
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
