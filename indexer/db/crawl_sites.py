"""The sites a source's crawl loads: what the worker keeps to one crawl at a time.

A site is a host name, as the crawl's own politeness counts it (Scrapy's download slot,
robots.txt's Crawl-delay, the back-off on 429/503 are all per host): two sources whose
start addresses are on ``sjf2.scjn.gob.mx`` load one server, and each obeying its own
delay would still double the load on it. Not the registrable domain: the hosts of one
court (``www.scjn.gob.mx``, ``bj.scjn.gob.mx``) are often different servers, and
keeping them to one crawl at a time would halve a court's crawling for nothing (and
telling ``gob.mx`` from a court's own domain needs the public-suffix list). The port is
not part of it: two ports of one host are one machine.

A source's sites are also the hosts of its institution its last crawl loaded besides
its start hosts (``loaded_sites``): a court's file server or a congress's gazette. The
Cámara de Diputados' SITL pages (``sitl.diputados.gob.mx``) link each deputy's
initiatives to the Gaceta's pages (``gaceta.diputados.gob.mx``), the start host of the
Gaceta's own source: kept to their start hosts, the two were crawled together and the
Gaceta's server, whose daily pages weigh megabytes, read by both. A host of another
domain (a shared Drive, a video platform, a cloud store) is not the institution's
server and does not keep anyone's sources apart."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import update

from indexer.db.tables import SourceRow

# a host a crawl asked this many answers of is one it loads (a stray link is not)
MIN_LOADED = 3
MAX_LOADED = 16  # of those, the most asked: a source's sites stay a handful
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$")


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


def _parent(host: str) -> str | None:
    """The domain a host is one of, ``www.pjenl.gob.mx`` → ``pjenl.gob.mx``; None when
    that would be a suffix shared by many (``gob.mx``, ``youtube.com``: fewer than
    three labels) or the host is an address (``127.0.0.1``'s parent is no domain)."""
    labels = host.split(".")
    if len(labels) < 4 or labels[-1].isdigit():
        return None
    return ".".join(labels[1:])


def _institutions(hosts: frozenset[str]) -> frozenset[str]:
    return frozenset(parent for host in hosts if (parent := _parent(host)))


def loaded_sites(start_urls: Any, answers: Mapping[str, int]) -> list[str]:
    """The hosts besides its start hosts a crawl loaded (``answers``: host → answers read
    there): at least ``MIN_LOADED`` answers, the ``MAX_LOADED`` most asked. Kept as
    they are; which of them are the institution's is decided when claiming
    (``source_sites``)."""
    starts = sites_of(start_urls)
    found = [
        (-count, host)
        for host, count in answers.items()
        if count >= MIN_LOADED and host not in starts and _HOST.fullmatch(host)
    ]
    return [host for _, host in sorted(found)[:MAX_LOADED]]


def source_sites(start_urls: Any, loaded: Any) -> frozenset[str]:
    """A source's sites: its start hosts, and of the hosts its last crawl loaded those
    of its institution: a start host's sibling (``archivos.pjenl.gob.mx`` beside
    ``www.pjenl.gob.mx``, ``gaceta.diputados.gob.mx`` beside
    ``sitl.diputados.gob.mx``) or a host under one."""
    starts = sites_of(start_urls)
    own = _institutions(starts)
    hosts = loaded if isinstance(loaded, list) else ()
    return starts | {
        host
        for host in hosts
        if isinstance(host, str)
        and _HOST.fullmatch(host)
        and (_parent(host) in own or any(host.endswith("." + start) for start in starts))
    }


def record_loaded_sites(
    db: Any, source_id: str, start_urls: Any, answers: Mapping[str, int]
) -> None:
    """Keep on the source the hosts its crawl loaded (``loaded_sites``), for the claims
    to come; a source crawled from a file, not registered, has no row and keeps none."""
    sites = loaded_sites(start_urls, answers)
    with db.session() as s, s.begin():
        s.execute(update(SourceRow).where(SourceRow.id == source_id).values(loaded_sites=sites))
