"""Bulk writes: requests sized by bytes, several in flight, each document's outcome
reported by id.

Each action is serialised once, to the bytes of its NDJSON lines, so a request is cut at
``max_bytes`` of real body and a retry sends the same bytes again. orjson writes them (a
3 KB document's source in about a quarter of the standard library's CPU, the same bytes:
compact, UTF-8 unescaped); an installation made before it was a dependency uses ``json``.
A ``Writer`` keeps at most ``depth`` requests in flight: ``submit`` returns at once while
there is room (the caller prepares the next batch while the engine indexes this one) and
waits when there is none, so memory stays bounded however fast the caller is.

A whole request that fails with 429/5xx or a lost connection is retried by ``Backoff``;
inside a successful request the engine may still refuse single documents: those refused
for load (429, 5xx) are sent again after a wait, the others (a mapping conflict, a value
too large) are reported in ``UpsertReport.errors`` while the rest are indexed.

A document whose citation count alone changed is sent as an ``update`` of that field (a
few dozen bytes instead of its whole text, tens of KB). One the engine does not hold
(deleted by hand, an index rebuilt meanwhile: 404) is sent whole in the same request's
next round, from ``whole`` (counted in ``rewritten``), never lost; unless ``whole`` finds
no document any more (retired meanwhile, from the database and then the engine: that is
the 404): then nothing is written back (``gone``), for a deleted document must not
return.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from indexer.stores.base import UpsertReport
from indexer.stores.engine.clients import EngineClient
from indexer.stores.engine.retry import Backoff, retryable

try:
    import orjson
except ImportError:  # pragma: no cover - an older installation
    orjson = None  # type: ignore[assignment]

MAX_DOCS = 1000
# a few MB a request: big enough that the engine's per-request cost is small, small
# enough that a refused request is cheap to send again
MAX_BYTES = 5 * 1024 * 1024
# an update that meets a write of the same document by another process: tried again on
# the new version (an update is the engine's read, change and write of its source)
RETRY_ON_CONFLICT = 3


def _json(value: Any) -> bytes:
    if orjson is not None:
        # keys that are not strings written as ``json`` writes them (``OPT_NON_STR_KEYS``)
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass
class Action:
    """One bulk line pair: ``op`` is ``index``, ``update`` or ``delete``; ``source`` for
    index (the document) and update (``{"doc": the changed fields}``); ``whole``, for an
    update, makes the document's full source when the engine does not hold it, read
    then (None: the document is gone, nothing is written)."""

    op: str
    doc_id: str
    index: str
    source: dict[str, Any] | None = None
    whole: Callable[[], dict[str, Any] | None] | None = None

    @cached_property
    def encoded(self) -> bytes:
        """The action's NDJSON lines, serialised once."""
        meta: dict[str, Any] = {"_index": self.index, "_id": self.doc_id}
        if self.op == "update":  # another writer's index of it meanwhile: read it again
            meta["retry_on_conflict"] = RETRY_ON_CONFLICT
        head = _json({self.op: meta}) + b"\n"
        return head if self.source is None else head + _json(self.source) + b"\n"

    def rewrite(self) -> Action | None:
        """The full ``index`` of an update's document (None: it is gone)."""
        assert self.whole is not None
        source = self.whole()
        return None if source is None else Action("index", self.doc_id, self.index, source)


@dataclass
class Outcome:
    done: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    updated: int = 0  # partial updates the engine took (``noop`` ones too)
    rewritten: list[str] = field(default_factory=list)  # updates it lacked: sent whole
    gone: list[str] = field(default_factory=list)  # updates it lacked, deleted meanwhile
    # the engine's status for each of ``errors`` it answered (429, 409, 5xx…); those
    # refused before sending (not serialisable) have none
    statuses: dict[str, int] = field(default_factory=dict)

    def add(self, other: Outcome) -> None:
        self.done += other.done
        self.missing += other.missing
        self.errors.update(other.errors)
        self.updated += other.updated
        self.rewritten += other.rewritten
        self.gone += other.gone
        self.statuses.update(other.statuses)

    def report(self) -> UpsertReport:
        return UpsertReport(
            indexed=len(self.done),
            errors=dict(self.errors),
            updated=self.updated,
            rewritten=len(self.rewritten),
            gone=list(self.gone),
        )


def _reason(result: dict[str, Any]) -> str:
    error = result.get("error")
    if isinstance(error, dict):
        text = f"{error.get('type', 'error')}: {error.get('reason', '')}"
        cause = error.get("caused_by")
        if isinstance(cause, dict):
            text += f" ({cause.get('type', '')}: {cause.get('reason', '')})"
        return text[:500]
    return str(error or f"status {result.get('status')}")[:500]


