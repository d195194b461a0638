"""Bounds on a request's head for the server ``abierto serve`` runs.

uvicorn's httptools parser takes a request line and headers of any length and any
number: a client sending megabytes of header was held in memory before the app saw a
byte. Here the head is refused with a 431 past ``MAX_HEAD_BYTES`` or ``MAX_HEADERS``
(the server's own answer, in the JSON and Spanish of the app's: no route has run); a
request it cannot parse is a 400 told the same way. Nor does uvicorn bound a head's time:
a client sending a header a byte a minute (slowloris), or nothing at all after
connecting, held its connection forever. A head must now arrive whole within
``head_timeout_s`` of its first byte (or of the connection): else a 408 (nothing, when
not a byte came). Bodies are bounded, in size and time, by the app itself
(``api.request_body``), which answers in Spanish. And a client that asks for a large
answer and then reads nothing held it, and what the answer had ready (an export's batch),
for as long as it liked: a connection whose client has taken no byte for
``write_stall_s`` while the server waits to write is closed.

uvicorn writes an answer's head (status line and headers) and its body in two calls to
the socket: two system calls and two TCP segments for every answer, the client woken
twice. A head is now held until the body's first bytes are written in the same turn of
the event loop (or that turn ends), and both go in one write: the same bytes, once.
"""

from __future__ import annotations

import asyncio
import json
from http import HTTPStatus
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

MAX_HEAD_BYTES = 64 * 1024  # request line and headers; browsers send a few KB
MAX_HEADERS = 100
HEAD_TIMEOUT_S = 20.0  # a browser sends its head in one packet; Apache waits 20 s
WRITE_STALL_S = 60.0  # nginx's send_timeout: a client that reads nothing for a minute
TOO_LARGE = json.dumps(
    {
        "detail": "Request header fields too large.",
        "mensaje": f"los encabezados de la solicitud son demasiado grandes: se admiten "
        f"{MAX_HEAD_BYTES // 1024} KB y {MAX_HEADERS} encabezados como máximo",
    },
    ensure_ascii=False,
).encode()
UNREADABLE = json.dumps(
    {
        "detail": "Invalid HTTP request received.",
        "mensaje": "la solicitud no es HTTP válido: su primera línea o sus encabezados no se "
        "pueden leer",
    },
    ensure_ascii=False,
).encode()


def _too_slow(seconds: float) -> bytes:
    return json.dumps(
        {
            "detail": f"The request head did not arrive whole within {seconds:g} s.",
            "mensaje": "los encabezados de la solicitud no llegaron completos en "
            f"{seconds:g} segundos: envíela de nuevo",
        },
        ensure_ascii=False,
    ).encode()


