"""The pages the alerts' e-mails link to: confirming a subscription (double opt-in) and
unsubscribing, by its button or in one click from a mail program (RFC 8058). Opening a
link changes nothing (mail scanners open links); the POST does."""

from __future__ import annotations

import math
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.routers.alerts import BookDep, by_address
from api.routers.pages.common import render
from indexer.alerts import AlertBook
from indexer.alerts.book import (
    BACKLOG,
    CONFIRM_DAYS,
    CapReached,
    ServiceFull,
    link_expired,
    request_gone,
)
from indexer.alerts.mails import confirmation, describe
from indexer.alerts.matching import refusal
from indexer.db.alert_tables import AlertRow
from indexer.db.database import utcnow
from indexer.db.registry import as_utc
from indexer.mail import Mailer, MailError
from indexer.spanish import date_words

MEXICO_CITY = ZoneInfo("America/Mexico_City")  # the dates its pages say
router = APIRouter(prefix="/v1", tags=["alerts"])
# the e-mailed links' one-time tokens are path segments
TOKEN_PATHS = ("/v1/alerts/confirm", "/v1/alerts/unsubscribe", "/v1/alerts/editar")
HTML = {"text/html": {}}

PAGE_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"content": HTML, "description": "A page in Spanish"},
    404: {"content": HTML, "description": "The link is not valid"},
    409: {
        "content": HTML,
        "description": "The address already has as many alerts as allowed, or the alert's "
        "search is no longer admitted",
    },
    410: {
        "content": HTML,
        "description": "The confirmation link expired, or its unconfirmed alert was removed",
    },
}
RENEW_ANSWERS: dict[int | str, dict[str, Any]] = {
    **PAGE_ANSWERS,
    429: {"content": HTML, "description": "The address had its confirmations this hour"},
    503: {"content": HTML, "description": "E-mail cannot be sent now"},
}


def _page(
    request: Request,
    title: str,
    message: str,
    status: int = 200,
    button: str | None = None,
    action: str | None = None,
    link: tuple[str, str] | None = None,
) -> HTMLResponse:
    """``link``: (its address, its words), a plain link after the message."""
    context = {
        "titulo": title,
        "mensaje": message,
        "boton": button,
        "accion": action or request.url.path,
        "enlace": link,
    }
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
    row, gone = _looked_up(request, book, token[:100])
    if gone is not None:
        return gone
    if row is None:
        return _invalid(request, CONFIRM_INVALID)
    if link_expired(row):
        return _expired(request, row, token[:100])
    if row.status != "pendiente":
        titles = {"desactivada": "Alerta desactivada", "suspendida": "Alerta suspendida"}
        title = titles.get(row.status, "Alerta ya confirmada")
        return _page(request, title, _state(row))
    refused = _refused(request, row, book)
    if refused is not None:
        return refused
    message = f"Recibirá en {row.target} los documentos nuevos de la búsqueda"
    return _asking(request, row, "Confirmar la alerta", message, "Confirmar la alerta")


def _refused(request: Request, row: AlertRow, book: AlertBook) -> HTMLResponse | None:
    """The page of a pending alert whose search this parser no longer admits (asked for
    under an older one): confirmed, it would be suspended at once; None when admitted.
    It links to the alert's own edit page (the link its mailbox alone receives, as every
    e-mail's «Cambiar esta alerta»): corrected there, this link confirms it."""
    exc = refusal(row.query)
    if exc is None:
        return None
    said = str(getattr(exc, "mensaje", None) or "la búsqueda no es válida").strip().rstrip(".")
    try:
        edit = (f"/v1/alerts/editar/{book.unsubscribe_token(row)}", "Corregir la búsqueda")
    except ValueError:  # no links key: no link can be signed
        edit = None
    fix = (
        "corrija la búsqueda con el enlace de abajo y vuelva a abrir este enlace para "
        "confirmarla, o pida una alerta nueva"
        if edit is not None
        else "pida una alerta nueva"
    )
    message = (
        f"El servicio ya no admite la búsqueda {describe(row.query)} de esta alerta. Motivo: "
        f"{said}. No se puede confirmar así: {fix} con la búsqueda corregida (puede "
        "probarla antes en el buscador)."
    )
    return _page(request, "Búsqueda no admitida", message, 409, link=edit)


@router.post(
    "/alerts/confirm/{token}",
    response_class=HTMLResponse,
    responses=PAGE_ANSWERS,
    summary="Confirm an e-mail alert (the button of the confirmation page)",
)
def confirm(token: str, request: Request, book: BookDep) -> HTMLResponse:
    cap = request.app.state.settings.alerts_per_owner
    waiting, gone = _looked_up(request, book, token[:100])
    if gone is not None:
        return gone
    if waiting is not None and link_expired(waiting):
        return _expired(request, waiting, token[:100])
    message = (
        f"Ya recibe en esta dirección {cap} alertas, las que se admiten por dirección: "
        "dé de baja alguna (con el enlace de sus correos) y vuelva a pulsar este botón."
    )
    if waiting is not None and waiting.status == "pendiente":
        refused = _refused(request, waiting, book)
        if refused is not None:
            return refused
    if _full(book, waiting, cap):
        return _page(request, "Demasiadas alertas", message, 409)
    by_owner = cap if waiting is not None and by_address(waiting.owner) else None
    try:
        row = book.confirm(token[:100], request.app.state.settings.alerts_total, by_owner)
    except CapReached:  # another link of the address's, confirmed meanwhile
        return _page(request, "Demasiadas alertas", message, 409)
    except ServiceFull as exc:
        message = (
            f"El servicio ya guarda el máximo de alertas activas que admite ({exc.cap} entre "
            "todos sus usuarios) y no puede activar la suya por ahora: vuelva a pulsar este "
            "botón más adelante (el enlace vale hasta su vencimiento) o escriba al operador."
        )
        return _page(request, "Servicio lleno", message, 409)
    if row is None:
        return _invalid(request, CONFIRM_INVALID)
    return _page(request, "Alerta confirmada", f"{_state(row)}{_backlog(row)}")


