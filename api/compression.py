"""Answers compressed with Brotli for clients that accept it, else with gzip as before.

A fresh search's answer is about 18 KB of JSON; compressing it is the largest single
cost the API adds to the search (gzip level 3: about 0.13 ms of the 4 ms an answer costs
on this machine). Brotli at quality 1 makes the same answers about as small (4.4 KB
against gzip's 4.1) in half the CPU (0.06 ms). Browsers, curl ``--compressed`` and httpx
ask for it; a client that does not (or refuses it with ``q=0``) gets gzip or the plain
answer exactly as Starlette's ``GZipMiddleware`` gives them. The Brotli answers follow
the same rules as the gzip ones (Starlette's responder, only the coding differs): bodies
under ``minimum_size``, ranges, answers already coded and media that do not shrink are
sent as they are; streams (exports) are flushed chunk by chunk.

gzip is written by ISA-L (the ``isal`` package) where installed: on the mix's 18 KB
answers its level 2 took 35 µs of CPU an answer where zlib's level 3 took 134 (the
largest single cost left around the search), for 2% more bytes (4.48 against 4.41 KB).
The same gzip format (any client decodes it, to the very same JSON); only the compressed
bytes differ. An installation made before ``isal`` was a dependency writes with zlib, as
before, until it is installed again.

An answer made in one piece (every JSON answer, every page) is compressed by
``_WholeBody`` here: Starlette's decisions (what is left as it is, the same headers in
the same order) taken on the raw header list (``api.raw_headers``) instead of through
Starlette's ``Headers`` objects, which cost as much CPU as ISA-L's compression itself;
streams and anything unusual go through Starlette's responder as before.
"""

from __future__ import annotations

import functools
from typing import Any

import anyio.to_thread
import brotli
from starlette.middleware.gzip import GZipMiddleware, GZipResponder, IdentityResponder
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.raw_headers import add_vary, first, set_header

try:
    from isal import isal_zlib
except ImportError:  # pragma: no cover - an older installation
    isal_zlib = None  # type: ignore[assignment]

# ISA-L's levels are 0–3 (its own scale): 2 makes answers about as small as zlib's 3
ISAL_LEVEL = 2

# a body this large is compressed in a worker thread, not on the event loop (as gzip's)
THREAD_BYTES = 128 * 1024


def accepts_brotli(scope: Scope) -> bool:
    """Whether ``Accept-Encoding`` names ``br`` (or ``*``) without ``q=0``."""
    for name, value in scope["headers"]:
        if name != b"accept-encoding":
            continue
        for item in value.split(b","):
            coding, _, params = item.partition(b";")
            if coding.strip().lower() not in (b"br", b"*"):
                continue
            weight = params.strip().lower()
            if weight.startswith(b"q="):
                try:
                    if float(weight[2:]) <= 0:
                        continue
                except ValueError:
                    continue
            return True
    return False


@functools.lru_cache(maxsize=64)
def _excluded(content_type: bytes, excluded: tuple[str, ...]) -> bool:
    """Starlette's test of a ``Content-Type`` against the media left uncompressed."""
    media_type = content_type.decode("latin-1").partition(";")[0].strip().lower()
    media_types = {media_type, media_type.partition("/")[0] + "/*"}
    if media_type.startswith("application/grpc+"):
        media_types.add("application/grpc")
    return not media_types.isdisjoint(excluded)


