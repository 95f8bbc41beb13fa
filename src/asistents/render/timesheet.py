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

import contextlib
import json
import re
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from asistents.about import program_version
from asistents.core.models import CalcResult
from asistents.core.rules import MEASURE_SOCIAL_INCLUSION
from asistents.i18n import Lang, day, number, text, weekday
from asistents.render.messages import notice_line
from asistents.render.reasoning import Words, check_lines, reasoning_lines

#: The person's fields a timesheet shows (register columns, ``calc`` flags).
PERSON_FIELDS = ("name", "id", "personal_code", "assistant", "service")
LABELS = (
    "title", "person", "id", "assistant", "service", "period", "measure_name", "date", "weekday", "hours",
    "measure", "total", "reasoning", "warnings", "sign_assistant", "sign_recipient", "sign_service", "sign_date",
    "claimed", "allowed", "check",
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
    """One person's page: every text ready to print (README, "Timesheets", lists the fields).

    With a claimed split, the page is the claim: the hours claimed each day, the hours allowed
    beside them where they differ (a day above the daily limit, a day that is no emergency day),
    and the check with its verdict; the tool's own split only when nothing was claimed. The
    total is always the sum of the hours the page lists."""
    words = Words(lang)
    measure = str(result.measure)
    check = result.check
    first, last = result.period.start, result.period.end
    days, total, allowed_total = _page_days(result, check.claimed if check is not None else None, lang)
    return {
        "name": _text(person.get("name")),
        "id": personal_code(person),
        "assistant": _text(person.get("assistant")),
        "service": _text(person.get("service")),
        "subtitle": text(lang, "ts_subtitle", measure=measure, start=day(first, lang), end=day(last, lang)),
        "period": f"{day(first, lang)} – {day(last, lang)}",
        "measure_name": text(lang, "ts_measure_name", measure=measure),
        "claimed": check is not None and check.claimed is not None,
        "show_allowed": allowed_total is not None,
        "days": days,
        "total": number(total, lang),
        "allowed_total": "" if allowed_total is None else number(allowed_total, lang),
        "reasoning": reasoning_lines(result, words),
        "check": check_lines(check, words) if check is not None else [],
        "warnings": [notice_line(n, lang, page=True) for n in result.warnings],
        "footer": text(lang, "ts_footer", version=program_version(), guidance=guidance(first, lang)),
    }


def _page_days(
    result: CalcResult, claimed: Mapping[date, Decimal] | None, lang: Lang
) -> tuple[list[dict[str, str]], Decimal, Decimal | None]:
    """The page's rows (the claim's, or the tool's split), their total, and the allowed total when the
    claim's days differ from what is allowed (None: no such column)."""
    measure = str(result.measure)
    if claimed is None:
        rows = [
            {"date": day(d.date, lang), "weekday": weekday(d.weekday, lang),
             "hours": number(d.hours, lang) if d.included else "—", "allowed": "",
             "measure": measure if d.included else ""}
            for d in result.days
        ]  # fmt: skip
        return rows, sum((d.hours for d in result.days if d.included), Decimal(0)), None
    included = {d.date for d in result.days if d.included}
    listed = sorted({*(d.date for d in result.days), *claimed})
    allowed = {d: (min(claimed.get(d, Decimal(0)), result.daily_max) if d in included else Decimal(0)) for d in listed}
    differs = any(allowed[d] != claimed.get(d, Decimal(0)) for d in listed)
    rows = [
        {"date": day(d, lang), "weekday": weekday(d.isoweekday(), lang),
         "hours": number(claimed[d], lang) if d in claimed else "—",
         "allowed": number(allowed[d], lang) if differs and d in claimed else "",
         "measure": measure if d in included else ""}
        for d in listed
    ]  # fmt: skip
    total = sum(claimed.values(), Decimal(0))
    return rows, total, (sum(allowed.values(), Decimal(0)) if differs else None)


def guidance(first: date, lang: Lang) -> str:
    """The guidance the page's month was counted under (README "Timesheets"): the Ministry's of March 2020
    for March-May 2020, of 12.06.2020 for June 2020; for the second emergency, the regulation alone."""
    if first.year == 2020 and first.month == 6:
        return text(lang, "ts_guidance_june")
    if first.year == 2020 and first.month in (3, 4, 5):
        return text(lang, "ts_guidance_march")
    return text(lang, "ts_guidance_rule")


def document(
    people: Sequence[dict[str, Any]], lang: Lang, version: str, first_page: int = 1, *, page_each: bool = False
) -> dict[str, Any]:
    """What the template receives: the language, the labels, the pages (each with its own footer; the
    document's, for templates of the first releases, is the first page's), and the first page's number
    (a part of a longer PDF goes on numbering where the part before it stopped). ``page_each``: every page is
    a document of its own (a folder's pages, compiled together and split), numbered 1."""
    labels = {key: text(lang, f"ts_{key}", measure=int(MEASURE_SOCIAL_INCLUSION.current)) for key in LABELS}
    footer = people[0]["footer"] if people else text(lang, "ts_footer", version=version, guidance="")
    return {"lang": lang, "labels": labels, "people": list(people), "footer": footer, "first_page": first_page,
            "page_each": page_each}  # fmt: skip


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


#: The most characters of a name, an id or a service a page shows: longer text is cut, with a mark
#: (a 100 MB name cell took 19 GB to lay out). README "Timesheets".
PAGE_TEXT_LIMIT = 200


def _text(value: object) -> str:
    shown = "" if value is None else str(value)[: PAGE_TEXT_LIMIT * 4].strip()
    return shown if len(shown) <= PAGE_TEXT_LIMIT else shown[: PAGE_TEXT_LIMIT - 1].rstrip() + "…"


def default_template() -> bytes:
    return resources.files("asistents").joinpath("templates/timesheet.typ").read_bytes()


#: A template is a page's layout: larger than this it is not one (and ``/dev/zero`` is never read whole).
TEMPLATE_LIMIT = 1024**2
#: What a template's folder may give it: regular files beside it, up to these sizes (its logo, its fonts).
ASSET_LIMIT, ASSETS_LIMIT = 20 * 1024**2, 50 * 1024**2


def template_source(template: Path, name: str) -> bytes:
    """A template's text: a regular file of UTF-8 text within :data:`TEMPLATE_LIMIT`, else :class:`TemplateError`."""
    from asistents.io.small_file import SmallFileError, read_small_file

    try:  # opened without waiting: a FIFO with no writer is refused, never waited on
        source = read_small_file(template, TEMPLATE_LIMIT)
    except SmallFileError as error:
        reason = {"not_regular": "is not a regular file",
                  "too_large": f"is larger than {TEMPLATE_LIMIT // 1024**2} MiB: not a template"}  # fmt: skip
        raise TemplateError(name, reason.get(error.code, error.reason)) from None
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TemplateError(name, f"is not UTF-8 text (byte {error.start + 1})") from None
    return source


def template_root(template: Path | None, workdir: Path | None = None) -> tempfile.TemporaryDirectory[str]:
    """The only folder the compiler may read: a private copy of the regular files beside the template
    (none for the built-in one). Typst reads any file under its root, and through links beyond it; run
    from ``/``, a template could put ``/proc/self/environ`` into the PDF. A copy follows no link."""
    import shutil
    import stat

    root = tempfile.TemporaryDirectory(prefix="asistents-template-", dir=workdir)
    if template is None:
        return root
    total = 0
    try:
        entries = sorted(template.resolve().parent.iterdir())
    except OSError:
        return root
    for entry in entries:
        try:
            info = entry.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_size > ASSET_LIMIT or total + info.st_size > ASSETS_LIMIT:
            continue  # a link, a folder, a device, or too much: not the template's to read
        total += info.st_size
        with contextlib.suppress(OSError):
            shutil.copyfile(entry, Path(root.name) / entry.name, follow_symlinks=False)
    return root


def check_pdf_ready(template: Path | None) -> None:
    """What a compile needs, checked before any row (the compile itself runs in a bounded child process):
    Typst is installed (:class:`PdfUnavailable`), and the template is one (:class:`TemplateError`)."""
    try:
        import typst  # noqa: F401
    except ImportError:
        raise PdfUnavailable from None
    if template is not None:
        template_source(template, str(template))


class PdfWriter:
    """Compiles pages with one template; kept for a whole run (Typst's compiler is reused)."""

    def __init__(self, template: Path | None, timestamp: datetime | None, workdir: Path | None = None) -> None:
        try:
            import typst
        except ImportError:
            raise PdfUnavailable from None
        self._typst = typst
        self._name = str(template) if template is not None else "timesheet.typ"
        source = template_source(template, self._name) if template is not None else default_template()
        # The template is code from elsewhere: it reads its own folder's files only, copied (README "Timesheets").
        self._root = template_root(template, workdir)
        # Only the fonts embedded in typst: the same PDF on every machine.
        self._compiler = typst.Compiler(source, root=self._root.name, ignore_system_fonts=True)
        self._source = source
        self._timestamp = timestamp

    def close(self) -> None:
        """Remove the template's private folder (the process may end with ``os._exit``: no finaliser runs)."""
        self._root.cleanup()

    def pdf(self, data: dict[str, Any]) -> bytes:
        inputs = {"data": json.dumps(data, ensure_ascii=False)}
        try:
            # The source is given each time: a compiler made from bytes finds it only once. No PDF tags:
            # a form to print and sign, and tags made it 7 times larger (17 KB a page, 110 objects).
            out = self._compiler.compile(
                input=self._source, format="pdf", sys_inputs=inputs, timestamp=self._timestamp, pdf_tags=False
            )
        except self._typst.TypstError as error:
            raise TemplateError(self._name, " ".join(str(error.message).split())) from None
        except RuntimeError as error:
            raise TemplateError(self._name, " ".join(str(error).split())) from None
        assert isinstance(out, bytes)
        return out
