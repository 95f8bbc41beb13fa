"""The rule parameters, each with the dates it holds for and its source.

Kept as OpenFisca keeps parameters: a small frozen record per parameter with its
value(s) by the date each starts to hold, its unit and the legal source, so that
a reviewer can check every number the calculator relies on in one sitting (the
values live in ``parameters.json`` beside this module, read once). A rule
asks for a parameter *at the date it applies to* (``WEEKLY_STATE_MAXIMUM.at(day)``);
message catalogues format the parameter, so "10 h" is written once, here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Parameter(Generic[T]):
    """A rule constant: ``values`` are ``(first day it holds, value)``, oldest first.

    A date before the first entry takes the first value: the calculator computes
    such periods (with a warning that they lie outside the emergencies), and the
    nearest rule is the only sensible one to show.
    """

    name: str
    description: str
    unit: str
    values: tuple[tuple[date, T], ...]
    source: str

    def at(self, day: date) -> T:
        """The value in force on ``day``."""
        chosen = self.values[0][1]
        for start, value in self.values:
            if start <= day:
                chosen = value
        return chosen

    @property
    def current(self) -> T:
        """The latest value (for help texts, which name no date)."""
        return self.values[-1][1]


@dataclass(frozen=True)
class Emergency:
    """A declared emergency (ārkārtējā situācija) during which point 11.1 applied."""

    start: date
    end: date
    source: str

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def _load() -> tuple[dict[str, Parameter[Decimal]], tuple[Emergency, ...]]:
    """Read ``parameters.json`` (package data, read once at import)."""
    # Beside this module (package data); importlib.resources would add ~10 ms to every start.
    text = Path(__file__).with_name("parameters.json").read_text(encoding="utf-8")
    data = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    parameters = {
        name: Parameter(
            name=name,
            description=entry["description"],
            unit=entry["unit"],
            values=tuple((date.fromisoformat(day), value) for day, value in entry["values"].items()),
            source=entry["source"],
        )
        for name, entry in data["parameters"].items()
    }
    emergencies = tuple(
        Emergency(date.fromisoformat(e["start"]), date.fromisoformat(e["end"]), e["source"])
        for e in data["emergencies"]
    )
    return parameters, emergencies


PARAMETERS, EMERGENCIES = _load()
#: Measure 7 (social inclusion), Annex 1 of Regulation 942.
MEASURE_SOCIAL_INCLUSION = PARAMETERS["measure"]
#: The official hourly pay of an assistant (adult; under 18), from January 2021 only.
RATE_ADULT = PARAMETERS["rate_adult"]
RATE_UNDER_18 = PARAMETERS["rate_under_18"]
#: The last month of the emergency arrangement (Regulation 662, points 73-74: until 31.12.2021 at the latest).
LAST_ARRANGEMENT_MONTH = date(2021, 12, 1)


def official_rates(under_18: bool) -> tuple[tuple[date, Decimal], ...]:
    """The official hourly rate of each month it is known for (January-December 2021), as a table by
    month: no verified table exists for 2020 (the minimum wage divided by a month's hours has two
    readings), so those months have none."""
    parameter = RATE_UNDER_18 if under_18 else RATE_ADULT
    first = parameter.values[0][0]
    months = [date(first.year, m, 1) for m in range(first.month, LAST_ARRANGEMENT_MONTH.month + 1)]
    return tuple((month, parameter.at(month)) for month in months)


#: Point 11.1: with no use in the three previous months, at most 10 h a week of measure 7.
NO_HISTORY_WEEKLY_HOURS = PARAMETERS["no_history_weekly"]
#: The state-paid service may not exceed 40 h a week.
WEEKLY_STATE_MAXIMUM = PARAMETERS["state_weekly_maximum"]
#: Point 11.1: the average is over the three previous calendar months.
AVERAGE_MONTHS = PARAMETERS["average_months"]
#: Default daily limit (project decision, Labour Law art. 131).
DAILY_MAX = PARAMETERS["daily_max"]
#: Default rounding step (project decision).
STEP = PARAMETERS["step"]

#: The seed case: Ministry of Welfare guidance of 12.06.2020 on June 2020, whose
#: emergency days were 1-9 June. Used when no period is given.
DEFAULT_START = date(2020, 6, 1)
DEFAULT_END = date(2020, 6, 9)


def in_emergency(day: date) -> bool:
    return any(emergency.holds(day) for emergency in EMERGENCIES)


# Sanity bounds for inputs. They are not rules of the regulation: they stop
# impossible figures (typing errors) before they reach a timesheet.
#: A calendar month holds at most 31 x 24 = 744 hours.
MAX_MONTH_HOURS = Decimal("744")
#: A week holds 7 x 24 = 168 hours.
MAX_WEEK_HOURS = Decimal("168")
#: A day holds 24 hours.
MAX_DAY_HOURS = Decimal("24")
#: Hourly rates in euro above this are surely typing errors (the 2021 rate was 4.50).
MAX_RATE_EUR = Decimal("1000")
#: Sanity bounds for dates (the first emergency was in 2020; the calendar ends in 9999).
FIRST_YEAR = 2000
LAST_YEAR = 2100
#: Decimal places accepted in any hours or euro figure (0.0001 h is a third of a second).
MAX_DECIMAL_PLACES = 4
