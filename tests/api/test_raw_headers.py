"""CORS and compression done on raw headers (``api.raw_headers``) answer exactly as
Starlette's middleware does: for any head an app sends (duplicate and mixed ``Vary``,
``Content-Length`` given twice, media left uncompressed, ranges, answers already coded)
and any request (with or without ``Origin``, each ``Accept-Encoding``), the client gets
the same status, the same headers in the same order and the same body."""

from __future__ import annotations

import asyncio
import gzip
from typing import Any

import brotli
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware, GZipResponder, IdentityResponder

from api import compression
from api.compression import Compression
from api.cors import SpanishCors

EXPOSED = ["RateLimit-Limit", "Retry-After"]

NAMES = [b"content-type", b"vary", b"content-length", b"content-encoding", b"x-other"]
VALUES = {
    b"content-type": [
        b"application/json",
        b"Text/HTML; charset=utf-8",
        b"image/png",
        b"text/event-stream",
        b"application/grpc+proto",
        b"audio/ogg",
    ],
    b"vary": [b"Host", b"Origin", b"Accept-Encoding, Cookie"],
    b"content-length": [b"5", b"12"],
    b"content-encoding": [b"br", b"identity"],
    b"x-other": [b"1"],
}
header = st.sampled_from(NAMES).flatmap(
    lambda name: st.tuples(st.just(name), st.sampled_from(VALUES[name]))
)


def _reference(app: Any) -> Any:
    """What the API ran before: Starlette's CORS, then Starlette's compression (Brotli
    and ISA-L's gzip by Starlette's own responders, as ``api.compression`` had them)."""
    cors = CORSMiddleware(app, allow_origins=["*"], allow_methods=["GET"], expose_headers=EXPOSED)
    starlette_gzip = GZipMiddleware(cors, minimum_size=1000, compresslevel=3)
    excluded = starlette_gzip.exclude_content_types

    class Brotli(IdentityResponder):
        content_encoding = "br"

        async def apply_compression(self, body: bytes, *, more_body: bool) -> bytes:
            return brotli.compress(body, quality=1)

    class IsalGzip(GZipResponder):
        @property
        def compressor(self) -> Any:
            if self._compressor is None:
                self._compressor = compression.isal_zlib.compressobj(
                    compression.ISAL_LEVEL,
                    compression.isal_zlib.DEFLATED,
                    16 + compression.isal_zlib.MAX_WBITS,
                )
            return self._compressor

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        if compression.accepts_brotli(scope):
            await Brotli(cors, 1000, exclude_content_types=excluded)(scope, receive, send)
            return
        accept = dict(scope["headers"]).get(b"accept-encoding", b"")
        if compression.isal_zlib is not None and b"gzip" in accept:
            await IsalGzip(cors, 1000, exclude_content_types=excluded)(scope, receive, send)
            return
        await starlette_gzip(scope, receive, send)

    return asgi


def _ours(app: Any) -> Any:
    cors = SpanishCors(app, allow_origins=["*"], allow_methods=["GET"], expose_headers=EXPOSED)
    return Compression(cors, minimum_size=1000, gzip_level=3, brotli_quality=1)


def _answer(stack: Any, request: list[tuple[bytes, bytes]], start: dict[str, Any], body: bytes):
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({**start, "headers": list(start["headers"])})
        await send({"type": "http.response.body", "body": body})

    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/v1/search", "headers": request}
    asyncio.run(stack(app)(scope, receive, send))
    head, *rest = sent
    return head["status"], list(head["headers"]), b"".join(m.get("body", b"") for m in rest)


@settings(max_examples=300, deadline=None)
@given(
    headers=st.lists(header, max_size=6),
    status=st.sampled_from([200, 206, 404]),
    size=st.sampled_from([0, 10, 999, 1000, 5000]),
    origin=st.booleans(),
    accept=st.sampled_from([None, "gzip", "br, gzip", "identity", "gzip, br;q=0", "deflate"]),
)
def test_the_same_answer_as_starlettes_middleware(
    headers: list[tuple[bytes, bytes]], status: int, size: int, origin: bool, accept: str | None
) -> None:
    request = [(b"host", b"example.org")]
    if origin:
        request.append((b"origin", b"https://elsewhere.example"))
    if accept is not None:
        request.append((b"accept-encoding", accept.encode()))
    start = {"type": "http.response.start", "status": status, "headers": headers}
    body = (b'{"texto": "amparo directo en revision"}' * 200)[:size]
    assert _answer(_ours, request, start, body) == _answer(_reference, request, start, body)


@pytest.mark.parametrize("accept", ["gzip", "br"])
def test_a_large_answer_is_compressed_once_with_its_length(accept: str) -> None:
    start = {"type": "http.response.start", "status": 200, "headers": [(b"vary", b"Host")]}
    body = b'{"hits": []}' * 500
    status, headers, sent = _answer(_ours, [(b"accept-encoding", accept.encode())], start, body)
    decoded = gzip.decompress(sent) if accept == "gzip" else brotli.decompress(sent)
    assert (status, decoded) == (200, body)
    assert headers == [
        (b"vary", b"Host, Origin, Accept-Encoding"),
        (b"content-encoding", accept.encode()),
        (b"content-length", str(len(sent)).encode()),
    ]
