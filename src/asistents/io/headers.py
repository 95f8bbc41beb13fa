"""A register header read as words: which field, which month, which unit (README "How headers are read").

Clerks name columns in their own words, with declensions, abbreviations and free word order
(``Izmantots marts (h)``, ``Aprīlis apmaksāts (h)``, ``Piešķirtais apjoms nedēļā``,
``Summa aprīlis EUR``). A list of whole headers always misses the next one, so a header is
read as a sentence: each word is a *sense* (used, paid, week, …), a month, a year, a unit or
a filler, from the tables below, and the senses together name one field
(:data:`FIELD_WORDS`). The tables are the grammar; :func:`read_header` is the one reader
over them, and the README's list of words is made from the same tables (a test keeps the
two equal).

The rule this serves (domain brief, "Clerks name columns in their own words"): a column that
could be a figure is read whole or refused by name, never guessed and never dropped. A header
with a field word, a month or a unit that cannot be read whole comes back with a problem;
**units decide**: a header in euro is money and never feeds hours.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Unit = Literal["h", "eur"]

#: The words of each sense, Latvian (without diacritics) and English. A word ending in ``-``
#: is a stem and matches every word it begins (``izmantot-``: izmantots, izmantotās, izmantotas);
#: any other matches only whole (``izm``, the abbreviation ``Izm.``).
SENSES: dict[str, tuple[str, ...]] = {
    "used": ("izmantot-", "izlietot-", "pateret-", "izm", "used"),
    "paid": ("apmaksat-", "samaksat-", "izmaksat-", "apm", "paid", "payment-"),
    "sum": ("summ-", "sum"),
    "grant": ("pieskirt-", "granted", "grant"),
    "volume": ("apjom-",),
    "limit": ("limit-",),
    "week": ("nedel-", "ned", "week", "weekly"),
    "resumed": ("atsak-", "atjaunot-", "resumed"),
    "activity": ("darbib-", "activities", "activity"),
    "average": ("videj-", "vid", "average", "avg", "mean"),
    "before": ("pirms", "before"),
    "after": ("pec", "after"),
    "day": ("dien-", "daily", "day"),
    "max": ("max", "maks-", "maximum"),
    "step": ("solis", "step"),
    "start": ("sakum-", "start"),
    "end": ("beig-", "end"),
    "rate": ("likm-", "rate"),
    "weekend": ("brivdien-", "weekends", "weekend"),
    "without": ("bez", "exclude", "excluding", "without", "no"),
    "history": ("vestur-", "history"),
}

#: The words of each unit: hours, or money (euro).
UNITS: dict[Unit, tuple[str, ...]] = {
    "h": ("h", "st", "stund-", "hours", "hour", "hrs"),
    "eur": ("eur", "euro", "eiro", "€", "euros"),
}

#: The words of each month, Latvian (with the declensions a stem covers: marts, martā, marta) and English.
MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("janvar-", "jan", "janv", "january"),
    2: ("februar-", "feb", "febr", "february"),
    3: ("mart-", "mar", "march"),
    4: ("april-", "apr"),
    5: ("maij-", "mai", "may"),
    6: ("junij-", "jun", "june"),
    7: ("julij-", "jul", "july"),
    8: ("august-", "aug"),
    9: ("septembr-", "sep", "sept", "september"),
    10: ("oktobr-", "okt", "oct", "october"),
    11: ("novembr-", "nov", "november"),
    12: ("decembr-", "dec", "december"),
}

#: Words that say nothing a figure depends on: ``2019. gada decembris``, ``Vidēji mēnesī``, ``stundu skaits``.
FILLERS: tuple[str, ...] = (
    "gada", "gads", "g", "menesi", "menesa", "menesis", "men", "par", "in", "for", "of", "the", "month",
    "skaits", "citas", "other", "days",
)  # fmt: skip

Units = frozenset[Unit | None]
HOURS: Units = frozenset({"h", None})
EURO: Units = frozenset({"eur"})
NO_UNIT: Units = frozenset({None})


@dataclass(frozen=True)
class FieldWords:
    """The senses that name one field: at least one of ``needs``, nothing outside ``needs | may``;
    the units it is counted in (None: no unit written); whether a month may be named with it."""

    field: str
    needs: frozenset[str]
    may: frozenset[str] = frozenset()
    units: Units = HOURS
    monthly: bool = False


def _words(field: str, needs: str, may: str = "", units: Units = HOURS, *, monthly: bool = False) -> FieldWords:
    return FieldWords(field, frozenset(needs.split()), frozenset(may.split()), units, monthly)


#: Which senses name which field (the grammar's sentences). ``Izmaksāts (EUR)`` is paid in euro,
#: ``Izmaksāts (h)`` paid hours: the same words, the unit deciding.
FIELD_WORDS: tuple[FieldWords, ...] = (
    _words("avg", "average"),
    _words("used", "used", monthly=True),
    _words("used_week_before", "before", "used week"),
    _words("used_week_after", "after", "used week"),
    _words("weekly", "grant week", "volume limit"),
    _words("daily_max", "day", "limit max"),
    _words("step", "step"),
    _words("start", "start", units=NO_UNIT),
    _words("end", "end", units=NO_UNIT),
    _words("exclude_weekends", "weekend", "without", NO_UNIT),
    _words("no_history", "history", "without", NO_UNIT),
    _words("resumed", "resumed", "activity", NO_UNIT, monthly=True),
    _words("rate", "rate", units=frozenset({"eur", None})),
    _words("paid", "paid", monthly=True),
    _words("paid_eur", "paid sum", units=EURO, monthly=True),
    _words("paid_eur", "sum", "paid", NO_UNIT, monthly=True),  # a sum is money: "Izmaksātā summa"
)
#: A month alone (``Decembris (h)``, ``2019-12``): the hours used in it, a month before the period.
BARE_MONTH = "month"
BARE_MONTH_UNITS: Units = HOURS
#: The fields a register may give month by month (``used 2020-03``).
MONTHLY_FIELDS = frozenset(w.field for w in FIELD_WORDS if w.monthly)


@dataclass(frozen=True)
class Reading:
    """What a header says: a field, a month (year or None, month), a unit; or why it cannot be read whole.

    ``field`` None and ``problem`` None: a column that could not be a figure (a name, a note)."""

    field: str | None = None
    month: tuple[int | None, int] | None = None
    unit: Unit | None = None
    #: A message code (``h_…``) saying why the header cannot be read whole, and the words it is about.
    problem: str | None = None
    detail: str = ""
    #: The field the words point to, for the ``--column`` that would map the header.
    guess: str | None = None


# --- words -----------------------------------------------------------------------------------


def _index(table: dict[object, tuple[str, ...]]) -> tuple[dict[str, object], tuple[tuple[str, object], ...]]:
    """A table's whole words, and its stems longest first (``weekend`` before ``week``)."""
    whole = {w: key for key, words in table.items() for w in words if not w.endswith("-")}
    stems = sorted(((w[:-1], key) for key, words in table.items() for w in words if w.endswith("-")),
                   key=lambda item: -len(item[0]))  # fmt: skip
    return whole, tuple(stems)


