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

An answer is kept once, whatever the client accepts: as the app made it, and from its
first replay on gzipped (what the compression outside would do to it at every replay,
done once; a fresh answer costs nothing more). Replays go to clients that accept gzip
as they are, the compression outside passing them on (Brotli's clients accept gzip too);
the rare client without gzip gets them unpacked (and compressed outside if it asks).
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from starlette.datastructures import MutableHeaders

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


# where an answer names the documents it lists (``scope["state"]``): a kept answer is
# replayed only while ``current`` says the database holds them as the index does
HIT_IDS = "answer_hit_ids"
# an answer kept: the app's start message, the body, whether that body is gzipped, and the
# ids of the documents it lists
Kept = tuple[Message, bytes, bool, tuple[str, ...]]


class AnswerCache:
    """ASGI middleware: replays kept answers of ``CACHED_PATHS``; ``generation()`` is the
    index's generation now (None: keep nothing). ``minimum_size`` and ``gzip_level``: the
    compression outside's, so a replay is the answer it would have sent."""

    def __init__(
        self,
        app: Any,
        generation: Callable[[], Hashable | None],
        minimum_size: int = 1000,
        gzip_level: int = 3,
        current: Callable[[list[str]], bool] | None = None,
    ) -> None:
        self.app = app
        self.generation = generation
        # the index lags the database until its next commit: a document withheld, deleted
        # or masked since an answer was kept must not be replayed (``api.index_lag``)
        self.current = current
        self.minimum_size = minimum_size
        self.gzip_level = gzip_level
        self._answers: OrderedDict[tuple[Any, ...], Kept] = OrderedDict()
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
        if kept is not None and self._current(kept):
            await self._replay(key, kept, _accepts_gzip(scope), send)
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
        state = scope.get("state", {})
        if state.get(FROM_REQUEST):
            return
        ids = tuple(state.get(HIT_IDS, ()))
        body = b"".join(chunks)
        if len(body) > MAX_ANSWER_BYTES:
            return
        with self._lock:
            self._answers[key] = (start_message, body, False, ids)
            while len(self._answers) > ANSWERS:
                self._answers.popitem(last=False)

    def _current(self, kept: Kept) -> bool:
        """Whether the documents a kept answer lists are still as the index holds them."""
        return self.current is None or not kept[3] or self.current(list(kept[3]))

    async def _replay(self, key: tuple[Any, ...], kept: Kept, gzipped: bool, send: Send) -> None:
        start, body, packed, ids = kept
        headers = list(start["headers"])
        if gzipped and not packed and len(body) >= self.minimum_size:
            body, packed = gzip.compress(body, self.gzip_level, mtime=0), True
            with self._lock:  # from now on kept gzipped, unless replaced meanwhile
                if self._answers.get(key) is kept:
                    self._answers[key] = (start, body, True, ids)
        if packed and gzipped:
            coded = MutableHeaders(raw=headers)
            coded.add_vary_header("Accept-Encoding")
            coded["Content-Encoding"] = "gzip"
            coded["Content-Length"] = str(len(body))
        elif packed:
            body = gzip.decompress(body)
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _key(self, scope: Scope) -> tuple[Any, ...] | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        if scope["path"] not in CACHED_PATHS:
            return None
        host = b""
        for name, value in scope["headers"]:
            if name in _VARYING:
                return None
            if name == b"host":
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
            generation,
        )

    def kept_bytes(self) -> int:
        """The bodies kept, in bytes (what the cache holds, headers apart)."""
        with self._lock:
            return sum(len(kept[1]) for kept in self._answers.values())


def _accepts_gzip(scope: Scope) -> bool:
    """As Starlette's gzip middleware reads ``Accept-Encoding``."""
    return any(name == b"accept-encoding" and b"gzip" in value for name, value in scope["headers"])
