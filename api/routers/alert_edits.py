"""Changing an alert's search or frequency: ``PATCH /v1/alerts/{id}`` for its key or
management token, and the page its e-mails link to («Cambiar esta alerta»).

A changed search is checked exactly as a new alert's (``checked_search``: the parser, the
alerts' bounds, compiled as the matcher compiles it). It needs no confirmation again when
the person who changes it reads the mailbox: the page's link is the signed token that
only that mailbox receives (the unsubscribe link's). A confirmed e-mail alert is not
changed through the API: a key or a management token is held by whoever made the alert,
who may not be the address's owner, and that owner confirmed one search, not whatever
search its maker later chose; they change it with the link of their e-mails. A pending
one may be changed (its confirmation page shows the search as it is when confirmed), and
a webhook's key owns its receiver. Where matches are sent is never changed: a new
address or webhook is a new alert, confirmed or checked as one. A suspended alert given
a search the parser admits is active again from now on.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Header, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from api.alert_schemas import AlertEdit, AlertView
from api.deps import LibraryDep, invalid
from api.routers.alert_links import UNSUBSCRIBE_INVALID, _invalid
from api.routers.alerts import (
    ACCESS_ERRORS,
    BookDep,
    OptionalCaller,
    Problem,
    Refusal,
    _in_body,
    _mine,
    _view,
    checked_search,
)
from api.routers.pages.common import render
from indexer.alerts import AlertBook, saved_query
from indexer.alerts.book import RATES, UNSUBSCRIBED, CapReached, ServiceFull
from indexer.alerts.mails import RATE_WORDS, describe
from indexer.db.alert_tables import AlertRow
from indexer.query import FILTER_PARAMS
from indexer.spanish import FILTER_WORDS

router = APIRouter(prefix="/v1", tags=["alerts"])
PARAM_OF = {stored: param for param, stored in FILTER_PARAMS.items()}
FORM_BYTES = 64 * 1024  # a form of one search and a few filters comes nowhere near


def apply_edit(
    book: AlertBook,
    row: AlertRow,
    query: dict[str, Any] | None,
    rate: str | None,
    library: Any,
    settings: Any,
) -> AlertRow:
    """Check and save a change (``Refusal`` or a 422 when it cannot be made)."""
    if row.status == UNSUBSCRIBED:
        raise Refusal(
            409,
            "this alert was unsubscribed: it cannot be changed",
            "esta alerta se dio de baja y ya no se puede cambiar: cree una nueva",
        )
    if query is None and rate is None:
        raise _in_body(
            invalid(
                "query",
                "give query or rate to change",
                "missing",
                mensaje="indique la búsqueda (query) o la frecuencia (rate) que quiere cambiar",
            )
        )
    if rate is not None and rate not in RATES:
        raise _in_body(
            invalid(
                "rate",
                "rate must be inmediata, diaria or semanal",
                "rate",
                mensaje="la frecuencia debe ser inmediata, diaria o semanal",
            )
        )
    if rate is not None and row.channel == "webhook" and rate != "inmediata":
        raise _in_body(
            invalid(
                "rate",
                "a webhook receives each match as it happens: rate must be inmediata",
                "rate",
                mensaje="un webhook recibe cada coincidencia en el momento: use rate=inmediata",
            )
        )
    saved = None
    if query is not None:
        search, _ = checked_search(query, library, settings)
        saved = saved_query(search)
    try:
        changed = book.edit(row.id, saved, rate, settings.alerts_total, settings.alerts_per_owner)
    except (CapReached, ServiceFull) as exc:
        raise Refusal(
            409,
            f"no room to make this suspended alert active again: {exc}",
            "la búsqueda nueva se admite, pero la alerta no puede volver a activarse: ya "
            "tiene (o el servicio tiene) el máximo de alertas activas; borre alguna antes",
        ) from exc
    if changed is None:
        raise Refusal(409, "this alert was unsubscribed", "esta alerta se dio de baja")
    return changed


@router.patch(
    "/alerts/{alert_id}",
    response_model=AlertView,
    responses={
        **ACCESS_ERRORS,
        409: {
            "model": Problem,
            "description": "A confirmed e-mail alert is changed with its e-mails' link; an "
            "unsubscribed one not at all; a suspended one without room to come back",
        },
        422: {"description": "Invalid query or rate (as when creating an alert)"},
    },
    summary="Change an alert's search (query) or frequency (rate)",
)
def edit_alert(
    alert_id: str,
    body: AlertEdit,
    request: Request,
    library: LibraryDep,
    book: BookDep,
    caller: OptionalCaller,
    x_alert_token: Annotated[str | None, Header()] = None,
) -> Any:
    """The new search replaces the whole saved one and is checked as a new alert's; no
    new confirmation (see the module's words on who may change what)."""
    found = _mine(alert_id, book, caller, x_alert_token)
    if isinstance(found, Response):
        return found
    try:
        if found.channel == "email" and found.status not in ("pendiente", UNSUBSCRIBED):
            raise Refusal(
                409,
                "a confirmed e-mail alert is changed only through the link of its e-mails",
                "esta alerta ya la confirmó su dirección de correo: solo se cambia con el "
                "enlace «Cambiar esta alerta» de sus correos (quien la recibe decide qué "
                "recibe); puede borrarla y crear otra",
            )
        row = apply_edit(book, found, body.query, body.rate, library, request.app.state.settings)
    except Refusal as refusal:
        return refusal.response()
    return _view(book, row)


# -- the page of the e-mails' link --------------------------------------------------------


def _form(
    request: Request,
    row: AlertRow,
    token: str,
    status: int = 200,
    error: str | None = None,
    given: dict[str, list[str]] | None = None,
) -> HTMLResponse:
    """The alert's search and frequency in a form (what was typed, after an error)."""
    query = row.query or {}
    if given is not None:
        q = " ".join(given.get("q", []))
        filters = [
            (p, FILTER_WORDS.get(FILTER_PARAMS[p], p), v)
            for p in given
            if p in FILTER_PARAMS
            for v in given[p]
        ]
        dates = (given.get("date_from", [""])[-1], given.get("date_to", [""])[-1])
        rate = (given.get("rate") or [row.rate])[-1]
    else:
        q = query.get("q") or ""
        filters = [
            (PARAM_OF.get(name, name), FILTER_WORDS.get(name, name), value)
            for name, values in (query.get("filters") or {}).items()
            for value in values
        ]
        dates = (query.get("date_from") or "", query.get("date_to") or "")
        rate = row.rate
    rates = list(RATE_WORDS.items()) if row.channel == "email" else []
    context = {
        "titulo": "Cambiar la alerta",
        "mensaje": f"Su alerta busca ahora {describe(query)} y envía a {row.target} "
        f"sus documentos nuevos {RATE_WORDS.get(row.rate, '')}.",
        "error": error,
        "accion": f"/v1/alerts/editar/{token}",
        "q": q,
        "filtros": filters,
        "date_from": dates[0],
        "date_to": dates[1],
        "frecuencias": rates,
        "rate": rate,
    }
    response: HTMLResponse = render(request, "alerta_editar.html", context, status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _ended(request: Request, row: AlertRow) -> HTMLResponse:
    context = {
        "titulo": "Ya no recibe esta alerta",
        "mensaje": f"La alerta de la búsqueda {describe(row.query)} se dio de baja y ya no "
        "se puede cambiar: si quiere recibirla de nuevo, pídala otra vez.",
        "boton": None,
        "accion": "",
    }
    response: HTMLResponse = render(request, "alerta.html", context, 410)
    response.headers["Cache-Control"] = "no-store"
    return response


EDIT_PAGE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "The form, or the change saved"},
    404: {"content": {"text/html": {}}, "description": "The link is not valid"},
    409: {"content": {"text/html": {}}, "description": "No room to make it active again"},
    410: {"content": {"text/html": {}}, "description": "The alert was unsubscribed"},
    422: {"content": {"text/html": {}}, "description": "The new search is not valid"},
}
_TEXT: dict[str, Any] = {"type": "string"}
# the page's form, documented (the route reads it itself, bounded): clients and the
# schema's fuzzing know its fields; a filter may be repeated, as the form repeats it
EDIT_FORM: dict[str, Any] = {
    "requestBody": {
        "required": False,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "q": _TEXT,
                        "rate": {"type": "string", "enum": sorted(RATES)},
                        "date_from": _TEXT,
                        "date_to": _TEXT,
                    }
                    | {param: _TEXT for param in sorted(FILTER_PARAMS)},
                }
            }
        },
    }
}


