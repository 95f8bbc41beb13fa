"""The CSV dialect: delimiter and decimal separator.

Python's own sniffer picks wrong delimiters (cpython #119123), so candidates are
restricted to ``,`` ``;`` and tab and checked against the header: the delimiter is
the candidate that splits the header into the most cells and splits the first
rows into the same number. The decimal separator follows the numbers in the
sample: Latvian Excel writes ``;`` and a decimal comma; a ``,``-delimited file can
only use a decimal point.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from asistents.core.decimals import NUMBER

CANDIDATES = (";", ",", "\t")


def _decimal_number(cell: str, separator: str) -> bool:
    """A number with decimals written with ``separator`` (``12,5``; not ``12``)."""
    cleaned = cell.strip()
    return separator in cleaned and NUMBER[separator].fullmatch(cleaned) is not None


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    decimal: str


def _rows(sample: str, delimiter: str, limit: int = 50) -> list[list[str]]:
    lines = sample.splitlines()
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the last line of a sample may be cut short
    reader = csv.reader(io.StringIO("\n".join(lines[:limit])), delimiter=delimiter)
    try:
        return [row for row in reader if row]
    except csv.Error:
        return []


def sniff_delimiter(sample: str, known: Callable[[list[str]], int] | None = None) -> str:
    """The candidate that splits the header into the most cells and the rows after it alike.

    ``known`` counts the cells of a row that name known columns: then the header is the first
    row within the first 20 that names two (title lines may stand above it), and the candidate
    under which the header names the most known columns wins."""
    best, best_score = ",", (0, 0, 0)
    for candidate in CANDIDATES:
        rows = _rows(sample, candidate)
        if not rows:
            continue
        named = 0
        if known is not None:  # title lines (naming no known column) may stand above the header
            for at, row in enumerate(rows[:20]):
                named = known(row)
                if named >= 2:
                    rows = rows[at:]
                    break
                if named:
                    named = 0
                    break
            else:
                named = 0
        width = len(rows[0])
        consistent = sum(1 for row in rows[1:] if len(row) == width)
        score = (named, width, consistent) if width > 1 else (0, 0, 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


def sniff_decimal(sample: str, delimiter: str) -> str:
    if delimiter == ",":
        return "."
    commas = points = 0
    for row in _rows(sample, delimiter)[1:]:
        for cell in row:
            commas += _decimal_number(cell, ",")
            points += _decimal_number(cell, ".")
    if points > commas:
        return "."
    if commas:
        return ","
    return "," if delimiter == ";" else "."


def sniff(
    sample: str,
    delimiter: str | None = None,
    decimal: str | None = None,
    known: Callable[[list[str]], int] | None = None,
) -> CsvDialect:
    """The dialect of ``sample``; an explicit delimiter or decimal separator wins."""
    chosen = delimiter or sniff_delimiter(sample, known)
    return CsvDialect(chosen, decimal or sniff_decimal(sample, chosen))
