"""How a finished crawl is judged: a run that read nothing is never ``ok``.

``empty`` carries its cause, so an operator knows what to fix: the start URL lies
outside the spec's allowed domains (``off_domain_start_url``), the items were all left
out by the spec's filters or the backfill window (``all_filtered``), or nothing became a
document (``no_items``: no page answered, or the selectors found nothing usable).

A run that saved documents but lost part of its work on the way (a later listing page,
a detail page or a file that failed, a document the pipeline refused, a limit that ended
the reading while there was more) is ``partial``, never ``ok``: its message counts the
errors by cause and names what was not read (``partial_message``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from config.specs import SourceSpec, outside_allowed_domains
from crawlers.causas import cause_total, split_causes

FILTERED = ("out_of_window", "skipped")
PARTIAL = "partial"
LOST = {  # what a failed request cost, counted by ``SpecSpider.lost``
    "lost_pages": ("listing page", "listing pages"),
    "lost_documents": ("document", "documents"),
    "lost_files": ("file", "files"),
    # a sitemap, feed or API answer refused as unreadable or failed (an HTTP error, a soft
    # 404): the items it would have given are unknown, so the message names each (its
    # address and cause), not a number of them
    "lost_sitemaps": ("sitemap", "sitemaps"),
    "lost_feeds": ("feed", "feeds"),
    "lost_api_answers": ("API answer", "API answers"),
}
NAMED = 3  # the unread listings a message names, of each kind
EARLY_STOPS = {  # Scrapy's reasons for a crawl ended by the limits asked of ``crawl``
    "closespider_itemcount": "--max-items",
    "closespider_timeout": "--max-seconds",
}
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
    errors: Mapping[str, Any] | None = None,
) -> tuple[str, str | None]:
    """(status, message) of a run that closed with Scrapy's ``reason``. ``error_count``
    counts its errors only; its ``notices`` (``crawlers.causas.NOTICES``) never make it
    fail, but a run that made nothing and has something to say (robots.txt barred every
    page) is ``empty``, not ``ok``. A run with errors, or ended by a limit while there
    was more, is ``partial`` (``errors``: its stored causes, to say which)."""
    stopped_early = reason in EARLY_STOPS
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
        # every option of listing.each_option said it lists nothing: nothing was done
        if earlier_items or error_count or notices or counts.get("options_empty", 0):
            return "empty", _message("no_items")
    limits = _limits(reason, errors or {})
    if error_count or limits:
        return PARTIAL, partial_message(counts, errors or {}, limits)
    return "ok", None


def _limits(reason: str, errors: Mapping[str, Any]) -> list[str]:
    """The limits that ended the reading while there was more: the crawl's own
    (``--max-items``, ``--max-seconds``) and the spec's, as its ``limit_reached`` notices
    name them (``listing.max_pages (50) reached: …``)."""
    found = [EARLY_STOPS[reason]] if reason in EARLY_STOPS else []
    entry = errors.get("limit_reached")
    for example in entry.get("examples", []) if isinstance(entry, Mapping) else []:
        name = str(example.get("message") or "").partition(" reached")[0]
        if name and name not in found:
            found.append(name[:120])
    return found


def partial_message(counts: Mapping[str, int], errors: Mapping[str, Any], limits: list[str]) -> str:
    """``partial: …`` in English, read back in Spanish by ``crawlers.causas``: the limits
    that stopped it, its errors by cause, and the pages, documents and files not read."""
    parts = [f"stopped at a limit ({', '.join(limits)})"] if limits else []
    found = split_causes(errors)[0]
    if found:
        total = cause_total(found)
        each = sorted(((cause_total({c: e}), c) for c, e in found.items()), reverse=True)
        by = ", ".join(f"{cause} {n}" for n, cause in each)
        parts.append(f"{total} {'error' if total == 1 else 'errors'} ({by})")
    lost = [
        f"{n} {one if n == 1 else many}{_which(errors, one, n)}"
        for key, (one, many) in LOST.items()
        if (n := int(counts.get(key, 0)))
    ]
    if lost:
        parts.append("not read: " + ", ".join(lost))
    return f"{PARTIAL}: " + "; ".join(parts)


def _which(errors: Mapping[str, Any], what: str, n: int) -> str:
    """`` (address: cause and …)``: the listings of kind ``what`` (a ``sitemap``…) the run
    did not read, as its errors' examples name them (``RunStats.error``'s ``unread``); the
    address kept clear of the separators the Spanish reading splits on."""
    named = [
        f"{_plain(str(example.get('url') or ''))}: {cause}"
        for cause, entry in errors.items()
        if isinstance(entry, Mapping)
        for example in entry.get("examples") or []
        if isinstance(example, Mapping) and example.get("unread") == what
    ]
    if not named:
        return ""
    more = " and …" if n > min(len(named), NAMED) else ""
    return f" ({' and '.join(named[:NAMED])}{more})"


def _plain(url: str) -> str:
    for char, code in ((" ", "%20"), (",", "%2C"), (";", "%3B"), ("(", "%28"), (")", "%29")):
        url = url.replace(char, code)
    return url[:200]


def _message(cause: str) -> str:
    return f"{cause}: {MESSAGES[cause]}"


def had_items(runs: list[Any], current_run_id: int) -> bool:
    """Whether an earlier finished run of the source made documents."""
    return any(r.id != current_run_id and int((r.stats or {}).get("items", 0)) > 0 for r in runs)