def _backlog(row: AlertRow) -> str:
    """What the alert sends for the time it waited (``confirmed_backlog``), said."""
    if row.notice_owed != BACKLOG:
        return ""
    asked = as_utc(row.created_at).astimezone(MEXICO_CITY).date()
    return (
        " También le enviaremos en unos minutos los documentos de esta búsqueda que se "
        f"publicaron desde que la pidió, el {date_words(asked)}."
    )


def _looked_up(
    request: Request, book: AlertBook, token: str
) -> tuple[AlertRow | None, HTMLResponse | None]:
    """The alert of a confirmation link, or the page of a request that expired: its alert
    was removed unconfirmed after ``alert_pending_days`` (or is due to be at the delivery
    job's next pass). A 410, not a 404: the link was real and is gone for good, and
    asking again is what to do, not checking the link."""
    days = request.app.state.settings.alert_pending_days
    row = book.by_confirm_token(token)
    if row is None and not book.expired_request(token, days):
        return None, None
    if row is not None and not request_gone(row, days):
        return row, None
    again = (
        "Si todavía quiere recibirla, pida la alerta otra vez como la pidió la primera vez: "
        "le llegará un correo con un enlace nuevo para confirmarla."
    )
    if row is not None:
        message = (
            f"Esta solicitud de alerta venció: no se confirmó en los {days} días siguientes "
            f"a su último enlace, así que la borramos y esa dirección no recibirá avisos. {again}"
        )
    else:
        # the link names no alert: one removed unconfirmed, or one whose link was renewed
        # (this one replaced) and that may be confirmed and active through the new one
        message = (
            f"Esta solicitud de alerta venció: este enlace se envió hace más de {days} días. "
            "Si la alerta no se confirmó en ese plazo, la borramos y esa dirección no "
            f"recibirá avisos. {again} Si la confirmó con un enlace más reciente, sigue "
            "activa y no tiene que hacer nada."
        )
    return None, _page(request, "Solicitud vencida", message, 410)


def _expired(request: Request, row: AlertRow, token: str) -> HTMLResponse:
    """A link past its days: what happened, and a button that sends a new one."""
    message = (
        f"Este enlace de confirmación venció: cada enlace vale {CONFIRM_DAYS} días desde que "
        f"se envía, y la alerta de la búsqueda {describe(row.query)} no se confirmó a tiempo, "
        f"así que {row.target} no recibe avisos. Si todavía quiere recibirla, pida un enlace "
        "nuevo: le llegará a esa misma dirección."
    )
    return _page(
        request,
        "Enlace vencido",
        message,
        410,
        button="Enviarme un enlace nuevo",
        action=f"/v1/alerts/confirm/{token}/renovar",
    )


@router.post(
    "/alerts/confirm/{token}/renovar",
    response_class=HTMLResponse,
    responses=RENEW_ANSWERS,
    summary="Send a new confirmation link for an alert whose link expired",
)
def renew(token: str, request: Request, book: BookDep) -> HTMLResponse:
    """The expired page's button: a new link to the same address, within the address's
    hourly bound on confirmation e-mails."""
    settings = request.app.state.settings
    row, gone = _looked_up(request, book, token[:100])
    if gone is not None:
        return gone
    if row is None:
        return _invalid(request, CONFIRM_INVALID)
    if not link_expired(row):
        return confirm_page(token, request, book)
    mailer = Mailer(settings)
    if not mailer.configured:
        message = "Este servidor ya no envía correos: no podemos mandarle un enlace nuevo."
        return _page(request, "No se pudo enviar", message, 503)
    wait = book.take_confirmation(row.target, settings.alert_confirmations_per_hour)
    if wait > 0:
        minutes = math.ceil(wait / 60)
        message = (
            f"Ya enviamos a {row.target} todos los correos de confirmación de esta hora: "
            f"inténtelo en {minutes} min."
        )
        page = _page(request, "Demasiados correos", message, 429)
        page.headers["Retry-After"] = str(math.ceil(wait))
        return page
    fresh = book.new_confirm_token(utcnow())
    try:
        mailer.send(confirmation(row, mailer.sender, fresh, book.unsubscribe_token(row)))
    except MailError:
        message = "No pudimos enviar el correo ahora: inténtelo más tarde con este mismo botón."
        return _page(request, "No se pudo enviar", message, 503)
    if book.renew_confirmation(token[:100], fresh) is None:
        return _invalid(request, CONFIRM_INVALID)
    message = (
        f"Le enviamos a {row.target} un enlace nuevo para confirmar la alerta de la búsqueda "
        f"{describe(row.query)}; vale {CONFIRM_DAYS} días. Este enlace ya no sirve."
    )
    return _page(request, "Enlace nuevo enviado", message)


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
    if row.status == "desactivada":
        # its reason (the relay's or the webhook's own answer, in their words) is the
        # operator's and the institution's: a person reads what happened and what to do
        failures = row.failures or 0
        after = f" tras {failures} entregas fallidas seguidas" if failures > 1 else ""
        return (
            f"La alerta de la búsqueda {search} se desactivó{after}: ya no recibirá sus "
            "avisos. Para recibirlos de nuevo, pida la alerta otra vez."
        )
    if row.status == "suspendida":
        # the reason is the parser's own words about the search (``refused_reason``)
        return f"La alerta de la búsqueda {search} está suspendida: {row.reason or ''}.".strip()
    return f"La alerta de la búsqueda {search} está {row.status}: {row.reason or ''}".strip()
