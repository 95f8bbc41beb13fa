"""How a page is rendered: its language, and the template with the catalogues' texts."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import HTMLResponse

from asistents.i18n import Lang, text
from asistents.web.forms import request_lang


def lang_of(request: Request, given: object = None) -> Lang:
    """The page's language: ``?lang=``, else the browser's, else Latvian."""
    return request_lang(given if given is not None else request.query_params.get("lang"), None)


def render(request: Request, template: str, lang: Lang, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in ``lang``: ``t(key)`` is the catalogues' text; the other language's link keeps the query."""
    environment: Environment = request.app.state.templates
    other = "en" if lang == "lv" else "lv"
    query = {key: value for key, value in request.query_params.items() if key != "lang"}
    query["lang"] = other
    page = environment.get_template(template).render(
        lang=lang,
        t=lambda key, **params: text(lang, key, **params),
        other_lang_url=f"{request.url.path}?{urlencode(query)}",
        path=request.url.path,
        **context,
    )
    return HTMLResponse(page, status_code=status)
