"""Input columns: the header names of the field registry (English, then Latvian).

Headers are matched case-insensitively and without regard to diacritics, spaces,
dashes or trailing dots ("Vidēji", "VIDEJI" and "videji" are the same column).
``--column avg=Header`` maps any header to a field and wins over the aliases.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from asistents.core.fields import BY_COLUMN, BY_NAME, CLAIMED_PREFIX, COLUMN_NAMES, FIELDS
from asistents.io.numbers import day_header, month_header
from asistents.io.source import HeaderMap

#: A unit at the end of a header: in parentheses (``(h)``, ``(st.)``, ``(EUR)``) or
#: after a comma (``, h``): it says how the column is counted, not what it is.
_UNIT = re.compile(r"\s*(?:\([^()]*\)|,\s*(?:h|st|st\.|stundas|stundās|eur|euro|€))\s*$", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[\W_]+")
#: The header is looked for in this many first lines (rows): title lines may stand above it.
HEADER_SEARCH_ROWS = 20


#: A unit of money at the end of a header: ``(EUR)``, ``, €``, ``EUR``.
_MONEY = re.compile(r"(?:\(\s*(?:eur|euro|€)\s*\)|,\s*(?:eur|euro|€)|\s(?:eur|euro|€))\s*$", re.IGNORECASE)


def is_money(header: str) -> bool:
    """The header's unit is euro: such a column is money, never hours (README "Your register")."""
    return _MONEY.search(header.strip()) is not None


def normalise(header: str) -> str:
    """Lower case, no diacritics, no unit; any run of spaces and punctuation as one underscore.

    ``Vidēji (h)``, ``VIDEJI`` and ``vidēji, h`` are one column; ``Nr.p.k.`` is ``nr_p_k``.
    """
    text = _UNIT.sub("", header.strip())
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _PUNCTUATION.sub("_", plain).strip("_")


_LOOKUP: dict[str, str] = {
    normalise(alias): column.name for field in FIELDS for column in field.columns for alias in column.aliases
}
#: A header in euro feeds only a field counted in euro: its own aliases, and the words of the hours
#: field it is the euro twin of (``Izmaksāts (EUR)`` is paid in euro, ``Izmaksāts (h)`` paid hours).
_MONEY_LOOKUP: dict[str, str] = {
    normalise(alias): field.columns[0].name
    for field in FIELDS
    if field.kind == "euro"
    for source in (field, *(BY_NAME[name] for name in field.euro_of))
    for column in source.columns
    for alias in column.aliases
}


def known_column(cell: str) -> str | None:
    """The register column a header names by the registry's aliases, its unit deciding (None: none)."""
    if is_money(cell):
        return _MONEY_LOOKUP.get(normalise(_MONEY.sub("", cell.strip())))
    return _LOOKUP.get(normalise(cell))


#: The fields a whole emergency's register gives month by month (``used 2020-03``, ``Apmaksāts aprīlis (h)``).
MONTHLY_FIELDS = frozenset({"used", "paid", "paid_eur", "resumed"})
#: A month-headed column's key: ``used@2020-03``; ``used@--03`` when the header names no year;
#: ``month@2019-12`` for a bare month (the hours used in it: a month before the emergency).
MONTH_MARK = "@"
BARE_MONTH = "month"


def month_key(name: str, year: int | None, month: int) -> str:
    return f"{name}{MONTH_MARK}{'--' if year is None else f'{year:04d}-'}{month:02d}"


def split_month_key(key: str) -> tuple[str, int | None, int] | None:
    """``used@2020-03`` -> ``("used", 2020, 3)``; ``("used", None, 3)`` for ``used@--03``; None: not one."""
    name, mark, when = key.partition(MONTH_MARK)
    if not mark:
        return None
    year, _, month = when.rpartition("-")
    return name, (int(year) if year.strip("-") else None), int(month)


def is_emergency_register(keys: Iterable[str]) -> bool:
    """The columns give figures month by month (``used 2020-03``): a whole emergency's register."""
    return any((split := split_month_key(key)) is not None and split[0] != BARE_MONTH for key in keys)


def month_column(cell: str) -> str | None:
    """The key of a header that names a month: a monthly field and its month (``Izmantots marts (h)``,
    ``izmaksāts 04.2020 (EUR)``, ``resumed 2020-05``) or a bare month (``2019. gada decembris``)."""
    bare = month_header(cell)
    if bare is not None:
        return month_key(BARE_MONTH, *bare)
    money = is_money(cell)
    words = _UNIT.sub("", cell.strip()).split()
    for k in range(1, len(words)):
        month = month_header(" ".join(words[k:]))
        if month is None:
            continue
        name = known_column(" ".join(words[:k]) + (" (EUR)" if money else ""))
        return month_key(name, *month) if name in MONTHLY_FIELDS else None
    return None


