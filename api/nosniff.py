"""Every answer says ``X-Content-Type-Options: nosniff``.

A browser that sniffs may run a JSON answer, a feed or an export as HTML or script when
the bytes look like one (a document title that reads ``<script>…``, echoed in an error),
whatever its ``Content-Type`` says. Pages and archived files said it already; here it is
said once for every answer, errors included, so no route can forget it.
"""

from __future__ import annotations

from typing import Any

_HEADER = b"x-content-type-options"


class NoSniff:
    """ASGI middleware: ``X-Content-Type-Options: nosniff`` on every HTTP answer that
    does not say it already."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def nosniff(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == _HEADER for name, _ in headers):
                    headers.append((_HEADER, b"nosniff"))
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, nosniff)