class _WholeBody(IdentityResponder):
    """Starlette's responder, an answer's head and single body handled on raw headers:
    the same checks, the same headers in the same order, the same compressed bytes."""

    content_encoding: str
    coding: bytes
    whole_limit = THREAD_BYTES  # bodies this large or more are compressed as Starlette does

    def _excluding(self, excluded: tuple[str, ...]) -> None:
        # Starlette normalises the excluded media for every answer; these are normalised
        self.exclude_content_types = excluded

    def _packed(self, body: bytes) -> bytes:
        raise NotImplementedError

    async def send_with_compression(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            self.initial_message = message
            headers = message.setdefault("headers", [])
            self.content_encoding_set = first(headers, b"content-encoding") is not None
            self.partial_response = message["status"] == 206
            content_type = first(headers, b"content-type") or b""
            self.content_type_is_excluded = _excluded(content_type, self.exclude_content_types)
            if self.content_encoding_set or self.partial_response or self.content_type_is_excluded:
                await self.send(message)
            return
        if (
            kind != "http.response.body"
            or self.started
            or self.content_encoding_set
            or self.partial_response
            or self.content_type_is_excluded
            or message.get("more_body", False)
            or self.initial_message.get("trailers", False)
            or not self.minimum_size <= len(message.get("body", b"")) < self.whole_limit
        ):
            await super().send_with_compression(message)
            return
        self.started = True
        body = message["body"]
        packed = self._packed(body)
        headers = self.initial_message["headers"]
        add_vary(headers, b"Accept-Encoding")
        if packed != body:
            set_header(headers, b"content-encoding", self.coding)
            set_header(headers, b"content-length", str(len(packed)).encode())
            message["body"] = packed
        await self.send(self.initial_message)
        await self.send(message)


class _BrotliResponder(_WholeBody):
    """Starlette's responder (what is compressed, and the headers) with Brotli's coding."""

    content_encoding = "br"
    coding = b"br"

    def __init__(
        self, app: ASGIApp, minimum_size: int, quality: int, excluded: tuple[str, ...]
    ) -> None:
        super().__init__(app, minimum_size, exclude_content_types=())
        self._excluding(excluded)
        self.quality = quality
        self._compressor: brotli.Compressor | None = None

    def _packed(self, body: bytes) -> bytes:
        return self._whole(body)

    async def apply_compression(self, body: bytes, *, more_body: bool) -> bytes:
        if not more_body and self._compressor is None:
            if len(body) >= THREAD_BYTES:
                return await anyio.to_thread.run_sync(self._whole, body)
            return self._whole(body)
        if self._compressor is None:
            self._compressor = brotli.Compressor(quality=self.quality)
        out = self._compressor.process(body)
        return out + (self._compressor.flush() if more_body else self._compressor.finish())

    def _whole(self, body: bytes) -> bytes:
        return brotli.compress(body, quality=self.quality)


class _IsalGzipResponder(_WholeBody, GZipResponder):
    """Starlette's gzip responder (what is compressed, the headers, the flushes of a
    stream) with ISA-L's deflate in place of zlib's."""

    coding = b"gzip"

    def __init__(self, app: ASGIApp, minimum_size: int, excluded: tuple[str, ...]) -> None:
        GZipResponder.__init__(
            self, app, minimum_size, thread_minimum_size=THREAD_BYTES, exclude_content_types=()
        )
        self._excluding(excluded)

    def _packed(self, body: bytes) -> bytes:
        return self._compress_body(body, False)

    @property
    def compressor(self) -> Any:
        if self._compressor is None:
            self._compressor = isal_zlib.compressobj(
                ISAL_LEVEL, isal_zlib.DEFLATED, 16 + isal_zlib.MAX_WBITS
            )
        return self._compressor


class Compression:
    """ASGI middleware: Brotli where accepted, else gzip as Starlette's (by ISA-L where
    installed)."""

    def __init__(
        self, app: ASGIApp, minimum_size: int, gzip_level: int, brotli_quality: int
    ) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.quality = brotli_quality
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size, compresslevel=gzip_level)
        self.excluded = self.gzip.exclude_content_types

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.gzip(scope, receive, send)
            return
        if not accepts_brotli(scope):
            # Starlette's test: the first Accept-Encoding names gzip
            if isal_zlib is None or b"gzip" not in (
                first(scope["headers"], b"accept-encoding") or b""
            ):
                await self.gzip(scope, receive, send)  # zlib's gzip, or the answer as it is
                return
            gzip = _IsalGzipResponder(self.app, self.minimum_size, self.excluded)
            await gzip(scope, receive, send)
            return
        responder = _BrotliResponder(self.app, self.minimum_size, self.quality, self.excluded)
        await responder(scope, receive, send)
