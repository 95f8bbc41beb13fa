"""A small input file read whole, within a bound (a column map; README "Bad input and exit codes").

Such a file is read at once, so it is read with a size bound, and only when it is a regular
file: a FIFO with no writer would wait for ever, a device (``/dev/zero``) never ends. The file
is opened without blocking and checked before a byte is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class SmallFileError(ValueError):
    """The file cannot be read as a small input: ``code`` is ``not_regular``, ``too_large`` or ``unreadable``."""

    def __init__(self, code: str, reason: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason


def read_small_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them; raises :class:`SmallFileError`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise SmallFileError("unreadable", error.strerror or str(error)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SmallFileError("not_regular")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise SmallFileError("unreadable", error.strerror or str(error)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise SmallFileError("too_large")
    return data
