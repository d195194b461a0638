"""Running crawls: one Scrapy process crawls the given sources and records each run."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

# First, from a shallow stack: at import, this module's deprecated-class aliases call
# inspect.stack(), which reads the source of every frame above it. Imported deep in the
# chain below (crawlers.handlers), that cost 0.15-0.2 CPU-s at every crawl's start.
import scrapy.core.downloader.contextfactory  # noqa: F401
from scrapy import signals
from scrapy.crawler import CrawlerProcess

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.indexing import IndexProcess
from crawlers.log_secrets import hide_secrets, unhide_secrets
from crawlers.outcome import had_items, judge_run
from crawlers.runs import Heartbeat, RunStats, this_process
from crawlers.settings import scrapy_settings
from crawlers.spiders import SPIDERS_BY_SHAPE
from crawlers.stall import PARSE_TIMEOUT, ParseWatch, stall_message
from crawlers.window import OPEN, Window
from indexer.db.audited_spec import spec_secrets, without_secrets
from indexer.db.crawl_sites import record_loaded_sites
from indexer.library import Library

log = logging.getLogger(__name__)


@dataclass
class RunReport:
    source_id: str
    run_id: int
    status: str
    stats: dict[str, int]
    errors: dict[str, Any]
    message: str | None = None


def crawl(
    settings: Settings,
    specs: list[SourceSpec],
    library: Library,
    log_level: str = "WARNING",
    window: Window = OPEN,
    max_items: int = 0,
    max_seconds: float = 0,
) -> list[RunReport]:
    """Crawl every spec in one process (Twisted's reactor runs once per process);
    each run records this process as its owner and beats while it lives, so a later
    process can close it as abandoned if this one is killed;
    ``window`` limits a backfill to publications dated within it; ``max_items`` and
    ``max_seconds`` (0: no limit) end a crawl early, as previews do. Its log hides the
    specs' credentials (``crawlers.log_secrets``), as its runs' records do."""
    secrets = {s.id: spec_secrets(s.model_dump(mode="json", exclude_none=True)) for s in specs}
    every = {s for found in secrets.values() for s in found}
    hiding = hide_secrets(tuple(sorted(every, key=len, reverse=True)))  # longest first
    try:
        return _crawl(settings, specs, library, log_level, window, max_items, max_seconds, secrets)
    finally:
        unhide_secrets(hiding)


def _crawl(
    settings: Settings,
    specs: list[SourceSpec],
    library: Library,
    log_level: str,
    window: Window,
    max_items: int,
    max_seconds: float,
    secrets: dict[str, tuple[str, ...]],
) -> list[RunReport]:
    quiet(log_level)
    limits = {"CLOSESPIDER_ITEMCOUNT": max_items, "CLOSESPIDER_TIMEOUT": max_seconds}
    limited = any(spec.allowed_domains for spec in specs)
    process = CrawlerProcess(scrapy_settings(settings, log_level, limited) | limits)
    quiet(log_level)
    reports: list[RunReport] = []
    owner = this_process()
    run_ids = []
    watch = ParseWatch(settings.parse_timeout_s, _on_stall(library, run_ids, settings))
    indexing = IndexProcess(library, settings, settings.crawl_indexer, sources=len(specs))
    for spec in specs:
        run = RunStats(
            source_id=spec.id,
            run_id=library.db.start_run(spec.id, owner),
            secrets=secrets[spec.id],
        )
        run_ids.append(run.run_id)
        crawler = process.create_crawler(SPIDERS_BY_SHAPE[spec.shape])
        crawler.signals.connect(
            _closer(library, spec, run, reports), signal=signals.spider_closed, weak=False
        )
        crawler.signals.connect(_answered(run), signal=signals.response_received, weak=False)
        process.crawl(
            crawler,
            spec=spec,
            library=library,
            run=run,
            window=window,
            parse_watch=watch,
            indexing=indexing,
        )
    heartbeat = Heartbeat(library.db, run_ids)
    heartbeat.start()
    watch.start()
    try:
        process.start()
    finally:
        watch.stop()
        heartbeat.stop()
        indexing.close()
    return reports


def _on_stall(library: Library, run_ids: list[int], settings: Settings) -> Any:
    """What a stalled page leaves before the process ends: its run ``failed`` with the
    cause and the page; the process's other runs closed as abandoned, saying why."""

    def stalled(run: RunStats, url: str, held: float) -> None:
        # the run's message (and the log) hide the spec's credentials, as its examples do
        message = without_secrets(stall_message(url, held, settings.parse_timeout_s), run.secrets)
        run.error(PARSE_TIMEOUT, url, message)
        summary = f"{PARSE_TIMEOUT}: {message}"
        library.db.finish_run(run.run_id, "failed", run.summary(), run.errors, summary)
        for other in run_ids:
            if other != run.run_id:
                library.db.abandon_run(other, f"{PARSE_TIMEOUT}: otra fuente detuvo el proceso")
        log.error("%s: %s", run.source_id, message)

    return stalled


def quiet(log_level: str) -> None:
    """Scrapy configures its loggers when a process starts; keep them at our level."""
    for name in ("scrapy", "twisted", "py.warnings"):
        logging.getLogger(name).setLevel(log_level)


def _answered(run: RunStats) -> Any:
    def answered(response: Any, **_: Any) -> None:
        run.answered(response.url)

    return answered


def _closer(library: Library, spec: SourceSpec, run: RunStats, reports: list[RunReport]) -> Any:
    def closed(spider: Any, reason: str) -> None:
        earlier = had_items(library.db.list_runs(run.source_id, limit=20), run.run_id)
        status, message = judge_run(
            spec, reason, run.counts, run.error_count, earlier, run.notice_count, run.errors
        )
        library.db.finish_run(run.run_id, status, run.summary(), run.errors, message)
        try:  # the hosts it loaded, for the worker's claims (one crawl per site)
            record_loaded_sites(library.db, run.source_id, spec.start_urls, run.hosts)
        except Exception:  # the run is recorded; its sites wait for the next crawl
            log.exception("%s: no se guardaron los sitios que cargó el rastreo", run.source_id)
        reports.append(
            RunReport(run.source_id, run.run_id, status, run.summary(), run.errors, message)
        )

    return closed
