"""A UTF-8 text stream over a renderer's binary sink, left open when the renderer is done."""

from __future__ import annotations

import contextlib
import io
from typing import BinaryIO


def text_over(sink: BinaryIO, bom: bool = False) -> io.TextIOWrapper:
    return io.TextIOWrapper(sink, encoding="utf-8-sig" if bom else "utf-8", newline="", write_through=False)


def finish(stream: io.TextIOWrapper) -> None:
    """Flush the text and let go of the sink (its owner closes it)."""
    stream.flush()
    with contextlib.suppress(ValueError):
        stream.detach()
