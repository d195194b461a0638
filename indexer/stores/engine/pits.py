"""Points in time of an engine index, held for the cursors made on them.

The engine's answer to ``held.HeldCommits``: a first page is read from the current point
in time (PIT) and its cursor names it, so the next pages are read from the same view of
the index however much was indexed meanwhile (no hit repeated or skipped, the same
total). One PIT serves every first page until the index is refreshed (checked at most
every ``CHECK_S``) or this process writes; the last ``HELD`` it replaced stay open for
their cursors, each for ``KEEP_ALIVE`` after its last page, and older ones are closed: a
cursor naming a PIT gone (closed, expired, the index rebuilt) reads the current one, as
a cursor of a commit no longer held does on the embedded store. A next page read from a
PIT the index may have changed since asks its hits again of the index itself (one search
of the page's ids: a deleted one, or one re-indexed with its text masked, never shows what
the PIT still holds); one read from the PIT still current, as a first page asked now
would be, does not (``HeldPits.unchanged``).

A PIT id comes back in a cursor, which anyone can write: a search in one is filtered to
the indices the store reads (``only``), so an id naming another index shows nothing of it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import OrderedDict
from typing import Any

from indexer.stores.engine.clients import EngineClient
from indexer.stores.engine.retry import Backoff, EngineError, retryable

KEEP_ALIVE_S = 600
KEEP_ALIVE = f"{KEEP_ALIVE_S}s"
HELD = 8
CHECK_S = 1.0
# a PIT id of a few shards is a few hundred characters; more is not one of ours
MAX_PIT_CHARS = 8192
GONE = "_abierto_gone"  # set on a hit of a held PIT the index no longer has (as it was)
log = logging.getLogger(__name__)


def only(body: dict[str, Any], indices: list[str]) -> dict[str, Any]:
    """``body`` searched in ``pit``, filtered to ``indices`` (hits, total and facets)."""
    query = {"bool": {"must": [body["query"]], "filter": [{"terms": {"_index": indices}}]}}
    return {**body, "query": query}


class HeldPits:
    """The PIT first pages of ``index`` (an alias or an index) are read from, and the
    last few it replaced."""

    def __init__(self, client: EngineClient, index: str, held: int | None = None) -> None:
        self.client = client
        self.index = index
        self.held = HELD if held is None else held
        self._lock = threading.Lock()
        # PIT id → the indices it reads, oldest first; the last is the current one
        self._open: OrderedDict[str, list[str]] = OrderedDict()
        self._state: dict[str, int] = {}
        self._checked_at = 0.0
        self._used_at = 0.0
        self._written = True
        self._unsupported = False

    def written(self) -> None:
        """This process wrote (and refreshed): the next first page reads a new PIT."""
        self._written = True

    def current(self) -> tuple[str, list[str]] | None:
        """The PIT for a first page and the indices it reads; None: search the index
        itself (the engine keeps no PITs, or does not answer for one now)."""
        with self._lock:
            if self._unsupported:
                return None
            now = time.monotonic()
            if self._open and not self._written and now - self._used_at < KEEP_ALIVE_S / 2:
                pit = next(reversed(self._open))
                if now - self._checked_at < CHECK_S:
                    self._used_at = now
                    return pit, self._open[pit]
                try:
                    state = self.client.refreshes(self.index)
                except EngineError:
                    return None
                if state == self._state:  # (else renewed below, and checked then)
                    self._checked_at = self._used_at = now
                    return pit, self._open[pit]
            return self._renew(now)

    def _renew(self, now: float) -> tuple[str, list[str]] | None:
        try:
            # read before opening: a refresh in between renews it once more, never less
            state = self.client.refreshes(self.index)
            pit = self.client.open_pit(self.index, KEEP_ALIVE)
        except EngineError as exc:
            if unsupported(exc):
                log.warning(
                    "%s keeps no point in time (%s): pages are read from the index as it is",
                    self.client.kind,
                    exc,
                )
                self._unsupported = True
            return None  # (no index yet, a busy engine) the search says what it is
        self._written = False
        self._state, self._checked_at, self._used_at = state, now, now
        self._open[pit] = sorted(state)
        while len(self._open) > self.held + 1:
            old, _ = self._open.popitem(last=False)
            with contextlib.suppress(EngineError):
                self.client.close_pit(old)
        return pit, self._open[pit]

    def unchanged(self, pit: str) -> bool:
        """Nothing was deleted or changed in what ``pit`` shows, as known without asking the
        engine: it is the current PIT, this process has not written since, and the
        index's searchable view was found the same as when it was opened less than
        ``CHECK_S`` ago (another process's delete shows in it only after a refresh). A
        page read from it is then as fresh as a first page asked now."""
        with self._lock:
            return (
                bool(self._open)
                and next(reversed(self._open)) == pit
                and not self._written
                and time.monotonic() - self._checked_at < CHECK_S
            )

    def indices_of(self, pit: str) -> list[str]:
        """The indices a cursor's PIT may show: those it was opened on when this process
        opened it, else those the store reads now (another worker's PIT)."""
        with self._lock:
            found = self._open.get(pit)
            if found is not None:
                return found
            if self._state:
                return sorted(self._state)
        return sorted(self.client.refreshes(self.index))

    def forget(self, pit: str) -> None:
        """``pit`` is gone (expired, closed, its index dropped)."""
        with self._lock:
            if self._open and next(reversed(self._open)) == pit:
                self._written = True  # the current one: the next first page opens another
            self._open.pop(pit, None)

    def close(self) -> None:
        with self._lock:
            opened, self._open = list(self._open), OrderedDict()
        for pit in opened:
            with contextlib.suppress(EngineError):
                self.client.close_pit(pit)


def unsupported(exc: EngineError) -> bool:
    """The engine has no such call (an OpenSearch asked Elasticsearch's ``_pit``, an old
    version) or forbids it to this user: every page is read from the index itself."""
    said = exc.message.lower()
    return exc.status in (403, 405) or (exc.status == 400 and "no handler" in said)


def usable(pit: object) -> bool:
    """A cursor's ``pit`` is a PIT id's shape (one made by the engine, or a forgery the
    engine refuses or the ``_index`` filter empties)."""
    return isinstance(pit, str) and 0 < len(pit) <= MAX_PIT_CHARS


def search(
    pits: HeldPits,
    body: dict[str, Any],
    pit: str | None,
    backoff: Backoff,
) -> tuple[dict[str, Any], str | None]:
    """``body``'s answer read from the cursor's ``pit`` while the engine holds it, else
    from the current PIT (else from the index itself), and the PIT its next page names."""
    if pit is not None and usable(pit):
        try:
            found = _in(pits, body, pit, backoff)
            if not pits.unchanged(pit):  # else what it shows is what the index holds
                found = _as_now(pits, body, found, backoff)
            return found, str(found.get("pit_id") or pit)
        except EngineError as exc:
            if retryable(exc.status):
                raise
            pits.forget(pit)  # gone (or never one): the page is read from the current one
    current = pits.current()
    if current is not None:
        try:
            found = _in(pits, body, current[0], backoff)
            return found, str(found.get("pit_id") or current[0])
        except EngineError as exc:
            if retryable(exc.status) or exc.status != 404:
                raise
            pits.forget(current[0])  # closed under us (a restarted node): read the index
    return backoff.call(lambda: pits.client.search(pits.index, body), "search"), None


def _as_now(
    pits: HeldPits, body: dict[str, Any], found: dict[str, Any], backoff: Backoff
) -> dict[str, Any]:
    """A cursor's page with its hits as the index holds them now: ``body``'s question
    asked of them alone, in the index itself. One deleted since its PIT was opened (a
    document withheld for the personal data a review found, a session taken out) or
    re-indexed so that it no longer matches (the name searched for masked) is marked
    ``gone``: not shown, as on a held commit's page of the embedded store, but still
    counted and still the place the next page starts after. One re-indexed that still
    matches (masked, corrected) shows its current source and highlights: the PIT's
    would show, for its minutes, text the library has since masked."""
    hits = found.get("hits", {}).get("hits") or []
    ids = list(dict.fromkeys(hit["_id"] for hit in hits if "_id" in hit))
    if not ids:
        return found
    live: dict[str, Any] = {
        "query": {"bool": {"must": [body["query"]], "filter": [{"ids": {"values": ids}}]}},
        "size": len(ids),
        "_source": body.get("_source", True),
    }
    if "highlight" in body:
        live["highlight"] = body["highlight"]
    answer = backoff.call(lambda: pits.client.search(pits.index, live), "search")
    now = {hit["_id"]: hit for hit in answer.get("hits", {}).get("hits") or []}
    for hit in hits:
        current = now.get(hit.get("_id"))
        if current is None:
            hit[GONE] = True
            continue
        hit["_source"] = current.get("_source", {})
        hit.pop("highlight", None)
        if "highlight" in current:
            hit["highlight"] = current["highlight"]
    return found


def gone(hit: dict[str, Any]) -> bool:
    """``hit`` was deleted after the PIT its page was read from was opened."""
    return bool(hit.get(GONE))


def _in(pits: HeldPits, body: dict[str, Any], pit: str, backoff: Backoff) -> dict[str, Any]:
    asked = {**only(body, pits.indices_of(pit)), "pit": {"id": pit, "keep_alive": KEEP_ALIVE}}
    return backoff.call(lambda: pits.client.search_pit(asked), "search")
