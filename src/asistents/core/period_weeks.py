"""One calendar week of a period with what the rules make of it (cap, its source, other days' hours)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from asistents.core.calendar import CalendarWeek

CapSource = Literal["weekly", "state_maximum", "no_history"]


@dataclass(frozen=True, slots=True)
class PlannedWeek:
    """One calendar week's emergency days with what the rules make of it."""

    calendar: CalendarWeek
    used_other_days: Decimal
    cap: Decimal
    cap_source: CapSource