@router.get(
    "/alerts/editar/{token}",
    response_class=HTMLResponse,
    responses=EDIT_PAGE,
    summary="The «Cambiar esta alerta» link of every alert e-mail: a form, nothing changed",
)
def edit_page(token: str, request: Request, book: BookDep) -> HTMLResponse:
    row = book.by_unsubscribe_token(token[:100])
    if row is None:
        return _invalid(request, UNSUBSCRIBE_INVALID.replace("darse de baja", "cambiarla"))
    if row.status == UNSUBSCRIBED:
        return _ended(request, row)
    return _form(request, row, token[:100])


@router.post(
    "/alerts/editar/{token}",
    response_class=HTMLResponse,
    responses=EDIT_PAGE,
    summary="Save the form of the «Cambiar esta alerta» page",
    openapi_extra=EDIT_FORM,
)
async def edit_from_page(
    token: str, request: Request, library: LibraryDep, book: BookDep
) -> HTMLResponse:
    """The form's body is read here (bounded: ``BoundedBodies``, then ``FORM_BYTES``);
    the database's work runs in the thread pool, as every other route's does."""
    raw = (await request.body())[:FORM_BYTES].decode("utf-8", errors="replace")
    return await run_in_threadpool(_save_form, token, raw, request, library, book)


def _save_form(
    token: str, raw: str, request: Request, library: Any, book: AlertBook
) -> HTMLResponse:
    row = book.by_unsubscribe_token(token[:100])
    if row is None:
        return _invalid(request, UNSUBSCRIBE_INVALID.replace("darse de baja", "cambiarla"))
    if row.status == UNSUBSCRIBED:
        return _ended(request, row)
    given = parse_qs(raw, keep_blank_values=True)
    query: dict[str, Any] = {
        name: [v for v in values if v.strip()]
        for name, values in given.items()
        if name in FILTER_PARAMS or name in ("date_from", "date_to")
    }
    query = {name: values for name, values in query.items() if values}
    query["q"] = " ".join(given.get("q", []))
    rate = (given.get("rate") or [row.rate])[-1]
    settings = request.app.state.settings
    try:
        changed = apply_edit(book, row, query, rate, library, settings)
    except Refusal as refusal:
        return _form(request, row, token[:100], refusal.status, refusal.mensaje, given)
    except RequestValidationError as exc:
        said = [e.get("mensaje") or e.get("msg") for e in exc.errors()]
        message = "; ".join(str(s) for s in said if s) or "la búsqueda no es válida"
        return _form(request, row, token[:100], 422, message, given)
    context = {
        "titulo": "Alerta cambiada",
        "mensaje": _saved(changed),
        "boton": None,
        "accion": "",
    }
    response: HTMLResponse = render(request, "alerta.html", context)
    response.headers["Cache-Control"] = "no-store"
    return response


def _saved(row: AlertRow) -> str:
    search = describe(row.query)
    when = RATE_WORDS.get(row.rate, "")
    if row.status == "activa":
        return (
            f"Desde ahora recibirá en {row.target} los documentos nuevos de la búsqueda "
            f"{search}, {when}."
        )
    if row.status == "pendiente":
        return (
            f"Guardamos la búsqueda {search}: confirme la alerta con el enlace del correo "
            "de confirmación."
        )
    return (
        f"Guardamos la búsqueda {search}; la alerta sigue {row.status}: {row.reason or ''}".strip()
    )
