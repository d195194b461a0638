"""Errors in Spanish for people: a browser asking for a page gets an HTML 404/422/503 page;
the JSON API (``/v1``) and every client that does not ask for HTML keep their JSON."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.routers.pages.common import render
from indexer.stores.base import StoreUnavailable

MESSAGES = {
    400: ("Solicitud no válida", "La dirección tiene un dato que no entendimos."),
    401: ("Se necesita una clave", "Esta página es solo para instituciones con clave."),
    404: (
        "No encontramos esa página",
        "Puede que el documento ya no exista o que la dirección esté incompleta.",
    ),
    405: ("Acción no permitida", "Esta dirección no acepta esa acción."),
    422: (
        "Datos no válidos",
        "Algún dato de la dirección no tiene el formato esperado: revise fechas y números.",
    ),
    429: ("Demasiadas solicitudes", "Espere un momento y vuelva a intentarlo."),
    503: (
        "El buscador no responde",
        "El servicio está ocupado o en mantenimiento. Intente de nuevo en un minuto.",
    ),
}


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/v1", "/openapi", "/docs-assets", "/static")):
        return False
    return "text/html" in request.headers.get("accept", "")


def _page(request: Request, status: int, headers: dict[str, str] | None = None) -> Any:
    title, text = MESSAGES.get(status, ("Algo salió mal", "Intente de nuevo más tarde."))
    response = render(
        request, "error.html", {"title": title, "text": text, "status": status}, status
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


async def _http_error(request: Request, exc: Exception) -> Any:
    assert isinstance(exc, StarletteHTTPException)
    if wants_html(request):
        return _page(request, exc.status_code, dict(exc.headers or {}))
    return await http_exception_handler(request, exc)


async def _invalid(request: Request, exc: Exception) -> Any:
    assert isinstance(exc, RequestValidationError)
    if wants_html(request):
        return _page(request, 422)
    return await request_validation_exception_handler(request, exc)


async def _store_unavailable(request: Request, _exc: Exception) -> Any:
    """The search engine is down or overloaded: a 503 the client may retry, not a 500."""
    if wants_html(request):
        return _page(request, 503, {"Retry-After": "30"})
    return JSONResponse(
        {"detail": "the search index does not answer; try again shortly"},
        status_code=503,
        headers={"Retry-After": "30"},
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StoreUnavailable, _store_unavailable)
