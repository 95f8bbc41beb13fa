"""One part of a long ``--timesheets-pdf``, compiled in a child process: ``python -m asistents.cli.pdf_part``.

Typst memoises what it lays out for the life of the process and gives no way to let it go
(0.5 MB a page, measured: 200 pages a compile add 100 MB, a fresh compiler or not). So the
pages of a long PDF are compiled in parts, each in a process of its own that ends with its part;
the parent joins the parts (:func:`asistents.cli.timesheets.join_pdfs`). Memory is then bounded
by a part, however many pages the register gives (README "Timesheets").

The child reads the template's path (or nothing), the timestamp and the document as one JSON
object on stdin, and writes the PDF to the path it is given. A template that does not compile
exits with :data:`TEMPLATE_FAILED` and Typst's message on stderr.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

#: The child's exit code when the template does not compile (its message is on stderr).
TEMPLATE_FAILED = 3
#: What one compile may take (README "Timesheets"): a template is code from elsewhere, and one that doubles a
#: string forty times would take the machine's memory; past these it is ended, and the run says why.
PART_MEMORY = 2 * 1024**3
PART_SECONDS = 120


class PartFailed(Exception):
    """The child did not write its part: ``template`` says whether the template was at fault."""

    def __init__(self, message: str, *, template: bool) -> None:
        super().__init__(message)
        self.message = message
        self.template = template


def _bounded() -> None:
    """In the child before it starts: its address space and CPU time bounded (a hostile template ends)."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (PART_MEMORY, PART_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (PART_SECONDS, PART_SECONDS))


def compile_part(target: Path, template: str | None, timestamp: datetime | None, data: dict[str, Any]) -> None:
    """Compile ``data`` (a timesheet document) to ``target`` in a child process, bounded in memory and time.

    The child keeps the template's private folder inside ``target``'s folder, which the caller removes however
    the run ends: a child ended by a signal leaves nothing behind. A signal to this process ends the child."""
    request = {"template": template, "timestamp": None if timestamp is None else timestamp.isoformat(), "data": data}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "asistents.cli.pdf_part", str(target)],
            input=json.dumps(request, ensure_ascii=False).encode("utf-8"),
            capture_output=True,
            check=False,
            timeout=PART_SECONDS,
            preexec_fn=_bounded,
        )
    except subprocess.TimeoutExpired:
        raise PartFailed(f"took more than {PART_SECONDS} s: not compiled", template=True) from None
    if done.returncode < 0 or (done.returncode != 0 and b"MemoryError" in done.stderr):
        limits = f"{PART_MEMORY // 1024**3} GiB, {PART_SECONDS} s"
        raise PartFailed(f"needed more than a page may take ({limits}): not compiled", template=True)
    if done.returncode != 0:
        message = " ".join(done.stderr.decode("utf-8", errors="replace").split())[-500:]
        raise PartFailed(message, template=done.returncode == TEMPLATE_FAILED)


def main() -> int:
    from asistents.render.timesheet import PdfWriter, TemplateError

    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    stamp = request["timestamp"]
    try:
        writer = PdfWriter(Path(request["template"]) if request["template"] else None,
                           datetime.fromisoformat(stamp) if stamp else None,
                           workdir=Path(sys.argv[1]).parent)  # fmt: skip
        try:
            data = writer.pdf(request["data"])
        finally:
            writer.close()
    except TemplateError as error:
        sys.stderr.write(error.message)
        return TEMPLATE_FAILED
    Path(sys.argv[1]).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
