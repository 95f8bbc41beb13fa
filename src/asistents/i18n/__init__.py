"""Human-facing texts, one catalogue per language, and how numbers and dates look.

Machine output (JSON, NDJSON, CSV column names) never goes through here, so it does
not change with the language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Literal

from asistents.core.decimals import decimal_text
from asistents.i18n import en

Lang = Literal["en", "lv"]
LANGS: tuple[Lang, ...] = ("en", "lv")


def catalogue(lang: Lang) -> Mapping[str, str]:
    if lang == "lv":
        from asistents.i18n import lv

        return lv.MESSAGES
    return en.MESSAGES


def text(lang: Lang, key: str, **params: object) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    template = catalogue(lang)[key]
    return template.format(**{k: v for k, v in params.items()}) if params else template


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


def day(value: date, lang: Lang) -> str:
    """ISO in English; ``01.06.2020.`` in Latvian."""
    return value.strftime("%d.%m.%Y.") if lang == "lv" else value.isoformat()


def weekday(iso_weekday: int, lang: Lang) -> str:
    return catalogue(lang)[f"weekday_{iso_weekday}"]