_SENSE_WORDS = _index(dict(SENSES))  # type: ignore[arg-type]
_UNIT_WORDS = _index(dict(UNITS))  # type: ignore[arg-type]
_MONTH_INDEX = _index(dict(MONTH_WORDS))  # type: ignore[arg-type]
_FILLERS = frozenset(FILLERS)


def _look_up(word: str, index: tuple[dict[str, object], tuple[tuple[str, object], ...]]) -> object | None:
    whole, stems = index
    if word in whole:
        return whole[word]
    return next((key for stem, key in stems if word.startswith(stem)), None)


def plain(text: str) -> str:
    """Lower case without diacritics (``Nedēļā`` -> ``nedela``): words are compared this way."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


#: Months written in figures: ``2020-03``, ``2019.12``, ``2019/12``; ``03.2020``, ``12/2019``, ``03.2020.``.
_YEAR_FIRST = re.compile(r"(?<![\d.\-/])(\d{4})[-./](\d{1,2})(?![\d\-/]|\.\d)")
_MONTH_FIRST = re.compile(r"(?<![\d.\-/])(\d{1,2})[./](\d{4})(?![\d\-/]|\.\d)")
#: A number of four digits in these years is a year (``Dec 2019``); another is a number (``c1000``).
_YEARS = (1900, 2100)
_TOKEN = re.compile(r"[^\W_]+|€")


@dataclass
class _Parts:
    senses: list[str]
    months: list[tuple[int | None, int]]
    years: list[int]
    units: list[Unit]
    unknown: list[str | int]


def _parts(header: str) -> _Parts:
    """The header's words sorted into senses, months, years, units and words not understood."""
    text = plain(header)
    parts = _Parts([], [], [], [], [])
    for pattern, year_at in ((_YEAR_FIRST, 1), (_MONTH_FIRST, 2)):
        for match in pattern.finditer(text):
            parts.months.append((int(match[year_at]), int(match[3 - year_at])))
        text = pattern.sub(" ", text)
    for word in _TOKEN.findall(text):
        if word.isdigit():
            (parts.years if len(word) == 4 and _YEARS[0] <= int(word) <= _YEARS[1] else parts.unknown).append(int(word))
        elif word in _FILLERS:
            continue
        elif (unit := _look_up(word, _UNIT_WORDS)) is not None:
            parts.units.append(unit)  # type: ignore[arg-type]
        elif (sense := _look_up(word, _SENSE_WORDS)) is not None:
            parts.senses.append(sense)  # type: ignore[arg-type]
        elif (month := _look_up(word, _MONTH_INDEX)) is not None:
            parts.months.append((None, month))  # type: ignore[arg-type]
        else:
            parts.unknown.append(word)
    return parts


