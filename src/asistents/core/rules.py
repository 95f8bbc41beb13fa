"""The rule constants, each with the source it comes from.

Kept in one module (as OpenFisca keeps parameters) so that a reviewer can check
every number the calculator relies on against its source in one sitting.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

#: Measure 7 of Annex 1 of Cabinet Regulation No. 942 (18.12.2012): social
#: inclusion ("sociālās iekļaušanas pasākumi"). Point 11.1 of the regulation lets
#: unused hours of measures 1-6 be used for it during an emergency.
MEASURE_SOCIAL_INCLUSION = 7

#: Point 11.1 of Regulation 942: a person with no use of the service in the three
#: previous calendar months gets at most 10 hours a week for measure 7.
NO_HISTORY_WEEKLY_HOURS = Decimal("10")

#: Regulation 942: the state pays at most 40 assistant hours a week.
STATE_WEEKLY_MAXIMUM = Decimal("40")

#: The guidance gives no daily number; the project takes the normal daily working
#: time of the Labour Law, art. 131 (8 hours), as the default proportionality limit.
DEFAULT_DAILY_MAX = Decimal("8")

#: Project decision: the payable total is rounded down to half an hour.
DEFAULT_STEP = Decimal("0.5")

#: The seed case: Ministry of Welfare guidance of 12.06.2020 on June 2020, whose
#: emergency days were 1-9 June.
DEFAULT_START = date(2020, 6, 1)
DEFAULT_END = date(2020, 6, 9)

#: Number of months in the averaging window of point 11.1 (the three previous
#: calendar months).
AVERAGE_MONTHS = 3

#: Declared emergencies in Latvia during which point 11.1 applied
#: (Cabinet orders No. 103 of 12.03.2020 and No. 655 of 06.11.2020, as amended).
EMERGENCIES: tuple[tuple[date, date], ...] = (
    (date(2020, 3, 12), date(2020, 6, 9)),
    (date(2020, 11, 9), date(2021, 4, 6)),
)

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
