"""The JSON API beside the pages, with the command line's contracts (README "The web page", API).

``POST /api/calc`` answers exactly what ``calc --json`` prints, ``POST /api/emergency`` what ``emergency --json``
prints, ``POST /api/batch`` the file ``batch`` writes, ``GET /api/schema/{name}`` what ``asistents schema NAME``
prints. A figure the rules cannot take is 422 with the command's one-line message, in the request's language.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from asistents.i18n import Lang, text
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
from asistents.web.forms import (
    CALC_FIELDS,
    EMERGENCY_FIELDS,
    BodyError,
    body_object,
    body_values,
    json_text,
    request_lang,
)
from asistents.web.page import read_form, text_fields
from asistents.web.uploads import folder_name

_EMERGENCY_KEYS = ("emergency", "before", "used", "resumed")
#: ``batch``'s output formats by ``to``, with their media types.
_BATCH_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "ndjson": "application/x-ndjson",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _refused(line: str) -> Response:
    return JSONResponse({"error": line}, status_code=422)


async def _answer(request: Request, answer: Callable[[dict[str, object], Lang], str]) -> Response:
    """A JSON request's answer: ``answer`` of its body in its language (``lang`` in the body, else the query's,
    else the browser's); a body or a figure that cannot be taken is 422 with its one line."""
    lang = _lang(request)
    try:
        body = body_object(await request.body())
        lang = request_lang(body.get("lang", lang), None)
        return Response(answer(body, lang), media_type="application/json")
    except BodyError as error:
        return _refused(text(lang, error.code, **error.params))
    except Refused as refused:
        return _refused(refused.line)


async def api_calc(request: Request) -> Response:
    return await _answer(request, lambda body, lang: json_document(calc_result(body_values(body, CALC_FIELDS), lang)))


async def api_emergency(request: Request) -> Response:
    def answer(body: dict[str, object], lang: Lang) -> str:
        figures = _emergency_figures(body, lang)
        values = body_values(body, EMERGENCY_FIELDS, own=_EMERGENCY_KEYS)
        return chain_json(chain_result(figures, values, lang), figures.number)

    return await _answer(request, answer)


def _emergency_figures(body: Mapping[str, object], lang: Lang) -> EmergencyFigures:
    """``emergency``, ``before`` [three figures], ``used`` {"2020-03": 18}, ``resumed`` ["2020-05"]."""
    number = body.get("emergency", 1)
    before, used, resumed = body.get("before") or [], body.get("used") or {}, body.get("resumed") or []
    if not isinstance(before, list) or not isinstance(used, dict) or not isinstance(resumed, list):
        raise BodyError("w_api_body")
    return EmergencyFigures(
        number=emergency_number(json_text(number), lang),
        before=[json_text(value) for value in before],
        used=[f"{month}={json_text(hours)}" for month, hours in used.items()],
        resumed=[json_text(month) for month in resumed],
    )


async def api_batch(request: Request) -> Response:
    """``batch`` on the file sent (multipart ``file``; ``to``, ``emergency``, ``lang``, ``columns`` a map)."""
    lang = _lang(request)
    try:
        sent = await read_form(request, lang, max_files=2, max_fields=10)
    except Refused as refused:
        return _refused(refused.line)
    try:
        lang = request_lang(sent.get("lang"), request.headers.get("accept-language"))
        batch = await _batch_request(sent, lang)
    except Refused as refused:
        return _refused(refused.line)
    finally:
        await sent.close()
    ran = await run_command(batch.args, batch.inputs, [batch.output], {batch.register: batch.name})
    output = ran.files.get(batch.output)
    if ran.code == 2 or output is None:
        return _refused(ran.error or "")
    headers = {"x-asistents-exit-code": str(ran.code)}
    return Response(output, media_type=_BATCH_FORMATS[batch.to], headers=headers)


@dataclass(frozen=True)
class _Batch:
    args: list[str]
    inputs: dict[str, bytes]
    register: str
    name: str
    to: str

    @property
    def output(self) -> str:
        return f"results.{self.to}"


async def _batch_request(sent: FormData, lang: Lang) -> _Batch:
    """The command line of a ``/api/batch`` request: every part checked before it reaches it (the output's name
    in the child's folder is made of ``to``); a part sent twice or one the API has not is refused."""
    text_fields(((k, "") for k, _ in sent.multi_items()), ("file", "to", "emergency", "lang", "columns"), lang)
    file, columns = sent.get("file"), sent.get("columns")
    if not isinstance(file, UploadFile):
        raise Refused(text(lang, "w_no_file"))
    to, emergency = str(sent.get("to") or "csv"), str(sent.get("emergency") or "")
    if to not in _BATCH_FORMATS:
        raise Refused(text(lang, "u_to", value=to, formats=", ".join(_BATCH_FORMATS)))
    name = file.filename or "register"
    register = folder_name(name)
    inputs = {register: await file.read()}
    args = ["batch", register, "--to", to, "-o", f"results.{to}", "--lang", lang, "--quiet"]
    if emergency:
        args += ["--emergency", str(emergency_number(emergency, lang))]
    if columns:
        inputs["map.json"] = await columns.read() if isinstance(columns, UploadFile) else columns.encode("utf-8")
        args += ["--columns", "map.json"]
    return _Batch(args, inputs, register, name, to)


async def api_schema(request: Request) -> Response:
    from asistents.render.schemas import SCHEMAS, json_schema

    name = request.path_params["name"]
    if name not in SCHEMAS:
        return _refused(text(_lang(request), "u_schema", value=name))
    return Response(json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n", media_type="application/json")


def _lang(request: Request) -> Lang:
    return request_lang(request.query_params.get("lang"), request.headers.get("accept-language"))