def _month(parts: _Parts) -> tuple[int | None, int] | Reading | None:
    """The one month the header names (with its year when written), or the problem with its months."""
    months, years = parts.months, parts.years
    shown = " ".join([*(f"{y:04d}-{m:02d}" if y is not None else f"{m:02d}" for y, m in months), *map(str, years)])
    if not months:
        return Reading(problem="h_year_alone", detail=shown) if years else None
    if len(months) > 1 or len(years) > 1 or (years and months[0][0] is not None):
        return Reading(problem="h_two_months", detail=shown)
    year, month = months[0]
    year = years[0] if years else year
    if not 1 <= month <= 12 or (year is not None and year < 1):
        return Reading(problem="h_impossible_month", detail=shown)
    return year, month


def _field(senses: frozenset[str], unit: Unit | None) -> tuple[list[FieldWords], list[FieldWords]]:
    """The fields the senses name: those the unit fits, and those it does not."""
    named = [w for w in FIELD_WORDS if senses & w.needs and senses <= w.needs | w.may]
    return [w for w in named if unit in w.units], [w for w in named if unit not in w.units]


def read_header(header: str) -> Reading:
    """What ``header`` says, by the grammar's tables; a problem when it could be a figure and cannot be
    read whole (README "How headers are read")."""
    parts = _parts(header)
    if not (parts.senses or parts.months or parts.years or parts.units):
        return Reading()  # a name, a note, an address: no field word, month or unit
    month = _month(parts)
    if isinstance(month, Reading):
        return month
    if len(set(parts.units)) > 1:
        return Reading(problem="h_two_units", detail=" ".join(parts.units))
    unit = parts.units[0] if parts.units else None
    senses = frozenset(parts.senses)
    if not senses:
        if month is None:
            return Reading(problem="h_unit_alone", detail=unit or "")
        fits = unit in BARE_MONTH_UNITS
        found: FieldWords | None = FieldWords(BARE_MONTH, frozenset(), units=BARE_MONTH_UNITS, monthly=True)
        others: list[FieldWords] = [] if fits else [found]  # type: ignore[list-item]
        found = found if fits else None
    else:
        fitting, others = _field(senses, unit)
        found = fitting[0] if len(fitting) == 1 else None
        if len(fitting) > 1:
            return Reading(problem="h_words", detail=" ".join(sorted(senses)))
    guess = found.field if found is not None else (others[0].field if others else None)
    if parts.unknown:
        return Reading(problem="h_unknown_words", detail=" ".join(map(str, parts.unknown)), guess=guess)
    if found is None:
        if others:
            return Reading(problem="h_unit", detail=unit or "", guess=guess)
        return Reading(problem="h_words", detail=" ".join(sorted(senses)))
    if month is not None and not found.monthly:
        return Reading(problem="h_not_monthly", detail=found.field, guess=guess)
    return Reading(found.field, month, unit)


def word_table() -> list[tuple[str, str]]:
    """The grammar as the README shows it: (what, its words), one line per sense, unit, month and field."""
    rows = [(f"sense `{sense}`", " ".join(f"`{w}`" for w in words)) for sense, words in SENSES.items()]
    rows += [(f"unit `{unit}`", " ".join(f"`{w}`" for w in words)) for unit, words in UNITS.items()]
    rows += [(f"month {number}", " ".join(f"`{w}`" for w in words)) for number, words in MONTH_WORDS.items()]
    rows.append(("filler (ignored)", " ".join(f"`{w}`" for w in FILLERS)))
    for words in FIELD_WORDS:
        units = ", ".join("no unit" if u is None else u for u in sorted(words.units, key=str))
        may = f"; may add {' '.join(sorted(words.may))}" if words.may else ""
        month = "; with a month" if words.monthly else ""
        rows.append((f"field `{words.field}`", f"one of {' '.join(sorted(words.needs))}{may} ({units}){month}"))
    return rows
