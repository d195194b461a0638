"""``HEAD`` is answered wherever ``GET`` is: the same status and headers, no body.

FastAPI's routes take only the methods they name, so a ``HEAD`` (what link checkers,
uptime monitors and feed readers send to see whether an address is alive or changed) was
a ``405`` on every page, feed, export and ``/healthz``, although HTTP requires a server to
answer ``HEAD`` wherever it answers ``GET``. Here a ``HEAD`` goes through the app as the
``GET`` it asks about (read limits, caches and validators see the ``GET``), and only the
head of the answer is sent. A streamed answer (an export, a file) is stopped after its
head as when its client leaves: once the head is sent the app hears a disconnect (the
ASGI 2.3 way, which Starlette's streaming answers listen for), so the rest is never made.
That head comes after the answer's first bytes (the compression middleware waits for
them), and a batch being made when the disconnect comes is finished: an export's first
batches (hundreds of documents, texts included) were read for a HEAD. So a route whose
body is costly asks ``head_only`` and makes its head alone.
"""

from __future__ import annotations

from typing import Any

import anyio
from starlette.requests import Request

_LEFT = {"type": "http.disconnect"}
HEAD_ONLY = "head_only"  # request state: only the head of the answer will be sent


def head_only(request: Request) -> bool:
    """The request is a ``HEAD`` run as ``GET``: its body is never sent."""
    return bool(getattr(request.state, HEAD_ONLY, False))


class HeadAsGet:
    """ASGI middleware: a ``HEAD`` request is run as ``GET`` and its body left unsent."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        head_sent = anyio.Event()
        request_read = False

        async def head_only(message: dict[str, Any]) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not head_sent.is_set():
                head_sent.set()
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        async def leave_once_answered() -> dict[str, Any]:
            nonlocal request_read
            if not request_read and not head_sent.is_set():
                request_read = True
                return await receive()  # a HEAD's (empty) request
            await head_sent.wait()
            return _LEFT

        scope.setdefault("state", {})[HEAD_ONLY] = True
        asgi = scope.get("asgi", {}) | {"spec_version": "2.3"}
        await self.app(scope | {"method": "GET", "asgi": asgi}, leave_once_answered, head_only)
