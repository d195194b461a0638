"""Why a request failed, as one short cause for the run record."""

from __future__ import annotations

import zlib
from gzip import BadGzipFile
from types import TracebackType

import brotli
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionDone,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ParseError, ResponseFailed, ResponseNeverReceived
from twisted.web.http import _MalformedChunkedDataError

from crawlers.causas import (
    CODING_STACK,
    CUT_SHORT,
    FALSE_CODING,
    GZIP_MEMBERS,
    HEAD_CUT,
    LONGER_THAN_DECLARED,
    MALFORMED_CHUNKS,
    NO_ANSWER,
    NOT_HTTP,
    PAST_MAXSIZE,
    false_coding,
)
from crawlers.coding_cut import MARK as CODING_CUT_MARK
from crawlers.handlers import CUT_AT, HEAD_TOO_LARGE, LongerThanDeclared
from crawlers.meta_refresh import REDIRECT_REFUSED
from crawlers.partial import PARTIAL
from crawlers.refresh import RefusedRedirect
from crawlers.throttle import BACKOFF_CODES, retry_after_seconds, wait_said

CODING_STACK_MARK = CODING_STACK.split("{", 1)[0]
GZIP_MEMBERS_MARK = GZIP_MEMBERS.split("(", 1)[0]
UNRESOLVABLE = "unresolvable host: "
"""How the address guard names a host that resolves to nothing (cause ``dns``)."""
# what Scrapy's RobotsTxtMiddleware refuses a request with
ROBOTS_FORBIDDEN_SAID = "Forbidden by robots.txt"


NOT_MODIFIED_UNASKED = (
    "HTTP 304 (not modified) to a request that sent no ETag or date to compare: "
    "there was nothing to read"
)
NOT_MODIFIED_UNKEPT = (
    "HTTP 304 (not modified), but the copy kept from the last fetch is gone: "
    "there was nothing to read"
)


def _unasked_304(request: object) -> tuple[str, str]:
    """A 304 is an answer to a conditional request: the crawl sends one only when it
    keeps a copy (then the middleware hands the spider that copy). One that reaches the
    spider is either a site answering "unchanged" to a plain request, or a kept copy
    that went missing; neither is a redirect left unfollowed."""
    headers = getattr(request, "headers", None) or {}
    asked = b"If-None-Match" in headers or b"If-Modified-Since" in headers
    return "http_304", NOT_MODIFIED_UNKEPT if asked else NOT_MODIFIED_UNASKED


def failure_cause(failure: Failure) -> tuple[str, str]:
    """(cause, message) for a failed request."""
    error = failure.value
    if isinstance(error, HttpError):
        status = error.response.status
        causes = {404: "http_404", 429: "rate_limited"}
        cause = causes.get(status, f"http_{status // 100}xx")
        if status == 304:
            return _unasked_304(error.response.request)
        location = error.response.headers.get(b"Location")
        if 300 <= status < 400 and location is not None:
            target = location.decode("latin-1")[:300] or "an empty address"
            return cause, f"HTTP {status} to {target}, which was not followed"
        asked = retry_after_seconds(error.response.headers.get(b"Retry-After"))
        if status in BACKOFF_CODES and asked is not None:  # a wait of days was just "HTTP 429"
            return cause, f"HTTP {status}, asking to wait {wait_said(asked)} (Retry-After)"
        return cause, f"HTTP {status}"
    if isinstance(error, RefusedRedirect):
        return REDIRECT_REFUSED, str(error)
    if isinstance(error, IgnoreRequest):
        text = str(error)
        # Scrapy's own words: any other refusal may name robots.txt in its address (a
        # robots.txt inflating past the limit was said to be forbidden by itself)
        if text == ROBOTS_FORBIDDEN_SAID:
            return "robots_disallowed", "forbidden by robots.txt"
        if text.startswith("blocked address"):
            return "blocked_address", text
        if text.startswith(UNRESOLVABLE):
            host = text.removeprefix(UNRESOLVABLE)
            return "dns", f"el nombre del servidor «{host}» no se resuelve: no existe o no responde"
        if "maxsize" in text.lower() or "too large" in text.lower():
            return "too_large", text
        if text.startswith(PARTIAL):
            return "partial_content", text
        if text.startswith(CODING_CUT_MARK):
            return "cut_short", text
        if text.startswith(CODING_STACK_MARK) or text.startswith(GZIP_MEMBERS_MARK):
            return "malformed_answer", text
        if text == "max redirections reached":
            return "too_many_redirects", _redirect_chain(failure)
        return "ignored", text or "request ignored"
    if isinstance(error, (TimeoutError, TCPTimedOutError, DownloadTimeoutError)):
        return "timeout", str(error)
    if isinstance(error, (DNSLookupError, CannotResolveHostError)):
        return "dns", str(error)
    if isinstance(error, DownloadCancelledError):
        # cut at DOWNLOAD_MAXSIZE while it arrived (no Content-Length, or a false one):
        # Scrapy only logs that, and its error says nothing
        return "too_large", str(error) or _past_maxsize(failure)
    if isinstance(error, (ConnectionRefusedError, DownloadConnectionRefusedError)):
        return "connection_refused", str(error)
    if (longer := _longer_than_declared(error)) is not None:
        return "cut_short", longer
    if _malformed_chunks(error):
        return "malformed_answer", MALFORMED_CHUNKS
    if isinstance(error, ResponseDataLossError):  # shorter than its Content-Length, or reset
        return "cut_short", CUT_SHORT
    if isinstance(error, DownloadFailedError) and "ResponseNeverReceived" in repr(error.__cause__):
        return "network", NO_ANSWER
    if isinstance(error, DownloadFailedError) and _head_unfinished(error.__cause__):
        return _head_unfinished(error.__cause__)  # type: ignore[return-value]
    if (coding := _false_coding(error)) is not None:
        return FALSE_CODING, false_coding(coding, f"{type(error).__name__}: {error}"[:200])
    message = str(error)
    if "maxsize" in message.lower() or "warnsize" in message.lower():
        return "too_large", message
    if HEAD_TOO_LARGE in message:  # Scrapy words the parser's refusal inside its own
        start = message.index(HEAD_TOO_LARGE)
        return "too_large", message[start : message.find(" bytes of headers", start) + 17]
    return "network", f"{type(error).__name__}: {message}"


