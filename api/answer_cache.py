"""The same search asked again is answered with the bytes sent last time, until the index
changes.

Popular searches and the pages just read come back again and again; their answer is kept
as the app made it (before compression and the read limits' headers, which are added
to every answer, replayed or not) per worker, keyed by the whole address asked (scheme,
``Host`` and root path included: a proxy's ``X-Forwarded-Proto`` changes the scheme) and
the embedded index's generation, so a commit by any process makes every kept answer old
at once. An answer whose absolute links took the request's address (no
``ABIERTO_PUBLIC_URL``) is not kept at all: what else of the request they took is not
the cache's to guess. Only anonymous ``GET /v1/search`` without an ``Origin`` (CORS
headers vary with it) and with a 200 is kept; an engine has no generation to key by, so
behind one nothing is.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from api.public_address import FROM_REQUEST

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]

CACHED_PATHS = frozenset({"/v1/search"})
ANSWERS = 512
MAX_ANSWER_BYTES = 256 * 1024
# headers that make another answer of the same address, or another reader
_VARYING = (b"origin", b"authorization", b"x-api-key", b"cookie")


class AnswerCache:
    """ASGI middleware: replays kept answers of ``CACHED_PATHS``; ``generation()`` is the
    index's generation now (None: keep nothing)."""

    def __init__(self, app: Any, generation: Callable[[], int | None]) -> None:
        self.app = app
        self.generation = generation
        self._answers: OrderedDict[tuple[Any, ...], tuple[Message, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None:
                self._answers.move_to_end(key)
        if kept is not None:
            start, body = kept
            await send({**start, "headers": list(start["headers"])})
            await send({"type": "http.response.body", "body": body})
            return
        start_message: Message | None = None
        chunks: list[bytes] = []
        complete = False

        async def keep(message: Message) -> None:
            nonlocal start_message, complete
            if message["type"] == "http.response.start":
                # a copy: middleware outside may add headers (read limits) to what it sends
                start_message = {**message, "headers": list(message.get("headers", []))}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                complete = not message.get("more_body", False)
            await send(message)

        await self.app(scope, receive, keep)
        if start_message is None or start_message.get("status") != 200 or not complete:
            return
        if scope.get("state", {}).get(FROM_REQUEST):
            return
        body = b"".join(chunks)
        if len(body) > MAX_ANSWER_BYTES:
            return
        with self._lock:
            self._answers[key] = (start_message, body)
            while len(self._answers) > ANSWERS:
                self._answers.popitem(last=False)

    def _key(self, scope: Scope) -> tuple[Any, ...] | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        if scope["path"] not in CACHED_PATHS:
            return None
        gzip = False
        host = b""
        for name, value in scope["headers"]:
            if name in _VARYING:
                return None
            if name == b"accept-encoding":
                gzip = b"gzip" in value
            elif name == b"host":
                host = value
        generation = self.generation()
        if generation is None:
            return None
        return (
            scope.get("scheme", "http"),
            host,
            scope.get("root_path", ""),
            scope["path"],
            scope["query_string"],
            gzip,
            generation,
        )
