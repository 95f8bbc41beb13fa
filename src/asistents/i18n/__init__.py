"""Human-facing texts, one catalogue per language, and how numbers and dates look.

Machine output (JSON, NDJSON, CSV column names) never goes through here, so it does
not change with the language.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Literal

from asistents.core.decimals import decimal_text, euro_text
from asistents.i18n import en

Lang = Literal["en", "lv"]
LANGS: tuple[Lang, ...] = ("en", "lv")


def catalogue(lang: Lang) -> Mapping[str, str]:
    if lang == "lv":
        from asistents.i18n import lv

        return lv.MESSAGES
    return en.MESSAGES


@functools.cache
def rule_values(lang: Lang) -> dict[str, str]:
    """Every rule parameter's current value as the language writes it (``{no_history_weekly}``).

    Texts that name a rule's number take it from here, so "10 h" is written once,
    in the rule parameters.
    """
    from asistents.core.rules import PARAMETERS

    return {name: number(parameter.current, lang) for name, parameter in PARAMETERS.items()}


def text(lang: Lang, key: str, **params: object) -> str:
    """The message ``key`` in ``lang`` with ``params`` (and the rule parameters) filled in."""
    template = catalogue(lang)[key]
    if "{" not in template:
        return template
    return template.format_map({**rule_values(lang), **params} if params else rule_values(lang))


def detect_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """Latvian when the locale (LC_ALL, LC_MESSAGES, LANG, first set) starts with ``lv``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "lv" if value.lower().startswith("lv") else "en"
    return "en"


def number(value: Decimal, lang: Lang) -> str:
    """A decimal as people write it: ``5.5`` in English, ``5,5`` in Latvian."""
    return decimal_text(value, "," if lang == "lv" else ".")


def money(value: Decimal, lang: Lang) -> str:
    """Euro with two decimals, always: ``131.20`` / ``131,20``."""
    return euro_text(value, "," if lang == "lv" else ".")


def day(value: date, lang: Lang) -> str:
    """ISO in English; ``01.06.2020.`` in Latvian."""
    return value.strftime("%d.%m.%Y.") if lang == "lv" else value.isoformat()


def weekday(iso_weekday: int, lang: Lang) -> str:
    return catalogue(lang)[f"weekday_{iso_weekday}"]


def month_name(month: str, lang: Lang) -> str:
    """``2020-03`` as ``March 2020`` (``2020. gada marts``)."""
    year, number_ = month.split("-")
    return text(lang, "month_name", name=catalogue(lang)[f"month_{int(number_)}"], year=year)


def month_span(months: tuple[str, ...], lang: Lang) -> str:
    """``("2020-03", "2020-04", "2020-05")`` as ``March–May 2020`` (``2020. gada marts–maijs``)."""
    (first_year, first), (last_year, last) = (m.split("-") for m in (months[0], months[-1]))
    names = {"first": catalogue(lang)[f"month_{int(first)}"], "last": catalogue(lang)[f"month_{int(last)}"]}
    if first_year == last_year:
        return text(lang, "month_span_same_year", year=first_year, **names)
    return text(lang, "month_span", first_year=first_year, last_year=last_year, **names)
