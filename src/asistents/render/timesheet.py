"""The filled-in timesheet: the measure-7 hours of the emergency days, a page per person (PDF).

The Ministry of Welfare's guidance of 12.06.2020 ends with the hours for 1-9 June
written on the timesheet (the report on the assistant service) under measure 7,
split by day. This renderer lays the result out on an A4 page with Typst
(``templates/timesheet.typ``, or a municipality's own with ``--template``).
The data goes to the template as one JSON string (``sys.inputs.data``), every
text ready to print in the user's language: the template only lays it out, and a
name full of Typst markup is printed, never run.

Typst is an optional extra (``pip install 'asistents[pdf]'``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from asistents.core.models import CalcResult
from asistents.core.rules import MEASURE_SOCIAL_INCLUSION
from asistents.i18n import Lang, day, number, text, weekday
from asistents.render.messages import notice_line
from asistents.render.reasoning import Words, reasoning_lines

#: The person's fields a timesheet shows (register columns, ``calc`` flags).
PERSON_FIELDS = ("name", "id", "personal_code", "assistant", "service")
LABELS = (
    "title", "person", "id", "assistant", "service", "period", "measure_name", "date", "weekday", "hours",
    "measure", "total", "reasoning", "warnings", "sign_assistant", "sign_recipient", "sign_service", "sign_date",
)  # fmt: skip


class PdfUnavailable(Exception):
    """The optional ``typst`` package is not installed."""


class TemplateError(Exception):
    """A template that does not compile: ``message`` is Typst's own, on one line."""

    def __init__(self, template: str, message: str) -> None:
        super().__init__(message)
        self.template = template
        self.message = message


def person_page(result: CalcResult, person: Mapping[str, object], lang: Lang) -> dict[str, Any]:
    """One person's page: every text ready to print (README, "Timesheets", lists the fields)."""
    words = Words(lang)
    measure = str(result.measure)
    # A claimed split within the rules is what the timesheet shows; the tool's own is only a suggestion.
    check = result.check
    claimed = check.claimed if check is not None and check.verdict == "within" and check.claimed else None
    total = check.claimed_hours if claimed and check is not None and check.claimed_hours is not None else None
    first, last = result.period.start, result.period.end
    return {
        "name": _text(person.get("name")),
        "id": personal_code(person),
        "assistant": _text(person.get("assistant")),
        "service": _text(person.get("service")),
        "subtitle": text(lang, "ts_subtitle", measure=measure, start=day(first, lang), end=day(last, lang)),
        "period": f"{day(first, lang)} – {day(last, lang)}",
        "measure_name": text(lang, "ts_measure_name", measure=measure),
        "days": [
            {
                "date": day(d.date, lang),
                "weekday": weekday(d.weekday, lang),
                "hours": _day_hours(d.date, d.hours, d.included, claimed, lang),
                "measure": measure if d.included else "",
            }
            for d in result.days
        ],
        "total": number(total if total is not None else result.payable_hours, lang),
        "reasoning": reasoning_lines(result, words),
        "warnings": [notice_line(n, lang) for n in result.warnings],
    }


def _day_hours(day: date, hours: Decimal, included: bool, claimed: Mapping[date, Decimal] | None, lang: Lang) -> str:
    if claimed is not None:
        return number(claimed.get(day, Decimal(0)), lang)
    return number(hours, lang) if included else "—"


def document(people: Sequence[dict[str, Any]], lang: Lang, version: str) -> dict[str, Any]:
    """What the template receives: the language, the labels, the pages, the footer."""
    labels = {key: text(lang, f"ts_{key}", measure=int(MEASURE_SOCIAL_INCLUSION.current)) for key in LABELS}
    return {"lang": lang, "labels": labels, "people": list(people), "footer": text(lang, "ts_footer", version=version)}


#: A Latvian personal code: DDMMYY-NNNNN, or 32XXXX-XXXXX since 2017 (the hyphen may be left out).
PERSONAL_CODE = re.compile(r"\d{6}-?\d{5}")


def personal_code(person: Mapping[str, object]) -> str:
    """The identity the page shows: the personal code, where the register has one; an ``id`` only
    when it is a personal code itself. A row number (``Nr.p.k.``) identifies no one on a document."""
    code = _text(person.get("personal_code"))
    if code:
        return code
    given = _text(person.get("id"))
    return given if PERSONAL_CODE.fullmatch(given) else ""


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def default_template() -> bytes:
    return resources.files("asistents").joinpath("templates/timesheet.typ").read_bytes()


class PdfWriter:
    """Compiles pages with one template; kept for a whole run (Typst's compiler is reused)."""

    def __init__(self, template: Path | None, timestamp: datetime | None) -> None:
        try:
            import typst
        except ImportError:
            raise PdfUnavailable from None
        self._typst = typst
        self._name = str(template) if template is not None else "timesheet.typ"
        try:
            source = template.read_bytes() if template is not None else default_template()
        except OSError as error:
            raise TemplateError(self._name, error.strerror or str(error)) from None
        # Only the fonts embedded in typst: the same PDF on every machine.
        self._compiler = typst.Compiler(source, ignore_system_fonts=True)
        self._source = source
        self._timestamp = timestamp

    def pdf(self, data: dict[str, Any]) -> bytes:
        inputs = {"data": json.dumps(data, ensure_ascii=False)}
        try:
            # The source is given each time: a compiler made from bytes finds it only once.
            out = self._compiler.compile(input=self._source, format="pdf", sys_inputs=inputs, timestamp=self._timestamp)
        except self._typst.TypstError as error:
            raise TemplateError(self._name, " ".join(str(error.message).split())) from None
        except RuntimeError as error:
            raise TemplateError(self._name, " ".join(str(error).split())) from None
        assert isinstance(out, bytes)
        return out