_CODING_ERRORS = (BadGzipFile, zlib.error, brotli.error)


def _malformed_chunks(error: BaseException) -> bool:
    """Whether Twisted gave up an answer for its chunked framing (Scrapy words that as
    data loss, the same as a connection closed early)."""
    found = error.__cause__ if isinstance(error, ResponseDataLossError) else error
    if not isinstance(found, ResponseFailed):
        return False
    reasons = [getattr(r, "value", r) for r in found.reasons]
    return any(isinstance(r, _MalformedChunkedDataError) for r in reasons)


def _longer_than_declared(error: BaseException) -> str | None:
    """The handler's :class:`LongerThanDeclared`, itself or as the cause Scrapy wrapped,
    said without its numbers (they vary with how the bytes arrived)."""
    for found in (error, error.__cause__):
        if isinstance(found, LongerThanDeclared):
            return LONGER_THAN_DECLARED
    return None


def _false_coding(error: BaseException) -> str | None:
    """The coding an answer declared (``Content-Encoding``) when ``error`` is Scrapy's
    HttpCompressionMiddleware failing to undo it (any coding: its traceback says which),
    or one of the errors undoing gzip, deflate or brotli raises; else None."""
    declared = _declared_coding(error.__traceback__)
    if declared is not None:
        return declared
    if isinstance(error, _CODING_ERRORS):
        return {BadGzipFile: "gzip", brotli.error: "br"}.get(type(error), "gzip/deflate")
    return None


def _declared_coding(trace: TracebackType | None) -> str | None:
    while trace is not None:
        frame = trace.tb_frame
        if frame.f_code.co_name == "_decode" and frame.f_code.co_filename.endswith(
            "httpcompression.py"
        ):
            coding = frame.f_locals.get("encoding")
            if isinstance(coding, bytes):
                return coding.decode("ascii", "replace")[:20]
        trace = trace.tb_next
    return None


def _head_unfinished(error: BaseException | None) -> tuple[str, str] | None:
    """A connection that ended after part of an answer's head: cut short, or (a line
    that is no status line, an HTTP/0.9 answer) not HTTP at all."""
    if not isinstance(error, ResponseFailed) or isinstance(error, ResponseNeverReceived):
        return None
    reasons = [getattr(r, "value", r) for r in error.reasons]
    if any(isinstance(r, ParseError) for r in reasons):
        return "network", NOT_HTTP
    if reasons and all(isinstance(r, (ConnectionDone, ConnectionLost)) for r in reasons):
        return "cut_short", HEAD_CUT
    return None  # the head refused as too large, …: said below


def _past_maxsize(failure: Failure) -> str:
    """The limit and the bytes read when it was passed, as the reader noted them (the
    crawl's ``DOWNLOAD_MAXSIZE`` or the request's own); the request's limit alone when
    the reader left no note."""
    request = getattr(failure, "request", None)
    meta = request.meta if request is not None else {}
    if CUT_AT in meta:
        limit, read = meta[CUT_AT]
        return f"{PAST_MAXSIZE} ({limit} bytes; {read} bytes read)"
    limit = meta.get("download_maxsize")
    return PAST_MAXSIZE + (f" ({limit} bytes)" if limit else "")


def _redirect_chain(failure: Failure) -> str:
    """The redirects a request followed before it gave up, first and last named."""
    request = getattr(failure, "request", None)
    chain = [*request.meta.get("redirect_urls", []), request.url] if request else []
    if len(chain) < 2:
        return "too many redirects"
    return f"{len(chain) - 1} redirects without an answer: {chain[0]} -> … -> {chain[-1]}"[:500]
