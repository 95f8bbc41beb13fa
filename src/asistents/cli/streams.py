"""Where ``batch`` reads and writes: a file or stdin, a file written atomically or stdout.

stdout carries data only; the progress bar goes to stderr, and only for a real
file when stderr is a terminal.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from asistents.cli.errors import fail
from asistents.i18n import Lang, text
from asistents.io.atomic import atomic_binary_file


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
            shutil.copyfileobj(sys.stdin.buffer, spool)
            spool.seek(0)
            yield spool
        return
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


@contextlib.contextmanager
def open_output(output: str | None, strict: bool, lang: Lang) -> Iterator[BinaryIO]:
    """A file written atomically, or stdout; with ``--strict`` stdout gets it only at the end."""
    if output is not None:
        target = Path(output)
        if target.is_dir():
            fail(text(lang, "f_output_folder", path=output))
        try:
            with atomic_binary_file(target) as stream:
                yield stream
        except FileNotFoundError:
            fail(text(lang, "f_output_no_folder", path=output))
        return
    stdout = sys.stdout.buffer
    if not strict:
        yield stdout
        stdout.flush()
        return
    with tempfile.TemporaryFile() as spool:
        yield spool
        spool.seek(0)
        shutil.copyfileobj(spool, stdout)
        stdout.flush()


@contextlib.contextmanager
def text_stream(sink: BinaryIO, bom: bool) -> Iterator[TextIO]:
    """UTF-8 text over ``sink`` (with a BOM when asked), flushed at the end, ``sink`` left open."""
    stream = io.TextIOWrapper(sink, encoding="utf-8-sig" if bom else "utf-8", newline="", write_through=False)
    try:
        yield stream
        stream.flush()
    finally:
        with contextlib.suppress(ValueError):
            stream.detach()


@contextlib.contextmanager
def progress(source: BinaryIO | None, size: int, lang: Lang) -> Iterator[Callable[[], None]]:
    """A Rich progress bar on stderr for a real file when stderr is a terminal."""
    if source is None or not size or not sys.stderr.isatty():
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    counter = [0]
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(text(lang, "s_progress"), total=size)

        def advance() -> None:
            counter[0] += 1
            if counter[0] % 2000 == 0:
                with contextlib.suppress(OSError, ValueError):
                    bar.update(task, completed=source.tell())

        yield advance


def _nothing() -> None:
    return None
