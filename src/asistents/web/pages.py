"""The pages of one person: a month (``calc``) and a whole emergency (``emergency``), with their downloads.

The month's figures are in the address (a result is a link); a whole emergency's form is sent by POST, since
it may carry a rates file, and its downloads send the same fields again. A field the page does not have, or
one sent twice, is refused rather than dropped (:func:`asistents.web.page.text_fields`).
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from asistents.core.calendar import month_text
from asistents.core.chain import emergency_months
from asistents.core.rules import EMERGENCIES
from asistents.i18n import Lang
from asistents.io.command_values import FieldValues, Uploaded
from asistents.render.chain_json import chain_json
from asistents.render.json_data import json_document
from asistents.web.child import run_command
from asistents.web.compute import (
    EmergencyFigures,
    Refused,
    calc_result,
    chain_result,
    emergency_number,
)
from asistents.web.forms import CALC_FIELDS, EMERGENCY_FIELDS, command_line, form_values, page_rates
from asistents.web.page import lang_of, no_nul, read_form, render, text_fields
from asistents.web.views import calc_view, chain_view, emergency_choices, field_inputs

_PDF = "timesheet.pdf"
#: The one-month page's fields: each calc option's (the three months apart; a rates table as text).
CALC_NAMES = frozenset(
    {"lang", "rates_text"}
    | {c.name for f in CALC_FIELDS if f.kind == "months" for c in f.columns[:3]}
    | {f.name for f in CALC_FIELDS if f.kind not in ("months", "rates")}
)
#: The whole emergency's page's fields: its own, each month's of either emergency, the limits and names.
EMERGENCY_NAMES = frozenset(
    {"lang", "emergency", "before_1", "before_2", "before_3", "rates_text", "rates_name", "keep_rates"}
    | {
        f"{kind}_{number}_{month_text(m.month)}"
        for number, emergency in enumerate(EMERGENCIES, start=1)
        for m in emergency_months(emergency)
        for kind in ("used", "resumed")
    }
    | {f.name for f in EMERGENCY_FIELDS if f.kind != "rates"}
)


def _calc_values(request: Request, lang: Lang) -> tuple[dict[str, str], FieldValues]:
    """The address's fields (refused when the page has no such field) and the figures they give."""
    form = text_fields(request.query_params.multi_items(), CALC_NAMES, lang)
    values = form_values(form, CALC_FIELDS)
    values["rates"] = page_rates(form, None)
    return form, values


async def calc_page(request: Request) -> Response:
    """The month's form, and its result when any figure is given."""
    lang = lang_of(request)
    form: dict[str, str] = {}
    view = error = None
    try:
        form, values = _calc_values(request, lang)
        if any(value.strip() for key, value in form.items() if key != "lang"):
            view = calc_view(calc_result(values, lang), lang)
    except Refused as refused:
        error = refused.line
        form = dict(request.query_params)
    query = request.url.query
    fields = field_inputs(CALC_FIELDS, form, lang, "calc")
    return render(request, "calc.html", lang, 422 if error else 200, fields=fields, view=view, error=error, query=query)


async def calc_download_json(request: Request) -> Response:
    lang = lang_of(request)
    try:
        result = calc_result(_calc_values(request, lang)[1], lang)
    except Refused as refused:
        return _refused(request, lang, refused)
    return _attachment(json_document(result).encode("utf-8"), "application/json", "asistents.json")


async def calc_download_pdf(request: Request) -> Response:
    """The timesheet ``calc --pdf`` writes for the same figures (checked here first, in the page's words)."""
    lang = lang_of(request)
    try:
        values = _calc_values(request, lang)[1]
        calc_result(values, lang)
    except Refused as refused:
        return _refused(request, lang, refused)
    return await _pdf(request, ["calc"], values, lang)


# --- a whole emergency ---


async def _emergency_form(request: Request, lang: Lang) -> tuple[dict[str, str], Uploaded | None]:
    """The form's text fields, and the rates file when one was chosen (POST); a GET's query alone."""
    if request.method != "POST":
        return text_fields(request.query_params.multi_items(), EMERGENCY_NAMES, lang), None
    sent = await read_form(request, lang, max_files=1, max_fields=400)
    try:
        # a file input with no file chosen arrives as an empty text: it sends nothing
        texts = [(k, v) for k, v in sent.multi_items() if isinstance(v, str) and (k, v) != ("rates", "")]
        files = [(k, v) for k, v in sent.multi_items() if not isinstance(v, str)]
        form = text_fields(texts, EMERGENCY_NAMES, lang)
        text_fields(((key, "") for key, _ in files), {"rates"}, lang)
        upload = None
        for _, file in files:
            data = await file.read() if isinstance(file, UploadFile) else b""
            if data:
                upload = Uploaded(file.filename or "rates.csv", data)
    finally:
        await sent.close()
    if upload is not None:  # carried as text to the downloads, so that they compute the same, while kept
        form.update(rates_text=upload.data.decode("utf-8", "replace"), rates_name=upload.name, keep_rates="on")
    return form, upload