class ColumnMappingError(ValueError):
    """A ``--column`` option that cannot be used (a usage error): a message key and its parameters."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_column_options(options: Sequence[str]) -> dict[str, str]:
    """``["avg=Vidēji"]`` -> ``{"avg": "Vidēji"}``."""
    mapping: dict[str, str] = {}
    for option in options:
        name, sep, header = option.partition("=")
        name = name.strip()
        if not sep or not header.strip():
            raise ColumnMappingError("u_column_form", option=option)
        if name not in BY_COLUMN:
            raise ColumnMappingError("u_column_field", option=option, name=name, fields=", ".join(COLUMN_NAMES))
        mapping[name] = header
    return mapping


def map_header(header: Sequence[str], explicit: Mapping[str, str] | None = None) -> HeaderMap:
    """Match the header cells to fields; ``explicit`` (``--column``) wins."""
    explicit = explicit or {}
    by_header = {normalise(h): name for name, h in explicit.items()}
    index: dict[str, int] = {}
    seen: dict[str, list[str]] = {}
    claimed_days: dict[str, list[str]] = {}
    months: dict[str, list[tuple[int, str]]] = {}
    for i, cell in enumerate(header):
        key = normalise(cell)
        name = by_header.get(key) or (None if key in by_header else known_column(cell))
        if name is None and key not in by_header and (day := day_header(cell)) is not None:
            name = f"{CLAIMED_PREFIX}{day}"  # a column of hours claimed on that day
        if name is None and key not in by_header and (month := month_column(cell)) is not None:
            months.setdefault(month, []).append((i, cell))
            continue
        if name is None or (name in explicit and normalise(explicit[name]) != key):
            continue
        if name.startswith(CLAIMED_PREFIX):  # the same day in two columns is an error naming both
            claimed_days.setdefault(name, []).append(cell)
            index.setdefault(name, i)
            continue
        seen.setdefault(name, []).append(cell)
        index.setdefault(name, i)
    if is_emergency_register(months):
        # A whole emergency's register (README "A whole emergency over a register"): every month-headed
        # column is its month's, the bare months too (the months before the emergency).
        for month, cells in months.items():
            index[month] = cells[0][0]
            if len(cells) > 1:
                claimed_days[month] = [cell for _, cell in cells]
    else:
        _three_months(header, index, seen, by_header)
    # A column given twice is an error only where it feeds the calculation: two identifier
    # columns (Nr.p.k. and Klienta Nr.) are fine, the first one identifies the row.
    duplicates = {
        name: cells for name, cells in seen.items() if len(cells) > 1 and BY_COLUMN[name].attribute is not None
    }
    duplicates.update({name: cells for name, cells in claimed_days.items() if len(cells) > 1})
    return HeaderMap(index=index, duplicates=duplicates)


def _three_months(
    header: Sequence[str], index: dict[str, int], seen: dict[str, list[str]], explicit: Mapping[str, str]
) -> None:
    """Three headers named by their month (``Marts (h)``, ``Aprīlis``, ``Maijs`` or ``2020-03``) are the
    three months ``m1``-``m3``, oldest first when their months say so, else in the header's order. Not when
    the register names the months otherwise, and not for more or fewer than three month headers (a whole
    emergency's register has many: those are not the three months before one period)."""
    if any(name in index for name in ("m1", "m2", "m3")) or explicit:
        return
    found = [(i, month) for i, cell in enumerate(header) if (month := month_header(cell)) is not None]
    if len(found) != 3 or any(i in index.values() for i, _ in found):
        return
    years = [month[0] for _, month in found]
    if all(year is not None for year in years):
        found.sort(key=lambda item: (item[1][0] or 0, item[1][1]))
    elif all(year is None for year in years):
        numbers = [month[1] for _, month in found]
        # Calendar order across a new year (November, December, January), when the three follow each other.
        for turn in range(3):
            ordered = numbers[turn:] + numbers[:turn]
            if all((b - a) % 12 == 1 for a, b in itertools.pairwise(ordered)):
                found = found[turn:] + found[:turn]
                break
    for name, (i, _) in zip(("m1", "m2", "m3"), found, strict=True):
        index[name] = i
        seen[name] = [header[i]]
