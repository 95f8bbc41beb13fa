"""How a page is rendered and read: its language, the template with the catalogues' texts, a form sent."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from asistents.i18n import Lang, text
from asistents.web.compute import Refused
from asistents.web.forms import request_lang


def lang_of(request: Request, given: object = None) -> Lang:
    """The page's language: ``?lang=`` (or the form's ``lang``), else Latvian."""
    return request_lang(given if given is not None else request.query_params.get("lang"), None)


def render(request: Request, template: str, lang: Lang, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in ``lang``: ``t(key)`` is the catalogues' text; the other language's link keeps the query (and
    stays on this page: a relative link, whatever the path)."""
    environment: Environment = request.app.state.templates
    query = [(key, value) for key, value in request.query_params.multi_items() if key != "lang"]
    query.append(("lang", "en" if lang == "lv" else "lv"))
    page = environment.get_template(template).render(
        lang=lang,
        t=lambda key, **params: text(lang, key, **params),
        other_lang_url="?" + urlencode(query),
        path=request.url.path,
        **context,
    )
    return HTMLResponse(page, status_code=status)


async def read_form(request: Request, lang: Lang, *, max_files: int, max_fields: int) -> FormData:
    """The form sent (the caller closes it); a body that is no form is one line, never the server's page."""
    try:
        return await request.form(max_files=max_files, max_fields=max_fields)
    except HTTPException as error:  # a malformed multipart body, too many fields or files
        raise Refused(text(lang, "w_bad_form", reason=error.detail)) from None


def text_fields(sent: Iterable[tuple[str, str]], known: Iterable[str], lang: Lang) -> dict[str, str]:
    """A form's text fields by name; a field the page does not have, or one sent twice, is refused (a figure
    in a misspelt field would otherwise be dropped silently, and a link is typed by hand)."""
    found: dict[str, str] = {}
    twice: list[str] = []
    for key, value in sent:
        if key in found:
            twice.append(key)
        found[key] = value
    expected = set(known)
    unknown = [key for key in found if key not in expected]
    if unknown:
        raise Refused(text(lang, "w_unknown_fields", names=", ".join(unknown)))
    if twice:
        raise Refused(text(lang, "w_given_twice", names=", ".join(dict.fromkeys(twice))))
    return found


def no_nul(values: Mapping[str, object], lang: Lang) -> None:
    """A value with a NUL cannot go to a command line (the documents are made by a command)."""
    for name, value in values.items():
        if isinstance(value, str) and "\x00" in value:
            raise Refused(text(lang, "w_nul", name=name))
