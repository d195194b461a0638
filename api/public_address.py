"""Where links point. A link in an e-mail carries a one-time token, so it points at the
service's own address, ``ABIERTO_PUBLIC_URL``, and never at the ``Host`` a request
claims (anyone may send any ``Host``: asking for a key or an alert in a stranger's name
with a forged one would have the stranger's click hand the token to that host). Without
the setting, no link is mailed.

Absolute links in answers (a document's ``page_url``, Atom feeds, CSV exports and their
``Link`` header, a page's canonical address) begin with ``ABIERTO_PUBLIC_URL`` too when it
is set, so a cache in front that ignores ``Host`` cannot be made to keep a forged one for
everybody. Without it they take the request's address, and the answer says ``Vary: Host``.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.datastructures import URL
from starlette.responses import RedirectResponse
from starlette.routing import Match, Router

from config.settings import Settings

FROM_REQUEST = "links_from_host"  # request state: an absolute link took the request's address

MISSING = (
    "this server has no public address (ABIERTO_PUBLIC_URL) to put in e-mail links",
    "este servidor no tiene configurada su dirección pública (ABIERTO_PUBLIC_URL): no puede "
    "enviar enlaces por correo",
)


def mail_base(settings: Settings) -> str | None:
    """The address e-mail links begin with, or None when none is configured."""
    return settings.public_url.rstrip("/") if settings.public_url else None


def link_base(request: Request) -> str:
    """The address absolute links in an answer begin with (no trailing slash)."""
    settings: Settings = request.app.state.settings
    if settings.public_url:
        return settings.public_url.rstrip("/")
    setattr(request.state, FROM_REQUEST, True)
    return str(request.base_url).rstrip("/")


def slash_redirects_in_place(router: Router) -> None:
    """An address with a slash too many (``/buscar/``, ``/v1/sources/x/``) is redirected
    to the one without it, as Starlette does, but the ``Location`` is the address's path
    and query alone: Starlette wrote it whole from the request's ``Host``, with
    ``ABIERTO_PUBLIC_URL`` set or not and without ``Vary: Host``, so one request with a
    forged ``Host`` made a redirect to any site, which a cache in front that does not
    key by ``Host`` keeps for everybody who types the slash."""
    router.redirect_slashes = False
    not_found = router.default

    async def default(scope: dict[str, Any], receive: Any, send: Any) -> None:
        location = _without_slash(router, scope)
        if location is None:
            await not_found(scope, receive, send)
            return
        await RedirectResponse(location)(scope, receive, send)

    router.default = default


def _without_slash(router: Router, scope: dict[str, Any]) -> str | None:
    """``{path}?{query}`` of the request without its last slash, when a route answers
    there (Starlette's test: a route that takes the path, whatever its method); None
    otherwise."""
    path: str = scope.get("path", "")
    if scope["type"] != "http" or path == "/" or not path.endswith("/"):
        return None
    twin = dict(scope, path=path.rstrip("/"))
    if not any(route.matches(twin)[0] is not Match.NONE for route in router.routes):
        return None
    url = URL(scope=twin)  # the root path a proxy mounts the app under, kept
    if url.path[1:2] in ("/", "\\"):
        return None  # «//host» (or «/\host») in a Location is another site's address
    return f"{url.path}?{url.query}" if url.query else url.path


class VaryHost:
    """ASGI middleware: an answer whose links took the request's ``Host`` says
    ``Vary: Host``, so a cache keeps one answer per host, not one for all."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})

        async def vary(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and state.get(FROM_REQUEST):
                headers = list(message.get("headers", []))
                merged = False
                for i, (name, value) in enumerate(headers):
                    if name.lower() == b"vary":
                        headers[i] = (name, value + b", Host")
                        merged = True
                if not merged:
                    headers.append((b"vary", b"Host"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, vary)
