"""The cookies a site sets during one crawl (or one preview), sent back to it as a browser
sends them. An ASP.NET or PHP site keeps its visitor's session in a cookie
(``ASP.NET_SessionId``, ``PHPSESSID``): a grid paged by posting its form back, a row's
button that opens its viewer, a viewer's ``?p=`` address can be answered only within the
session that showed the page; without the cookie the site answers its first page again,
or "la sesión ha expirado".

Kept in memory for the run only, never stored, never shared between sources (one jar
per crawl of a source, one per preview). Stricter than a browser: a cookie goes back
only to the origin (scheme, host, port) that set it, whatever its ``Domain`` says, so
no other site, subdomain or port ever receives it; a ``Secure`` one only over https.
Bounded: a site setting thousands of cookies, or huge ones, has the first few kept and
sent within the limits, as a browser keeps a bounded jar (and a request's header never
grows past what servers accept).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response

from crawlers.origin_headers import origin

MAX_PER_ORIGIN = 20
MAX_COOKIE_CHARS = 4096  # name and value, as browsers bound one cookie
# what one request carries: a session is tens of characters; servers refuse headers past
# 8 KB (a 400 or 431 for every request after a site set many large cookies)
MAX_HEADER_CHARS = 4096
MAX_ORIGINS = 100
MAX_AGE_S = 400 * 24 * 3600
"""The longest life a ``Max-Age`` gives (RFC 6265bis caps it at 400 days, as browsers do):
a longer one is read as this (a run or a preview lasts far less)."""
META_KEY = "session_cookie"  # the Cookie header this jar put on a request


class SessionCookies:
    def __init__(self) -> None:
        # origin → name → (value, path, secure, expires as time.time() or None)
        self._jar: dict[tuple[str, str, int | None], dict[str, tuple[str, str, bool, float | None]]]
        self._jar = {}

    def header(self, url: str) -> str | None:
        """The ``Cookie`` header for ``url``: its origin's live cookies whose path it is
        under, longest path first; None when there are none."""
        kept = self._jar.get(origin(url))
        if not kept:
            return None
        parts = urlsplit(url)
        path = parts.path or "/"
        now = time.time()
        sent = [
            (len(cookie_path), name, value)
            for name, (value, cookie_path, secure, expires) in kept.items()
            if _under(path, cookie_path)
            and (expires is None or expires > now)
            and (not secure or parts.scheme.lower() == "https")
        ]
        sent.sort(key=lambda c: -c[0])
        pairs: list[str] = []
        size = 0
        for _, name, value in sent:
            pair = f"{name}={value}"
            if size + len(pair) + 2 > MAX_HEADER_CHARS:
                continue
            pairs.append(pair)
            size += len(pair) + 2
        return "; ".join(pairs) or None

    def take(self, url: str, set_cookies: Iterable[str]) -> None:
        """The ``Set-Cookie`` headers of ``url``'s answer: each kept, replaced or (expired,
        ``Max-Age=0``) removed; one that cannot be read is ignored, as a browser ignores it."""
        where = origin(url)
        for line in set_cookies:
            parsed = _parsed(line, urlsplit(url).path or "/")
            if parsed is None:
                continue
            name, value, path, secure, expires = parsed
            kept = self._jar.get(where)
            if expires is not None and expires <= time.time():
                if kept is not None:
                    kept.pop(name, None)
                continue
            if kept is None:
                if len(self._jar) >= MAX_ORIGINS:
                    continue
                kept = self._jar.setdefault(where, {})
            if name not in kept and len(kept) >= MAX_PER_ORIGIN:
                continue
            kept[name] = (value, path, secure, expires)


def _under(path: str, cookie_path: str) -> bool:
    """RFC 6265's path match."""
    if path == cookie_path or cookie_path == "/":
        return True
    return path.startswith(cookie_path) and (
        cookie_path.endswith("/") or path[len(cookie_path)] == "/"
    )


def _default_path(request_path: str) -> str:
    """RFC 6265's default path: the request path's folder."""
    if not request_path.startswith("/") or request_path.count("/") == 1:
        return "/"
    return request_path[: request_path.rindex("/")]


def _parsed(line: str, request_path: str) -> tuple[str, str, str, bool, float | None] | None:
    if len(line) > MAX_COOKIE_CHARS * 2:
        return None
    pair, *attributes = line.split(";")
    if "=" not in pair:
        return None
    name, value = (p.strip() for p in pair.split("=", 1))
    if not name or len(name) + len(value) > MAX_COOKIE_CHARS:
        return None
    if any(c in name + value for c in "\r\n\0") or any(c in name for c in " \t,"):
        return None
    path, secure, expires, max_age = _default_path(request_path), False, None, None
    for attribute in attributes:
        key, _, given = attribute.partition("=")
        key, given = key.strip().lower(), given.strip()
        if key == "path" and given.startswith("/"):
            path = given
        elif key == "secure":
            secure = True
        elif key == "max-age":
            try:  # a life of hundreds of digits was an OverflowError that lost the page
                max_age = time.time() + max(-1, min(int(given), MAX_AGE_S))
            except ValueError:
                continue
        elif key == "expires":
            try:
                expires = parsedate_to_datetime(given).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                continue
    return name, value, path, secure, max_age if max_age is not None else expires


class SessionCookiesMiddleware:
    """One jar per crawler (a crawl of one source): each request carries the cookies its
    origin set earlier in the run, each answer's ``Set-Cookie`` goes into the jar. A
    ``Cookie`` header the request already has and this jar did not put there is left
    as it is; a redirect (which copies the header it followed) gets the jar's again."""

    def __init__(self) -> None:
        self.jar = SessionCookies()

    def process_request(self, request: Request) -> None:
        present = request.headers.get("Cookie")
        ours = request.meta.get(META_KEY)
        if present is not None and (ours is None or present != ours):
            return
        header = self.jar.header(request.url)
        if header is None:
            request.headers.pop("Cookie", None)
            request.meta.pop(META_KEY, None)
            return
        encoded = header.encode("latin-1", "replace")
        request.headers["Cookie"] = encoded
        request.meta[META_KEY] = encoded

    def process_response(self, request: Request, response: Response) -> Response:
        found = response.headers.getlist("Set-Cookie")
        if found:
            self.jar.take(response.url, (v.decode("latin-1") for v in found))
        return response
