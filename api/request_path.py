"""Addresses that hold NUL (``%00``) name nothing: no id, token, slug or name the service
keeps can hold it, and PostgreSQL refuses it in any text it is asked to compare, so
such a request is answered "not found" here, before any route looks it up (where it
would be a 500 on PostgreSQL and a 404 on SQLite)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.responses import JSONResponse
from starlette.requests import Request

from api.routers.pages.errors import refusal_page, wants_html

Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]


class NulPaths:
    """ASGI middleware: a 404 in Spanish for every address whose path holds NUL."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "\x00" not in scope["path"]:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        if wants_html(request):
            response = refusal_page(request, 404)
        else:
            response = JSONResponse(
                {
                    "detail": "no document or other resource has an address holding NUL (\\u0000)",
                    "mensaje": "no existe nada en esa dirección: contiene el carácter nulo "
                    "(\\u0000), que ningún identificador lleva",
                },
                status_code=404,
            )
        await response(scope, receive, send)
