"""Writing a file so that it is either the old one or the whole new one.

The output goes to a temporary file beside the target, is flushed to disk and then
renamed over the target (``os.replace`` is atomic on one file system). An error or
an interruption removes the temporary file and leaves the target untouched.

A symbolic link is followed: the temporary file is written beside the link's final
target and renamed there, so the link stays a link (and a target on another file
system works). A target that exists and is not a regular file (a device such as
``/dev/null``, a FIFO, a terminal) is never replaced: it is written to directly.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

#: Characters of the target's name kept in the temporary file's name, so that a
#: name near the file system's limit (255 bytes) still leaves room for the rest.
_NAME_KEPT = 40


def final_target(target: Path) -> Path:
    """Where the bytes end up: the target, or what its symbolic links point to."""
    return target.resolve() if target.is_symlink() else target


def is_special(target: Path) -> bool:
    """True for an existing target that is not a regular file (device, FIFO, socket)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


@contextlib.contextmanager
def atomic_binary_file(target: Path) -> Iterator[BinaryIO]:
    if is_special(target):  # follows links: -o /dev/stdout, a FIFO, /dev/null are written to
        with _open_special(target) as stream:
            yield stream
        return
    final = final_target(target)
    directory = final.absolute().parent
    handle, temp_name = tempfile.mkstemp(prefix=f".{final.name[:_NAME_KEPT]}.", suffix=".tmp", dir=directory)
    temp = Path(temp_name)
    try:
        os.chmod(handle, _mode_for(final))
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, final)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _open_special(target: Path) -> BinaryIO:
    """A device or FIFO opened for writing without waiting: a FIFO no one reads is an error (ENXIO), never a
    wait without end; once open, writes block as usual (a reader that is slow is waited for)."""
    import fcntl

    fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
    return os.fdopen(fd, "wb")


def _mode_for(target: Path) -> int:
    """The target's own permissions, or what a new file gets (``mkstemp`` makes 0600)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name the same file (links and ``..`` included)."""
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def is_same_as_fd(path: Path, fd: int) -> bool:
    """True when ``path`` is the file open on ``fd`` (``batch - -o in.csv < in.csv``)."""
    try:
        a, b = os.stat(path), os.fstat(fd)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(a.st_mode) and (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


@contextlib.contextmanager
def atomic_file_in(folder: Path, name: str) -> Iterator[BinaryIO]:
    """Write ``folder/name`` atomically, following no link: the temporary file is created in ``folder``
    (``O_EXCL``) and renamed to ``name`` there, which replaces a directory entry, never what a link
    points to. For the timesheets' folder, where nothing may be written outside it."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{name[:_NAME_KEPT]}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        os.chmod(handle, _mode_for(Path("/nonexistent/new")))
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, folder / name)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
