"""One-line texts for input errors and warnings, in the user's language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from asistents.core.errors import InputError
from asistents.core.fields import FIELDS
from asistents.core.models import ClaimReason, Notice
from asistents.i18n import Lang, catalogue, day, number, text
from asistents.io.headers import Reading
from asistents.register.header_check import HeaderError

#: How each input is called on the command line (``m2`` is part of ``--months``).
FLAG_NAMES: dict[str, str] = {f.name: f.flag for f in FIELDS} | {c.name: f.flag for f in FIELDS for c in f.columns}
#: How each input is called in a register's header (``batch``).
COLUMN_NAMES: dict[str, str] = {"months": "m1-m3"} | {c.name: c.name for f in FIELDS for c in f.columns}

# Codes whose message is a sentence of its own, not a remark on the value.
_STANDALONE = {"avg_or_months_required", "used_required", "before_required"}
# Codes about the whole row: the message says it all, with the value in it.
_WHOLE_ROW = {
    "missing_columns",
    "totals_row",
    "totals_formula",
    "no_identity",
    "blank_row",
    "headers_span_months",
    "months_fit_no_emergency",
    "months_not_of_emergency",
    "months_fit_both",
    "missing_months",
}


def printable(value: object) -> str:
    """``value`` on one line: control characters shown as escapes (``\\n``), letters kept."""
    shown = str(value)
    if shown.isprintable():
        return shown
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in shown)


def localised(params: Mapping[str, object], lang: Lang) -> dict[str, object]:
    """A message's typed parameters as the language writes them (``01.06.2020.``, ``5,5``)."""
    shown: dict[str, object] = {}
    for key, value in params.items():
        if isinstance(value, date):
            value = day(value, lang)
        elif isinstance(value, Decimal):
            value = number(value, lang)
        shown[key] = value
    return shown


def error_line(error: InputError, lang: Lang, names: Mapping[str, str] | None = None) -> str:
    """``--avg 'abc': is not a number of hours ...``: field, value and reason."""
    field = (names or FLAG_NAMES).get(error.field, error.field)
    if error.code in _WHOLE_ROW:
        return text(lang, error.code, value=printable(error.value), **localised(error.params, lang))
    message = text(lang, error.code, **localised(error.params, lang))
    if error.code in _STANDALONE:
        return f"{field}: {message}"
    return f"{field} '{printable(error.value)}': {message}"


def notice_line(notice: Notice, lang: Lang, *, page: bool = False) -> str:
    """A warning in words; ``page``: as the signed timesheet says it, with no command-line advice
    (``ts_w_CODE`` where the operator's text names a flag or a column)."""
    key: str = notice.code
    if page and f"ts_w_{key}" in catalogue(lang):
        key = f"ts_w_{key}"
    params = localised(notice.params, lang)
    return single_days(text(lang, key, **params), params)


def single_days(line: str, params: Mapping[str, object]) -> str:
    """A span of one day said as that day: ``30.11.2020.``, not ``30.11.2020.–30.11.2020.`` (``params``:
    the message's, as the language writes them: its ``from`` and ``to``)."""
    first = params.get("from")
    if first is None or first != params.get("to"):
        return line
    shown = str(first)
    return line.replace(f"{shown}–{shown}", shown).replace(f"{shown} – {shown}", shown)


def record_error_line(line: int, error: InputError, lang: Lang, headers: Mapping[str, str] | None = None) -> str:
    """``line 7: Vidēji 'abc': is not a number ...`` for an error row of ``batch``.

    The column is named as the register's header names it (``headers``), else by
    its machine name.
    """
    names = {**COLUMN_NAMES, **headers} if headers else COLUMN_NAMES
    return text(lang, "row_error", line=line, message=error_line(error, lang, names))


def reason_line(reason: ClaimReason, lang: Lang) -> str:
    """``08.06.2020: 2 h above the daily limit of 8 h``: why some claimed hours are not allowed."""
    params = localised(reason.params, lang)
    return single_days(text(lang, f"c_{reason.code}", **params), params)


def problem_text(reading: Reading, lang: Lang) -> str:
    """Why a header cannot be read whole (its grammar reading's problem), as the message says it."""
    return text(lang, reading.problem or "", detail=reading.detail, guess=reading.guess or "")


def header_error_line(error: HeaderError, lang: Lang) -> str:
    """A header that cannot be used, in one line: the column, why, and the ``--column`` that would map it."""
    params = dict(error.params)
    if error.code == "u_header_problem":
        reading = Reading(problem=params["problem"], detail=params["detail"], guess=params["guess"] or None)
        reason = problem_text(reading, lang)
        return text(lang, error.code, header=printable(params["header"]), reason=reason, field=params["field"])
    if error.code == "u_header_twice" and params["month"]:  # bare months are the hours used in them
        field = "used" if params["field"] == "month" else params["field"]
        params["field"] = text(lang, "s_month_column", field=field, month=params["month"])
    return text(lang, error.code, **{k: printable(v) for k, v in params.items()})
