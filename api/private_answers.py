"""Answers made for one caller are never kept by a cache in front for the next one.

A shared cache (a CDN, Varnish, nginx's proxy_cache) keeps a ``GET`` answer that says
nothing about caching for whoever asks the same address next. It leaves alone requests
with ``Authorization`` and ``Cookie``, but not ``X-API-Key`` or ``X-Alert-Token``, which
are headers of this API: institution A's source, its runs, its audit log or its alerts,
asked with ``X-API-Key``, would then be served to institution B or to anyone, and an
alert read with its management token to whoever knows its id. So every answer of the
institutions' and alerts' routes, and every answer to a request that presents a key or
a token, says ``Cache-Control: private, no-store`` unless its route chose its own (the
feeds and archived files, the same for every reader, say ``public``).
"""

from __future__ import annotations

from typing import Any

_CACHE_CONTROL = b"cache-control"
_PRIVATE = b"private, no-store"
# headers that carry a credential: whatever the route, the answer is the caller's
_CREDENTIALS = frozenset({b"authorization", b"x-api-key", b"x-alert-token"})
# routes whose every answer is one institution's or one subscriber's
_PRIVATE_PREFIXES = ("/v1/sources", "/v1/alerts", "/v1/reader-keys")


def private_request(scope: dict[str, Any]) -> bool:
    """Whether the answer to this request belongs to its caller alone."""
    path: str = scope.get("path", "")
    if path.startswith(_PRIVATE_PREFIXES):
        return True
    return any(name.lower() in _CREDENTIALS for name, _ in scope.get("headers", []))


class PrivateAnswers:
    """ASGI middleware: ``Cache-Control: private, no-store`` on the answers of
    :func:`private_request` that do not say how to cache them."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not private_request(scope):
            await self.app(scope, receive, send)
            return

        async def private(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == _CACHE_CONTROL for name, _ in headers):
                    headers.append((_CACHE_CONTROL, _PRIVATE))
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, private)
