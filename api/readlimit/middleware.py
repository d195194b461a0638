"""Every public read (GET/HEAD of the API, the feeds, the exports and the pages) spends
its caller's budget: the reader key's, the institution key's, or else the client
address's. Answers carry ``RateLimit-Limit``, ``RateLimit-Remaining``, ``RateLimit-Reset``
and ``RateLimit-Policy`` (IETF draft httpapi-ratelimit-headers); a spent budget is a 429
with ``Retry-After``, in JSON for the API and a Spanish page for people. Health checks and
static assets are exempt, and so is ``/v1/sources`` (institutions only: it has its own
key check and limits on reads and writes, api/ratelimit.py). A key that is presented
but unknown or revoked is refused (401) rather than silently read as anonymous."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, TypeVar

import anyio
from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import client_bucket, presented_key
from api.readlimit.counter import WINDOW_S, Decision, SharedCounter
from api.readlimit.keys import KeyCache
from api.routers.pages.common import render
from api.routers.pages.errors import wants_html
from config.settings import Settings
from indexer.db.reader_keys import KeyHolder

# static assets; and the institutions' own API, which has its key check and its limits
EXEMPT_PREFIXES = ("/static/", "/docs-assets/", "/v1/sources")
EXEMPT_PATHS = frozenset({"/healthz", "/openapi.json", "/docs", "/favicon.ico", "/robots.txt"})
EXPORT_PATHS = frozenset({"/v1/export.csv", "/v1/export.jsonl"})
ROWS_PER_READ = 1000
T = TypeVar("T")


def exempt(path: str) -> bool:
    return path in EXEMPT_PATHS or path.startswith(EXEMPT_PREFIXES)


class ReadLimits:
    """ASGI middleware; ``counter`` and ``keys`` are shared by the whole app."""

    def __init__(
        self, app: ASGIApp, settings: Settings, counter: SharedCounter, keys: KeyCache
    ) -> None:
        self.app = app
        self.settings = settings
        self.counter = counter
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or exempt(scope["path"])
        ):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        presented = presented_key(request)
        holder = await self._holder(presented) if presented else None
        if presented and holder is None:
            decision = self.counter.hit(f"addr:{client_bucket(request)}", self._anonymous)
            refusal = _too_many(request, decision) if not decision.allowed else _unknown(request)
            await refusal(scope, receive, send)
            await self._settle()
            return
        bucket, limit = self._budget(request, holder)
        cost = self.settings.export_cost if scope["path"] in EXPORT_PATHS else 1
        decision = self.counter.hit(bucket, limit, cost)
        if not decision.allowed:
            await _too_many(request, decision)(scope, receive, send)
        else:
            scope.setdefault("state", {})["read_charge"] = _Charge(self.counter, bucket)
            await self.app(scope, receive, _with_headers(send, decision))
        await self._settle()

    @property
    def _anonymous(self) -> int:
        return self.settings.read_limit_anonymous

    def _budget(self, request: Request, holder: KeyHolder | None) -> tuple[str, int]:
        if holder is None:
            return f"addr:{client_bucket(request)}", self._anonymous
        if holder.kind == "reader":
            return f"reader:{holder.key_id}", self.settings.read_limit_reader
        return f"institution:{holder.key_id}", self.settings.read_limit_institution

    async def _holder(self, presented: str) -> KeyHolder | None:
        known, holder = self.keys.cached(presented)
        if known:
            return holder
        return await anyio.to_thread.run_sync(self.keys.lookup, presented)

    async def _settle(self) -> None:
        if self.counter.due():
            await anyio.to_thread.run_sync(self.counter.settle)


class _Charge:
    """Spends reads after the answer began (an export's rows, as they are sent)."""

    def __init__(self, counter: SharedCounter, bucket: str) -> None:
        self.counter, self.bucket = counter, bucket

    def __call__(self, reads: int) -> None:
        self.counter.charge(self.bucket, reads)


def charged_rows(request: Request, rows: Iterator[T]) -> Iterator[T]:
    """``rows``, spending one more read of the caller's budget per ``ROWS_PER_READ``
    sent: a large export costs what as many searches would, without being cut off."""
    charge = getattr(request.state, "read_charge", None)
    for sent, item in enumerate(rows, start=1):
        if charge is not None and sent % ROWS_PER_READ == 0:
            charge(1)
        yield item


def headers(decision: Decision) -> dict[str, str]:
    return {
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
        "RateLimit-Reset": str(decision.reset),
        "RateLimit-Policy": f"{decision.limit};w={WINDOW_S}",
    }


def _with_headers(send: Send, decision: Decision) -> Send:
    # ``headers(decision)``, written at once as the raw pairs it makes
    extra = [
        (b"ratelimit-limit", str(decision.limit).encode()),
        (b"ratelimit-remaining", str(decision.remaining).encode()),
        (b"ratelimit-reset", str(decision.reset).encode()),
        (b"ratelimit-policy", f"{decision.limit};w={WINDOW_S}".encode()),
    ]

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return sending


def _too_many(request: Request, decision: Decision) -> Any:
    wait = decision.reset
    fields = headers(decision) | {"Retry-After": str(wait)}
    if wants_html(request):
        text = (
            f"Ha hecho muchas consultas seguidas. Espere {_seconds(wait)} y vuelva a "
            "intentarlo. Con una clave de lector (gratuita) el límite es mayor: vea la ayuda, "
            "«Límites de consulta»."
        )
        page = render(
            request,
            "error.html",
            {"title": "Demasiadas consultas", "text": text, "status": 429},
            429,
        )
        page.headers.update(fields)
        return page
    return JSONResponse(
        {
            "detail": f"too many requests: {decision.limit} a minute; try again in {wait} s",
            "mensaje": f"demasiadas consultas ({decision.limit} por minuto): "
            f"espere {_seconds(wait)} y vuelva a intentarlo",
        },
        status_code=429,
        headers=fields,
    )


def _unknown(request: Request) -> Any:
    if wants_html(request):
        text = "La clave que envió no existe o fue revocada. Consulte sin clave o pida otra."
        return render(
            request, "error.html", {"title": "Clave no válida", "text": text, "status": 401}, 401
        )
    return JSONResponse(
        {
            "detail": "the API key is not valid or has been revoked",
            "mensaje": "la clave no es válida o fue revocada",
        },
        status_code=401,
        headers={"WWW-Authenticate": "Bearer"},
    )


def _seconds(wait: int) -> str:
    return "1 segundo" if wait == 1 else f"{math.ceil(wait)} segundos"
