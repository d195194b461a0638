"""A guarded one-off HTTP fetch (for previews): http(s) only, every hop's host resolved
and checked, the connection made to the checked address (so a DNS answer that changes
between check and fetch cannot redirect it), bounded in size and in time as a whole
(a server trickling its headers a byte at a time is left at the deadline)."""

from __future__ import annotations

import http.cookiejar
import ipaddress
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from config.web_urls import WEB_SCHEMES, lower_scheme
from crawlers.addresses import BlockedAddress, UnresolvableHost, check_authority, resolve_checked
from crawlers.causas import (
    ANSWER_BEGUN,
    CODING_CUT,
    CUT_SHORT,
    FALSE_CODING,
    LONGER_THAN_DECLARED,
    MALFORMED_CHUNKS,
    NO_ANSWER,
    false_coding,
)
from crawlers.content_coding import CodingError, Decoder, PastLimit, TooManyMembers
from crawlers.deadline import transport, within
from crawlers.partial import PARTIAL, sent_part
from crawlers.throttle import BACKOFF_CODES, retry_after_seconds, wait_said

if TYPE_CHECKING:
    from crawlers.session_cookies import SessionCookies

MAX_REDIRECTS = 5
# why a crawl would not request an address (its error cause and message), or None
Refusal = Callable[[str], tuple[str, str] | None]


class _NoCookies(http.cookiejar.CookieJar):
    """httpx's own jar, kept empty: the session's cookies are ``cookies``' (each hop is a
    client of its own, so its jar kept nothing anyway), and the standard library's
    reading of a ``Set-Cookie`` printed a traceback for one whose life it could not
    count (a ``Max-Age`` of hundreds of digits)."""

    def extract_cookies(self, response: Any, request: Any) -> None:
        return None


class FetchError(Exception):
    """A fetch that failed; ``cause`` uses the crawl report's vocabulary."""

    def __init__(self, cause: str, message: str) -> None:
        super().__init__(message)
        self.cause = cause


class Refused(FetchError):
    """An address the crawl would not request (``refuse`` said why): a listed one, or
    where one of its redirects leads. Not a failure of the site: what the crawl skips."""


@dataclass(frozen=True)
class Form:
    """A form's encoded fields, to be posted (a listing's next page, say)."""

    body: bytes
    content_type: str = "application/x-www-form-urlencoded"
    headers: tuple[tuple[str, str], ...] = ()  # a partial postback's X-MicrosoftAjax…


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    content_type: str | None
    body: bytes
    refresh: str | None = None  # its ``Refresh`` header (``crawlers.meta_refresh``)


def pinned_target(url: str, allow_loopback: bool, owner: str = "") -> tuple[str, str, str]:
    """(URL with the checked address as host, Host header value, host name for TLS);
    ``owner`` names whose share of the host-name lookups it takes (``crawlers.lookups``)."""
    try:
        parts = urlsplit(url)
        given_port = parts.port
    except ValueError as exc:  # a redirect to port 99999, say
        raise FetchError("bad_url", f"{url[:200]!r}: {exc}") from exc
    if parts.scheme not in WEB_SCHEMES:
        raise FetchError("blocked_address", f"scheme {parts.scheme!r} is not allowed")
    if given_port == 0:
        raise FetchError("bad_url", f"{url[:200]!r}: port 0 reaches no server")
    try:
        check_authority(parts.netloc)
    except BlockedAddress as exc:
        raise FetchError("blocked_address", str(exc)) from exc
    host = parts.hostname
    if not host:
        raise FetchError("blocked_address", "URL has no host")
    port = given_port or (443 if parts.scheme == "https" else 80)
    try:
        address = resolve_checked(host, port, allow_loopback, owner)[0]
    except UnresolvableHost as exc:
        raise FetchError("dns", str(exc)) from exc
    except BlockedAddress as exc:
        raise FetchError("blocked_address", str(exc)) from exc
    literal = f"[{address}]" if ipaddress.ip_address(address).version == 6 else address
    netloc = f"{literal}:{parts.port}" if parts.port else literal
    host_header = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), host_header, host


def too_large(url: str, limit: int, read: int) -> str:
    """A body cut at the preview's size limit, said as ``crawlers.causas`` reads it."""
    return f"{url} is larger than {limit} bytes: cut after {read} bytes read"


def inflated_past(url: str, received: int, decoded: int, limit: int) -> str:
    """A compressed answer whose decoding passed the limit, said as the crawl's
    decompression says it (``crawlers.causas`` reads both the same way)."""
    return (
        f"{url}: refused because its body ({received} B compressed, {decoded} B decompressed "
        f"so far) exceeded the size limit ({limit} B) during decompression"
    )


