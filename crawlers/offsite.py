"""A link outside the spec's ``allowed_domains`` is a counted ``offsite`` error, not a
request lost without a word. Scrapy's ``OffsiteMiddleware`` drops it with a DEBUG line
(only the first for each host) that the crawl's log level hides: a listing row whose
document lives on another host was missing from the library while its run said
«0 errores». The preview applies the same rule through ``offsite_problem``."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware

from config.spanish_errors import shown
from config.specs import outside_allowed_domains


def offsite_problem(url: str, domains: list[str]) -> str | None:
    """Why the crawl would not request ``url`` (in Spanish, as the run stores it), or None
    when ``domains`` is empty or its host is one of them or under one: the rule a spec's
    start URLs are checked by when it is registered, in any letter case (Scrapy's own
    compares case-sensitively: ``PJ.gob.mx`` filtered out its every page)."""
    if not outside_allowed_domains([url], domains):
        return None
    allowed = shown(", ".join(domains), 200)
    return (
        f"«{shown(url)}» está fuera de allowed_domains ({allowed}): el rastreo no lo lee; "
        "añada su dominio a allowed_domains si es de la institución"
    )


class CountedOffsiteMiddleware(OffsiteMiddleware):
    """Scrapy's offsite filter, by ``offsite_problem``'s rule, each request it drops
    counted on the spider's run."""

    def should_follow(self, request: Request, spider: Any) -> bool:
        domains = list(getattr(spider, "allowed_domains", None) or [])
        return offsite_problem(request.url, domains) is None

    def process_request(self, request: Request, spider: Any = None) -> None:
        try:
            super().process_request(request)
        except Exception:
            run = getattr(self.crawler.spider, "run", None)
            domains = list(getattr(self.crawler.spider, "allowed_domains", None) or [])
            said = offsite_problem(request.url, domains)
            if run is not None and said is not None:
                where = request.headers.get("Referer")
                run.error("offsite", where.decode("latin-1") if where else request.url, said)
            raise
