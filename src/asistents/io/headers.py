"""A register header read as words: which field, which month, which unit (README "How headers are read").

Clerks name columns in their own words, with declensions, abbreviations and free word order
(``Izmantots marts (h)``, ``Aprīlis apmaksāts (h)``, ``Piešķirtais apjoms nedēļā``,
``Summa aprīlis EUR``). A list of whole headers always misses the next one, so a header is
read as a sentence: each word is a *sense* (used, paid, week, …), a month, a year, a unit or
a filler, from the tables below, and the senses together name one field
(:data:`FIELD_WORDS`). The tables are the grammar; :data:`GRAMMAR` is the one reader
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
from dataclasses import dataclass, replace
from typing import Literal

Unit = Literal["h", "eur", "eur/h", "%"]

#: The words of each sense, Latvian (without diacritics) and English. A word ending in ``-``
#: is a stem and matches every word it begins (``izmantot-``: izmantots, izmantotās, izmantotas);
#: any other matches only whole (``izm``, the abbreviation ``Izm.``).
SENSES: dict[str, tuple[str, ...]] = {
    "used": ("izmantot-", "izlietot-", "pateret-", "izm", "used"),
    "paid": ("apmaksat-", "samaksat-", "izmaksat-", "apmaksa", "izmaksa", "maksajum-", "apm", "paid", "payment-"),
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
    #: A figure per month ("Vidēji mēnesī", "Izmantotās stundas mēnesī"): right for an average or the hours
    #: used, wrong beside a weekly grant ("Piešķirtās stundas mēnesī" is no weekly figure).
    "per_month": ("menes-", "men", "month", "monthly"),
    #: "gada" in "2019. gada decembris" goes with a year; without one ("stundas gadā") it is a figure per year.
    "year": ("gad-", "year", "yearly", "annual"),
    "without": ("bez", "exclude", "excluding", "without", "no"),
    "history": ("vestur-", "history"),
}

#: The words of each unit: hours, or money (euro).
UNITS: dict[Unit, tuple[str, ...]] = {
    "h": ("h", "st", "stund-", "hours", "hour", "hourly", "hrs"),
    "eur": ("eur", "euro", "eiro", "€", "euros"),
    #: A share, never hours or money: no field is counted in it.
    "%": ("%", "procent-", "percent"),
}

#: The words of each month, Latvian (with the declensions a stem covers: marts, martā, marta) and English.
MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("janvar-", "jan", "janv", "january"),
    2: ("februar-", "feb", "febr"),  # the stem reads English "february" too
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
    "g", "par", "in", "for", "of", "the", "skaits", "citas", "per", "datums", "date",
)  # fmt: skip

Units = frozenset[Unit | None]
HOURS: Units = frozenset({"h", None})
EURO: Units = frozenset({"eur"})
NO_UNIT: Units = frozenset({None})


@dataclass(frozen=True)
class FieldWords:
    """The senses that name one field: at least one of ``needs``, all of ``all_of``, nothing else outside
    ``may``; the units it is counted in (None: no unit written); whether a month may be named with it."""

    field: str
    needs: frozenset[str]
    may: frozenset[str] = frozenset()
    units: Units = HOURS
    monthly: bool = False
    #: Senses that must all be there too (``Dienas limits``: a day and a limit).
    all_of: frozenset[str] = frozenset()

    def named_by(self, senses: frozenset[str]) -> bool:
        return bool(senses & self.needs) and self.all_of <= senses <= self.needs | self.may | self.all_of


def _words(
    field: str, needs: str, may: str = "", units: Units = HOURS, *, monthly: bool = False, all_of: str = ""
) -> FieldWords:
    return FieldWords(
        field, frozenset(needs.split()), frozenset(may.split()), units, monthly, frozenset(all_of.split())
    )


#: Which senses name which field (the grammar's sentences). ``Izmaksāts (EUR)`` is paid in euro,
#: ``Izmaksāts (h)`` paid hours: the same words, the unit deciding.
FIELD_WORDS: tuple[FieldWords, ...] = (
    _words("avg", "average", "per_month"),
    _words("used", "used", "per_month", monthly=True),
    _words("used_week_before", "before", "used week"),
    _words("used_week_after", "after", "used week"),
    _words("weekly", "grant week", "volume limit"),
    _words("daily_max", "limit max", all_of="day"),
    _words("step", "step"),
    _words("start", "start", units=NO_UNIT),
    _words("end", "end", units=NO_UNIT),
    _words("exclude_weekends", "weekend", units=NO_UNIT, all_of="without"),
    _words("no_history", "history", units=NO_UNIT, all_of="without"),
    _words("resumed", "resumed", "activity", NO_UNIT, monthly=True),
    _words("rate", "rate", units=frozenset({"eur", "eur/h", "h", None})),  # "Stundas likme, €": euro an hour
    _words("paid", "paid", "per_month", monthly=True),
    _words("paid_eur", "paid sum", "per_month", units=EURO, monthly=True),
    _words("paid_eur", "sum", "paid per_month", NO_UNIT, monthly=True),  # a sum is money: "Izmaksātā summa"
)
#: A month alone (``Decembris (h)``, ``2019-12``): the hours used in it, a month before the period.
BARE_MONTH = "month"
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


# --- the reader ------------------------------------------------------------------------------

Index = tuple[dict[str, object], tuple[tuple[str, object], ...]]


def _index(table: dict[object, tuple[str, ...]]) -> Index:
    """A table's whole words, and its stems longest first (``weekend`` before ``week``)."""
    whole = {w: key for key, words in table.items() for w in words if not w.endswith("-")}
    stems = sorted(((w[:-1], key) for key, words in table.items() for w in words if w.endswith("-")),
                   key=lambda item: -len(item[0]))  # fmt: skip
    return whole, tuple(stems)


