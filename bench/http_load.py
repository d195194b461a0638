"""A load generator that costs the machine less than the answers it asks for.

httpx's ``AsyncClient`` spent 1.5–2 ms of the benchmark's own CPU per request with 8
connections and 3.2–3.8 ms with 32 (its pool and its request and response models for
each request), more than a cached answer costs the API (about 1 ms): on a 2-core machine
the client, not the API, set the requests/s measured, and halved them from 8 to 32
clients. Here each client holds one keep-alive HTTP/1.1 connection and writes its
``GET`` itself (the headers the API keys its answers by: ``Host`` and
``Accept-Encoding``, gzip unless told); the answer is read whole (``Content-Length`` or chunked) and
only its status is looked at. A failed exchange closes the connection (the next request
opens another) and counts as an error, as a timeout does.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlencode, urlsplit

TIMEOUT_S = 60.0
MAX_HEAD = 64 * 1024


class ExchangeError(Exception):
    """The server closed, sent something that is not HTTP/1.1, or did not answer in time."""


class Connection:
    """One keep-alive connection to ``url``'s host, opened when first needed."""

    def __init__(self, url: str, accept: str = "gzip") -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self._head = f"Host: {parts.netloc}\r\nAccept-Encoding: {accept}\r\n\r\n".encode()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, params: list[tuple[str, str]]) -> int:
        """The status of ``GET path?params`` (the body read and dropped)."""
        try:
            async with asyncio.timeout(TIMEOUT_S):
                return await self._exchange(f"{path}?{urlencode(params)}")
        except (OSError, EOFError, ValueError, TimeoutError, asyncio.IncompleteReadError) as exc:
            self.close()
            raise ExchangeError(str(exc) or type(exc).__name__) from exc
        except asyncio.LimitOverrunError as exc:
            self.close()
            raise ExchangeError("answer head too long") from exc

    async def _exchange(self, target: str) -> int:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(
                self.host, self.port, limit=MAX_HEAD
            )
        reader, writer = self._reader, self._writer
        assert reader is not None
        writer.write(b"GET " + target.encode() + b" HTTP/1.1\r\n" + self._head)
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status_line = lines[0].split(" ", 2)
        if len(status_line) < 2 or not status_line[0].startswith("HTTP/1."):
            raise ValueError(f"not an HTTP/1.1 answer: {lines[0][:80]!r}")
        status = int(status_line[1])
        fields: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name:
                fields[name.strip().lower()] = value.strip().lower()
        if "content-length" in fields:
            await reader.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding") == "chunked":
            await _chunks(reader)
        else:
            raise ValueError("an answer without a length on a kept-alive connection")
        if fields.get("connection") == "close":
            self.close()
        return status

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None


async def _chunks(reader: asyncio.StreamReader) -> None:
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
        await reader.readexactly(size + 2)
        if size == 0:
            return


async def load(
    url: str,
    clients: int,
    seconds: float,
    ask: Callable[[int], tuple[str, list[tuple[str, str]]]],
    accept: str = "gzip",
) -> dict[str, Any]:
    """``clients`` connections asking ``ask(n)`` (path, params) for ``seconds``; client
    ``i`` begins at ``n = 3 i``. Requests/s, errors (a status other than 200 included)
    and the latencies of the answered ones, in ms."""
    timings: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def one(offset: int) -> None:
        nonlocal errors
        connection = Connection(url, accept)
        n = offset
        try:
            while time.perf_counter() < stop:
                path, params = ask(n)
                n += 1
                began = time.perf_counter()
                try:
                    status = await connection.get(path, params)
                except ExchangeError:
                    errors += 1
                    continue
                if status != 200:
                    errors += 1
                    continue
                timings.append((time.perf_counter() - began) * 1000)
        finally:
            connection.close()

    began = time.perf_counter()
    await asyncio.gather(*(one(i * 3) for i in range(clients)))
    elapsed = time.perf_counter() - began
    return {"timings": timings, "errors": errors, "elapsed_s": elapsed}


def run(main: Coroutine[Any, Any, dict[str, Any]]) -> dict[str, Any]:
    """``main`` on uvloop's event loop (the server's own), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)
