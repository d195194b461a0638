"""The sites a source's crawl loads: what the worker keeps to one crawl at a time.

A site is a host name, as the crawl's own politeness counts it (Scrapy's download slot,
robots.txt's Crawl-delay, the back-off on 429/503 are all per host): two sources whose
start addresses are on ``sjf2.scjn.gob.mx`` load one server, and each obeying its own
delay would still double the load on it. Not the registrable domain: the hosts of one
court (``www.scjn.gob.mx``, ``bj.scjn.gob.mx``) are often different servers, and
keeping them to one crawl at a time would halve a court's crawling for nothing (and
telling ``gob.mx`` from a court's own domain needs the public-suffix list). The port is
not part of it: two ports of one host are one machine."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit


def site_of(url: str) -> str | None:
    """The host ``url`` is on, lower case, without a final dot; None without one."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    host = (host or "").rstrip(".")
    return host or None


def sites_of(start_urls: Any) -> frozenset[str]:
    """The sites of a spec's ``start_urls`` (as stored: a list of addresses)."""
    urls: Iterable[Any] = start_urls if isinstance(start_urls, list) else ()
    return frozenset(site for url in urls if isinstance(url, str) and (site := site_of(url)))