def timed_out(url: str, seconds: float, answered: bool) -> FetchError:
    """A timeout worded as the crawl's are (so it reads the same in Spanish), saying
    whether the answer had begun: a site sending a byte at a time is up, a silent one
    may not be."""
    shown = f"{seconds:.0f}" if seconds >= 1 else f"{seconds:.1f}"
    message = f"Getting {url} took longer than {shown} seconds."
    return FetchError("timeout", f"{message} {ANSWER_BEGUN}" if answered else message)


@contextmanager
def _final_answer(
    url: str,
    *,
    allow_loopback: bool,
    user_agent: str,
    deadline: float,
    form: Form | None = None,
    refuse: Refusal | None = None,
    cookies: SessionCookies | None = None,
) -> Iterator[tuple[str, httpx.Response]]:
    """Follow ``url``'s redirects by hand, each hop checked and connected to its checked
    address; yields the final URL and its answer, open and unread. HTTP errors raised
    while the caller reads the answer come out as ``FetchError`` too. ``form`` is posted
    to the first hop (and again on a 307/308, as a browser does; other redirects GET).
    ``refuse`` names why a crawl would not request a hop (cause, message), or None.
    ``cookies``: the session's jar, sent with each hop and given each answer's
    ``Set-Cookie`` (a redirect's too), as the crawl's requests carry them."""
    answered = False  # whether the final answer's head came (a failure after it cuts its body)
    for _ in range(MAX_REDIRECTS + 1):
        refused = refuse(url) if refuse is not None else None  # may read a robots.txt
        if refused is not None:
            raise Refused(*refused)
        remaining = deadline - time.monotonic()  # after it: the hop has only what is left
        if remaining <= 0:
            raise FetchError("timeout", f"time is up before reaching {url}")
        pinned, host_header, host = pinned_target(url, allow_loopback)
        headers = {"Host": host_header, "User-Agent": user_agent, "Accept-Encoding": "identity"}
        method, content = "GET", None
        if form is not None:
            method, content = "POST", form.body
            headers |= dict(form.headers)
            headers["Content-Type"] = form.content_type
        if cookies is not None and (sent := cookies.header(url)) is not None:
            headers["Cookie"] = sent
        try:
            with (
                within(remaining),
                httpx.Client(
                    timeout=remaining,
                    cookies=_NoCookies(),
                    follow_redirects=False,
                    transport=transport(),
                    trust_env=False,
                ) as client,
                client.stream(
                    method,
                    pinned,
                    headers=headers,
                    content=content,
                    extensions={"sni_hostname": host},
                ) as response,
            ):
                if cookies is not None:
                    cookies.take(url, response.headers.get_list("set-cookie"))
                if response.is_redirect and "location" in response.headers:
                    url = lower_scheme(urljoin(url, response.headers["location"]))
                    if response.status_code not in (307, 308):
                        form = None
                    continue
                answered = True
                yield url, response
                return
        except httpx.TimeoutException as exc:
            raise timed_out(url, remaining, answered) from exc
        except (httpx.ReadError, httpx.RemoteProtocolError) as exc:
            if answered and isinstance(exc, httpx.RemoteProtocolError) and _chunking(exc):
                raise FetchError("malformed_answer", MALFORMED_CHUNKS) from exc
            if answered:  # a body shorter than its length, or a reset in the middle of it
                raise FetchError("cut_short", CUT_SHORT) from exc
            raise FetchError("network", NO_ANSWER) from exc
        except httpx.HTTPError as exc:
            raise FetchError("network", f"{url}: {type(exc).__name__}: {exc}") from exc
    raise FetchError("too_many_redirects", f"more than {MAX_REDIRECTS} redirects from {url}")


def _chunking(error: httpx.RemoteProtocolError) -> bool:
    """Whether h11 refused a chunked body's framing ("illegal chunk header", "malformed
    chunk footer"), not a connection that ended early."""
    said = str(error)
    return "chunk header" in said or "chunk footer" in said


def locate(url: str, *, allow_loopback: bool, user_agent: str, deadline: float) -> str:
    """Where ``url`` ends after its redirects, each hop checked as ``fetch`` checks it;
    nothing of the final answer's body is read. For a reader that follows no redirect
    of its own (ffmpeg with ``-max_redirects 0``)."""
    with _final_answer(
        url, allow_loopback=allow_loopback, user_agent=user_agent, deadline=deadline
    ) as (final, _answer):
        return final


