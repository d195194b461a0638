"""Bulk writes: batches sent concurrently, each document's outcome reported by id.

A whole request that fails with 429/5xx or a lost connection is retried by ``Backoff``;
inside a successful request the engine may still refuse single documents: those refused
for load (429, 5xx) are sent again after a wait, the others (a mapping conflict, a value
too large) are reported in ``UpsertReport.errors`` while the rest are indexed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from indexer.stores.base import UpsertReport
from indexer.stores.engine.clients import EngineClient
from indexer.stores.engine.retry import Backoff, retryable


@dataclass
class Action:
    """One bulk line pair: ``op`` is ``index`` or ``delete``; ``source`` only for index."""

    op: str
    doc_id: str
    index: str
    source: dict[str, Any] | None = None

    def lines(self) -> list[dict[str, Any]]:
        head = {self.op: {"_index": self.index, "_id": self.doc_id}}
        return [head] if self.source is None else [head, self.source]


@dataclass
class Outcome:
    done: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


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
    """One batch, with whole-request and per-document retries."""
    outcome = Outcome()
    pending = actions
    for attempt in range(backoff.attempts):
        lines = [line for action in pending for line in action.lines()]
        response = backoff.call(lambda lines=lines: client.bulk(lines), "bulk request")
        again: list[Action] = []
        for action, item in zip(pending, response["items"], strict=True):
            result = next(iter(item.values()))
            status = int(result.get("status", 500))
            if status < 300:
                outcome.done.append(action.doc_id)
            elif status == 404 and action.op == "delete":
                outcome.missing.append(action.doc_id)
            elif retryable(status) and attempt < backoff.attempts - 1:
                again.append(action)
            else:
                outcome.errors[action.doc_id] = _reason(result)
        if not again:
            break
        time.sleep(backoff.delay(attempt))
        pending = again
    return outcome


def batches(actions: Iterable[Action], max_docs: int, max_bytes: int) -> Iterator[list[Action]]:
    batch: list[Action] = []
    size = 0
    for action in actions:
        batch.append(action)
        size += len((action.source or {}).get("text", "")) + 512
        if len(batch) >= max_docs or size >= max_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def run(
    client: EngineClient,
    actions: Iterable[Action],
    backoff: Backoff,
    *,
    workers: int = 2,
    max_docs: int = 500,
    max_bytes: int = 8 * 1024 * 1024,
) -> tuple[UpsertReport, Outcome]:
    """Send every action in batches, ``workers`` at a time; merge the outcomes."""
    report = UpsertReport()
    total = Outcome()

    def collect(future: Future[Outcome]) -> None:
        outcome = future.result()
        total.done += outcome.done
        total.missing += outcome.missing
        total.errors.update(outcome.errors)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bulk") as pool:
        in_flight: list[Future[Outcome]] = []
        for batch in batches(actions, max_docs, max_bytes):
            in_flight.append(pool.submit(send, client, batch, backoff))
            while len(in_flight) >= workers * 2:
                collect(in_flight.pop(0))
        for future in in_flight:
            collect(future)
    report.indexed = len(total.done)
    report.errors = total.errors
    return report, total