class HeadWithBody:
    """A connection's transport, holding an answer's head: armed (``hold_next``) when a
    request's head is read, the next bytes written (the answer's head) are held and
    written with the bytes after them, or when the event loop's turn ends (a stream
    whose first chunk is late still shows its head at once). Every write of the
    connection passes here, in order; anything else is the transport's."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._armed = False
        self._held: bytes | None = None

    def hold_next(self) -> None:
        self._armed = True

    def write(self, data: bytes) -> None:
        if self._held is not None:
            data, self._held = self._held + data, None
        elif self._armed:
            self._armed = False
            self._held = data
            self._loop.call_soon(self.flush)
            return
        self._transport.write(data)

    def flush(self) -> None:
        """Write what is held, if anything still is."""
        if self._held is not None:
            held, self._held = self._held, None
            if not self._transport.is_closing():
                self._transport.write(held)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class HeadTooLarge(Exception):
    """More headers than allowed: raised inside the parser, which stops reading."""


class BoundedHttpTools(HttpToolsProtocol):
    """uvicorn's httptools protocol, counting the bytes and headers of each head and
    timing it."""

    head_timeout_s = HEAD_TIMEOUT_S
    write_stall_s = WRITE_STALL_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True  # the next bytes belong to a request's head
        self._head_bytes = 0
        self._parsed_bytes = 0
        self._heads_done = 0
        self._oversized = False
        self._late = False
        self._head_begun = False  # a byte of the awaited head has come
        self._head_timer: asyncio.TimerHandle | None = None
        self._stall_timer: asyncio.TimerHandle | None = None
        self._unsent = 0  # bytes waiting to be written when the stall timer was armed

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.transport = HeadWithBody(transport, self.loop)  # type: ignore[assignment]
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        self._disarm_stall_timer()
        super().connection_lost(exc)

    def pause_writing(self) -> None:
        super().pause_writing()
        self._unsent = self.transport.get_write_buffer_size()
        if self._stall_timer is None:
            self._stall_timer = self.loop.call_later(self.write_stall_s, self._write_stalled)

    def resume_writing(self) -> None:
        self._disarm_stall_timer()
        super().resume_writing()

    def _disarm_stall_timer(self) -> None:
        if self._stall_timer is not None:
            self._stall_timer.cancel()
            self._stall_timer = None

    def _write_stalled(self) -> None:
        """The client took no byte since the timer was armed: let it go (the answer's
        task sees a disconnect); one that took some, however slowly, is waited for."""
        self._stall_timer = None
        if self.transport.is_closing():
            return
        unsent = self.transport.get_write_buffer_size()
        if unsent < self._unsent:
            self._unsent = unsent
            self._stall_timer = self.loop.call_later(self.write_stall_s, self._write_stalled)
            return
        self.transport.abort()

    def _arm_head_timer(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.head_timeout_s, self._head_too_slow)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            self._arm_head_timer()  # an answer is being sent: never cut into it
        elif self._head_begun:
            self._late = True
            self.send_400_response("")
        else:
            self.transport.close()  # an idle connection: nothing was asked

    def data_received(self, data: bytes) -> None:
        in_head, heads_done = self._in_head, self._heads_done
        super().data_received(data)
        if self.transport.is_closing():
            return
        # bytes of a head that was under way before this chunk and still is after it (one
        # never finished); a chunk where a head ended or began is measured by on_header
        if in_head and self._in_head and heads_done == self._heads_done:
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD_BYTES:
                self._oversized = True
                self.send_400_response("")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._head_bytes = self._parsed_bytes = 0
        self._head_begun = True
        self._arm_head_timer()

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        self._parsed_bytes = len(self.url)

    def on_header(self, name: bytes, value: bytes) -> None:
        # a head read whole within one chunk is measured here, as the parser hands it over
        self._parsed_bytes += len(name) + len(value) + 4
        if len(self.headers) >= MAX_HEADERS or self._parsed_bytes > MAX_HEAD_BYTES:
            self._oversized = True
            raise HeadTooLarge
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._head_begun = False
        self._disarm_head_timer()
        self._heads_done += 1
        if isinstance(self.transport, HeadWithBody):
            self.transport.hold_next()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head = True
        self._head_bytes = 0

    def send_400_response(self, msg: str) -> None:
        """uvicorn's refusal of a request it cannot parse (a 400), of a head too large
        (a 431) or too slow (a 408), told in the JSON of the app's refusals, in Spanish
        too."""
        status, body = (431, TOO_LARGE) if self._oversized else (400, UNREADABLE)
        if self._late:
            status, body = 408, _too_slow(self.head_timeout_s)
        self._disarm_head_timer()
        self.transport.write(
            f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n".encode()
            + b"content-type: application/json\r\n"
            b"x-content-type-options: nosniff\r\n"
            b"content-length: " + str(len(body)).encode() + b"\r\n"
            b"connection: close\r\n\r\n" + body
        )
        self.transport.close()


def server_limits() -> dict[str, Any]:
    """uvicorn settings every server of the project runs with (h11's bound is the same
    one, should the httptools protocol be swapped for it)."""
    return {"http": BoundedHttpTools, "h11_max_incomplete_event_size": MAX_HEAD_BYTES}
