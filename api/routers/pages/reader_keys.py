"""``/lectores/confirmar``: the link of a reader-key e-mail. Opening it (GET) only shows a
button; pressing it (POST) issues the key and shows it, once."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import LibraryDep
from api.routers.pages.common import render
from indexer.db.reader_keys import ReaderKeys

router = APIRouter(include_in_schema=False)
FORM_LIMIT = 1024
TOKEN_LIMIT = 200


def _gone(request: Request) -> Any:
    return _render(request, {"state": "invalid"}, 404)


def _render(request: Request, context: dict[str, Any], status: int = 200) -> Any:
    response = render(request, "reader_key.html", context, status)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.get("/lectores/confirmar", response_class=HTMLResponse)
def confirm_page(request: Request, library: LibraryDep, t: str = "") -> Any:
    token = t[:TOKEN_LIMIT]
    if not token or ReaderKeys(library.db).pending(token) is None:
        return _gone(request)
    return _render(request, {"state": "ask", "token": token})


@router.post("/lectores/confirmar", response_class=HTMLResponse)
async def confirm(request: Request, library: LibraryDep) -> Any:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > FORM_LIMIT:
            return _gone(request)
    values = parse_qs(body.decode("utf-8", "replace"), max_num_fields=5)
    token = (values.get("t") or [""])[0][:TOKEN_LIMIT]
    issued = ReaderKeys(library.db).confirm(token) if token else None
    if issued is None:
        return _gone(request)
    key_id, key = issued
    return _render(request, {"state": "issued", "key": key, "key_id": key_id})
