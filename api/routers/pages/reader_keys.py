"""``/lectores/confirmar``: the link of a reader-key e-mail. Opening it (GET) only shows a
button; pressing it (POST) issues the key and shows it, once."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import LibraryDep
from api.routers.pages.common import render
from api.routers.pages.forms import small_form
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
    form = await small_form(request, FORM_LIMIT, ("t",))
    if form is None:
        return _gone(request)
    token = form["t"][:TOKEN_LIMIT]
    issued = ReaderKeys(library.db).confirm(token) if token else None
    if issued is None:
        return _gone(request)
    key_id, key = issued
    return _render(request, {"state": "issued", "key": key, "key_id": key_id})
