"""Running crawls: one Scrapy process crawls the given sources and records each run."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.outcome import had_items, judge_run
from crawlers.runs import Heartbeat, RunStats, this_process
from crawlers.settings import scrapy_settings
from crawlers.spiders import SPIDERS_BY_SHAPE
from crawlers.window import OPEN, Window
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
    ``max_seconds`` (0: no limit) end a crawl early, as previews do."""
    quiet(log_level)
    limits = {"CLOSESPIDER_ITEMCOUNT": max_items, "CLOSESPIDER_TIMEOUT": max_seconds}
    process = CrawlerProcess(scrapy_settings(settings, log_level) | limits)
    quiet(log_level)
    reports: list[RunReport] = []
    owner = this_process()
    run_ids = []
    for spec in specs:
        run = RunStats(source_id=spec.id, run_id=library.db.start_run(spec.id, owner))
        run_ids.append(run.run_id)
        crawler = process.create_crawler(SPIDERS_BY_SHAPE[spec.shape])
        crawler.signals.connect(
            _closer(library, spec, run, reports), signal=signals.spider_closed, weak=False
        )
        process.crawl(crawler, spec=spec, library=library, run=run, window=window)
    heartbeat = Heartbeat(library.db, run_ids)
    heartbeat.start()
    try:
        process.start()
    finally:
        heartbeat.stop()
    return reports


def quiet(log_level: str) -> None:
    """Scrapy configures its loggers when a process starts; keep them at our level."""
    for name in ("scrapy", "twisted", "py.warnings"):
        logging.getLogger(name).setLevel(log_level)


def _closer(library: Library, spec: SourceSpec, run: RunStats, reports: list[RunReport]) -> Any:
    def closed(spider: Any, reason: str) -> None:
        earlier = had_items(library.db.list_runs(run.source_id, limit=20), run.run_id)
        status, message = judge_run(spec, reason, run.counts, run.error_count, earlier)
        library.db.finish_run(run.run_id, status, run.summary(), run.errors, message)
        reports.append(
            RunReport(run.source_id, run.run_id, status, run.summary(), run.errors, message)
        )

    return closed
