"""Errors in Spanish for people: a browser asking for a page gets an HTML 404/422/503 page;
the JSON API (``/v1``) and every client that does not ask for HTML keep their JSON."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import mensajes
from api.routers.documents import DocumentMoved, moved_answer
from api.routers.pages.common import render
from indexer.disk_full import disk_full
from indexer.stores.base import StoreUnavailable

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Solicitud no válida", "La dirección tiene un dato que no entendimos."),
    401: ("Se necesita una clave", "Esta página es solo para instituciones con clave."),
    403: (
        "Envío desde otro sitio",
        "Este formulario solo se acepta enviado desde las páginas de Estado Abierto: "
        "abra /fuentes y escriba ahí su clave.",
    ),
    404: (
        "No encontramos esa página",
        "Puede que el documento ya no exista o que la dirección esté incompleta.",
    ),
    405: ("Acción no permitida", "Esta dirección no acepta esa acción."),
    406: ("Formato no disponible", "Esta dirección no responde en el formato que se pidió."),
    408: (
        "Envío incompleto",
        "Lo que envió no llegó completo en los segundos que se esperan. Inténtelo de nuevo.",
    ),
    409: ("Ya existe", "Ese identificador ya está en uso: elija otro."),
    410: (
        "Documento retirado",
        "Este documento se retiró de la biblioteca: una versión anterior lo guardó aparte "
        "y ya no se publica. Búsquelo de nuevo por su título.",
    ),
    413: ("Envío demasiado grande", "Lo que envió es demasiado grande para esta dirección."),
    415: ("Formato no aceptado", "Esta dirección no acepta lo que envió en ese formato."),
    422: (
        "Datos no válidos",
        "Algún dato de la dirección no tiene el formato esperado: revise fechas y números.",
    ),
    429: ("Demasiadas solicitudes", "Espere un momento y vuelva a intentarlo."),
    451: (
        "Documento no publicado",
        "Este documento contiene datos personales y no se publica mientras no se revise, "
        "como lo pide la política de privacidad de su fuente. Volver a intentarlo no lo "
        "mostrará.",
    ),
    500: (
        "Algo salió mal",
        "Ocurrió un error interno del servicio, no en lo que usted pidió. Intente de nuevo "
        "más tarde.",
    ),
    502: (
        "Algo salió mal",
        "Un servicio del que dependemos respondió mal. Intente de nuevo en un minuto.",
    ),
    503: (
        "El buscador no responde",
        "El servicio está ocupado o en mantenimiento. Intente de nuevo en un minuto.",
    ),
    504: (
        "La respuesta tardó demasiado",
        "Lo que pidió tardó demasiado y se detuvo. Intente de nuevo o acote la búsqueda.",
    ),
    507: (
        "Sin espacio para guardar",
        "El servidor se quedó sin espacio y no guardó nada. Intente más tarde.",
    ),
}


# A 404 said by what was asked: a missing person's page spoke of a document
NOT_FOUND: tuple[tuple[tuple[str, ...], tuple[str, str]], ...] = (
    (("/d/", "/documentos/"), MESSAGES[404]),
    (
        ("/personas/",),
        (
            "No encontramos a esa persona",
            "Puede que ya no esté publicada o que la dirección esté incompleta. Búsquela "
            "en Personas.",
        ),
    ),
    (
        ("/sesiones/",),
        (
            "No encontramos ese congreso",
            "Puede que la dirección esté incompleta o mal escrita. Elija el congreso en Sesiones.",
        ),
    ),
    (
        ("/static/", "/docs-assets/"),
        (
            "No encontramos ese archivo",
            "Puede que la dirección esté incompleta o que el archivo haya cambiado.",
        ),
    ),
)
PAGE_NOT_FOUND = (
    "No encontramos esa página",
    "Puede que la dirección esté incompleta o mal escrita.",
)


def wants_html(request: Request) -> bool:
    """A browser asking for a page (or for a stylesheet's address typed in it): programs,
    and the browser fetching a stylesheet or a script, keep JSON."""
    if request.url.path.startswith(("/v1", "/openapi")):
        return False
    return "text/html" in request.headers.get("accept", "")


def refusal_page(request: Request, status: int, headers: dict[str, str] | None = None) -> Any:
    """The Spanish page of a refusal, for a browser."""
    title, text = MESSAGES.get(status, ("Algo salió mal", "Intente de nuevo más tarde."))
    if status == 404:
        path = request.url.path
        title, text = next(
            (said for starts, said in NOT_FOUND if path.startswith(starts)), PAGE_NOT_FOUND
        )
    response = render(
        request, "error.html", {"title": title, "text": text, "status": status}, status
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


async def _http_error(request: Request, exc: Exception) -> Any:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if wants_html(request):
        return refusal_page(request, exc.status_code, headers)
    if exc.status_code in (204, 304) or exc.status_code < 200:
        return Response(status_code=exc.status_code, headers=headers)
    body: dict[str, Any] = {"detail": exc.detail}
    if isinstance(exc.detail, str):
        body["mensaje"] = getattr(exc, "mensaje", None) or mensajes.for_status(exc.status_code)
    return JSONResponse(body, status_code=exc.status_code, headers=headers)


def _echo(value: Any) -> Any:
    """What of a refused value a 422 repeats: a short scalar, never a whole object or list
    (a missing field's ``input`` is the entire body, with any secret it carries, and a
    large body echoed back costs as much again to send)."""
    if isinstance(value, bytes):  # a body read as bytes: they may be no UTF-8 at all
        value = value[:200].decode("utf-8", "replace")
    if isinstance(value, str):
        return value[:200]
    if isinstance(value, bool | float) or (isinstance(value, int) and abs(value) < 10**18):
        return value
    return None


async def _invalid(request: Request, exc: Exception) -> Any:
    """A 422 in FastAPI's shape, each item with its Spanish ``mensaje``."""
    assert isinstance(exc, RequestValidationError)
    if wants_html(request):
        return refusal_page(request, 422)
    items = []
    for error in exc.errors():
        item = dict(error)
        item.setdefault("mensaje", mensajes.for_item(item))
        echoed = _echo(item.pop("input", None))
        if echoed is not None:
            item["input"] = echoed
        items.append(item)
    return JSONResponse(jsonable_encoder({"detail": items}), status_code=422)


async def _store_unavailable(request: Request, _exc: Exception) -> Any:
    """The search engine is down or overloaded: a 503 the client may retry, not a 500."""
    if wants_html(request):
        return refusal_page(request, 503, {"Retry-After": "30"})
    return JSONResponse(
        {
            "detail": "the search index does not answer; try again shortly",
            "mensaje": "el índice de búsqueda no responde; vuelva a intentarlo en unos momentos",
        },
        status_code=503,
        headers={"Retry-After": "30"},
    )


async def _server_error(request: Request, _exc: Exception) -> Any:
    """A failure no route foresaw: still a 500 (the server logs its traceback), told in
    Spanish as every other answer is, instead of Starlette's English plain text."""
    if wants_html(request):
        try:
            return refusal_page(request, 500)
        except Exception:  # the page itself failed: the JSON below still answers
            pass
    return JSONResponse(
        {"detail": "internal server error", "mensaje": mensajes.for_status(500)},
        status_code=500,
    )


async def _disk_full(request: Request, exc: Exception) -> Any:
    """A write the disk had no room for: a 507 saying so (the failed transaction wrote
    nothing), not a 500 that reads as a bug. Any other database or OS failure is raised on
    to the 500 above."""
    if not disk_full(exc):
        raise exc
    log.error("sin espacio en disco al atender %s %s: %s", request.method, request.url.path, exc)
    if wants_html(request):
        return refusal_page(request, 507)
    return JSONResponse(
        {
            "detail": "the server has no disk space left to save this; nothing was saved",
            "mensaje": mensajes.for_status(507),
        },
        status_code=507,
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(DocumentMoved, moved_answer)
    app.add_exception_handler(Exception, _server_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StoreUnavailable, _store_unavailable)
    app.add_exception_handler(SQLAlchemyError, _disk_full)
    app.add_exception_handler(OSError, _disk_full)
