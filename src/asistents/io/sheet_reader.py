"""A workbook's sheet read in a child process with a memory limit: ``python -m asistents.io.sheet_reader``.

python-calamine's readers are Rust. On a damaged or hostile file they can panic (an index out
of range in a cut ``.xls``: the panic prints a Rust backtrace on stderr before Python sees it),
or believe a cell reference or a declared size (``D99999999999999``, ``<sst count="4294967295">``,
a cell at row 20,000,000) and ask for tens of gigabytes, which aborts the whole process. Neither
may reach the user as anything but one line. So the sheet is read in a child process whose
address space is limited to :data:`MEMORY_LIMIT`; the child sends the sheet's name and its rows
to the parent (pickled batches on stdout), and the parent turns any way the child can end
(an error it reports, a panic, an abort, a signal) into :class:`~asistents.io.errors.InputFileError`.
Its stderr never reaches the user. The bound is documented (README "Bad input and exit codes").
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from typing import IO, Any, BinaryIO

from asistents.io.errors import InputFileError

#: The child's address space: what reading one workbook may take (README "Bad input and exit codes").
MEMORY_LIMIT = 2 * 1024**3
#: Rows a message carries from the child.
BATCH = 2000
#: The same non-empty row more times in a row than this is an error (an ODS row "repeated" a billion
#: times, which calamine expands); a run of empty rows longer than this is nothing (LibreOffice writes
#: such runs after the data routinely). README "Bad input and exit codes".
REPEAT_LIMIT = 1000


def read_sheet(stream: BinaryIO, sheet: str | None) -> tuple[str, Iterator[list[object]]]:
    """The chosen sheet's name and its rows, read by a child process (see the module's docstring)."""
    data = stream.read()
    errors = tempfile.TemporaryFile()  # noqa: SIM115  (closed when the rows are read, or on failure)
    child = subprocess.Popen(
        [sys.executable, "-m", "asistents.io.sheet_reader", *(() if sheet is None else (f"={sheet}",))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(data)
        child.stdin.close()
    except BrokenPipeError:  # the child ended before reading it all: its end says why
        pass
    first = _message(child, errors)
    if first[0] != "sheet":
        _failed(child, errors, first)
    return str(first[1]), _rows(child, errors)


def _rows(child: subprocess.Popen[bytes], errors: IO[bytes]) -> Iterator[list[object]]:
    try:
        while True:
            message = _message(child, errors)
            if message[0] == "end":
                return
            if message[0] != "rows":
                _failed(child, errors, message)
            yield from message[1]
    finally:  # read to the end, failed, or left unread: the child and its pipes go
        _close(child, errors)


def _close(child: subprocess.Popen[bytes], errors: IO[bytes]) -> None:
    if child.poll() is None:
        child.kill()
    child.wait()
    for stream in (child.stdout, child.stdin, errors):
        if stream is not None:
            stream.close()


def _message(child: subprocess.Popen[bytes], errors: IO[bytes]) -> tuple[Any, ...]:
    assert child.stdout is not None
    try:
        message = pickle.load(child.stdout)
    except (EOFError, pickle.UnpicklingError):
        return ("died",)
    assert isinstance(message, tuple)
    return message


def _failed(child: subprocess.Popen[bytes], errors: IO[bytes], message: tuple[Any, ...]) -> None:
    """Raise what the child's end means; a file error it reported, else how it ended."""
    if child.poll() is None and message[0] == "error":
        child.wait()
    if child.poll() is None:
        child.kill()
    code = child.wait()
    errors.seek(0)
    said = errors.read()[-4000:].decode("utf-8", errors="replace")
    _close(child, errors)
    if message[0] == "error":
        raise InputFileError(message[1], **message[2])
    panic = [line for line in said.splitlines() if line.strip() and not line.startswith(("  ", "stack", "note:"))]
    if code < 0 or code in (134, 137) or "memory allocation" in said or "MemoryError" in said:
        raise InputFileError("f_workbook_too_big", limit=MEMORY_LIMIT // 1024**2)
    reason = panic[1] if len(panic) > 1 and "panicked" in panic[0] else (panic[-1] if panic else f"exit {code}")
    raise InputFileError("f_bad_workbook", reason=reason[:200])


def main() -> int:
    """The child: read the workbook on stdin, send its chosen sheet's name and rows on stdout."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    from asistents.io.workbook import choose_sheet, damaged_workbook

    out = sys.stdout.buffer
    wanted = sys.argv[1][1:] if len(sys.argv) > 1 else None
    try:
        data = sys.stdin.buffer.read()
        found, name = choose_sheet(data, wanted)
        pickle.dump(("sheet", name), out)
        batch: list[list[object]] = []
        previous: list[object] | None = None
        repeated = 0
        with damaged_workbook():
            for number, row in enumerate(found.iter_rows(), start=1):  # type: ignore[attr-defined]
                repeated = repeated + 1 if row == previous else 0
                previous = row
                if repeated >= REPEAT_LIMIT:
                    if any(str(cell).strip() for cell in row if cell is not None):
                        raise InputFileError("f_repeated_rows", row=number - repeated, count=REPEAT_LIMIT)
                    continue  # repeated empty rows are nothing
                batch.append(row)
                if len(batch) >= BATCH:
                    pickle.dump(("rows", batch), out)
                    batch = []
        pickle.dump(("rows", batch), out)
        pickle.dump(("end",), out)
    except InputFileError as error:
        pickle.dump(("error", error.code, error.params), out)
    except MemoryError:
        return 137
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
