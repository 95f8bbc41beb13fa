"""Where ``batch`` reads and writes: a file or stdin, a file written atomically or stdout.

stdout carries data only; the progress bar goes to stderr, and only for a real
file when stderr is a terminal.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from asistents.cli.errors import DATA, fail
from asistents.i18n import Lang, text
from asistents.io.atomic import atomic_binary_file

#: The most a register piped to stdin may have: it is first copied to a temporary file (README "Bad input").
STDIN_LIMIT = 8 * 1024**3


@contextlib.contextmanager
def open_input(path: Path | None, lang: Lang) -> Iterator[BinaryIO]:
    """The register's bytes: the file, or stdin (never a terminal, which would hang).

    stdin is first copied to a temporary file (as large as the input), so that it
    can be checked and read twice like a file: an undecodable byte anywhere is
    reported before any row is written.
    """
    if path is None:
        if sys.stdin is None or sys.stdin.isatty():
            fail(text(lang, "f_no_input"))
        with tempfile.TemporaryFile() as spool:
            copied = 0
            while chunk := sys.stdin.buffer.read(1 << 20):
                copied += len(chunk)
                if copied > STDIN_LIMIT:  # /dev/zero piped in never ends: a bound, documented
                    fail(text(lang, "f_stdin_too_large", limit=STDIN_LIMIT // 1024**3), DATA)
                spool.write(chunk)
            spool.seek(0)
            yield spool
        return
    if path.exists() and not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
        # A device never ends (/dev/zero), a FIFO with no writer is waited on for ever: stdin is the way.
        fail(text(lang, "f_not_regular", path=path))
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        fail(text(lang, "f_missing", path=path))
    except IsADirectoryError:
        fail(text(lang, "f_folder", path=path))
    except OSError as error:
        fail(text(lang, "f_unreadable", path=path, reason=error.strerror))
    with stream:
        yield stream


class OutputError(OSError):
    """Writing the output failed (disk full, closed stdout ...): reported, never a traceback."""


class _Guarded(io.RawIOBase):
    """A binary sink whose write errors become :class:`OutputError`."""

    def __init__(self, sink: BinaryIO) -> None:
        self._sink = sink

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        try:
            written = self._sink.write(data)
        except (OSError, ValueError, AttributeError) as error:
            raise OutputError(getattr(error, "errno", None), _reason(error)) from None
        return len(data) if written is None else written

    def flush(self) -> None:
        try:
            self._sink.flush()
        except (OSError, ValueError, AttributeError) as error:
            raise OutputError(getattr(error, "errno", None), _reason(error)) from None


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return "closed" if isinstance(error, (ValueError, AttributeError)) else str(error)


@contextlib.contextmanager
def open_output(output: str | None, strict: bool, lang: Lang) -> Iterator[BinaryIO]:
    """A file written atomically, or stdout; with ``--strict`` stdout gets it only at the end.

    Every failure to write (a missing or read-only folder, a parent that is a file,
    a full disk, a closed stdout) is one line naming the output and the reason; the
    old file is kept and no temporary file is left.
    """
    try:
        if output is not None:
            yield from _to_file(Path(output), lang)
        else:
            yield from _to_stdout(strict)
    except OSError as error:  # OutputError, or creating, syncing, renaming the file
        reason = error.strerror or str(error)
        if output is None:
            fail(text(lang, "f_stdout_failed", reason=reason), 1)
        fail(text(lang, "f_write_failed", flag="-o", path=output, reason=reason), 1)


def _to_file(target: Path, lang: Lang) -> Iterator[BinaryIO]:
    if target.is_dir():
        fail(text(lang, "f_output_folder", path=target))
    manager = atomic_binary_file(target)
    try:
        sink = manager.__enter__()
    except FileNotFoundError:
        fail(text(lang, "f_output_no_folder", flag="-o", path=target))
    try:
        guarded = _guarded(sink)
        yield guarded
        guarded.flush()
    except BaseException:
        manager.__exit__(*sys.exc_info())
        raise
    manager.__exit__(None, None, None)


def _to_stdout(strict: bool) -> Iterator[BinaryIO]:
    stdout = getattr(sys.stdout, "buffer", None)
    if stdout is None:
        raise OutputError(None, "stdout is closed")
    guarded = _guarded(stdout)
    if not strict:
        yield guarded
        guarded.flush()
        return
    with tempfile.TemporaryFile() as spool:
        yield spool
        spool.seek(0)
        shutil.copyfileobj(spool, guarded)
        guarded.flush()


def _guarded(sink: BinaryIO) -> BinaryIO:
    return io.BufferedWriter(_Guarded(sink), buffer_size=1 << 16)  # type: ignore[type-var]


@contextlib.contextmanager
def progress(
    source: BinaryIO | None, size: int, lang: Lang, unit: str = "s_progress_rows"
) -> Iterator[Callable[[], None]]:
    """A Rich progress bar on stderr for a real file when stderr is a terminal: how far through the file (the
    bar), the rows (or persons) done, and the time left. ``advance`` is called once per row or person."""
    if source is None or not size or not sys.stderr.isatty():
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    counter = [0]
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        TextColumn("{task.fields[done]} " + text(lang, unit)),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(text(lang, "s_progress"), total=size, done=0)

        def advance() -> None:
            counter[0] += 1
            if counter[0] % 200 == 0:
                with contextlib.suppress(OSError, ValueError):
                    bar.update(task, completed=source.tell(), done=counter[0])

        yield advance


def _nothing() -> None:
    return None
