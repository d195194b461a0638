"""How a finished crawl is judged: a run that read nothing is never ``ok``.

``empty`` carries its cause, so an operator knows what to fix: the start URL lies
outside the spec's allowed domains (``off_domain_start_url``), the items were all left
out by the spec's filters or the backfill window (``all_filtered``), or nothing became a
document (``no_items``: no page answered, or the selectors found nothing usable)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from config.specs import SourceSpec, outside_allowed_domains

FILTERED = ("out_of_window", "skipped")
MESSAGES = {
    "off_domain_start_url": "a start URL is outside allowed_domains: nothing was fetched",
    "all_filtered": "every item was left out by the spec's filters or the backfill window",
    "no_items": "no item became a document",
    "memory_limit": "the crawl's memory passed ABIERTO_CRAWL_MAX_MEMORY_MB and it was "
    "stopped; what it saved is kept",
}


def judge_run(
    spec: SourceSpec,
    reason: str,
    counts: Mapping[str, int],
    error_count: int,
    earlier_items: bool,
    notices: int = 0,
) -> tuple[str, str | None]:
    """(status, message) of a run that closed with Scrapy's ``reason``. ``error_count``
    counts its errors only; its ``notices`` (``crawlers.causas.NOTICES``) never make it
    fail, but a run that made nothing and has something to say (robots.txt barred every
    page) is ``empty``, not ``ok``."""
    stopped_early = reason in ("closespider_itemcount", "closespider_timeout")
    if reason == "memusage_exceeded":
        return "failed", _message("memory_limit")
    if reason != "finished" and not stopped_early:
        return "failed", reason
    if counts.get("pages", 0) == 0:
        if outside_allowed_domains(spec.start_urls, spec.allowed_domains):
            return "empty", _message("off_domain_start_url")
        if error_count:
            return "failed", "no page could be fetched"
        return "empty", _message("no_items")
    if counts.get("items", 0) == 0 and counts.get("not_modified", 0) == 0:
        if any(counts.get(name, 0) for name in FILTERED):
            return "empty", _message("all_filtered")
        if earlier_items or error_count or notices:
            return "empty", _message("no_items")
    return "ok", None


def _message(cause: str) -> str:
    return f"{cause}: {MESSAGES[cause]}"


def had_items(runs: list[Any], current_run_id: int) -> bool:
    """Whether an earlier finished run of the source made documents."""
    return any(r.id != current_run_id and int((r.stats or {}).get("items", 0)) > 0 for r in runs)
