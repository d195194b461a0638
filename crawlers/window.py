"""A backfill window: only publications dated within ``since``..``until`` are collected.

Incremental crawling (conditional requests, content hashes) is the default; a window
is for collecting history in slices (``abierto crawl --since 2019-01-01 --until
2019-12-31``). Items without a recognisable date are kept: dropping them would lose
documents silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Window:
    since: dt.date | None = None
    until: dt.date | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"--since {self.since} es posterior a --until {self.until}")

    @property
    def is_open(self) -> bool:
        """No bounds: every item is in."""
        return self.since is None and self.until is None

    def contains(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        if self.since and day < self.since:
            return False
        return not (self.until and day > self.until)

    def before(self, day: dt.date | None) -> bool:
        """``day`` is older than the window (a newest-first listing can stop here)."""
        return bool(day and self.since and day < self.since)


OPEN = Window()
