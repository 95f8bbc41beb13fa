"""The web application: its routes, the guards every request passes, and how a page is rendered.

``asistents serve`` runs :func:`create_app` with uvicorn; the tests run it with Starlette's test client.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from asistents.i18n import text
from asistents.web import api, pages, register
from asistents.web.guards import SecurityHeaders, UploadLimit
from asistents.web.page import lang_of, render
from asistents.web.uploads import Uploads

_HERE = Path(__file__).parent
#: The page's own assets, read once: served by name from this table, never by a path from the request.
_ASSETS = {
    "style.css": ("text/css; charset=utf-8", (_HERE / "static" / "style.css").read_bytes()),
    "page.js": ("text/javascript; charset=utf-8", (_HERE / "static" / "page.js").read_bytes()),
}
DEFAULT_MAX_UPLOAD = 50 * 2**20


def create_app(hosts: Sequence[str] = ("127.0.0.1", "localhost"), max_upload: int = DEFAULT_MAX_UPLOAD) -> Starlette:
    """The page, answering only to ``hosts`` (the ``Host`` header: DNS rebinding), with uploads up to ``max_upload``."""
    environment = Environment(
        loader=FileSystemLoader(_HERE / "templates"), autoescape=select_autoescape(default=True), auto_reload=False
    )
    routes = [
        Route("/", pages.calc_page, methods=["GET"]),
        Route("/calc.json", pages.calc_download_json, methods=["GET"]),
        Route("/calc.pdf", pages.calc_download_pdf, methods=["GET"]),
        Route("/emergency", pages.emergency_page, methods=["GET", "POST"]),
        Route("/emergency.json", pages.emergency_download_json, methods=["POST"]),
        Route("/emergency.pdf", pages.emergency_download_pdf, methods=["POST"]),
        Route("/register", register.register_form, methods=["GET"]),
        Route("/register", register.register_upload, methods=["POST"]),
        Route("/register/{token}", register.register_results, methods=["GET"]),
        Route("/register/{token}", register.register_columns, methods=["POST"]),
        Route("/register/{token}/{kind}", register.register_download, methods=["GET"]),
        Route("/api/calc", api.api_calc, methods=["POST"]),
        Route("/api/emergency", api.api_emergency, methods=["POST"]),
        Route("/api/batch", api.api_batch, methods=["POST"]),
        Route("/api/schema/{name}", api.api_schema, methods=["GET"]),
        Route("/static/{name}", _asset, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts)),
            Middleware(UploadLimit, limit=max_upload),
        ],
        exception_handlers={404: _not_found},
    )
    app.state.templates = environment
    app.state.uploads = Uploads(4 * max_upload)
    app.state.max_upload = max_upload
    return app


async def _asset(request: Request) -> Response:
    found = _ASSETS.get(request.path_params["name"])
    if found is None:
        return await _not_found(request, None)
    media_type, body = found
    return Response(body, media_type=media_type, headers={"cache-control": "max-age=3600"})


async def _not_found(request: Request, exc: object) -> Response:
    lang = lang_of(request)
    return render(request, "message.html", lang, status=404, message=text(lang, "w_not_found"))


def app_from_environment() -> Starlette:
    """The app as ``asistents serve`` starts it: its settings from the environment that command set."""
    import os

    hosts = [name for name in os.environ.get("ASISTENTS_WEB_HOSTS", "").split(",") if name]
    max_upload = int(os.environ.get("ASISTENTS_WEB_MAX_UPLOAD") or DEFAULT_MAX_UPLOAD)
    return create_app(hosts or ("127.0.0.1", "localhost"), max_upload)
