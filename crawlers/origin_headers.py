"""Headers a spec configures for its API (a key, an ``Authorization`` the institution
supplies) go only to the origin they were configured for: the scheme, host and port of
the start URL. A redirect or an API's own ``next`` link to another origin gets the
request without them, so a hostile or compromised site never receives the secret."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request

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
