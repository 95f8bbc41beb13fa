"""Input columns: the header names of the field registry (English, then Latvian).

Headers are matched case-insensitively and without regard to diacritics, spaces,
dashes or trailing dots ("Vidēji", "VIDEJI" and "videji" are the same column).
``--column avg=Header`` maps any header to a field and wins over the aliases.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

from asistents.core.errors import InputError
from asistents.core.fields import BY_COLUMN, CLAIMED_PREFIX, COLUMN_NAMES, FIELDS, RESULT_MARKS, RESULT_MONTH
from asistents.io import headers
from asistents.io.headers import Reading, plain
from asistents.io.numbers import day_header, parse_month
from asistents.io.source import HeaderMap

#: A unit at the end of a header: in parentheses (``(h)``, ``(st.)``, ``(EUR)``) or
#: after a comma (``, h``): it says how the column is counted, not what it is.
_UNIT = re.compile(r"\s*(?:\([^()]*\)|,\s*(?:h|st|st\.|stundas|stundās|eur|euro|eiro|€))\s*$", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[\W_]+")
#: The header is looked for in this many first lines (rows): title lines may stand above it.
HEADER_SEARCH_ROWS = 20


def normalise(header: str) -> str:
    """Lower case, no diacritics, no unit; any run of spaces and punctuation as one underscore.

    ``Vidēji (h)``, ``VIDEJI`` and ``vidēji, h`` are one column; ``Nr.p.k.`` is ``nr_p_k``.
    """
    return _PUNCTUATION.sub("_", plain(_UNIT.sub("", header.strip()))).strip("_")


#: Punctuation that does not separate what a header says: ``€`` and ``%`` are units, kept.
_KEY_PUNCTUATION = re.compile(r"(?:[^\w€%]|_)+")


def header_key(header: str) -> str:
    """A header as ``--column`` and a saved column map match it: as :func:`normalise`, the unit kept
    (``Izmaksāts (EUR)``, ``Izmaksāts (€)`` and ``Izmaksāts (h)`` are three columns)."""
    return _KEY_PUNCTUATION.sub("_", plain(header.strip())).strip("_")


#: The fields read by their whole header (names, codes: never a figure), and the three months' own
#: columns (``1. mēnesis``, ``m2``). Every other field is read by the grammar (:mod:`asistents.io.headers`).
_WHOLE = frozenset(f.name for f in FIELDS if f.kind == "text") | {"months"}
_LOOKUP: dict[str, str] = {
    normalise(alias): column.name
    for field in FIELDS
    if field.name in _WHOLE
    for column in field.columns
    for alias in column.aliases
}
#: Those of them that hold figures (hours): ``m1``-``m3`` and ``months``.
_WHOLE_FIGURES = frozenset(c.name for f in FIELDS if f.name == "months" for c in f.columns)
#: ``--column note=Header``: the column is a note, copied to the output and never read as a figure.
NOTE = "note"
#: A column map's ``"01.06.2020": "claimed"``: a column of hours claimed on the day its header is.
CLAIMED_DAY = "claimed"

MONTHLY_FIELDS = headers.MONTHLY_FIELDS
#: A month-headed column's key: ``used@2020-03``; ``used@--03`` when the header names no year;
#: ``month@2019-12`` for a bare month (the hours used in it: a month before the emergency).
MONTH_MARK = "@"
BARE_MONTH = headers.BARE_MONTH


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


def read_column(cell: str, grammar: headers.Grammar = headers.GRAMMAR) -> tuple[str | None, Reading]:
    """The register column a header names (``avg``, ``used@--03``, ``month@2019-12``; None: none) and
    the grammar's reading of it, which says why not when the header could be a figure."""
    if (name := _LOOKUP.get(normalise(cell))) is not None:
        if name in _WHOLE_FIGURES:  # the three months' own columns count hours: units decide here too
            wrong = next((unit for unit in grammar.parts(cell).units if unit != "h"), None)
            if wrong is not None:
                return None, Reading(problem="h_unit", detail=wrong, guess=name)
        return name, Reading(field=name)
    reading = grammar.read(cell)
    if reading.field is None:
        return None, reading
    if reading.month is not None:
        return month_key(reading.field, *reading.month), reading
    if reading.field == BARE_MONTH:  # unreachable: a bare month always has its month
        return None, reading
    return reading.field, reading


def known_column(cell: str) -> str | None:
    """The register column a header names, or None (also for a header that cannot be read whole)."""
    return read_column(cell)[0]


