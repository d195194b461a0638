"""The record of one crawl: what an institution sees as its source's health."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawlers.causas import cause_total, split_causes
from indexer.db import Database
from indexer.db.audited_spec import without_secrets
from indexer.db.crawl_sites import site_of

MAX_EXAMPLES = 5


@dataclass
class RunStats:
    source_id: str
    run_id: int
    counts: Counter[str] = field(default_factory=Counter)
    errors: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # the spec's credentials (``spec_secrets``): an example's address or message (an
    # API's own ``?api_key=…``, a page quoting its request) keeps none of them
    secrets: tuple[str, ...] = field(default=(), repr=False)
    # answers read per host (robots.txt apart): the sites this crawl loads
    # (``indexer.db.crawl_sites.loaded_sites``), never part of its shown counts
    hosts: Counter[str] = field(default_factory=Counter, repr=False)

    def answered(self, url: str) -> None:
        """An answer read from ``url``'s host (its robots.txt apart: every host has one)."""
        parts = urlsplit(url)
        if parts.path != "/robots.txt" and (host := site_of(url)):
            with self.lock:
                self.hosts[host] += 1

    def count(self, name: str, n: int = 1) -> None:
        with self.lock:
            self.counts[name] += n

    def error(
        self, cause: str, url: str, message: str, field: str | None = None, unread: str = ""
    ) -> None:
        """Count an error under its cause, keeping the first few as examples; an error
        about a field is also counted per field. ``unread``: the listing it left unread
        (a ``sitemap``, a ``feed``…), named in its example for the run's message."""
        with self.lock:
            entry = self.errors.setdefault(cause, {"count": 0, "examples": []})
            entry["count"] += 1
            if field is not None:
                fields = entry.setdefault("fields", {})
                fields[field] = fields.get(field, 0) + 1
            if len(entry["examples"]) < MAX_EXAMPLES:
                url, message = (without_secrets(t, self.secrets) for t in (url, message))
                example = {"url": url, "message": message[:500]}
                entry["examples"].append(example | ({"unread": unread} if unread else {}))

    @property
    def error_count(self) -> int:
        """The run's errors, its notices (``crawlers.causas.NOTICES``) apart."""
        return cause_total(split_causes(self.errors)[0])

    @property
    def notice_count(self) -> int:
        """The run's notices: what it did as asked and says (a Crawl-delay, a limit…)."""
        return cause_total(split_causes(self.errors)[1])

    def summary(self) -> dict[str, int]:
        keys = ("pages", "items", "new", "updated", "unchanged", "files", "files_reused",
                "not_modified")  # fmt: skip
        found = {
            k: n
            for k, n in self.counts.items()
            if k.startswith(("privacy_", "ocr_", "lost_"))
            or k
            in (
                "workers_lost",
                "indexers_lost",
                "duplicate_links",
                "dated_pages_absent",
                "options_empty",
            )
        }
        said = {"errors": self.error_count, "notices": self.notice_count}
        return {key: self.counts.get(key, 0) for key in keys} | found | said


# -- liveness: runs whose crawl was killed are closed, not left running forever ------

HEARTBEAT_S = 30.0
STALE_AFTER = dt.timedelta(minutes=5)  # ten missed heartbeats: the crawl is gone


def this_process() -> str:
    """The owner recorded on the runs this process opens: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _pid_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError, IndexError):
        return stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"  # a zombie is dead
    return False


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def why_abandoned(owner: str | None, heartbeat: dt.datetime | None, now: dt.datetime) -> str | None:
    """Why a ``running`` run's crawl is gone, or None while it may still live.

    On this host the process is checked directly; elsewhere (or if the pid was reused)
    a heartbeat older than ``STALE_AFTER`` decides. Runs without an owner (opened before
    owners were recorded) are left to the worker's own recovery.
    """
    if not owner:
        return None
    host, _, pid = owner.rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and _pid_gone(int(pid)):
        return f"el proceso {pid} que rastreaba terminó sin cerrar la ejecución"
    if heartbeat is None or now - _aware(heartbeat) > STALE_AFTER:
        return f"sin latido de {owner} desde hace más de {STALE_AFTER.seconds // 60} minutos"
    return None


def close_abandoned_runs(db: Database) -> list[int]:
    """Close as ``abandoned`` the running runs whose crawl process is gone."""
    now = dt.datetime.now(dt.UTC)
    closed = []
    for row in db.running_runs():
        reason = why_abandoned(row.owner, row.heartbeat_at, now)
        if reason and db.abandon_run(row.id, reason):
            closed.append(row.id)
    return closed


class Heartbeat(threading.Thread):
    """Touches the runs of this process every ``HEARTBEAT_S`` while its crawls run."""

    def __init__(self, db: Database, run_ids: list[int], every: float = HEARTBEAT_S) -> None:
        super().__init__(name="crawl-heartbeat", daemon=True)
        self.db, self.run_ids, self.every = db, run_ids, every
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            with contextlib.suppress(Exception):  # a busy database: the next beat will do
                self.db.beat(self.run_ids)

    def stop(self) -> None:
        self.stopped.set()


def seen_status(row: Any, now: dt.datetime | None = None) -> tuple[str, str | None]:
    """A run's (status, message) as read now: a ``running`` run whose crawl is gone (its
    process ended on this host, or its heartbeat stopped) reads as ``abandoned`` with the
    reason, never "running" forever; the worker or the next crawl closes it in the
    database (``close_abandoned_runs``), this only stops the answers from lying meanwhile."""
    status, message = row.status, row.message
    if status == "running":
        owner, beat = getattr(row, "owner", None), getattr(row, "heartbeat_at", None)
        if reason := why_abandoned(owner, beat, now or dt.datetime.now(dt.UTC)):
            return "abandoned", reason
    return status, message