def fetch(
    url: str,
    *,
    allow_loopback: bool,
    user_agent: str,
    max_bytes: int,
    deadline: float,
    form: Form | None = None,
    refuse: Refusal | None = None,
    cookies: SessionCookies | None = None,
    head_only: bool = False,
) -> Fetched:
    """GET ``url`` (or POST ``form`` to it) following redirects by hand, each hop
    checked; ``deadline`` is a ``time.monotonic()`` instant after which the fetch is
    abandoned. The body is decoded (``Content-Encoding``) and counted against
    ``max_bytes`` a bounded piece at a time. ``refuse``, ``cookies``: as
    ``_final_answer``'s. ``head_only``: a body past ``max_bytes`` is no error, its
    reading stops there and its first ``max_bytes`` + 1 bytes are the answer (a
    robots.txt is read as far as RFC 9309 asks, whatever follows)."""
    started = time.monotonic()
    with _final_answer(
        url, allow_loopback=allow_loopback, user_agent=user_agent, deadline=deadline, form=form,
        refuse=refuse, cookies=cookies,
    ) as (url, response):  # fmt: skip
        if response.status_code == 206 and (
            part := sent_part(response.headers.get("content-range", "").encode("utf-8", "replace"))
        ):
            raise FetchError("partial_content", f"{url}: {PARTIAL}: {part}")
        connection = _connection_of(response)  # while the answer is open
        body = bytearray()
        decoder = Decoder(response.headers.get("content-encoding"), max_bytes)
        if (refused := decoder.too_many()) is not None:
            raise FetchError("malformed_answer", f"{url}: {refused}")
        received = 0
        try:
            for chunk in response.iter_raw():
                received += len(chunk)
                for piece in decoder.decode(chunk):
                    body += piece
                    if len(body) > max_bytes and head_only:
                        break
                    if len(body) > max_bytes:  # the limit and what was read, as the crawl's
                        raise FetchError("too_large", too_large(url, max_bytes, len(body)))
                if len(body) > max_bytes:  # head_only: the rest is not read
                    del body[max_bytes + 1 :]
                    break
                if time.monotonic() > deadline:
                    raise timed_out(url, deadline - started, answered=True)
        except PastLimit as exc:  # a coding of a stack, inflating past the limit
            said = inflated_past(url, received, exc.read, max_bytes)
            raise FetchError("too_large", said) from exc
        except TooManyMembers as exc:
            raise FetchError("malformed_answer", f"{url}: {exc}") from exc
        except CodingError as exc:
            said = false_coding(str(response.headers.get("content-encoding")), str(exc))
            raise FetchError(FALSE_CODING, f"{url}: {said}") from exc
        if len(body) > max_bytes:  # a head, as asked: neither cut nor overrun
            pass
        elif (unfinished := decoder.unfinished()) is not None:
            raise FetchError("cut_short", CODING_CUT.format(coding=unfinished))
        elif connection is not None and _past_declared(connection, response):
            raise FetchError("cut_short", LONGER_THAN_DECLARED)
    if response.status_code >= 400:
        raise FetchError(*_http_error(url, response))
    return Fetched(
        url,
        response.status_code,
        response.headers.get("content-type"),
        bytes(body),
        response.headers.get("refresh"),
    )


def _connection_of(response: httpx.Response) -> Any:
    """The HTTP/1.1 connection (httpcore's) ``response`` is read from, or None when the
    stream is not one (another transport); found through the streams that wrap it."""
    found: Any = response.stream
    for _ in range(6):
        if hasattr(found, "_h11_state"):
            return found
        found = next(
            (getattr(found, name) for name in ("_stream", "_httpcore_stream", "_connection")
             if hasattr(found, name)),
            None,
        )  # fmt: skip
        if found is None:
            return None
    return None


def _past_declared(connection: Any, response: httpx.Response) -> bool:
    """Whether bytes followed a body of its declared ``Content-Length``: h11 ends the body
    there and keeps the rest unread, so a page cut at a lying length would read as whole
    (as the crawl's ``crawlers.handlers`` sees it). Line ends aside: a sloppy server's
    trailing CRLF still reads. Bytes already received count; a later read is not awaited."""
    if (
        "content-length" not in response.headers
        or "chunked" in response.headers.get("transfer-encoding", "").lower()
    ):
        return False
    state = getattr(connection, "_h11_state", None)
    trailing = getattr(state, "trailing_data", (b"", False))[0]
    return bool(bytes(trailing).strip(b"\r\n"))


def _http_error(url: str, response: httpx.Response) -> tuple[str, str]:
    """An error answer's cause and message, as the crawl counts it: a 429 is
    ``rate_limited``, and the wait a 429 or 503 asks for (``Retry-After``) is said."""
    status = response.status_code
    cause = {404: "http_404", 429: "rate_limited"}.get(status, f"http_{status // 100}xx")
    asked = retry_after_seconds(response.headers.get("retry-after"))
    if status in BACKOFF_CODES and asked is not None:
        return cause, f"{url}: HTTP {status}, asking to wait {wait_said(asked)} (Retry-After)"
    return cause, f"{url}: HTTP {status}"
