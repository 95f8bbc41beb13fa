"""The register page: upload, how each column was read, the results, and the downloads.

Every step is ``asistents columns`` or ``asistents batch`` run on the upload (:mod:`asistents.web.child`): the
preview is ``columns --json``, the results ``batch --to json``, the downloads what ``batch`` writes. A column
whose reading is changed on the preview is passed as a column map (``--columns``), the file the last download
offers. Nothing is computed while a column is in doubt: ``columns`` names the problems, and ``batch`` would
refuse the same register with the same words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import anyio
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from asistents.core.calendar import month_text
from asistents.core.chain import emergency_months
from asistents.core.fields import COLUMN_NAMES
from asistents.core.rules import EMERGENCIES
from asistents.i18n import Lang, text
from asistents.io.column_map import column_map_json
from asistents.io.columns import BARE_MONTH, MONTHLY_FIELDS, NOTE, ColumnMappingError, option_column
from asistents.web.child import Ran, run_command
from asistents.web.compute import Refused, emergency_number
from asistents.web.page import lang_of, read_form, render, text_fields
from asistents.web.uploads import KEEP_MINUTES, Upload, Uploads

_MAP = "map.json"
#: The downloads: the command and its options after the register, the file it writes, and its media type.
_DOWNLOADS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "results.xlsx": (("batch", "--to", "xlsx", "-o", "out.xlsx", "--quiet"), "out.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "results.csv": (("batch", "--to", "csv", "--out-delimiter", ";", "--out-decimal", ",", "--bom", "-o", "out.csv",
                     "--quiet"), "out.csv", "text/csv; charset=utf-8"),
    "timesheets.pdf": (("batch", "-o", "out.json", "--timesheets-pdf", "out.pdf", "--quiet"), "out.pdf",
                       "application/pdf"),
    "map.json": (("columns", "--save", "out.json"), "out.json", "application/json"),
}  # fmt: skip


def _uploads(request: Request) -> Uploads:
    uploads: Uploads = request.app.state.uploads
    return uploads


async def register_form(request: Request) -> Response:
    lang = lang_of(request)
    return render(request, "register.html", lang, upload=None, columns=None, view=None, error=None)


async def register_upload(request: Request) -> Response:
    """Hold the upload and show how its columns are read (and its results when none is in doubt)."""
    lang = lang_of(request)
    try:
        sent = await read_form(request, lang, max_files=1, max_fields=20)
    except Refused as refused:
        return _form_page(request, lang, refused.line)
    try:
        lang = lang_of(request, sent.get("lang"))
        text_fields(((k, "") for k, _ in sent.multi_items()), ("file", "emergency", "lang"), lang)
        file = sent.get("file")
        if not isinstance(file, UploadFile) or not file.filename:
            raise Refused(text(lang, "w_no_file"))
        chosen = str(sent.get("emergency") or "")
        emergency = emergency_number(chosen, lang) if chosen else None
        token = _uploads(request).add(Upload(file.filename, await file.read(), emergency, lang))
    except Refused as refused:
        return _form_page(request, lang, refused.line)
    finally:
        await sent.close()
    return RedirectResponse(f"/register/{token}?lang={lang}", status_code=303)


def _form_page(request: Request, lang: Lang, error: str) -> Response:
    return render(request, "register.html", lang, 422, upload=None, columns=None, view=None, error=error)


async def register_columns(request: Request) -> Response:
    """The column preview's choices: each header's reading, kept for the results and the downloads."""
    token = request.path_params["token"]
    upload = _uploads(request).get(token)
    lang = lang_of(request)
    if upload is None:
        return _gone(request, lang)
    try:
        sent = await read_form(request, lang, max_files=0, max_fields=20_000)
    except Refused as refused:
        return render(request, "message.html", lang, 422, message=refused.line)
    try:
        chosen = {k.removeprefix("col:"): str(v) for k, v in sent.multi_items() if k.startswith("col:")}
    finally:
        await sent.close()
    try:  # a reading the page never offers is refused in the command line's words, never dropped
        columns = {header: option_column(f"{value}={header}", value) for header, value in chosen.items() if value}
    except ColumnMappingError as error:
        return render(request, "message.html", lang, 422, message=text(lang, error.code, **error.params))
    # a column left unchosen stays out of the map: still in doubt, so still nothing is computed
    _uploads(request).replace(token, replace(upload, columns=columns))
    return RedirectResponse(f"/register/{token}?lang={lang}", status_code=303)


@dataclass(frozen=True)
class Preview:
    """``columns --json`` as the page shows it: each column with its reading and choices, and the problems."""

    columns: list[dict[str, Any]]
    problems: list[str]
    emergency: int | None
    error: str | None


async def _preview(upload: Upload, lang: Lang) -> Preview:
    ran = await _run(upload, ["columns", upload.file_name, "--json", "--lang", lang], [])
    if not ran.stdout.strip():
        return Preview([], [], None, ran.error or "")
    document = json.loads(ran.stdout)
    number = document.get("emergency")
    choices = _choices(number)
    columns = []
    for column in document["columns"]:
        field, month = column["field"], column["month"]
        reading = NOTE if field is None else f"{field} {month}" if month else field
        # a column in doubt is offered no reading as chosen: the clerk chooses one
        first = "" if column.get("in_doubt") else reading
        columns.append({**column, "options": [first, *(c for c in choices if c != first)]})
    return Preview(columns, document.get("problems", []), number, None)


def _choices(number: int | None) -> list[str]:
    """What a column may be read as: every field, ``note``, and an emergency's fields by month."""
    found = [*COLUMN_NAMES[:-1], NOTE]  # ``rounded`` is the workbook reader's, never a header
    if number is not None:
        months = emergency_months(EMERGENCIES[number - 1])
        found += [f"{BARE_MONTH} {month_text(m)}" for m in months[0].averaged]
        found += [f"{field} {month_text(m.month)}" for field in sorted(MONTHLY_FIELDS) for m in months]
    return found


