"""The crawl's refusals of an address, for a preview that fetches pages on its own (an
``html_listing``'s, in a child process without Scrapy's engine): outside the spec's
``allowed_domains`` (``offsite``), longer than the crawl requests (``bad_url``), barred
by the site's robots.txt when the crawl obeys it (``robots_disallowed``). The same
functions and parsers as the crawl's middlewares, the same causes and messages: what
the preview shows as skipped is what the crawl would count as an error."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from scrapy.robotstxt import ProtegoRobotParser

from config.settings import Settings
from config.specs import SourceSpec
from config.web_urls import MAX_URL_CHARS
from crawlers.addresses import (
    BlockedAddress,
    resolve_checked,
    spec_authorities,
    unnamed_port,
    url_target,
)
from crawlers.fetch import Fetched, FetchError
from crawlers.offsite import offsite_problem
from crawlers.robots import (
    CRAWL_DELAY,
    ROBOTS_MAX_BYTES,
    ROBOTS_USER_AGENT,
    SERVER_FAILED,
    DisallowAll,
    crawl_delay_message,
    crawl_delay_unmet_message,
    robots_head,
)
from crawlers.url_length import too_long

ROBOTS_FORBIDDEN = "forbidden by robots.txt"  # crawlers.failures' message for it

RobotsFetch = Callable[[str, int], Fetched]


class CrawlRules:
    """What the crawl of ``spec`` would not request; ``fetch_robots(url, max_bytes)``
    reads a robots.txt (failures raise ``FetchError``: the crawl then reads the site
    without rules, as Scrapy's policy has it; a server error bars the whole site)."""

    def __init__(self, spec: SourceSpec, settings: Settings, fetch_robots: RobotsFetch) -> None:
        self.domains = list(spec.allowed_domains)
        self.obey_robots = settings.obey_robots
        self.fetch_robots = fetch_robots
        self.robots: dict[str, ProtegoRobotParser | DisallowAll | None] = {}
        self.max_delay = settings.max_crawl_delay_s
        self.next_start: dict[str, float] = {}  # site → monotonic time of its next request
        self.delays: dict[str, str] = {}  # site → the note of its Crawl-delay, said once
        # a port the spec does not name, as the crawl's AddressGuardMiddleware refuses it
        self.named = frozenset(spec_authorities(spec.model_dump(mode="json")))
        self.allow_loopback = settings.allow_loopback

    def spaced(self, url: str, deadline: float) -> tuple[str, str] | None:
        """Wait before a request to ``url`` as the crawl does when its site's robots.txt
        (already read) asks for a ``Crawl-delay``: the request starts at least that long
        (up to ``max_crawl_delay_s``) after the one before. (cause, message) when the
        wait would pass ``deadline``: the request is then not made."""
        site = _site(url)
        parser = self.robots.get(site) if self.obey_robots else None
        try:
            asked = parser.crawl_delay(ROBOTS_USER_AGENT) if parser is not None else None
        except (TypeError, ValueError):  # a value the parser cannot read: none asked
            asked = None
        if not asked or asked <= 0 or asked != asked:  # absent, zero, negative or NaN
            return None
        waited = min(asked, self.max_delay)
        self.delays.setdefault(site, crawl_delay_message(asked, waited))
        now = time.monotonic()
        start = max(now, self.next_start.get(site, now))
        if start > deadline:
            return CRAWL_DELAY, crawl_delay_unmet_message(asked, waited)
        self.next_start[site] = start + waited
        if start > now:
            time.sleep(start - now)
        return None

    def refusal(self, url: str, robots: bool = True) -> tuple[str, str] | None:
        """(cause, message) as the crawl counts it, or None when it would request ``url``.
        ``robots=False`` leaves robots.txt out: a listing may link to many sites, and the
        preview reads the rules only of those it fetches from (``read_robots_of``)."""
        if len(url) > MAX_URL_CHARS:
            return "bad_url", too_long(url, MAX_URL_CHARS)
        said = offsite_problem(url, self.domains)
        if said is not None:
            return "offsite", said
        if (blocked := self._unnamed_port(url)) is not None:
            return "blocked_address", blocked
        if robots and self.obey_robots and not self._robots_allow(url):
            return "robots_disallowed", ROBOTS_FORBIDDEN
        return None

    def _unnamed_port(self, url: str) -> str | None:
        """The crawl's refusal of a port the spec does not name: by the address its host
        resolves to, as the crawl's (a name of this machine is loopback as much as
        ``127.0.0.1``). A failed lookup refuses nothing here: the fetch says why."""

        def resolved() -> list[str]:
            try:
                return resolve_checked(*url_target(url), self.allow_loopback)
            except BlockedAddress:  # unresolvable, forbidden, a malformed address
                return []

        return unnamed_port(url, self.named, resolved, self.allow_loopback)

    def read_robots_of(self, url: str) -> bool:
        """Whether the robots.txt of ``url``'s site was read already (checking against it
        then costs no request: a listing's own site, once its page is fetched)."""
        return _site(url) in self.robots

    def _robots_allow(self, url: str) -> bool:
        site = _site(url)
        if site not in self.robots:
            try:
                body = robots_head(self.fetch_robots(f"{site}/robots.txt", ROBOTS_MAX_BYTES).body)
                self.robots[site] = ProtegoRobotParser(body, None)
            except FetchError as exc:  # a server error bars the site, as the crawl does
                self.robots[site] = DisallowAll() if exc.cause in SERVER_FAILED else None
        parser = self.robots[site]
        return parser is None or bool(parser.allowed(url, ROBOTS_USER_AGENT))


def _site(url: str) -> str:
    """The origin whose robots.txt rules ``url``, as Scrapy keys them: scheme and netloc."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
