"""``GET /v1/search`` answered without FastAPI's routing when it is plainly the search.

Between the innermost middleware and the search's handler FastAPI runs, for every
request, its exception middleware, its exit-stack middleware, a walk over every
included router's routes to find the one that matches, and ``request_response``'s two
exit stacks and send wrapper: about a tenth of the event loop's work on a fresh search,
for an address that is always the same route. Here the route FastAPI chose is learnt
from the first search it routes (``SearchRoute`` says so, ``learn``), and later requests
for that very path go straight to the same reading and endpoint (``plain_answer``).

Whatever that reading does not answer by itself goes the declared way, through the
router, from the start: a parameter only FastAPI reads, an app that overrides a
dependency, a request traced by FastAPI's OpenTelemetry (the route it names). An
exception (a 422, a query too costly, a busy database), raised before anything is sent,
goes through the router too, kept in the scope: the search's route raises it again at
once (``raise_kept``), so the app's handlers answer it as before, and the search that
raised it is not run a second time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from starlette.types import ASGIApp, Receive, Scope, Send

# the shortcut a request passes through, kept in its scope for the route to tell
_KEY = "abierto.search_shortcut"
# what the shortcut's answer raised, for the route to raise where the router called it
_RAISED = "abierto.search_raised"

Answer = Callable[[Request], Awaitable[Response | None]]


class SearchShortcut:
    """ASGI middleware, innermost: a search whose route is known is answered by it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # (root_path, path) the router sent to the search, and the search's answer
        self._known: tuple[tuple[str, str], Answer] | None = None

    def learn(self, scope: Scope, answer: Answer) -> None:
        """The router sent this request's path to the search, answered by ``answer``."""
        self._known = ((scope.get("root_path", ""), scope["path"]), answer)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        known = self._known
        if (
            known is None
            or scope["type"] != "http"
            or scope["method"] != "GET"
            or known[0] != (scope.get("root_path", ""), scope["path"])
            or scope.get("fastapi.telemetry") is not None
            or scope["app"].dependency_overrides
        ):
            scope[_KEY] = self
            await self.app(scope, receive, send)
            return
        try:
            response = await known[1](Request(scope, receive, send))
        except Exception as exc:  # raised again by the route, for the app's handlers
            scope[_RAISED] = exc
            response = None
        if response is None:
            await self.app(scope, receive, send)
            return
        await response(scope, receive, send)


def learn(scope: Scope, answer: Answer) -> None:
    """Tell the shortcut this request came through (if any) that its path is the search's."""
    shortcut = scope.get(_KEY)
    if isinstance(shortcut, SearchShortcut):
        shortcut.learn(scope, answer)


def raise_kept(scope: Scope) -> None:
    """Raise what the shortcut's answer to this request raised, if anything."""
    raised = scope.pop(_RAISED, None)
    if raised is not None:
        raise raised
