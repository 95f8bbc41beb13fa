"""The console entry point: signals first, then the app; no traceback ever reaches a user.

This module imports nothing heavy, so Ctrl+C even during the first imports ends in
one line and exit 130. SIGTERM and SIGHUP end the run like Ctrl+C: files being
written are removed (:mod:`asistents.io.atomic`) and the exit code is 128 + the
signal's number. Any exception the program did not expect becomes one line with a
hint to report it (``ASISTENTS_DEBUG=1`` shows the traceback). The last resort
lives here, outside the Typer app, so tests that call the app with
``catch_exceptions=False`` still fail loudly on a bug.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

PROG = "asistents"
INTERRUPTED = 130


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: handled like Ctrl+C, with the signal's own exit code."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: The terminating signal received, if any: the command-line library turns every
#: KeyboardInterrupt into exit code 130, so the signal is remembered here.
_received: list[int] = []


def _terminate(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    raise Terminated(signum)


def received_signal() -> int | None:
    return _received[-1] if _received else None


def say(line: str) -> None:
    """One line on stderr; a closed or full stderr changes nothing (the exit code stays)."""
    try:
        stream = sys.stderr
        if stream is not None:
            stream.write(f"{PROG}: {line}\n")
            stream.flush()
    except (OSError, ValueError):
        pass


def exit_code_for(interrupt: KeyboardInterrupt) -> int:
    return 128 + interrupt.signum if isinstance(interrupt, Terminated) else INTERRUPTED


def interrupted_line(interrupt: KeyboardInterrupt) -> str:
    return "terminated" if isinstance(interrupt, Terminated) else "interrupted"


def run() -> None:
    """``asistents``: default SIGPIPE (so ``| head`` ends quietly), SIGTERM/SIGHUP as Ctrl+C."""
    try:
        if hasattr(signal, "SIGPIPE"):
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        for name in ("SIGTERM", "SIGHUP"):
            # A signal the caller ignores stays ignored (nohup asistents batch …: no end at logout).
            if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) is not signal.SIG_IGN:
                signal.signal(getattr(signal, name), _terminate)
        from asistents.cli.app import app

        app()
    except KeyboardInterrupt as interrupt:
        say(interrupted_line(interrupt))
        _leave(exit_code_for(interrupt))
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        _leave(code)
    except BaseException as error:  # also a library's panic (pyo3's PanicException is no Exception)
        if os.environ.get("ASISTENTS_DEBUG") or isinstance(error, GeneratorExit):
            raise
        say(
            f"error: unexpected {type(error).__name__}: {error} "
            "(a bug: please report it with the command; ASISTENTS_DEBUG=1 shows the details)"
        )
        _leave(1)


def _leave(code: int) -> None:
    """Exit with ``code``, after flushing stdout: output that cannot be written is an error (exit 1)."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError) as error:
        if code == 0:
            say(f"error: stdout: cannot be written ({getattr(error, 'strerror', None) or error})")
            code = 1
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)  # skips the interpreter's own final flush, which would print a second error
