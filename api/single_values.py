"""A query parameter a route reads as one value is given once: ``?limit=5&limit=500`` or
``?q=amparo&q=divorcio`` is a Spanish 422 naming it, instead of the last value answering
silently (a client that joined two links, or a proxy that appended its own, would get the
answer to a question it did not ask). Filters that take several values (``kind``,
``court``…) are lists and may repeat as before.

Which names take one value is read from each route's declared parameters (its
dependencies' included), once, when the first request arrives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl

from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import field_annotation_is_sequence
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]
Single = tuple[re.Pattern[str], frozenset[str], frozenset[str]]


def _params(dependant: Dependant) -> Iterator[Any]:
    yield from dependant.query_params
    for sub in dependant.dependencies:
        yield from _params(sub)


def _routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context = getattr(route, "include_context", None)
            yield from _routes(included.routes, prefix + getattr(context, "prefix", ""))
        elif isinstance(route, APIRoute):
            yield prefix, route


def single_params(routes: list[Any]) -> list[tuple[str, Single]]:
    """Per route: its prefix, address pattern, methods and the names it reads once."""
    found = []
    for prefix, route in _routes(routes):
        names = frozenset(
            param.alias
            for param in _params(route.dependant)
            if not field_annotation_is_sequence(param.field_info.annotation)
        )
        if names:
            found.append((prefix, (route.path_regex, frozenset(route.methods or ()), names)))
    return found


def repeated(query_string: bytes) -> dict[str, int]:
    """Names given more than once in a query string, with how many times (read as
    Starlette reads them)."""
    counts: dict[str, int] = {}
    for name, _ in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        counts[name] = counts.get(name, 0) + 1
    return {name: n for name, n in counts.items() if n > 1}


def refusal(name: str, times: int) -> JSONResponse:
    shown = name[:50]
    return JSONResponse(
        {
            "detail": [
                {
                    "loc": ["query", shown],
                    "msg": f"{shown!r} is given {times} times; it takes one value",
                    "type": "repeated_parameter",
                    "mensaje": f"el parámetro «{shown}» se dio {times} veces y admite un "
                    "solo valor: déjelo una vez",
                }
            ]
        },
        status_code=422,
    )


class OneValueEach:
    """ASGI middleware: a 422 when a parameter its route reads as one value repeats."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._singles: list[tuple[str, Single]] | None = None

    def _names(self, scope: Scope) -> frozenset[str]:
        if self._singles is None:
            self._singles = single_params(scope["app"].router.routes)
        path, method = scope["path"], scope["method"]
        for prefix, (pattern, methods, names) in self._singles:
            inside = path.startswith(prefix) and method in methods
            if inside and pattern.match(path[len(prefix) :]):
                return names
        return frozenset()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string") and "app" in scope:
            twice = repeated(scope["query_string"])
            if twice:
                names = self._names(scope)
                for name, times in twice.items():
                    if name in names:
                        await refusal(name, times)(scope, receive, send)
                        return
        await self.app(scope, receive, send)
