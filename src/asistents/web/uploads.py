"""The registers uploaded to the page, held in memory between the page's steps, bounded.

A browser cannot send a file again by itself: after the column preview, the results and each download are
made from the register held here, under a random name that only the page that uploaded it knows. Nothing is
written to disk except, for each command run, into its private folder removed after the response
(:mod:`asistents.web.child`). The registers are forgotten after :data:`KEEP_MINUTES`, and the oldest first when
the bytes held would pass four uploads of the largest size (``--max-upload``).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

KEEP_MINUTES = 30
#: The suffixes the commands read a register by (``--from``); another name is read as the commands detect it.
SUFFIXES = {".csv", ".tsv", ".txt", ".json", ".ndjson", ".jsonl", ".xlsx", ".xls", ".ods"}


def folder_name(name: str) -> str:
    """The name a register is saved by in a command's folder: one no message holds but as its name, with the
    upload's own suffix when the commands read a register by it (replaced by the upload's name in messages)."""
    suffix = "." + name.rpartition(".")[2].lower() if "." in name else ""
    return "asistents-upload" + (suffix if suffix in SUFFIXES else "")


@dataclass(frozen=True)
class Upload:
    """One register as uploaded: its name (shown, never a path), bytes, and what the page chose for it."""

    name: str
    data: bytes
    emergency: int | None
    lang: str
    #: Header -> register column (``used@2020-03``), as chosen on the column preview (empty: as the headers say).
    columns: dict[str, str] = field(default_factory=dict)
    created: float = field(default_factory=time.monotonic)

    @property
    def file_name(self) -> str:
        return folder_name(self.name)


class Uploads:
    """Uploads by a random token, forgotten by age and by the bytes held."""

    def __init__(self, max_bytes: int) -> None:
        self._held: OrderedDict[str, Upload] = OrderedDict()
        self._max_bytes = max_bytes
        self._lock = threading.Lock()

    def add(self, upload: Upload) -> str:
        token = secrets.token_urlsafe(18)
        with self._lock:
            self._forget_old()
            self._held[token] = upload
            while sum(len(u.data) for u in self._held.values()) > self._max_bytes and len(self._held) > 1:
                self._held.popitem(last=False)
        return token

    def replace(self, token: str, upload: Upload) -> None:
        """A new reading of the held register (an upload is never changed in place: a request holds one)."""
        with self._lock:
            if token in self._held:
                self._held[token] = upload

    def get(self, token: str) -> Upload | None:
        with self._lock:
            self._forget_old()
            return self._held.get(token)

    def _forget_old(self) -> None:
        now = time.monotonic()
        for token in [t for t, u in self._held.items() if now - u.created > KEEP_MINUTES * 60]:
            del self._held[token]
