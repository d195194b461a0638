"""Headers a spec configures for its API (a key, an ``Authorization`` the institution
supplies) go only to the origin they were configured for: the scheme, host and port of
the start URL. A redirect or an API's own ``next`` link to another origin gets the
request without them, so a hostile or compromised site never receives the secret. A key
given in the API's query (``json_api.params``) is kept in by the ``Referer``: another
origin learns only which origin linked to it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.spidermiddlewares.referer import (
    RefererMiddleware,
    ReferrerPolicy,
    StrictOriginWhenCrossOriginPolicy,
)

META_KEY = "origin_headers"
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the scheme's default port filled in; an address whose
    port is malformed has an origin no other address shares."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        return (scheme, f"malformed:{parts.netloc}", None)
    return (scheme, (parts.hostname or "").lower(), port)


def with_origin_headers(request: Request, configured_for: str, headers: dict[str, str]) -> Request:
    """``request``, carrying ``headers`` to be sent only to ``configured_for``'s origin."""
    if headers:
        request.meta[META_KEY] = (configured_for, dict(headers))
    return request


class OriginHeadersMiddleware:
    """Adds a request's configured headers when it goes to their origin and takes them
    off when it does not (a redirect copies the headers of the request it follows)."""

    def process_request(self, request: Request) -> None:
        carried = request.meta.get(META_KEY)
        if not carried:
            return
        configured_for, headers = carried
        same = origin(request.url) == origin(configured_for)
        for name, value in headers.items():
            if same:
                request.headers[name] = value
            else:
                request.headers.pop(name, None)


class OwnOriginRefererMiddleware(RefererMiddleware):
    """The ``Referer`` of a link or a redirect is the whole address only within its
    origin; to another origin, only the origin (nothing on a step down from https to
    http). Scrapy's default sent the whole address, query and all, to any https or http
    site a record or a page linked to; and a site's ``Referrer-Policy`` header (say
    ``unsafe-url``) cannot widen it here."""

    def policy(
        self, response: Any = None, request: Request | None = None, **kwargs: Any
    ) -> ReferrerPolicy:
        return StrictOriginWhenCrossOriginPolicy()