async def register_results(request: Request) -> Response:
    upload = _uploads(request).get(request.path_params["token"])
    lang = lang_of(request, request.query_params.get("lang"))
    if upload is None:
        return _gone(request, lang)
    show = request.query_params.get("show", "problems")
    preview, results = await _preview_and_results(upload, lang)
    if preview.error is not None or preview.problems:
        return render(request, "register.html", lang, 422, upload=upload, token=request.path_params["token"],
                      columns=preview, view=None, error=preview.error, show=show)  # fmt: skip
    if results.code not in (0, 1) or len(results.files) != 2:
        return render(request, "register.html", lang, 422, upload=upload, token=request.path_params["token"],
                      columns=preview, view=None, error=results.error or "", show=show)  # fmt: skip
    from asistents.web.views import register_view

    rows = json.loads(results.files["results.json"], parse_float=Decimal)
    figures = json.loads(results.files["summary.json"], parse_float=Decimal)
    who = [c["header"] for c in preview.columns if c["field"] in ("id", "name")]
    view = register_view(rows, figures, who, preview.emergency is not None, show, lang)
    return render(request, "register.html", lang, upload=upload, token=request.path_params["token"],
                  columns=preview, view=view, error=None, show=show)  # fmt: skip


async def _preview_and_results(upload: Upload, lang: Lang) -> tuple[Preview, Ran]:
    """The preview and the results, run side by side (the results are shown only when no column is in doubt)."""
    found: dict[str, Any] = {}

    async def preview() -> None:
        found["preview"] = await _preview(upload, lang)

    async def results() -> None:
        args = ["batch", upload.file_name, "--to", "json", "-o", "results.json", "--summary", "summary.json",
                "--lang", lang, "--quiet"]  # fmt: skip
        found["results"] = await _run(upload, args, ["results.json", "summary.json"])

    async with anyio.create_task_group() as group:
        group.start_soon(preview)
        group.start_soon(results)
    return found["preview"], found["results"]


async def register_download(request: Request) -> Response:
    """A download of the register's results, made by ``batch`` (or the column map by ``columns --save``)."""
    upload = _uploads(request).get(request.path_params["token"])
    lang = lang_of(request)
    kind = request.path_params["kind"]
    if upload is None:
        return _gone(request, lang)
    if kind not in _DOWNLOADS:
        return render(request, "message.html", lang, 404, message=text(lang, "w_not_found"))
    (command, *options), output, media_type = _DOWNLOADS[kind]
    ran = await _run(upload, [command, upload.file_name, *options, "--lang", lang], [output])
    if output not in ran.files or ran.code not in (0, 1):
        return render(request, "message.html", lang, 422, message=ran.error or "")
    return Response(ran.files[output], media_type=media_type,
                    headers={"content-disposition": f'attachment; filename="{kind}"'})  # fmt: skip


async def _run(upload: Upload, args: list[str], outputs: list[str]) -> Ran:
    """A command on the held register, with the page's choices: the emergency, the column map."""
    inputs = {upload.file_name: upload.data}
    if upload.emergency is not None:
        args = [*args, "--emergency", str(upload.emergency)]
    if upload.columns:
        inputs[_MAP] = column_map_json(upload.columns).encode("utf-8")
        args = [*args, "--columns", _MAP]
    return await run_command(args, inputs, outputs, {upload.file_name: upload.name})


def _gone(request: Request, lang: Lang) -> Response:
    return render(request, "message.html", lang, 410, message=text(lang, "w_upload_gone", minutes=KEEP_MINUTES))
