"""A whole-request deadline for httpx, which only bounds each read and write on its own.

A receiver that sends its answer one byte every half second never trips a per-read
timeout, and so could hold a delivery thread for as long as it liked. The client's
connections here go through a network backend whose streams give every connect, TLS
handshake, read and write only what is left of the deadline of the request under way
in this thread (:func:`within`), and fail with httpcore's timeout once it has passed.
Pooled connections keep working: the deadline belongs to the thread, not the socket.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

_local = threading.local()


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Run the requests of this block under one deadline ``seconds`` from now (an
    enclosing deadline that comes sooner still holds)."""
    outer: float | None = getattr(_local, "deadline", None)
    until = time.monotonic() + seconds
    _local.deadline = until if outer is None else min(outer, until)
    try:
        yield
    finally:
        _local.deadline = outer


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    until: float | None = getattr(_local, "deadline", None)
    if until is None:
        return timeout
    remaining = until - time.monotonic()
    if remaining <= 0:
        raise error("the request's deadline has passed")
    return remaining if timeout is None else min(timeout, remaining)


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        wait = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        wait = _left(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, wait, local_address, socket_options)
        return _Stream(stream)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def transport() -> httpx.HTTPTransport:
    """An httpx transport (no proxy, HTTP/1.1) whose requests honour :func:`within`;
    certificates are checked as httpx checks them (``SSL_CERT_FILE`` honoured)."""
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)  # httpx's own
    made = httpx.HTTPTransport(limits=limits)
    # httpx takes no network backend: its pool is made again, alike but for the backend
    made._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=_Backend(),
    )
    return made
