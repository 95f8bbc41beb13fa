"""The pages of one person: a month (``calc``) and a whole emergency (``emergency``), with their downloads.

The month's figures are in the address (a result is a link); a whole emergency's form is sent by POST, since
it may carry a rates file, and its downloads send the same fields again.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from asistents.core.calendar import month_text
from asistents.core.chain import emergency_by_number, emergency_months
from asistents.core.errors import InputError
from asistents.i18n import Lang
from asistents.io.command_values import FieldValues, Uploaded
from asistents.render.messages import error_line
from asistents.web.child import run_command
from asistents.web.compute import (
    EmergencyFigures,
    Refused,
    calc_json,
    calc_result,
    chain_json_text,
    chain_result,
)
from asistents.web.forms import CALC_FIELDS, EMERGENCY_FIELDS, command_line, form_values, page_rates
from asistents.web.page import lang_of, render
from asistents.web.views import calc_view, chain_view, emergency_choices, field_inputs

_PDF = "timesheet.pdf"


def _calc_values(form: Mapping[str, str]) -> FieldValues:
    values = form_values(form, CALC_FIELDS)
    values["rates"] = page_rates(form, None)
    return values


async def calc_page(request: Request) -> Response:
    """The month's form, and its result when any figure is given."""
    lang = lang_of(request)
    form = dict(request.query_params)
    view = error = None
    if any(value.strip() for key, value in form.items() if key != "lang"):
        try:
            view = calc_view(calc_result(_calc_values(form), lang), lang)
        except Refused as refused:
            error = refused.line
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", lang)])
    fields = field_inputs(CALC_FIELDS, form, lang, "calc")
    return render(request, "calc.html", lang, 422 if error else 200, fields=fields, view=view, error=error, query=query)


async def calc_download_json(request: Request) -> Response:
    lang = lang_of(request)
    try:
        result = calc_result(_calc_values(dict(request.query_params)), lang)
    except Refused as refused:
        return render(request, "message.html", lang, 422, message=refused.line)
    return _attachment(calc_json(result).encode("utf-8"), "application/json", "asistents.json")


async def calc_download_pdf(request: Request) -> Response:
    """The timesheet ``calc --pdf`` writes for the same figures (checked here first, in the page's words)."""
    lang = lang_of(request)
    values = _calc_values(dict(request.query_params))
    try:
        calc_result(values, lang)
    except Refused as refused:
        return render(request, "message.html", lang, 422, message=refused.line)
    return await _pdf(request, ["calc"], values, lang)


# --- a whole emergency ---


async def _emergency_form(request: Request) -> tuple[dict[str, str], Uploaded | None]:
    """The form's text fields, and the rates file when one was chosen (POST); a GET's query alone."""
    if request.method != "POST":
        return dict(request.query_params), None
    async with request.form(max_files=1, max_fields=400) as sent:
        form: dict[str, str] = {}
        upload = None
        for key, value in sent.multi_items():
            if isinstance(value, UploadFile):
                data = await value.read()
                if key == "rates" and data:
                    upload = Uploaded(value.filename or "rates.csv", data)
            else:
                form[key] = value
    if upload is not None:  # carried as text to the downloads, so that they compute the same
        form["rates_text"] = upload.data.decode("utf-8", "replace")
        form["rates_name"] = upload.name
    return form, upload


def _emergency_figures(form: Mapping[str, str], lang: Lang) -> EmergencyFigures:
    """Which emergency, the three months before and each month's hours used and resumed, from the form."""
    chosen = form.get("emergency", "1").strip() or "1"
    if chosen not in ("1", "2"):
        raise Refused(error_line(InputError("--emergency", chosen, "not_an_emergency"), lang))
    number = int(chosen)
    before = [form.get(f"before_{i}", "").strip() for i in (1, 2, 3)]
    months = [month_text(m.month) for m in emergency_months(emergency_by_number(number))]
    used = [
        f"{key}={form[f'used_{number}_{key}'].strip()}"
        for key in months
        if form.get(f"used_{number}_{key}", "").strip()
    ]
    resumed = [key for key in months if form.get(f"resumed_{number}_{key}") in ("on", "1", "true")]
    return EmergencyFigures(number, before if any(before) else [], used, resumed)


def _emergency_values(form: Mapping[str, str], upload: Uploaded | None) -> FieldValues:
    values = form_values(form, EMERGENCY_FIELDS)
    values["rates"] = page_rates(form, upload)
    return values


async def emergency_page(request: Request) -> Response:
    lang = lang_of(request)
    form, upload = await _emergency_form(request)
    view = error = None
    if request.method == "POST" or any(form.get(f"before_{i}") for i in (1, 2, 3)):
        try:
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
    form, upload = await _emergency_form(request)
    try:
        figures = _emergency_figures(form, lang)
        result = chain_result(figures, _emergency_values(form, upload), lang)
    except Refused as refused:
        return render(request, "message.html", lang, 422, message=refused.line)
    return _attachment(chain_json_text(result, figures.number).encode("utf-8"), "application/json", "asistents.json")


async def emergency_download_pdf(request: Request) -> Response:
    """The timesheets ``emergency --pdf`` writes (a page a month) for the same figures."""
    lang = lang_of(request)
    form, upload = await _emergency_form(request)
    values = _emergency_values(form, upload)
    try:
        figures = _emergency_figures(form, lang)
        chain_result(figures, values, lang)
    except Refused as refused:
        return render(request, "message.html", lang, 422, message=refused.line)
    own = ["emergency", f"--emergency={figures.number}", "--before", *figures.before]
    own += [f"--used={used}" for used in figures.used] + [f"--resumed={month}" for month in figures.resumed]
    return await _pdf(request, own, values, lang)


async def _pdf(request: Request, command: list[str], values: FieldValues, lang: Lang) -> Response:
    line = command_line(values)
    ran = await run_command([*command, *line.args, "--pdf", _PDF, "--lang", lang], line.inputs, [_PDF], {})
    if ran.code != 0 or _PDF not in ran.files:
        return render(request, "message.html", lang, 500 if ran.code != 2 else 422, message=ran.error or "")
    return _attachment(ran.files[_PDF], "application/pdf", "asistents.pdf")


def _attachment(data: bytes, media_type: str, name: str) -> Response:
    return Response(data, media_type=media_type, headers={"content-disposition": f'attachment; filename="{name}"'})
