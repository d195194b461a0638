"""The query string of a ``/v1`` route names only parameters the route reads, each read as
one value given once.

``?limit=5&limit=500`` or ``?q=amparo&q=divorcio`` is a Spanish 422 naming the parameter,
instead of the last value answering silently (a client that joined two links, or a proxy
that appended its own, would get the answer to a question it did not ask). Filters that
take several values (``kind``, ``court``…) are lists and may repeat as before.

A name the route does not read (``/v1/sessions?congresso=…``, ``/v1/sources/x/runs?limt=5``)
is a 422 listing the valid ones, as the search has always answered: ignoring it would
answer another question. The search's routes check their own names (``search_params``).

What each route reads is taken from its declared parameters (its dependencies'
included), once, when the first request arrives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import field_annotation_is_sequence
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from api.query_pairs import query_pairs
from api.search_params import check_names, search_query

Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]

KNOWN_ADDRESSES = 1024
KNOWN_PATH_CHARS = 256


@dataclass(frozen=True)
class Reads:
    """What one route reads from its query string."""

    pattern: re.Pattern[str]
    methods: frozenset[str]
    names: tuple[str, ...]  # every parameter, in declared order
    single: frozenset[str]  # those read as one value
    checks_names: bool  # the route refuses unknown names itself


def _params(dependant: Dependant) -> Iterator[Any]:
    yield from dependant.query_params
    for sub in dependant.dependencies:
        yield from _params(sub)


def _calls(dependant: Dependant) -> Iterator[Any]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def _routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context = getattr(route, "include_context", None)
            yield from _routes(included.routes, prefix + getattr(context, "prefix", ""))
        elif isinstance(route, APIRoute):
            yield prefix, route


def route_reads(routes: list[Any]) -> list[tuple[str, Reads]]:
    """Per route: its prefix and what it reads."""
    found = []
    for prefix, route in _routes(routes):
        params = list(_params(route.dependant))
        single = (
            p.alias for p in params if not field_annotation_is_sequence(p.field_info.annotation)
        )
        reads = Reads(
            pattern=route.path_regex,
            methods=frozenset(route.methods or ()),
            names=tuple(dict.fromkeys(p.alias for p in params)),
            single=frozenset(single),
            checks_names=search_query in set(_calls(route.dependant)),
        )
        found.append((prefix, reads))
    return found


def counted(pairs: list[tuple[str, str]]) -> dict[str, int]:
    """How many times each name is given among a query string's pairs."""
    counts: dict[str, int] = {}
    for name, _ in pairs:
        counts[name] = counts.get(name, 0) + 1
    return counts


def _repeated(name: str, times: int) -> JSONResponse:
    shown = name[:50]
    problem = {
        "loc": ["query", shown],
        "msg": f"{shown!r} is given {times} times; it takes one value",
        "type": "repeated_parameter",
        "mensaje": f"el parámetro «{shown}» se dio {times} veces y admite un solo valor: "
        "déjelo una vez",
    }
    return JSONResponse({"detail": [problem]}, status_code=422)


def _unknown(names: list[str], reads: Reads) -> JSONResponse | None:
    if not reads.names:
        shown = names[0][:50]
        problem = {
            "loc": ["query", shown],
            "msg": f"unknown parameter {shown!r}; this address takes no parameters",
            "type": "unknown_parameter",
            "mensaje": f"el parámetro «{shown}» no existe: esta dirección no admite parámetros",
        }
        return JSONResponse({"detail": [problem]}, status_code=422)
    try:
        check_names(names, list(reads.names))
    except RequestValidationError as exc:
        return JSONResponse({"detail": list(exc.errors())}, status_code=422)
    return None


class OneValueEach:
    """ASGI middleware: a 422 when a ``/v1`` route's query string names a parameter it
    does not read, or repeats one it reads as one value."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._reads: list[tuple[str, Reads]] | None = None
        # the route of each address lately asked: the same few (the search) come again
        # and again, and finding one walks every route's pattern
        self._known: dict[tuple[str, str], Reads | None] = {}

    def _route(self, scope: Scope) -> Reads | None:
        if self._reads is None:
            self._reads = route_reads(scope["app"].router.routes)
        path, method = scope["path"], scope["method"]
        key = (method, path)
        found = self._known.get(key)
        if found is not None:
            return found
        for prefix, reads in self._reads:
            inside = path.startswith(prefix) and method in reads.methods
            if inside and reads.pattern.match(path[len(prefix) :]):
                found = reads
                break
        # a route's method and a path of bounded length only: what is kept stays small
        if found is not None and len(path) <= KNOWN_PATH_CHARS:
            if len(self._known) >= KNOWN_ADDRESSES:
                self._known.clear()
            self._known[key] = found
        return found

    def _refusal(self, scope: Scope) -> JSONResponse | None:
        counts = counted(query_pairs(scope))
        reads = self._route(scope) if counts else None
        if reads is None:
            return None
        if not reads.checks_names and scope["path"].startswith("/v1/"):
            unknown = [name for name in counts if name not in reads.names]
            if unknown:
                return _unknown(unknown, reads)
        for name, times in counts.items():
            if times > 1 and name in reads.single:
                return _repeated(name, times)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string") and "app" in scope:
            refusal = self._refusal(scope)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)
