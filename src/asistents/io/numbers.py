"""Numbers and dates as people type them, turned into exact values.

Only ASCII digits with one optional decimal separator are accepted: no signs, no
exponents, no thousands separators, no NaN or infinity. "1.234,5" or "1,234" are
errors, never guesses (csvkit and beancount both once read "1,2" as 12).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from asistents.core.decimals import NUMBER
from asistents.core.errors import InputError

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
#: As Latvians write dates: 01.06.2020, 01.06.2020. (with the ordinal dot), 1.6.2020.
_LATVIAN_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\.?")
_NON_FINITE = {"nan", "snan", "inf", "infinity", "+inf", "-inf", "+infinity", "-infinity", "-nan"}


def parse_decimal(field: str, text: str, decimal_sep: str = ".") -> Decimal:
    """Parse a non-negative number written with ``decimal_sep`` (``.`` or ``,``)."""
    cleaned = text.strip()
    if not cleaned:
        raise InputError(field, text, "empty")
    if NUMBER[decimal_sep].fullmatch(cleaned):
        return Decimal(cleaned.replace(",", "."))
    if any(ch.isdigit() and not ch.isascii() for ch in cleaned):
        raise InputError(field, text, "not_ascii_digits")
    if cleaned.lower() in _NON_FINITE:
        raise InputError(field, text, "not_finite")
    if cleaned.startswith("-") and NUMBER[decimal_sep].fullmatch(cleaned[1:]):
        raise InputError(field, text, "negative")
    other = "," if decimal_sep == "." else "."
    if NUMBER[other].fullmatch(cleaned):
        raise InputError(field, text, "wrong_decimal_separator", sep=decimal_sep)
    raise InputError(field, text, "not_a_number", sep=decimal_sep)


def parse_date(field: str, text: str) -> date:
    """A date that exists, as ISO (2020-06-01) or as Latvians write it (01.06.2020[.], 1.6.2020).

    No other forms: day and month are never guessed (01/06/2020 is refused).
    """
    cleaned = text.strip()
    if match := _ISO_DATE.fullmatch(cleaned):
        year, month, day = match[1], match[2], match[3]
    elif match := _LATVIAN_DATE.fullmatch(cleaned):
        day, month, year = match[1], match[2], match[3]
    else:
        raise InputError(field, text, "not_a_date")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise InputError(field, text, "no_such_date") from None


#: Yes/no as registers write them; PATIESS/APLAMS are Latvian Excel's TRUE/FALSE.
_TRUE = {"1", "true", "patiess", "yes", "y", "x", "jā", "ja", "j", "+"}
_FALSE = {"", "0", "false", "aplams", "no", "n", "nē", "ne", "-"}


def parse_flag(field: str, text: str) -> bool:
    """A yes/no cell: 1/0, TRUE/FALSE, PATIESS/APLAMS, yes/no, jā/nē, j/n, x or empty."""
    cleaned = text.strip().lower()
    if cleaned in _TRUE:
        return True
    if cleaned in _FALSE:
        return False
    raise InputError(field, text, "not_a_flag")


#: Latvian month names and their usual abbreviations (diacritics dropped); no other word is a month.
_MONTHS = {
    word: number
    for number, words in enumerate(
        # Abbreviations, the name, and the name "in" (1. jūnijā: the locative a date is written in).
        (("jan", "janv", "janvaris", "janvari"), ("feb", "febr", "februaris", "februari"), ("mar", "marts", "marta"),
         ("apr", "aprilis", "aprili"), ("mai", "maijs", "maija"), ("jun", "junijs", "junija"),
         ("jul", "julijs", "julija"), ("aug", "augusts", "augusta"), ("sep", "sept", "septembris", "septembri"),
         ("okt", "oktobris", "oktobri"), ("nov", "novembris", "novembri"), ("dec", "decembris", "decembri")),
        start=1,
    )
    for word in words
}  # fmt: skip
_DAY_MONTH = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.?")
#: A header's unit ("01.06.2020 (h)") and a time of day a date cell carries ("2020-06-01 00:00:00").
_HEADER_UNIT = re.compile(r"\s*\([^()]*\)\s*$")
_MIDNIGHT = re.compile(r"\s+00:00(?::00)?$")
_DAY_MONTH_NAME = re.compile(r"([0-9]{1,2})\.\s*([^\W\d_]+)\.?", re.UNICODE)


def day_header(text: str) -> str | None:
    """A register header that names a day: ``YYYY-MM-DD``, or ``--MM-DD`` when it has no year.

    The forms: ISO (``2020-06-01``), as Latvians write dates (``01.06.2020``,
    ``01.06.2020.``, ``1.6.2020``), without the year (``01.06.``), or with the month
    in words (``1. jūn.``, ``1. jūnijs``). None when the header is not a day.
    """
    import unicodedata

    cleaned = _MIDNIGHT.sub("", _HEADER_UNIT.sub("", text.strip()))
    try:
        return parse_date("header", cleaned).isoformat()
    except InputError:
        pass
    month_day: tuple[int, int] | None = None
    if match := _DAY_MONTH.fullmatch(cleaned):
        month_day = int(match[2]), int(match[1])
    elif match := _DAY_MONTH_NAME.fullmatch(cleaned):
        word = "".join(c for c in unicodedata.normalize("NFKD", match[2].lower()) if not unicodedata.combining(c))
        if word in _MONTHS:
            month_day = _MONTHS[word], int(match[1])
    if month_day is None:
        return None
    month, day = month_day
    try:
        date(2020, month, day)  # a leap year: 29.02. is a day
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


def parse_month(field: str, text: str) -> date:
    """A calendar month as ``2020-03`` or ``03.2020`` (its first day); anything else names the field.

    Only these two forms, so that a month and a day are never mistaken for each other."""
    cleaned = text.strip()
    for sep, year_first in (("-", True), (".", False)):
        parts = cleaned.split(sep)
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            year, month = (parts[0], parts[1]) if year_first else (parts[1], parts[0])
            if len(year) == 4 and len(month) <= 2 and 1 <= int(month) <= 12:
                if int(year) < 1:  # 0000-03 is written as a month, but no calendar has it: of no emergency
                    raise InputError(field, text, "month_of_no_emergency")
                return date(int(year), int(month), 1)
    raise InputError(field, text, "not_a_month")
