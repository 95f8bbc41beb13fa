"""One-line texts for input errors and warnings, in the user's language."""

from __future__ import annotations

from asistents.core.errors import InputError
from asistents.core.models import Notice
from asistents.i18n import Lang, text

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


def error_line(error: InputError, lang: Lang, names: dict[str, str] | None = None) -> str:
    """``--avg 'abc': is not a number of hours ...``: field, value and reason."""
    field = (names or FLAG_NAMES).get(error.field, error.field)
    message = text(lang, error.code, **error.params)
    if error.code in _STANDALONE:
        return f"{field}: {message}"
    return f"{field} '{error.value}': {message}"


def notice_line(notice: Notice, lang: Lang) -> str:
    return text(lang, notice.code, **notice.params)


#: How each input field is called in a register's header (``batch``).
COLUMN_NAMES: dict[str, str] = {name: name for name in FLAG_NAMES if name != "months"}
COLUMN_NAMES["months"] = "m1-m3"


def record_error_line(line: int, error: InputError, lang: Lang) -> str:
    """``line 7: avg 'abc': is not a number ...`` for an error row of ``batch``."""
    return text(lang, "row_error", line=line, message=error_line(error, lang, COLUMN_NAMES))