class ColumnMappingError(ValueError):
    """A ``--column`` option that cannot be used (a usage error): a message key and its parameters."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_column_options(options: Sequence[str]) -> dict[str, str]:
    """``["avg=Vidēji", "used 2020-03=Izm. marts (h)", "note=Piezīmes"]`` -> each header and the register
    column it feeds (``avg``, ``used@2020-03``, ``note``). A month field takes its month as ``2020-03`` or
    ``03.2020``; ``month 2019-12`` is a month before the emergency; ``note`` copies a column unread."""
    mapping: dict[str, str] = {}
    for option in options:
        name, sep, header = option.partition("=")
        if not sep or not header.strip():
            raise ColumnMappingError("u_column_form", option=option)
        mapping[header] = option_column(option, " ".join(name.split()))
    return mapping


def option_text(column: str) -> str:
    """A register column as ``--column`` and a column map write it: ``avg``, ``used 2020-03``, ``claimed``."""
    if column.startswith(CLAIMED_PREFIX):
        return CLAIMED_DAY
    split = split_month_key(column)
    if split is None:
        return column
    name, year, month = split
    return f"{name} {month:02d}" if year is None else f"{name} {year:04d}-{month:02d}"


def option_column(option: str, name: str) -> str:
    """The register column ``name`` (``avg``, ``used 2020-03``, ``note``) of ``option`` says; raises
    :class:`ColumnMappingError` when it names none."""
    field, _, month = name.partition(" ")
    if month:
        if field not in MONTHLY_FIELDS | {BARE_MONTH}:
            fields = ", ".join(sorted(MONTHLY_FIELDS | {BARE_MONTH}))
            raise ColumnMappingError("u_column_month_field", option=option, name=field, fields=fields)
        try:
            first = parse_month("--column", month)
        except InputError:
            raise ColumnMappingError("u_column_month", option=option, month=month) from None
        return month_key(field, first.year, first.month)
    if name not in BY_COLUMN and name not in (NOTE, CLAIMED_DAY):
        fields = ", ".join((*COLUMN_NAMES, NOTE, *(f"{f} YYYY-MM" for f in sorted(MONTHLY_FIELDS | {BARE_MONTH}))))
        raise ColumnMappingError("u_column_field", option=option, name=name, fields=fields)
    return name


def map_header(header: Sequence[str], explicit: Mapping[str, str] | None = None) -> HeaderMap:
    """Match the header cells to register columns; ``explicit`` (header -> column: ``--column``, a saved
    column map) wins.

    Nothing that could be a figure is dropped (README "How headers are read"): a header the grammar
    cannot read whole is a problem, and two columns read as one field (and month) are duplicates."""
    by_header = {header_key(h): name for h, name in (explicit or {}).items()}
    seen: dict[str, list[tuple[int, str]]] = {}
    problems: dict[int, Reading] = {}
    for i, cell in enumerate(header[: _results_at(header)]):
        name: str | None
        if (name := by_header.get(header_key(cell))) is not None and name != CLAIMED_DAY:
            if name == NOTE:
                continue
        elif (day := day_header(cell)) is not None:
            name = f"{CLAIMED_PREFIX}{day}"  # a column of hours claimed on that day
        else:
            name, reading = read_column(cell)
            if reading.problem is not None:
                problems[i] = reading
        if name is not None:
            seen.setdefault(name, []).append((i, cell))
    three: tuple[tuple[int | None, int], ...] = ()
    if not is_emergency_register(seen):
        three = _three_months(seen, problems)
    # A column given twice is an error only where it feeds the calculation: two identifier
    # columns (Nr.p.k. and Klienta Nr.) are fine, the first one identifies the row.
    duplicates = {
        name: [cell for _, cell in cells]
        for name, cells in seen.items()
        if len(cells) > 1 and (name not in BY_COLUMN or BY_COLUMN[name].attribute is not None)
    }
    return HeaderMap({name: cells[0][0] for name, cells in seen.items()}, duplicates, problems, three)


def _results_at(header: Sequence[str]) -> int:
    """Where the tool's own results begin in ``header`` (its ``line``, ``status``, ``error`` columns in a
    row); the header's length when it holds none (:data:`RESULT_MARKS`)."""
    keys = [header_key(cell) for cell in header]
    for i in range(len(keys) - 2):
        if tuple(keys[i : i + 3]) in RESULT_MARKS:
            return i - 1 if i and keys[i - 1] in RESULT_MONTH else i
    return len(keys)


#: Month-headed columns: (column index, (year or None, month)).
Named = list[tuple[int, tuple[int | None, int]]]


def _three_months(
    seen: dict[str, list[tuple[int, str]]], problems: dict[int, Reading]
) -> tuple[tuple[int | None, int], ...]:
    """In a one-month register, three headers named by their month alone (``Marts (h)``, ``Aprīlis``,
    ``Maijs`` or ``2020-03``) are the three months ``m1``-``m3`` in calendar order, whatever their order in
    the header (across a new year too: November, December, January). Any other number of them, months that
    are not three in a row, or months beside ``m1``-``m3``, cannot be read whole: each is a problem, never
    left out. Returns the months named, ``m1`` first (the run checks them against its period)."""
    bare: Named = []
    for key in list(seen):  # the bare months leave ``seen``: they become m1-m3, or problems
        split = split_month_key(key)
        if split is not None and split[0] == BARE_MONTH:
            bare.append((seen.pop(key)[0][0], split[1:]))
    bare.sort()
    if not bare:
        return ()
    found = _in_a_row(bare) if len(bare) == 3 and not any(name in seen for name in ("m1", "m2", "m3")) else None
    if found is None:
        code = "h_months_not_in_a_row" if len(bare) == 3 else "h_bare_months"
        for i, _ in bare:
            problems[i] = Reading(problem=code, detail=str(len(bare)), guess="m1")
        return ()
    for name, (i, _) in zip(("m1", "m2", "m3"), found, strict=True):
        seen[name] = [(i, "")]
    return tuple(month for _, month in found)


def _in_a_row(named: Named) -> Named | None:
    """Three months (column, (year or None, month)) in calendar order, when they are three in a row."""
    years = {year is None for _, (year, _) in named}
    if len(years) > 1:  # some with a year, some without: not one reading
        return None
    ordered = sorted(named, key=lambda item: (item[1][0] or 0, item[1][1]))
    for turn in range(3):  # without years, December may come before January
        candidate = ordered[turn:] + ordered[:turn]
        index = [(year or 0) * 12 + month for _, (year, month) in candidate]
        steps = [(b - a) % 12 if years == {True} else b - a for a, b in itertools.pairwise(index)]
        if steps == [1, 1]:
            return candidate
    return None