def _look_up(word: str, index: Index) -> object | None:
    whole, stems = index
    if word in whole:
        return whole[word]
    return next((key for stem, key in stems if word.startswith(stem)), None)


def plain(text: str) -> str:
    """Lower case without diacritics (``Nedēļā`` -> ``nedela``): words are compared this way."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


#: Months written in figures: ``2020-03``, ``2019.12``, ``2019/12``; ``03.2020``, ``12/2019``, ``03.2020.``.
_YEAR_FIRST = re.compile(r"(?<![\d.\-/])(\d{4})[-./](\d{1,2})(?![\d\-/]|\.\d)", re.ASCII)
_MONTH_FIRST = re.compile(r"(?<![\d.\-/])(\d{1,2})[./](\d{4})(?![\d\-/]|\.\d)", re.ASCII)
#: A number of four digits in these years is a year (``Dec 2019``); another is a number (``c1000``).
_YEARS = (1900, 2100)
_TOKEN = re.compile(r"[^\W_]+|€|%")
#: A month alone names the hours used in it (a month before the period): hours, or no unit written.
_BARE = FieldWords(BARE_MONTH, frozenset(), units=HOURS, monthly=True)


@dataclass
class _Parts:
    senses: list[str]
    months: list[tuple[int | None, int]]
    years: list[int]
    units: list[Unit]
    unknown: list[str | int]


class Grammar:
    """The reader over a set of tables (the module's own: :data:`GRAMMAR`; the tests build others)."""

    def __init__(
        self,
        senses: dict[str, tuple[str, ...]] = SENSES,
        units: dict[Unit, tuple[str, ...]] = UNITS,
        months: dict[int, tuple[str, ...]] = MONTH_WORDS,
        fillers: tuple[str, ...] = FILLERS,
        fields: tuple[FieldWords, ...] = FIELD_WORDS,
    ) -> None:
        self.senses = _index(dict(senses))  # type: ignore[arg-type]
        self.units = _index(dict(units))  # type: ignore[arg-type]
        self.months = _index(dict(months))  # type: ignore[arg-type]
        self.fillers = frozenset(fillers)
        self.fields = fields

    def parts(self, header: str) -> _Parts:
        """The header's words sorted into senses, months, years, units and words not understood."""
        text = plain(header)
        parts = _Parts([], [], [], [], [])
        for pattern, year_at in ((_YEAR_FIRST, 1), (_MONTH_FIRST, 2)):
            for match in pattern.finditer(text):
                parts.months.append((int(match[year_at]), int(match[3 - year_at])))
            text = pattern.sub(" ", text)
        for word in _TOKEN.findall(text):
            if word.isascii() and word.isdigit():
                is_year = len(word) == 4 and _YEARS[0] <= int(word) <= _YEARS[1]
                (parts.years if is_year else parts.unknown).append(int(word))
            elif word in self.fillers:
                continue
            elif (unit := _look_up(word, self.units)) is not None:
                parts.units.append(unit)  # type: ignore[arg-type]
            elif (sense := _look_up(word, self.senses)) is not None:
                parts.senses.append(sense)  # type: ignore[arg-type]
            elif (month := _look_up(word, self.months)) is not None:
                parts.months.append((None, month))  # type: ignore[arg-type]
            else:
                parts.unknown.append(word)
        return parts

    def read(self, header: str) -> Reading:
        """What ``header`` says; a problem when it could be a figure and cannot be read whole."""
        parts = self.parts(header)
        if not (parts.senses or parts.months or parts.years or parts.units):
            return Reading()  # a name, a note, an address: no field word, month or unit
        units = set(parts.units)
        unit: Unit | None = "eur/h" if units == {"h", "eur"} else parts.units[0] if parts.units else None
        senses = frozenset(parts.senses)
        if "year" in senses:  # "2019. gada decembris": the word goes with the year written beside it
            if not (parts.years or any(year is not None for year, _ in parts.months)):
                return Reading(problem="h_per_year", detail="")
            senses -= {"year"}
        named = [w for w in self.fields if w.named_by(senses)] if senses else [_BARE]
        fitting = [w for w in named if unit in w.units]
        field = fitting[0].field if len(fitting) == 1 else None  # only a field the unit fits is suggested
        month = _month(parts)
        if isinstance(month, Reading):
            return replace(month, guess=field)
        if len(units) > 1 and unit != "eur/h":
            return Reading(problem="h_two_units", detail=" ".join(parts.units), guess=field)
        if not senses and month is None:
            return Reading(problem="h_unit_alone", detail=unit or "")
        if len(fitting) > 1:
            return Reading(problem="h_words", detail=" ".join(sorted(senses)))
        if parts.unknown:
            return Reading(problem="h_unknown_words", detail=" ".join(map(str, parts.unknown)), guess=field)
        if not named:
            return Reading(problem="h_words", detail=" ".join(sorted(senses)))
        if not fitting:  # the field named in the message, never suggested as the --column to map it
            return Reading(problem="h_unit", detail=unit or "", guess=named[0].field)
        if month is not None and not fitting[0].monthly:
            return Reading(problem="h_not_monthly", detail=fitting[0].field, guess=field)
        return Reading(fitting[0].field, month, unit)


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


GRAMMAR = Grammar()


def word_table() -> list[tuple[str, str]]:
    """The grammar as the README shows it: (what, its words), one line per sense, unit, month and field."""
    rows = [(f"sense `{sense}`", " ".join(f"`{w}`" for w in words)) for sense, words in SENSES.items()]
    rows += [(f"unit `{unit}`", " ".join(f"`{w}`" for w in words)) for unit, words in UNITS.items()]
    rows += [(f"month {number}", " ".join(f"`{w}`" for w in words)) for number, words in MONTH_WORDS.items()]
    rows.append(("filler (ignored)", " ".join(f"`{w}`" for w in FILLERS)))
    for words in FIELD_WORDS:
        units = ", ".join("no unit" if u is None else u for u in sorted(words.units, key=str))
        needs = " or ".join(sorted(words.needs))
        needs += f", with {' and '.join(sorted(words.all_of))}" if words.all_of else ""
        needs += f"; may add {', '.join(sorted(words.may))}" if words.may else ""
        month = "; may name a month" if words.monthly else ""
        rows.append((f"field `{words.field}`", f"{needs} (unit: {units}){month}"))
    return rows
