"""One-line texts for input errors and warnings, in the user's language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from asistents.core.errors import InputError
from asistents.core.models import Notice
from asistents.i18n import Lang, day, number, text

#: How each input field is called on the command line.
FLAG_NAMES: dict[str, str] = {
    "avg": "--avg",
    "months": "--months",
    "m1": "--months",
    "m2": "--months",
    "m3": "--months",
    "used": "--used",
    "weekly": "--weekly",
    "used_week_before": "--used-week-before",
    "used_week_after": "--used-week-after",
    "daily_max": "--daily-max",
    "step": "--step",
    "rate": "--rate",
    "start": "--start",
    "end": "--end",
}

# Codes whose message is a sentence of its own, not a remark on the value.
_STANDALONE = {"avg_and_months", "avg_or_months_required", "missing_column"}


def printable(value: object) -> str:
    """``value`` on one line: control characters shown as escapes (``\\n``), letters kept."""
    shown = str(value)
    if shown.isprintable():
        return shown
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in shown)


def error_line(error: InputError, lang: Lang, names: dict[str, str] | None = None) -> str:
    """``--avg 'abc': is not a number of hours ...``: field, value and reason."""
    field = (names or FLAG_NAMES).get(error.field, error.field)
    message = text(lang, error.code, **localised(error.params, lang))
    if error.code in _STANDALONE:
        return f"{field}: {message}"
    return f"{field} '{printable(error.value)}': {message}"


def notice_line(notice: Notice, lang: Lang) -> str:
    return text(lang, notice.code, **localised(notice.params, lang))


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def localised(params: Mapping[str, object], lang: Lang) -> dict[str, object]:
    """Dates and numbers in a message's parameters as the language writes them.

    Parameters travel as ISO dates and plain decimals (that is how JSON carries
    them); only the human text shows ``01.06.2020.`` and ``5,5`` in Latvian.
    """
    shown: dict[str, object] = {}
    for key, value in params.items():
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            value = day(date.fromisoformat(value), lang)
        elif isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
            value = number(Decimal(value), lang)
        shown[key] = value
    return shown


#: How each input field is called in a register's header (``batch``).
COLUMN_NAMES: dict[str, str] = {name: name for name in FLAG_NAMES if name != "months"}
COLUMN_NAMES["months"] = "m1-m3"


def record_error_line(line: int, error: InputError, lang: Lang) -> str:
    """``line 7: avg 'abc': is not a number ...`` for an error row of ``batch``."""
    return text(lang, "row_error", line=line, message=error_line(error, lang, COLUMN_NAMES))
