"""The rule parameters, each with the dates it holds for and its source.

Kept as OpenFisca keeps parameters: a small frozen record per parameter with its
value(s) by the date each starts to hold, its unit and the legal source, so that
a reviewer can check every number the calculator relies on in one sitting. A rule
asks for a parameter *at the date it applies to* (``WEEKLY_STATE_MAXIMUM.at(day)``);
message catalogues format the parameter, so "10 h" is written once, here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
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


#: The first day on which point 11.1 (added by Cabinet Regulation No. 134 of
#: 17.03.2020) applied: the first emergency's first day.
_POINT_11_1 = date(2020, 3, 12)
#: From 07.04.2021 the arrangement moved to Regulation 360, later to Regulation 662
#: (points 73-74), with the same figures.
_REGULATION_360 = date(2021, 4, 7)

MEASURE_SOCIAL_INCLUSION: Parameter[int] = Parameter(
    name="measure",
    description="the measure the emergency hours are reported under (social inclusion)",
    unit="measure",
    values=((_POINT_11_1, 7),),
    source="Cabinet Regulation No. 942 (18.12.2012), Annex 1, measure 7; point 11.1",
)

NO_HISTORY_WEEKLY_HOURS: Parameter[Decimal] = Parameter(
    name="no_history_weekly",
    description="most measure-7 hours a week for a person with no use in the three previous months",
    unit="h/week",
    values=((_POINT_11_1, Decimal("10")), (_REGULATION_360, Decimal("10"))),
    source="Regulation No. 942, point 11.1; from 07.04.2021 Regulation No. 360 / No. 662, points 73-74",
)

WEEKLY_STATE_MAXIMUM: Parameter[Decimal] = Parameter(
    name="state_weekly_maximum",
    description="most assistant hours a week the state pays",
    unit="h/week",
    values=((_POINT_11_1, Decimal("40")),),
    source='Ministry of Welfare, "Kritēriji asistenta pakalpojuma apjoma noteikšanai"',
)

AVERAGE_MONTHS: Parameter[int] = Parameter(
    name="average_months",
    description="calendar months before the counted month that the average is taken over",
    unit="months",
    values=((_POINT_11_1, 3),),
    source="Regulation No. 942, point 11.1",
)

DAILY_MAX: Parameter[Decimal] = Parameter(
    name="daily_max",
    description="default daily limit (proportionality); the guidance gives no number",
    unit="h/day",
    values=((_POINT_11_1, Decimal("8")),),
    source="project decision: normal daily working time, Labour Law, art. 131 "
    "(guidance of 12.06.2020, point 4, asks for proportionality)",
)

STEP: Parameter[Decimal] = Parameter(
    name="step",
    description="the payable total is rounded down to this, and every day's hours are multiples of it",
    unit="h",
    values=((_POINT_11_1, Decimal("0.5")),),
    source="project decision (README, 'Rounding')",
)

#: The seed case: Ministry of Welfare guidance of 12.06.2020 on June 2020, whose
#: emergency days were 1-9 June. Used when no period is given.
DEFAULT_START = date(2020, 6, 1)
DEFAULT_END = date(2020, 6, 9)

#: Declared emergencies in Latvia during which point 11.1 applied.
EMERGENCIES: tuple[Emergency, ...] = (
    Emergency(date(2020, 3, 12), date(2020, 6, 9), "Cabinet order No. 103 of 12.03.2020, as amended"),
    Emergency(date(2020, 11, 9), date(2021, 4, 6), "Cabinet order No. 655 of 06.11.2020, as amended"),
)


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
