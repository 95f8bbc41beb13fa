"""What a document says about the run that made it: the program's version and the run's date."""

from __future__ import annotations

import os
from datetime import datetime, timezone


def program_version() -> str:
    """``asistents 0.1.0`` (``importlib.metadata`` is imported only here: it costs start-up time)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"asistents {version('asistents')}"
    except PackageNotFoundError:
        return "asistents"


def source_date() -> datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC date-time when set (reproducible files), else None."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch.isdigit() else None
