"""Which legislature sat on a date, as a document's field (``LXVI``): the calendars are
``config.legislatures``; a jurisdiction or date outside them gives nothing."""

from __future__ import annotations

import datetime as dt

from config.legislatures import sitting_number
from indexer.readers.normalise import int_to_roman, legislature_number


def legislature_on(jurisdiction: str, day: dt.date | None) -> str | None:
    """The legislature that sat on ``day`` in ``jurisdiction``, if its calendar is known."""
    number = sitting_number(jurisdiction, day)
    return int_to_roman(number) if number else None


def contradicts(value: str | None, jurisdiction: str, day: dt.date | None) -> str | None:
    """The calendar's legislature when it differs from ``value`` (a spec's constant);
    none when they agree or either is unknown."""
    expected = legislature_on(jurisdiction, day)
    number = legislature_number(value)
    if expected is None or number is None:
        return None
    return expected if int_to_roman(number) != expected else None
