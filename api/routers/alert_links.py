"""The pages the alerts' e-mails link to: confirming a subscription (double opt-in) and
unsubscribing, by its button or in one click from a mail program (RFC 8058). Opening a
link changes nothing (mail scanners open links); the POST does."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.routers.alerts import BookDep, by_address
from api.routers.pages.common import render
from indexer.alerts import AlertBook
from indexer.alerts.mails import describe
from indexer.db.alert_tables import AlertRow

router = APIRouter(prefix="/v1", tags=["alerts"])
HTML = {"text/html": {}}

PAGE_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"content": HTML, "description": "A page in Spanish"},
    404: {"content": HTML, "description": "The link is not valid"},
    409: {"content": HTML, "description": "The address already has as many alerts as allowed"},
}


def _page(
    request: Request,
    title: str,
    message: str,
    status: int = 200,
    button: str | None = None,
) -> HTMLResponse:
    context = {"titulo": title, "mensaje": message, "boton": button, "accion": request.url.path}
    response: HTMLResponse = render(request, "alerta.html", context, status)
    response.headers["Cache-Control"] = "no-store"
    return response


CONFIRM_INVALID = "Este enlace de confirmación no existe."
UNSUBSCRIBE_INVALID = "Este enlace para darse de baja no existe."


def _invalid(request: Request, message: str) -> HTMLResponse:
    return _page(request, "Enlace no válido", message, 404)


def _asking(request: Request, row: AlertRow, title: str, message: str, button: str) -> HTMLResponse:
    """The page a link opens: what its button will do, nothing done yet."""
    return _page(request, title, f"{message} {describe(row.query)}.", button=button)


@router.get(
    "/alerts/confirm/{token}",
    response_class=HTMLResponse,
    responses=PAGE_ANSWERS,
    summary="The confirmation link of an e-mail alert: a page with the button that confirms",
)
def confirm_page(token: str, request: Request, book: BookDep) -> HTMLResponse:
    """Opening the link changes nothing (mail scanners open links): the button does."""
    row = book.by_confirm_token(token[:100])
    if row is None:
        return _invalid(request, CONFIRM_INVALID)
    if row.status != "pendiente":
        return _page(request, "Alerta ya confirmada", _state(row))
    message = f"Recibirá en {row.target} los documentos nuevos de la búsqueda"
    return _asking(request, row, "Confirmar la alerta", message, "Confirmar la alerta")


@router.post(
    "/alerts/confirm/{token}",
    response_class=HTMLResponse,
    responses=PAGE_ANSWERS,
    summary="Confirm an e-mail alert (the button of the confirmation page)",
)
def confirm(token: str, request: Request, book: BookDep) -> HTMLResponse:
    cap = request.app.state.settings.alerts_per_owner
    if _full(book, book.by_confirm_token(token[:100]), cap):
        message = (
            f"Ya recibe en esta dirección {cap} alertas, las que se admiten por dirección: "
            "dé de baja alguna (con el enlace de sus correos) y vuelva a pulsar este botón."
        )
        return _page(request, "Demasiadas alertas", message, 409)
    row = book.confirm(token[:100])
    if row is None:
        return _invalid(request, CONFIRM_INVALID)
    return _page(request, "Alerta confirmada", _state(row))


def _full(book: AlertBook, waiting: AlertRow | None, cap: int) -> bool:
    """Whether confirming this alert would take its address past the cap (an address's
    pending alerts count only once confirmed: see ``by_address``)."""
    if waiting is None or waiting.status != "pendiente" or not by_address(waiting.owner):
        return False
    return book.count_for(waiting.owner, confirmed_only=True) >= cap


@router.get(
    "/alerts/unsubscribe/{token}",
    response_class=HTMLResponse,
    responses=PAGE_ANSWERS,
    summary="The unsubscribe link of every alert e-mail: a page with the button",
)
def unsubscribe_page(token: str, request: Request, book: BookDep) -> HTMLResponse:
    row = book.by_unsubscribe_token(token[:100])
    if row is None:
        return _invalid(request, UNSUBSCRIBE_INVALID)
    if row.status == "baja":
        return _page(request, "Ya no recibe esta alerta", _state(row))
    message = f"Dejará de recibir en {row.target} los avisos de la búsqueda"
    return _asking(request, row, "Dejar de recibir esta alerta", message, "Darme de baja")


@router.post(
    "/alerts/unsubscribe/{token}",
    response_class=HTMLResponse,
    responses=PAGE_ANSWERS,
    summary="Unsubscribe: the page's button, and RFC 8058 one-click (List-Unsubscribe-Post)",
)
def unsubscribe(token: str, request: Request, book: BookDep) -> HTMLResponse:
    row = book.unsubscribe(token[:100])
    if row is None:
        return _invalid(request, UNSUBSCRIBE_INVALID)
    return _page(request, "Se dio de baja", _state(row))


def _state(row: AlertRow) -> str:
    search = describe(row.query)
    if row.status == "activa":
        return f"La alerta de la búsqueda {search} está activa: recibirá sus documentos nuevos."
    if row.status == "baja":
        return f"Ya no recibirá en {row.target} los avisos de la búsqueda {search}."
    return f"La alerta de la búsqueda {search} está {row.status}: {row.reason or ''}".strip()
