"""Scrapy's DNS resolver, checking every answer: the crawler connects to the address
this resolver returns, so a name that resolves to a public address when checked and to a
private one at fetch time (DNS rebinding) is refused at the moment of connecting."""

from __future__ import annotations

import ipaddress
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from crawlers.addresses import forbidden_reason, log


class GuardedResolver(CachingThreadedResolver):
    allow_loopback = False

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        resolver = super().from_crawler(crawler, reactor)
        resolver.allow_loopback = crawler.settings.getbool("ABIERTO_ALLOW_LOOPBACK")
        return resolver

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:
        answer = super().getHostByName(name, timeout)
        answer.addCallback(self._check, name)
        return answer

    def _check(self, address: str, name: str) -> str:
        reason = forbidden_reason(ipaddress.ip_address(address), self.allow_loopback)
        if reason:
            # said as a name that does not resolve (see ``crawlers.addresses``): the
            # answer is the server's resolver's; the log keeps the real reason
            log.warning(
                "refused %r at connect time: it resolves to a %s address", name[:200], reason
            )
            raise DNSLookupError(f"no results for hostname lookup: {name}.")
        return address