def send(client: EngineClient, actions: list[Action], backoff: Backoff) -> Outcome:
    """One request, with whole-request and per-document retries. An update of a document
    the engine lacks goes again, whole, at once (it does not use up an attempt)."""
    outcome = Outcome()
    pending = actions
    attempt = 0
    while pending:
        body = b"".join(action.encoded for action in pending)
        response = backoff.call(lambda body=body: client.bulk(body), "bulk request")
        again: list[Action] = []
        whole: list[Action] = []
        for action, item in zip(pending, response["items"], strict=True):
            result = next(iter(item.values()))
            status = int(result.get("status", 500))
            if status < 300:
                outcome.done.append(action.doc_id)
                if action.op == "update":
                    outcome.updated += 1
            elif status == 404 and action.op == "delete":
                outcome.missing.append(action.doc_id)
            elif status == 404 and action.op == "update" and action.whole is None:
                outcome.errors[action.doc_id] = _reason(result)
                outcome.statuses[action.doc_id] = status
            elif status == 404 and action.op == "update":
                try:
                    rewrite = action.rewrite()
                except (ValueError, TypeError) as exc:
                    outcome.errors[action.doc_id] = str(exc)[:500]
                    continue
                if rewrite is None:  # deleted meanwhile: the 404 is its deletion
                    outcome.gone.append(action.doc_id)
                    continue
                outcome.rewritten.append(action.doc_id)
                whole.append(rewrite)
            elif retryable(status) and attempt < backoff.attempts - 1:
                again.append(action)
            else:
                outcome.errors[action.doc_id] = _reason(result)
                outcome.statuses[action.doc_id] = status
        if again:
            time.sleep(backoff.delay(attempt))
            attempt += 1
        pending = whole + again
    return outcome


def batches(
    actions: Iterable[Action], max_docs: int = MAX_DOCS, max_bytes: int = MAX_BYTES
) -> Iterator[list[Action]]:
    """Requests of at most ``max_docs`` actions and about ``max_bytes`` of body (one
    action larger than that goes alone)."""
    batch: list[Action] = []
    size = 0
    for action in actions:
        length = len(action.encoded)
        if batch and size + length > max_bytes:
            yield batch
            batch, size = [], 0
        batch.append(action)
        size += length
        if len(batch) >= max_docs:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


class Written:
    """The requests of one ``submit``: ``result`` waits for them and merges outcomes.
    A request that failed for good raises here, with the others still awaited."""

    def __init__(self, futures: list[Future[Outcome]], refused: dict[str, str]) -> None:
        self.futures = futures
        self.refused = refused

    def outcome(self) -> Outcome:
        total = Outcome(errors=dict(self.refused))
        failure: BaseException | None = None
        for future in self.futures:
            try:
                total.add(future.result())
            except BaseException as exc:  # every request is awaited before raising
                failure = failure or exc
        if failure is not None:
            raise failure
        return total

    def result(self) -> UpsertReport:
        return self.outcome().report()


class Writer:
    """Bulk requests on ``workers`` threads, at most ``depth`` in flight."""

    def __init__(
        self,
        client: EngineClient,
        backoff: Backoff,
        *,
        workers: int = 2,
        depth: int | None = None,
        max_docs: int = MAX_DOCS,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.client = client
        self.backoff = backoff
        self.max_docs = max_docs
        self.max_bytes = max_bytes
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bulk")
        self.room = threading.BoundedSemaphore(depth or workers * 2)

    def submit(self, actions: Iterable[Action], refused: dict[str, str] | None = None) -> Written:
        """Send ``actions`` in requests, waiting only for room in flight; ``refused``
        (documents that could not even be serialised) are reported as errors."""
        futures: list[Future[Outcome]] = []
        failed = threading.Event()

        def done(future: Future[Outcome]) -> None:
            self.room.release()
            if future.cancelled() or future.exception() is not None:
                failed.set()

        for batch in batches(actions, self.max_docs, self.max_bytes):
            if failed.is_set():  # a request failed for good: send no more
                break
            self.room.acquire()
            try:
                future = self.pool.submit(send, self.client, batch, self.backoff)
            except BaseException:
                self.room.release()
                raise
            future.add_done_callback(done)
            futures.append(future)
        return Written(futures, refused if refused is not None else {})

    def close(self) -> None:
        self.pool.shutdown(wait=True)


def run(
    client: EngineClient,
    actions: Iterable[Action],
    backoff: Backoff,
    *,
    workers: int = 2,
    max_docs: int = MAX_DOCS,
    max_bytes: int = MAX_BYTES,
) -> tuple[UpsertReport, Outcome]:
    """Send every action, ``workers`` requests at a time; merge the outcomes."""
    writer = Writer(client, backoff, workers=workers, max_docs=max_docs, max_bytes=max_bytes)
    try:
        outcome = writer.submit(actions).outcome()
    finally:
        writer.close()
    return outcome.report(), outcome
