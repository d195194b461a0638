"""``GET /v1/search`` with its parameters read in one pass, not by FastAPI's machinery.

FastAPI validates each of the search's two dozen declared query parameters through
pydantic on every request: about a millisecond of a fresh answer's twelve, for values
that are nearly always plain (a few words, filter names, a limit, a sort, dates written
YYYY-MM-DD). Those are read here and handed to the very same checks (``search_query``).
Any value a plain reading does not take at once (``limit=0``, ``date_from=2023-2-30``,
``sort=fecha``) sends the request the declared way, so FastAPI reads it exactly as
before: the same values, the same 422s. The declaration stays the route's, and with it
the OpenAPI schema. The endpoint's dependencies are the library and ``search_query``,
checked when the route is built; an app that overrides a dependency is read as declared.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import inspect
import re
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, Literal, get_args, get_origin, get_type_hints

from annotated_types import Ge, Le
from fastapi import Request, Response
from fastapi.routing import APIRoute

from api.deps import get_library
from api.query_pairs import query_pairs
from api.search_params import search_query
from api.search_shortcut import learn, raise_kept
from api.search_threads import SearchThreads

Reading = Callable[[list[str]], Any]
Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class Declared(Exception):
    """A value only the declared (pydantic) reading may judge."""


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_COUNT = re.compile(r"[1-9][0-9]{0,2}")


def _many(values: list[str]) -> list[str]:
    return values


def _text(values: list[str]) -> str:
    return values[-1]  # a repeated single parameter: the last one, as FastAPI reads it


def _date(values: list[str]) -> dt.date:
    value = values[-1]
    if not _DATE.fullmatch(value):
        raise Declared
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Declared from None


def _choice(choices: tuple[str, ...]) -> Reading:
    def read(values: list[str]) -> str:
        if values[-1] not in choices:
            raise Declared
        return values[-1]

    return read


def _count(low: int, high: int) -> Reading:
    def read(values: list[str]) -> int:
        value = values[-1]
        if not _COUNT.fullmatch(value) or not low <= int(value) <= high:
            raise Declared
        return int(value)

    return read


def _bounds(name: str, metadata: list[Any]) -> tuple[int, int]:
    """``Query(ge=…, le=…)`` and nothing else."""
    low = [m.ge for m in metadata if isinstance(m, Ge)]
    high = [m.le for m in metadata if isinstance(m, Le)]
    if len(low) != 1 or len(high) != 1 or len(metadata) != 2:
        raise TypeError(f"{name}: only a number between two bounds is read")
    return low[0], high[0]


def readings(dependency: Callable[..., Any]) -> dict[str, Reading]:
    """How to read each query parameter ``dependency`` declares, from its annotations;
    a kind of parameter not known here stops the app from starting rather than be read
    otherwise than FastAPI reads it."""
    hints = get_type_hints(dependency, include_extras=True)
    found: dict[str, Reading] = {}
    for name in inspect.signature(dependency).parameters:
        hint = hints[name]
        if hint is Request:
            continue
        kind, query = get_args(hint) if get_origin(hint) is Annotated else (hint, None)
        if query is None or query.alias is not None or query.validation_alias is not None:
            raise TypeError(f"{name}: only Query parameters under their own name are read")
        optional = tuple(a for a in get_args(kind) if a is not type(None))
        single = optional[0] if len(optional) == 1 else kind
        if single == list[str]:
            found[name] = _many
        elif single is str:
            found[name] = _text
        elif single is dt.date:
            found[name] = _date
        elif get_origin(single) is Literal:
            found[name] = _choice(get_args(single))
        elif single is int:
            found[name] = _count(*_bounds(name, query.metadata))
        else:
            raise TypeError(f"{name}: no plain reading of {hint}")
        if single is not int and query.metadata:
            raise TypeError(f"{name}: constraints are read by FastAPI only")
    return found


READINGS = readings(search_query)


# The search runs in a thread of its own (``api.search_threads``): its native part lets
# go of the GIL, so the event loop goes on with other requests. anyio's ``to_thread``
# (Starlette's ``run_in_threadpool``) costs about 45 µs of CPU a call in Python (a
# capacity limiter, a cancel scope, a ``queue.Queue``'s condition), ``loop.run_in_executor``
# about 30 (a ``concurrent.futures`` future and its callbacks), these threads about 9,
# the same work done. As many threads as anyio's default limit.
SEARCH_THREADS = 40
_searches = SearchThreads(SEARCH_THREADS, "search")


async def in_search_thread(call: Callable[..., Response], *args: Any) -> Response:
    """``call(*args)`` in a search thread, with this task's context variables (as
    ``run_in_threadpool`` gives them)."""
    context = contextvars.copy_context()
    return await _searches.call(functools.partial(context.run, call, *args))


def plain_values(items: list[tuple[str, str]]) -> dict[str, Any]:
    """The declared parameters among ``items`` (the query string's pairs, in order),
    read as FastAPI would; ``Declared`` when one is not plain. Unknown names are left
    to ``search_query``, which refuses them."""
    given: dict[str, list[str]] = {}
    for name, value in items:
        if name in READINGS:
            given.setdefault(name, []).append(value)
    return {name: READINGS[name](values) for name, values in given.items()}


class SearchRoute(APIRoute):
    """The route of ``GET /v1/search``: plain parameters are read by ``plain_values``,
    anything else by FastAPI as declared; then the same endpoint answers."""

    def get_route_handler(self) -> Handler:
        declared = super().get_route_handler()
        endpoint = self.endpoint
        calls = tuple(dependency.call for dependency in self.dependant.dependencies)
        if calls != (get_library, search_query) or self.dependant.query_params:
            raise TypeError(f"{self.path}: only an endpoint of (request, library, query) is read")

        async def answer(request: Request) -> Response | None:
            """The answer of plain parameters; None for FastAPI's declared reading."""
            if request.app.dependency_overrides:  # an app that swaps a dependency (tests)
                return None
            try:
                values = plain_values(query_pairs(request.scope))
            except Declared:
                return None
            query = await search_query(request, **values)
            library = request.app.state.library
            return await in_search_thread(endpoint, request, library, query)

        async def handler(request: Request) -> Response:
            raise_kept(request.scope)  # what the shortcut's answer raised, as if here
            if request.scope["method"] == "GET":  # the router chose this route for it
                learn(request.scope, answer)
            response = await answer(request)
            return response if response is not None else await declared(request)

        return handler
