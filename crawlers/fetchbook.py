"""What a crawl knows of its URLs' last fetches, read and written in batches.

A crawl asked the database once per request for the URL's validators and wrote them
once per page, on the downloads' thread: two statements per page. Here the URLs a
callback yields are looked up together (one query per ``LOOKUP_EVERY`` requests) and
the validators of new bodies are written together (one transaction per ``SAVE_EVERY``
pages, and at the crawl's end). A killed crawl loses at most the validators not yet
written: the next crawl downloads those pages again, unconditionally; nothing else."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

LOOKUP_EVERY = 200
SAVE_EVERY = 200


@dataclass(frozen=True)
class Known:
    """A URL's last fetch, as a conditional request needs it."""

    etag: str | None
    last_modified: str | None
    sha256: str | None
    content_type: str | None


@dataclass(slots=True)
class Fetched:
    """A URL's fetch as the database keeps it (``indexer.db.FetchRow``'s columns): a
    plain record, since a crawl makes one per page and a mapped row costs several
    times more to make and to read back when saved."""

    url: str
    source_id: str
    status: int
    etag: str | None
    last_modified: str | None
    sha256: str | None
    content_type: str | None
    fetched_at: dt.datetime


def known_of(row: Any) -> Known:
    return Known(row.etag, row.last_modified, row.sha256, row.content_type)


class FetchBook:
    """Validators of one crawl's URLs: looked up in batches, saved in batches. Only the
    fetches of ``source_id``'s tenant count (``owner_of`` names a source's: an
    institution's id, or None for the operator's catalogue; without it, only the
    source's own): another institution's, which may send credentials this one lacks,
    would make this crawl send a validator it never earned and be handed that source's
    archived body on a ``304``. Within a tenant they are shared (a site's robots.txt,
    read by each of its sources, is downloaded once)."""

    def __init__(
        self, db: Any, source_id: str, owner_of: Callable[[str], str | None] | None = None
    ) -> None:
        self.db = db
        self.source_id = source_id
        self.owner_of = owner_of
        self._owners: dict[str, str | None] = {}
        self.lock = threading.Lock()
        self.unsaved: dict[str, Any] = {}  # Fetched (or FetchRow) by URL

    def shares(self, source_id: str) -> bool:
        """Whether ``source_id``'s fetches count for this crawl (same tenant)."""
        if source_id == self.source_id:
            return True
        if self.owner_of is None:
            return False
        for name in (self.source_id, source_id):
            if name not in self._owners:
                self._owners[name] = self.owner_of(name)
        return self._owners[source_id] == self._owners[self.source_id]

    def lookup(self, urls: Iterable[str]) -> dict[str, Known | None]:
        """Each URL's last fetch (None: never fetched, or by another tenant), in one query."""
        wanted = list(dict.fromkeys(urls))
        found: dict[str, Known | None] = dict.fromkeys(wanted)
        with self.lock:
            pending = {url: self.unsaved[url] for url in wanted if url in self.unsaved}
        missing = [url for url in wanted if url not in pending]
        if missing:
            rows = self.db.get_fetches(missing).items()
            found |= {url: known_of(row) for url, row in rows if self.shares(row.source_id)}
        found |= {url: known_of(row) for url, row in pending.items()}
        return found

    def get(self, url: str) -> Known | None:
        return self.lookup([url])[url]

    def remember(self, row: Any) -> None:
        """Kept, and saved with the next batch: a :class:`Fetched` (or a ``FetchRow``)."""
        with self.lock:
            self.unsaved[row.url] = row
            due = len(self.unsaved) >= SAVE_EVERY
        if due:
            self.save()

    def forget(self, url: str, source_id: str) -> None:
        """The URL's validators and kept copy dropped (saved with the next batch): what it
        answered was not what it stands for (a "not found" page sent with a 200, an
        empty answer), and a site that answers 304 to every conditional request would
        hand that answer back on every later crawl, the document it now holds never
        fetched. The next crawl asks for it unconditionally."""
        row = Fetched(url, source_id, 200, None, None, None, None, dt.datetime.now(dt.UTC))
        with self.lock:
            self.unsaved[url] = row

    def save(self) -> None:
        """Write what is unsaved: one upsert, in one transaction."""
        with self.lock:
            rows, self.unsaved = list(self.unsaved.values()), {}
        if not rows:
            return
        self.db.save_fetches(rows)
