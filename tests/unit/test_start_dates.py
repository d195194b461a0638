"""Start URLs by date: the dates a crawl reads, written as the site writes them, bounded
whatever the window asked for."""

from __future__ import annotations

import datetime as dt

from config.legislatures import sitting_number
from config.start_dates import MAX_START_URLS, StartDates, expand

GACETA = "https://gaceta.diputados.gob.mx/Gaceta/{legislature}/{date:%Y/%b/%Y%m%d}.html"
TODAY = dt.date(2026, 12, 5)


def _federal(day: dt.date) -> int | None:
    return sitting_number("MX", day)


def test_a_window_of_a_century_reads_a_bounded_number_newest_first() -> None:
    dates = StartDates(since=dt.date(1900, 1, 1), step="day")
    got = expand(
        ["https://x.mx/{date:%Y%m%d}.html"], dates, None, since=dt.date(1900, 1, 1), today=TODAY
    )
    assert len(got.urls) == MAX_START_URLS
    assert got.urls[0] == "https://x.mx/20261205.html" and got.last == TODAY
    assert got.left_out == (TODAY - dt.date(1900, 1, 1)).days + 1 - MAX_START_URLS


def test_without_a_window_only_the_recent_steps() -> None:
    dates = StartDates(since=dt.date(2018, 9, 1), step="day", recent=3)
    got = expand(["https://g.mx/", GACETA], dates, _federal, today=TODAY)
    assert got.urls == [
        "https://g.mx/",
        "https://gaceta.diputados.gob.mx/Gaceta/66/2026/dic/20261205.html",
        "https://gaceta.diputados.gob.mx/Gaceta/66/2026/dic/20261204.html",
        "https://gaceta.diputados.gob.mx/Gaceta/66/2026/dic/20261203.html",
    ]


def test_the_legislature_in_the_path_changes_with_the_date_and_unsure_days_are_said() -> None:
    dates = StartDates(since=dt.date(2018, 9, 1), step="day")
    got = expand([GACETA], dates, _federal, since=dt.date(2021, 8, 28), until=dt.date(2021, 9, 1))
    assert got.urls == [
        "https://gaceta.diputados.gob.mx/Gaceta/65/2021/sep/20210901.html",
        "https://gaceta.diputados.gob.mx/Gaceta/64/2021/ago/20210828.html",
    ]
    assert got.unsure == [dt.date(2021, 8, 29), dt.date(2021, 8, 30), dt.date(2021, 8, 31)]


def test_months_and_years_on_their_grid() -> None:
    monthly = StartDates(since=dt.date(2024, 10, 15), step="month")
    got = expand(["https://x.mx/{date:%Y-%m-%d}"], monthly, None, since=dt.date(2024, 1, 1),
                 until=dt.date(2025, 1, 20))  # fmt: skip
    assert got.urls == ["https://x.mx/2025-01-01", "https://x.mx/2024-12-01",
                        "https://x.mx/2024-11-01", "https://x.mx/2024-10-15"]  # fmt: skip
    yearly = StartDates(since=dt.date(2022, 1, 1), step="year", recent=2)
    assert expand(["https://x.mx/{date:%Y}"], yearly, None, today=TODAY).urls == [
        "https://x.mx/2026",
        "https://x.mx/2025",
    ]
