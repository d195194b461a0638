"""Request bodies, read with bounds before any route sees them.

A body is read here, at most ``max_bytes`` of it (a 413 as soon as it is declared or
received larger, so nobody makes the server hold gigabytes it never needed: no spec,
alert or form comes near a megabyte), within ``timeout_s`` (a 408 once past it: a client
that declares more than it sends, or never sends a chunked body's last chunk, would hold
the connection and its memory forever), and handed to the app whole. A JSON body whose
strings are no text (a lone surrogate written as ``\\ud800``, or NUL, which PostgreSQL
refuses) or whose numbers are no number JSON has (``NaN``, ``Infinity``, ``1e400``: Python
reads them, then cannot write them back, not even in the 422 that echoes them) is a 422
naming where it is, before anything could try to store it. So is a key written twice in
one object: JSON keeps the last silently, so a spec's second ``listing`` or an alert's
second ``query`` would replace the first unseen. A body sent as JSON that ``json`` cannot
read for want of text, of a number's digits or of recursion is a 422 naming ``body`` and
why, for every route alike (``api.json_refusals``).
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Callable
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from starlette.requests import Request

from api.json_refusals import no_text, too_deep, unreadable
from api.routers.pages.errors import refusal_page, wants_html

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]


class BodyTooLarge(Exception):
    """The body passed the limit while it was being received."""


class BoundedBodies:
    """ASGI middleware: every request body bounded, and JSON bodies checked for text no
    database stores."""

    def __init__(self, app: Any, max_bytes: int, timeout_s: float = 30.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _announces_body(scope):
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        try:
            async with asyncio.timeout(self.timeout_s):
                body = await self._read(receive)
        except BodyTooLarge:
            await self._too_large(scope, receive, send)
            return
        except TimeoutError:
            await self._too_slow(scope, receive, send)
            return
        problem = _unstorable(body, scope)
        if problem is not None:
            response = JSONResponse(jsonable_encoder({"detail": [problem]}), status_code=422)
            await response(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away: the app sees an empty body
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise BodyTooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await _refuse(
            scope,
            receive,
            send,
            413,
            f"the request body is larger than {self.max_bytes} bytes",
            "el cuerpo de la solicitud es demasiado grande: se admiten "
            f"como máximo {self.max_bytes} bytes",
        )

    async def _too_slow(self, scope: Scope, receive: Receive, send: Send) -> None:
        seconds = f"{self.timeout_s:g}"
        await _refuse(
            scope,
            receive,
            send,
            408,
            f"the request body did not arrive whole within {seconds} s",
            f"el cuerpo de la solicitud no llegó completo en {seconds} segundos: envíelo de nuevo",
        )


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value
    return None


def _announces_body(scope: Scope) -> bool:
    """Whether a body may follow: any write (HTTP/2 sends one without a length or
    chunking), or a read that declares one."""
    if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
        return True
    return bool(_declared_length(scope)) or _header(scope, b"transfer-encoding") is not None


def _declared_length(scope: Scope) -> int | None:
    value = _header(scope, b"content-length")
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body as one message, then the server's own messages (a disconnect)."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _unstorable(body: bytes, scope: Scope) -> dict[str, Any] | None:
    """The first string of a JSON body that is no storable text, or why a body sent as
    JSON cannot be read at all, as a 422 item (a syntax error is the route's to say, with
    where it is)."""
    declared = _declares_json(scope) and bool(body)
    text = _json_text(body)
    if text is None:
        return no_text() if declared else None
    if not declared and text.lstrip()[:1] not in ("{", "["):
        return None
    try:
        data = json.loads(text, object_pairs_hook=_object)
    except RecursionError:
        return too_deep()
    except json.JSONDecodeError:
        return None  # the route says where
    except ValueError as exc:
        return unreadable(exc)
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Twice):
            return _repeated(path, value.twice)
        if isinstance(value, dict):
            for key, item in value.items():
                if not _storable(key):
                    return _problem(path, key)
                stack.append((item, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, n)) for n, item in enumerate(value))
        elif isinstance(value, str) and not _storable(value):
            return _problem(path, value)
        elif isinstance(value, float) and not math.isfinite(value):
            return _not_finite(path)
    return None


def _declares_json(scope: Scope) -> bool:
    """Whether a route reads the body as JSON: FastAPI does when it says
    ``application/json`` (or ``…+json``); a spec's route reads it so when it says nothing."""
    value = _header(scope, b"content-type")
    if value is None:
        return True
    kind = value.split(b";", 1)[0].strip().lower()
    return kind == b"application/json" or (
        kind.startswith(b"application/") and kind.endswith(b"+json")
    )


def _json_text(body: bytes) -> str | None:
    """The body as the text a JSON reader takes it for: the routes read bytes as
    ``json.loads`` does, UTF-8 with or without its byte-order mark, UTF-16 or UTF-32, so
    the checks here must read every one of them alike (None: no text in any)."""
    try:
        return body.decode(json.detect_encoding(body))
    except (UnicodeDecodeError, LookupError):
        return None


class _Twice(dict[str, Any]):
    """An object of a JSON body that writes ``twice`` more than once."""

    twice = ""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) == len(pairs):
        return data
    seen: set[str] = set()
    twice = _Twice(data)
    for key, _ in pairs:
        if key in seen:
            twice.twice = key
            break
        seen.add(key)
    return twice


def _repeated(path: tuple[str | int, ...], key: str) -> dict[str, Any]:
    shown = key[:80]
    return {
        "loc": ("body", *path, shown),
        "msg": f"the key {shown!r} is written twice in one object",
        "type": "duplicate_key",
        "mensaje": f"la clave «{shown}» se escribió dos veces en el mismo objeto: déjela una vez",
    }


def _storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _problem(path: tuple[str | int, ...], text: str) -> dict[str, Any]:
    what = "NUL (\\u0000)" if "\x00" in text else "a lone surrogate (\\ud800-\\udfff)"
    que = "NUL (\\u0000)" if "\x00" in text else "un sustituto UTF-16 suelto (\\ud800-\\udfff)"
    return {
        "loc": ("body", *path),
        "msg": f"the text holds {what}, which is no character",
        "type": "string_unicode",
        "mensaje": f"el texto contiene {que}, que no es un carácter válido",
    }


def _not_finite(path: tuple[str | int, ...]) -> dict[str, Any]:
    return {
        "loc": ("body", *path),
        "msg": "the number is not finite (NaN, Infinity or beyond 1.8e308), which JSON has not",
        "type": "finite_number",
        "mensaje": "el número no es finito (NaN, Infinity o mayor que 1.8e308): JSON no lo admite",
    }


async def _refuse(
    scope: Scope, receive: Receive, send: Send, status: int, detail: str, mensaje: str
) -> None:
    """A refusal made before the body was read whole: the error page for a browser, JSON
    otherwise, and the connection closed since the rest of the body is never read."""
    request = Request(scope, receive)
    if wants_html(request):
        response = refusal_page(request, status)
    else:
        response = JSONResponse({"detail": detail, "mensaje": mensaje}, status_code=status)
    response.headers["Connection"] = "close"
    await response(scope, receive, send)
