"""``asistents serve``: the office's web page on this computer (README "The web page").

The web layer (:mod:`asistents.web`) is a shell beside this one that nothing imports: uvicorn loads it by
name (``asistents.web.app:app_from_environment``), and this command hands it its settings in the
environment of the process. It binds 127.0.0.1 unless ``--host`` says otherwise (then a warning line: the
page has no login), and answers only to the names of the address it serves (the ``Host`` check).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from asistents.cli.errors import fail
from asistents.cli.options import LangChoice, choose_lang
from asistents.i18n import Lang, text

if TYPE_CHECKING:
    import socket

_LOCAL = ("127.0.0.1", "localhost", "::1")
_EVERY_ADDRESS = ("0.0.0.0", "::")
_WEB = ("starlette", "jinja2", "uvicorn", "multipart")


def serve(
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=0, max=65535)] = 8000,
    open_browser: Annotated[bool, typer.Option("--open", metavar="")] = False,
    max_upload: Annotated[int, typer.Option("--max-upload", metavar="MiB", min=1)] = 50,
    allow_host: Annotated[Optional[list[str]], typer.Option("--allow-host", metavar="NAME", show_default=False)] = None,  # noqa: UP045
    lang: Annotated[LangChoice, typer.Option("--lang", metavar="lv|en", show_default=False)] = None,
) -> None:
    """The web page; the help text is ``help.serve`` in the catalogues."""
    import importlib.util

    from asistents.cli.entry import say

    language = choose_lang(lang)
    if any(importlib.util.find_spec(name) is None for name in _WEB):
        fail(text(language, "w_needs_web"))
    if host not in _LOCAL:
        say(text(language, "w_not_local", host=host))
    listening = _listen(host, port, language)  # bound here: a port in use is one line, and port 0 is told
    local = host in _EVERY_ADDRESS  # every address of this computer: this computer's own is the one to open
    shown = "127.0.0.1" if local else f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{listening.getsockname()[1]}/"
    os.environ["ASISTENTS_WEB_HOSTS"] = ",".join(answered_names(host, allow_host or []))
    os.environ["ASISTENTS_WEB_MAX_UPLOAD"] = str(max_upload * 2**20)
    say(text(language, "w_serving", url=url))
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, [url]).start()
    import uvicorn

    config = uvicorn.Config("asistents.web.app:app_from_environment", factory=True, log_level="warning")
    uvicorn.Server(config).run(sockets=[listening])


def _listen(host: str, port: int, lang: Lang) -> socket.socket:
    import socket

    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        listening = socket.socket(family, socket.SOCK_STREAM)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
    except OSError as error:  # a port in use, an address this computer does not have
        fail(text(lang, "w_cannot_listen", host=host, port=port, reason=error.strerror or error), 1)
    listening.listen(128)  # from now on a browser's request waits in the queue until the page answers it
    return listening


def answered_names(host: str, allowed: list[str]) -> list[str]:
    """The ``Host`` names the page answers to: this computer's own, the address it binds, and ``--allow-host``."""
    import socket

    names = {"127.0.0.1", "localhost", "[::1]", *allowed}
    if host not in _EVERY_ADDRESS:
        names.add(f"[{host}]" if ":" in host else host)
        return sorted(names)
    # every address of this computer: its names and its addresses, as a colleague's browser reaches it
    names |= {socket.gethostname(), socket.getfqdn()}
    try:
        found = socket.getaddrinfo(socket.gethostname(), None)
    except OSError:
        found = []
    names |= {f"[{info[4][0]}]" if ":" in str(info[4][0]) else str(info[4][0]) for info in found}
    return sorted(names)
