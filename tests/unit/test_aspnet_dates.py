"""ASP.NET services' JSON dates ("/Date(1616047200000)/"): the day the court wrote, read
as the server meant it; a value that is no day (DateTime.MinValue, an offset cut short,
a number no date has) is none, never a wrong one."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.readers.normalise import parse_date
from indexer.readers.plausibility import implausible


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("/Date(1616025600000)/", dt.date(2021, 3, 18)),  # midnight UTC: the day as written
        ("/Date(1616047200000)/", dt.date(2021, 3, 18)),  # Mexico City's midnight, 06:00 UTC
        ("/Date(1618203600000)/", dt.date(2021, 4, 12)),  # in summer time (2021): 05:00 UTC
        ("/Date(1616047200000-0600)/", dt.date(2021, 3, 18)),  # the server's zone said
        ("\\/Date(1616047200000-0600)\\/", dt.date(2021, 3, 18)),  # as the JSON text has it
        ("/Date(1616126400000+0000)/", dt.date(2021, 3, 19)),  # 04:00 UTC, the zone UTC
        (" /Date(1710288000000)/ ", dt.date(2024, 3, 13)),
        ("/Date(-62135596800000)/", None),  # DateTime.MinValue: "no date"
        ("/Date(1616047200000-06)/", None),  # an offset without its minutes
        ("/Date(1616047200000+9900)/", None),  # no zone is 99 hours off
        ("/Date(999999999999999)/", None),  # year 33658
        ("/Date()/", None),
    ],
)
def test_a_dotnet_json_date_is_its_day(text: str, day: dt.date | None) -> None:
    assert parse_date(text) == day


def test_a_dotnet_json_date_is_a_plausible_resolution_date() -> None:
    assert implausible("resolution_date", "/Date(1616047200000)/") is None
