"""Whether a crawl is waiting for its builds: nothing downloading (fetching has ended, or
Scrapy paused it because too many pages wait for their callbacks and items) while pages
still wait to become documents. Read from Scrapy's engine on the reactor's thread."""

from __future__ import annotations

from typing import Any

# Bytes of pages still waiting for another build worker to pay for itself: starting one
# costs about half a second of CPU (a process and its imports), what about 0.5 MB of
# short pages take to build. Scrapy pauses downloads past 5 MB waiting.
END_BACKLOG_BYTES = 1_000_000


def waiting_bytes(engine: Any) -> int:
    """Bytes of the responses whose callbacks or items are not done (Scrapy counts each
    at 1 KB at least)."""
    slot = getattr(getattr(engine, "scraper", None), "slot", None)
    return 0 if slot is None else int(slot.active_size)


def waiting_for_builds(engine: Any) -> bool:
    """No download in flight and at least ``END_BACKLOG_BYTES`` of pages waiting: the
    crawl process's core is free for a build worker more."""
    downloader = getattr(engine, "downloader", None)
    if downloader is None or downloader.active:
        return False
    return waiting_bytes(engine) >= END_BACKLOG_BYTES
