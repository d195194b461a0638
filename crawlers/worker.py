"""``abierto worker``: runs due crawls of registered sources.

Each crawl runs in its own ``abierto crawl --source ID`` process: a crash of one crawl
(or of Twisted's one-shot reactor) cannot take the worker down, and documents are saved
one by one, so a killed crawl leaves nothing half-written; its run is closed as
abandoned and the next claim starts it again. Claims are leases in the database, renewed
while the crawl lives, so workers on several machines never run one source twice.

After a crawl that succeeded, the worker starts ``abierto align`` in the background
(one at a time): the sessions whose speeches are not yet placed in their videos, or
whose text or videos changed, are aligned outside the crawl, which never waits for it.

A crawl runs at most ``crawl_max_seconds``: it is told so and stops by itself when it
can; one that cannot (a page or a pattern holding its only thread) is killed after a
grace period and its run closed with that cause, so one source never holds a slot.

Beside the crawls, a thread delivers what alerts matched (``crawlers/alerts``): webhooks
within seconds of the match, e-mails by their rate.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from config.settings import Settings
from crawlers.alerts.delivery import Deliverer
from crawlers.runs import close_abandoned_runs
from indexer.db import Database
from indexer.db.database import utcnow
from indexer.db.registry import Registry

# ``abierto crawl``'s exit statuses of a crawl that ran: 0 correct, 3 incomplete (it saved
# documents but lost some pages, documents or files: still the source's last success)
CRAWL_RAN = frozenset({0, 3})
log = logging.getLogger(__name__)
LEASE = dt.timedelta(minutes=10)
DELETED = "la fuente se eliminó mientras se leía: la lectura se detuvo"


@dataclass
class Running:
    source_id: str
    process: subprocess.Popen[bytes]
    started: float = field(default_factory=time.monotonic)
    overran: bool = False
    lost: bool = False  # its source was deleted, or its claim taken, while it ran


class Worker:
    def __init__(
        self,
        settings: Settings,
        concurrency: int = 2,
        name: str | None = None,
        crawl_command: Callable[[str], list[str]] | None = None,
        align_command: list[str] | None = None,
        grace_s: float = 60.0,
        deliver_alerts: bool = True,
    ) -> None:
        self.settings = settings
        self.concurrency = concurrency
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self.db = Database(settings.database)
        self.registry = Registry(self.db)
        self.running: dict[str, Running] = {}
        self.grace_s = grace_s
        limit = f"{settings.crawl_max_seconds:g}"
        self.crawl_command = crawl_command or (
            lambda source_id: [
                sys.executable,
                "-m",
                "cli.main",
                "crawl",
                "--source",
                source_id,
                "--max-seconds",
                limit,
            ]
        )
        self.align_command = align_command or [sys.executable, "-m", "cli.main", "align"]
        self.aligning: subprocess.Popen[bytes] | None = None
        self.align_again = False  # a crawl finished while the aligner was running
        self.deliver_alerts = deliver_alerts

    def _env(self) -> dict[str, str]:
        """The worker's own settings, handed to each crawl process (a crawl's: no mail
        account, see ``Settings.crawl_environment``)."""
        return self.settings.crawl_environment()

    def start_due(self) -> list[str]:
        """Claim due sources for the free slots and start their crawls."""
        free = self.concurrency - len(self.running)
        if free <= 0:
            return []
        started = []
        for row in self.registry.claim_due(self.name, LEASE, free, besides=self.running):
            abandoned = self.registry.abandon_stale_runs(row.id)
            if abandoned:
                log.warning("%s: %d run(s) left by a stopped worker closed", row.id, abandoned)
            process = subprocess.Popen(
                self.crawl_command(row.id),
                env=self._env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            self.running[row.id] = Running(row.id, process)
            started.append(row.id)
        return started

    def reap(self) -> list[tuple[str, int]]:
        """Release the claims of finished crawls; renew the others' leases."""
        finished = []
        for source_id, running in list(self.running.items()):
            code = running.process.poll()
            if code is None and self._overran(running):
                code = self._stop(running)
            if code is None and not self.registry.extend_claim(
                source_id, self.name, utcnow() + LEASE
            ):
                code = self._stop(running, lost=True)
            if code is None:
                continue
            del self.running[source_id]
            if running.lost:
                # deleted while crawled (and perhaps registered again, unclaimed), or its
                # lease taken by another worker: this crawl is no longer the source's
                log.warning("%s: crawl stopped, the source was deleted or claimed", source_id)
                if not self._claimed(source_id):  # else the run is the new claim's to close
                    self.registry.abandon_stale_runs(source_id, DELETED)
                continue
            if running.overran:
                limit = self.settings.crawl_max_seconds
                log.warning("%s: stopped after running longer than %g s", source_id, limit)
                self.registry.abandon_stale_runs(
                    source_id, f"crawl_timeout: ran longer than {limit:g} s and was stopped"
                )
            elif code not in CRAWL_RAN:
                self.registry.abandon_stale_runs(source_id)
            self.registry.release(source_id, self.name, succeeded=code in CRAWL_RAN)
            finished.append((source_id, code))
            if code in CRAWL_RAN:
                self.align_again = True
        self._align()
        return finished

    def _overran(self, running: Running) -> bool:
        elapsed = time.monotonic() - running.started
        return elapsed > self.settings.crawl_max_seconds + self.grace_s

    def _claimed(self, source_id: str) -> bool:
        """Whether the source exists and some worker holds its claim now."""
        row = self.registry.get_source(source_id)
        return row is not None and row.claimed_by is not None

    @staticmethod
    def _stop(running: Running, lost: bool = False) -> int:
        """Terminate a crawl that outlived its limit (or lost its source: ``lost``); kill
        it if it ignores that."""
        running.overran, running.lost = not lost, lost
        running.process.terminate()
        try:
            return running.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            running.process.kill()
            return running.process.wait()

    def _align(self) -> None:
        """The background alignment job: started after successful crawls, once more if
        crawls finished while it ran (their sessions may be new)."""
        if self.aligning is not None and self.aligning.poll() is None:
            return
        if self.aligning is not None:
            log.info("alignment finished with exit code %d", self.aligning.returncode)
            self.aligning = None
        if self.align_again:
            self.align_again = False
            self.aligning = subprocess.Popen(
                self.align_command,
                env=self._env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def _deliver_once(self) -> None:
        """A ``--once`` run (cron) ends with one delivery pass, so what its crawls
        matched goes out without a separate ``abierto alerts deliver``."""
        deliverer = Deliverer(self.settings, self.db)
        try:
            done = deliverer.run_once()
        finally:
            deliverer.close()
        if done.alerts:
            log.info(
                "%d alerts: %d matches delivered, %d failed",
                done.alerts,
                done.delivered,
                done.failed,
            )

    def run(self, once: bool = False, poll_s: float = 5.0) -> None:
        """Loop until interrupted (or, with ``once``, until the due crawls are done)."""
        closed = close_abandoned_runs(self.db)
        if closed:
            log.warning("%d run(s) of killed crawls closed as abandoned", len(closed))
        stop_delivery = threading.Event()
        delivery = None
        if self.deliver_alerts and not once:
            deliverer = Deliverer(self.settings, self.db)
            delivery = threading.Thread(
                target=deliverer.run, args=(stop_delivery,), name="alerts", daemon=True
            )
            delivery.start()
        try:
            while True:
                self.start_due()
                time.sleep(0.2 if once else poll_s)
                for source_id, code in self.reap():
                    log.info("%s finished with exit code %d", source_id, code)
                # a source whose site was being crawled is due still: its turn is now
                idle = once and not self.running and not self.start_due()
                if idle and self.aligning is None and not self.align_again:
                    if self.deliver_alerts:
                        self._deliver_once()
                    return
        finally:
            stop_delivery.set()
            if delivery is not None:
                delivery.join(timeout=30)
            if self.aligning is not None and self.aligning.poll() is None:
                self.aligning.terminate()
                self.aligning.wait(timeout=30)
            for running in self.running.values():
                running.process.terminate()
            for source_id, running in self.running.items():
                running.process.wait(timeout=30)
                self.registry.release(source_id, self.name, succeeded=False)
            self.db.close()
