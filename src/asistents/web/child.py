"""Run ``asistents batch``, ``columns``, ``calc --pdf`` or ``emergency --pdf`` for a request, as a child process.

Why a child and not a call: the register's whole contract (its readers, the header grammar's refusals, the
renderers, atomic outputs, exit codes and one-line messages) is the command's, and a child gives the web page
exactly the files the command writes, never a second path to them. Each request's child runs in a private
folder of its own (``mkdtemp``: readable by this user only), removed when the response is made, so an upload is
never left on disk and eight requests at once never see each other's files. The files in that folder have
fixed names chosen here: nothing from a request names a path.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import anyio

#: The longest a child may run (a register of a million rows takes about a minute).
TIMEOUT_SECONDS = 900
_PREFIX = "asistents: "


@dataclass(frozen=True)
class Ran:
    """What the child did: its exit code, its standard output, its messages, and the files it wrote."""

    code: int
    stdout: bytes
    messages: list[str]
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def error(self) -> str | None:
        """The command's one-line error without its prefix (None: it ended well)."""
        for line in self.messages:
            if line.startswith(_PREFIX + "error: "):
                return line.removeprefix(_PREFIX + "error: ")
        return None


async def run_command(
    args: Sequence[str], inputs: Mapping[str, bytes], outputs: Sequence[str], shown: Mapping[str, str]
) -> Ran:
    """``asistents ARGS`` in a fresh private folder holding ``inputs`` (name -> bytes); returns the ``outputs``
    it wrote. ``shown`` renames the folder's files in the messages (``register.csv`` -> the upload's own name)."""
    with tempfile.TemporaryDirectory(prefix="asistents-web-") as folder:
        for name, data in inputs.items():
            (Path(folder) / name).write_bytes(data)
        environment = {key: value for key, value in os.environ.items() if key != "ASISTENTS_DEBUG"}
        with anyio.fail_after(TIMEOUT_SECONDS):
            done = await anyio.run_process(
                [sys.executable, "-m", "asistents", *args], cwd=folder, check=False, env=environment
            )
        files = {name: (Path(folder) / name).read_bytes() for name in outputs if (Path(folder) / name).is_file()}
    messages = []
    for line in done.stderr.decode("utf-8", "replace").splitlines():
        for name, upload in shown.items():
            line = line.replace(name, upload)
        messages.append(line.replace(folder, "."))
    return Ran(done.returncode, done.stdout, messages, files)
