"""Which legislature sat on a date, by each congress's known calendar.

A spec that fixes ``legislature: LXVI`` stamps every document of a backfill (or of the
next legislature) with a wrong value; a document's own date says which legislature it
belongs to where the calendar is known. Only calendars written here are used: a
jurisdiction (or a date) outside them gives nothing (a wrong value is worse than none).

Federal (``MX``): art. 65 of the Constitution opens each legislature's first period on
1 September; the Chamber's constitutive session is on 29 August (Ley Orgánica del
Congreso, art. 15), so the last days of August are unsure and give nothing. States
install theirs on their own dates, each listed with the terms it covers (three years
each, to confirm against each state's constitution); the week before each installation
is unsure. Start URLs that take ``{legislature}`` (``config.start_dates``) use them too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Calendar:
    """Consecutive three-year legislatures: ``first`` (its number) starts on ``start``,
    each next one on the same day three years later, up to ``last``; ``unsure_days``
    before each start (installation sittings of the incoming one) give nothing."""

    first: int
    start: dt.date
    last: int
    unsure_days: int = 3

    def on(self, day: dt.date) -> int | None:
        if day < self.start:
            return None
        years = day.year - self.start.year
        if (day.month, day.day) < (self.start.month, self.start.day):
            years -= 1
        number = self.first + years // 3
        if number > self.last:
            return None
        following = self.start.replace(year=self.start.year + (years // 3 + 1) * 3)
        if (following - day).days <= self.unsure_days:
            return None
        return number


CALENDARS: dict[str, Calendar] = {
    # LXIV 2018-09-01 – 2021-08-31, LXV 2021-09-01 – 2024-08-31, LXVI 2024-09-01 – 2027-08-31
    "MX": Calendar(first=60, start=dt.date(2006, 9, 1), last=67),
    # Guanajuato: installed 25 September (LXIV 2018, LXV 2021, LXVI 2024)
    "MX-GUA": Calendar(first=64, start=dt.date(2018, 9, 25), last=66, unsure_days=7),
    # Nuevo León: 1 September (LXXV 2018, LXXVI 2021, LXXVII 2024)
    "MX-NLE": Calendar(first=75, start=dt.date(2018, 9, 1), last=77, unsure_days=7),
    # Jalisco: 1 November (LXII 2018, LXIII 2021, LXIV 2024)
    "MX-JAL": Calendar(first=62, start=dt.date(2018, 11, 1), last=64, unsure_days=7),
    # Ciudad de México: II Legislatura 1 September 2021, III 2024
    "MX-CMX": Calendar(first=2, start=dt.date(2021, 9, 1), last=3, unsure_days=7),
}


def sitting_number(jurisdiction: str, day: dt.date | None) -> int | None:
    """The number of the legislature sitting on ``day`` in ``jurisdiction`` (66), if its
    calendar is known."""
    calendar = CALENDARS.get(jurisdiction.upper())
    return calendar.on(day) if calendar and day else None


def calendar_known(jurisdiction: str) -> bool:
    return jurisdiction.upper() in CALENDARS
