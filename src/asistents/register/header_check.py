"""What a register's header must hold before any row is read (README "How headers are read").

Nothing that could be a figure is guessed or dropped: a header the grammar cannot read whole,
two columns read as the same field (and month), and, in a whole emergency's register, a month
whose hours used have no column, are each a usage error naming the columns, found here once,
before the first row. The command (or the web page) turns them into its one-line message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from asistents.core import rules
from asistents.core.calendar import month_text
from asistents.core.chain import emergency_months
from asistents.io.columns import BARE_MONTH, MONTHLY_FIELDS, split_month_key
from asistents.io.source import HeaderMap
from asistents.register.months import month_meant


@dataclass(frozen=True)
class HeaderError:
    """One reason the header cannot be used: a message code and its parameters (plain text)."""

    code: str
    params: dict[str, str]
    #: The headers it is about (shown in red where the columns are listed).
    columns: tuple[str, ...] = ()


def column_option(field: str | None) -> str:
    """The ``--column`` field that would map a header the grammar pointed to (``FIELD`` when none)."""
    if field is None:
        return "FIELD"
    return f"{field} YYYY-MM" if field in MONTHLY_FIELDS | {BARE_MONTH} else field


def header_errors(
    columns: Sequence[str], header: HeaderMap, emergency: rules.Emergency | None = None, *, per_record: bool = False
) -> list[HeaderError]:
    """Every reason ``header`` (over ``columns``, the header's cells) cannot be used, in column order.
    ``per_record``: the columns are the keys of JSON records, each record checking its own duplicates."""
    errors = [
        HeaderError(
            "u_header_problem",
            {
                "header": columns[i],
                "problem": reading.problem or "",
                "detail": reading.detail,
                "guess": reading.guess or "",
                # A unit that does not fit: the field named is never the suggestion (money is never hours).
                "field": column_option(None if reading.problem == "h_unit" else reading.guess),
            },
            (columns[i],),
        )
        for i, reading in sorted(header.problems.items())
    ]
    for name, cells in () if per_record else header.duplicates.items():
        if emergency is None or split_month_key(name) is None:  # a month's: by the month it means, below
            params = {"headers": _quoted(cells), "field": name, "month": ""}
            errors.append(HeaderError("u_header_twice", params, tuple(cells)))
    if emergency is not None:
        errors += _emergency_errors(columns, header, emergency)
    return errors


def _emergency_errors(columns: Sequence[str], header: HeaderMap, emergency: rules.Emergency) -> list[HeaderError]:
    """A whole emergency's register: two columns meaning one month's figure (``Decembris`` beside
    ``2019-12``; ``Izmantots decembris 2019`` is that month too), and a month with other days whose hours
    used have no column."""
    meant: dict[tuple[str, date], list[str]] = {}
    for key, i in sorted(header.index.items(), key=lambda item: item[1]):
        split = split_month_key(key)
        if split is None:
            continue
        found = month_meant(emergency, *split)
        if found is not None:
            meant.setdefault(found, []).extend(header.duplicates.get(key, [columns[i]]))
    errors = [
        HeaderError(
            "u_header_twice", {"headers": _quoted(cells), "field": name, "month": month_text(month)}, tuple(cells)
        )
        for (name, month), cells in meant.items()
        if len(cells) > 1
    ]
    read = set(header.index.values())
    not_read = _quoted([cell for i, cell in enumerate(columns) if i not in read and cell.strip()]) or "-"
    for month in emergency_months(emergency):
        if month.has_other_days and ("used", month.month) not in meant:
            errors.append(HeaderError("u_used_column_missing", {"month": month_text(month.month), "headers": not_read}))
    return errors


def _quoted(cells: Sequence[str]) -> str:
    return ", ".join(f"'{cell}'" for cell in cells)
