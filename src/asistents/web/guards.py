"""What every response of the web page keeps to, as ASGI middleware (README "The web page", Security).

* An upload over ``--max-upload`` is refused with 413 before or while it is read (a ``Content-Length`` that
  says so, or a body that grows past it): never read whole first.
* Every response has a Content-Security-Policy of ``default-src 'self'`` (no script, style or image from
  anywhere else; no frame), and says not to sniff types or send a referrer.

The ``Host`` check (DNS rebinding) is Starlette's own ``TrustedHostMiddleware``.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from asistents.i18n import text
from asistents.web.forms import request_lang

SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class _TooLarge(Exception):
    pass


class UploadLimit:
    """413 for a request body of more than ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, sending)
        except _TooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [None])[0]
        lang = request_lang(given, None)
        message = text(lang, "w_upload_too_large", limit=f"{self.limit / 2**20:g}")
        await PlainTextResponse(message, status_code=413, headers={"connection": "close"})(scope, receive, send)


class SecurityHeaders:
    """The headers of :data:`SECURITY_HEADERS` on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers)