def _emergency_figures(form: Mapping[str, str], lang: Lang) -> EmergencyFigures:
    """Which emergency, the three months before and each month's hours used and resumed, from the form."""
    number = emergency_number(form.get("emergency", "").strip() or "1", lang)
    before = [form.get(f"before_{i}", "").strip() for i in (1, 2, 3)]
    months = [month_text(m.month) for m in emergency_months(EMERGENCIES[number - 1])]
    typed = {key: form.get(f"used_{number}_{key}", "").strip() for key in months}
    used = [f"{key}={hours}" for key, hours in typed.items() if hours]
    resumed = [key for key in months if form.get(f"resumed_{number}_{key}") in ("on", "1", "true")]
    return EmergencyFigures(number, before if any(before) else [], used, resumed)


def _emergency_values(form: Mapping[str, str], upload: Uploaded | None) -> FieldValues:
    values = form_values(form, EMERGENCY_FIELDS)
    values["rates"] = page_rates(form, upload)
    return values


async def emergency_page(request: Request) -> Response:
    lang = lang_of(request)
    form: dict[str, str] = {}
    view = error = None
    try:
        form, upload = await _emergency_form(request, lang)
        if request.method == "POST" or any(form.get(f"before_{i}") for i in (1, 2, 3)):
            figures = _emergency_figures(form, lang)
            view = chain_view(chain_result(figures, _emergency_values(form, upload), lang), figures.number, lang)
    except Refused as refused:
        error = refused.line
    fields = field_inputs([f for f in EMERGENCY_FIELDS if f.kind != "rates"], form, lang, "emergency")
    carried = [(k, v) for k, v in form.items() if k != "lang"]
    return render(request, "emergency.html", lang, 422 if error else 200, fields=fields, view=view, error=error,
                  form=form, choices=emergency_choices(lang), carried=carried)  # fmt: skip


async def emergency_download_json(request: Request) -> Response:
    lang = lang_of(request)
    try:
        form, upload = await _emergency_form(request, lang)
        figures = _emergency_figures(form, lang)
        result = chain_result(figures, _emergency_values(form, upload), lang)
    except Refused as refused:
        return _refused(request, lang, refused)
    return _attachment(chain_json(result, figures.number).encode("utf-8"), "application/json", "asistents.json")


async def emergency_download_pdf(request: Request) -> Response:
    """The timesheets ``emergency --pdf`` writes (a page a month) for the same figures."""
    lang = lang_of(request)
    try:
        form, upload = await _emergency_form(request, lang)
        values = _emergency_values(form, upload)
        figures = _emergency_figures(form, lang)
        chain_result(figures, values, lang)
    except Refused as refused:
        return _refused(request, lang, refused)
    own = ["emergency", f"--emergency={figures.number}", "--before", *figures.before]
    own += [f"--used={used}" for used in figures.used] + [f"--resumed={month}" for month in figures.resumed]
    return await _pdf(request, own, values, lang)


async def _pdf(request: Request, command: list[str], values: FieldValues, lang: Lang) -> Response:
    try:
        no_nul(values, lang)
    except Refused as refused:
        return _refused(request, lang, refused)
    line = command_line(values)
    ran = await run_command([*command, *line.args, "--pdf", _PDF, "--lang", lang], line.inputs, [_PDF], {})
    if ran.code != 0 or _PDF not in ran.files:
        return render(request, "message.html", lang, 500 if ran.code != 2 else 422, message=ran.error or "")
    return _attachment(ran.files[_PDF], "application/pdf", "asistents.pdf")


def _refused(request: Request, lang: Lang, refused: Refused) -> Response:
    return render(request, "message.html", lang, 422, message=refused.line)


def _attachment(data: bytes, media_type: str, name: str) -> Response:
    return Response(data, media_type=media_type, headers={"content-disposition": f'attachment; filename="{name}"'})
