"""``/v1/alerts``: a search people subscribe to, delivered to a webhook or by e-mail.

A webhook needs an API key (it makes the server call out); the address is checked by the
crawler's rules now and again at each delivery. An e-mail alert needs no key, but nothing
is sent until its owner follows the link of a confirmation e-mail (double opt-in), and
every e-mail carries a one-click unsubscribe link. Alerts belong to whoever made them:
the key's institution (no other tenant sees them) or, without a key, the holder of the
management token returned at creation.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.alert_schemas import AlertCreated, AlertList, AlertRequest, AlertView, DeliveryAttempt
from api.auth import (
    RegistryDep,
    client_bucket,
    invalid_key,
    presented_key,
    require_caller,
)
from api.deps import (
    BadSearch,
    LibraryDep,
    check_dates,
    invalid,
    query_error_kind,
    search_library,
)
from api.index_lag import uncounted
from api.public_address import MISSING, mail_base
from api.schemas import ErrorResponse, ValidationErrorResponse
from api.search_params import check_names, check_values
from api.spec_checks import slow_host_mensaje
from config.spanish_errors import shown
from config.web_urls import lower_scheme
from crawlers.addresses import BlockedAddress, ResolverBusy, SlowHost, UnresolvableHost, check_url
from crawlers.causas import error_mensaje
from indexer.alerts import AlertBook, saved_query
from indexer.alerts.book import INSTITUTION_OWNER, CapReached, ServiceFull, self_service
from indexer.alerts.links import MissingLinksKey, links_key
from indexer.alerts.mails import confirmation
from indexer.db.alert_tables import AlertRow
from indexer.db.reader_keys import READER_PREFIX, ReaderKeys
from indexer.db.registry import Caller
from indexer.mail import Mailer, MailError
from indexer.mail.address import mailbox
from indexer.query import FILTER_PARAMS, QuerySyntaxError
from indexer.stores import SearchQuery
from indexer.stores.phrase_rule import PhraseRule, checking
from indexer.stores.tantivy_store import build_schema, compile_search

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["alerts"])
ALERT_PARAMS = ["q", *FILTER_PARAMS, "date_from", "date_to"]
MAX_VALUES = 50  # values of one filter in an alert


class Problem(BaseModel):
    detail: str
    mensaje: str | None = None


class Refusal(Exception):
    """An answer other than success, in English (``detail``) and Spanish (``mensaje``)."""

    def __init__(
        self, status: int, detail: str, mensaje: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.mensaje = status, detail, mensaje
        self.headers = headers

    def response(self) -> JSONResponse:
        body = {"detail": self.detail, "mensaje": self.mensaje}
        return JSONResponse(body, self.status, headers=self.headers)


@dataclass(frozen=True)
class Holder:
    """Who holds an alert through a key: an institution (every key of it sees its
    alerts) or one reader key."""

    tenant: str
    key_id: str


def optional_caller(request: Request, registry: RegistryDep) -> Holder | None:
    """The holder of a presented key, institution's or reader's (401 if it is not valid);
    None when none is presented."""
    presented = presented_key(request)
    if presented is None:
        return None
    if presented.startswith(f"{READER_PREFIX}_"):
        reader = ReaderKeys(registry.db).identify(presented)
        if reader is not None and reader.kind == "reader":
            return Holder(f"reader:{reader.key_id}", reader.key_id)
        request.app.state.write_limiter.check(None, client_bucket(request))
        raise invalid_key()
    caller = require_caller(request, registry)
    return Holder(f"{INSTITUTION_OWNER}{caller.institution_id}", caller.key_id)


def required_caller(request: Request, registry: RegistryDep) -> Holder:
    holder = optional_caller(request, registry)
    if holder is None:
        return _as_holder(require_caller(request, registry))  # its 401, budget spent
    return holder


def _as_holder(caller: Caller) -> Holder:
    return Holder(f"{INSTITUTION_OWNER}{caller.institution_id}", caller.key_id)


OptionalCaller = Annotated[Holder | None, Depends(optional_caller)]


def tenant_of(caller: Holder) -> str:
    """Whose alerts a key sees: every key of one institution its institution's; a reader
    key its own."""
    return caller.tenant


def get_book(library: LibraryDep, request: Request) -> AlertBook:
    """The alerts; without the data folder's key (lost while alerts need it) they are
    read and ended, and a new one is refused with the reason."""
    try:
        key = links_key(request.app.state.settings.data_dir, library.db)
    except MissingLinksKey:
        key = None
    return AlertBook(library.db, key)


BookDep = Annotated[AlertBook, Depends(get_book)]


# -- creating ------------------------------------------------------------------------


def checked_search(query: dict[str, Any], library: Any, settings: Any) -> tuple[SearchQuery, int]:
    """An alert's query (a new one's or an edited one's) checked as ``/v1/search`` checks
    its parameters, within the alerts' own bounds and compiled as the matcher compiles it
    (a 422 naming ``query`` when not), with how many documents match it today."""
    search = _alert_search(query, settings.alert_query_chars)
    try:
        probe = search.model_copy(update={"limit": 1, "facets": [], "highlight": False})
        matching_now = search_library(library, probe).total
        # not counting what was withheld or deleted since the index's last commit
        matching_now = max(0, matching_now - len(uncounted(library, probe).ids))
        alert_query(search)
    except BadSearch as exc:
        raise _in_body(exc.as_422(), "query") from exc
    return search, matching_now


def alert_query(search: SearchQuery) -> None:
    """The query compiled as the alert matcher compiles it (Tantivy's own search, in
    memory): one it cannot ask is refused now, not skipped at every batch later."""
    schema = build_schema()
    try:
        # a proximity phrase of many arrangements is matched by the rule among each
        # batch's documents (``phrase_rule``): checked here without any
        with checking(PhraseRule(schema, None)):
            compile_search(schema, search)
    except QuerySyntaxError as exc:
        kind = query_error_kind(exc)
        raise BadSearch("q", exc.message, kind, exc.position, exc.mensaje) from exc


@router.post(
    "/alerts",
    status_code=201,
    response_model=AlertCreated,
    responses={
        401: {"model": ErrorResponse, "description": "A webhook needs a valid API key"},
        403: {
            "model": Problem,
            "description": "The key has as many alerts as allowed (an e-mail address's limit "
            "is said in its confirmation e-mail only)",
        },
        413: {"model": Problem, "description": "The body is too large"},
        422: {"model": ValidationErrorResponse, "description": "Invalid query or delivery"},
        429: {"model": ErrorResponse, "description": "Too many alerts created: wait"},
        503: {
            "model": Problem,
            "description": "E-mail is not available on this server, or every host-name "
            "lookup is in use (a webhook's; see Retry-After)",
        },
        507: {"model": Problem, "description": "The disk is full: nothing was saved"},
    },
    summary="Subscribe to a search: new matching documents to a webhook or by e-mail",
)
def create_alert(
    request: Request, body: AlertRequest, library: LibraryDep, book: BookDep, caller: OptionalCaller
) -> Any:
    """The query is validated exactly as ``/v1/search`` validates its parameters (the same
    422s). A webhook answer carries its signing ``secret``, shown only this once. An e-mail
    alert starts ``pendiente``: a confirmation e-mail is sent, and nothing else until its
    link is followed."""
    settings = request.app.state.settings
    request.app.state.alert_limiter.check(caller.key_id if caller else None, client_bucket(request))
    search, matching_now = checked_search(body.query, library, settings)
    webhook, email = body.delivery.webhook, body.delivery.email
    if (webhook is None) == (email is None):
        raise _in_body(
            invalid(
                "delivery",
                "give exactly one of delivery.webhook or delivery.email",
                "delivery",
                mensaje="indique un webhook o una dirección de correo (uno solo)",
            )
        )
    try:
        if webhook is not None:
            if caller is None:
                return JSONResponse(
                    {
                        "detail": "a webhook alert needs an API key: Authorization: Bearer <key>",
                        "mensaje": "una alerta por webhook necesita una clave de acceso",
                    },
                    401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            owner, channel = tenant_of(caller), "webhook"
            target = _webhook_target(webhook, body.rate, settings, lookup_owner(owner))
        else:
            assert email is not None
            target, channel = _email_address(email), "email"
            if not Mailer(settings).configured:
                raise Refusal(
                    503,
                    "e-mail is not configured on this server (ABIERTO_SMTP_HOST)",
                    "este servidor no envía correos: use un webhook",
                )
            if mail_base(settings) is None:
                raise Refusal(503, *MISSING)
            owner = tenant_of(caller) if caller else f"email:{target.lower()}"
            wait = _take_requested(book, request, caller, settings)
            if wait > 0:  # nor one requester to a new stranger every few seconds
                minutes = math.ceil(wait / 60)
                raise Refusal(
                    429,
                    "too many confirmation e-mails asked for this hour, whatever the "
                    f"addresses: try again in {minutes} min",
                    "ya pidió esta hora todos los correos de confirmación que admitimos "
                    f"(a cualquier dirección): inténtelo en {minutes} min",
                    {"Retry-After": str(math.ceil(wait))},
                )
            # an institution's mails to the address are counted apart: strangers (no
            # key, or a self-service reader key) share one count, which any of them can
            # spend in a few requests an hour, and must not lock the institution out
            sender = owner if not self_service(owner) else None
            wait = book.take_confirmation(
                target, settings.alert_confirmations_per_hour, sender=sender
            )
            if wait > 0:  # nobody makes the service write to one address without end
                minutes = math.ceil(wait / 60)
                raise Refusal(
                    429,
                    "too many confirmation e-mails to this address this hour: try again in "
                    f"{minutes} min",
                    "ya enviamos a esa dirección todos los correos de confirmación de esta "
                    f"hora: inténtelo en {minutes} min",
                    {"Retry-After": str(math.ceil(wait))},
                )
        if book.links_key is None:
            raise Refusal(
                503,
                "the data folder lost its alerts key (.alerts-secret): restore it from the backup",
                "no se pueden crear alertas: falta la clave de alertas de la carpeta de datos "
                "(.alerts-secret); el operador debe restaurarla desde la copia de seguridad",
            )
        cap = settings.alerts_per_owner
        # an address's cap is said in its confirmation e-mail, never to whoever asked:
        # a refusal told anyone how many alerts an address held (and that it subscribes).
        # Its pending alerts count only once confirmed, and confirming one past the cap
        # is refused; their mails are within the address's hourly budget spent above.
        full = book.count_for(owner, confirmed_only=by_address(owner)) >= cap
        if full and not by_address(owner):
            raise _full(cap)
        try:
            made = book.create(
                owner=owner,
                key_id=caller.key_id if caller else None,
                query=saved_query(search),
                channel=channel,
                target=target,
                rate=body.rate,
                # e-mail links only ever point at the public address (checked above); a
                # webhook's payload links are its own institution's business
                base_url=mail_base(settings) or str(request.base_url),
                with_manage_token=caller is None,
                # counted again with the new one: racing creations stop at it too
                cap=None if by_address(owner) else cap,
                confirmed_only=by_address(owner),
                total_cap=settings.alerts_total,
            )
        except CapReached as exc:
            raise _full(exc.cap) from exc
        except ServiceFull as exc:
            raise Refusal(
                409,
                f"the service keeps at most {exc.cap} alerts in all and has them: no new one",
                f"el servicio ya guarda el máximo de alertas que admite ({exc.cap} entre todos "
                "sus usuarios) y no acepta nuevas por ahora; inténtelo más adelante o escriba "
                "al operador",
            ) from exc
        if channel == "email":
            assert made.confirm_token is not None
            mailer = Mailer(settings)
            try:
                unsubscribe = book.unsubscribe_token(made.row)
                said = cap if full else None  # the refusal, to the address's owner alone
                mail = confirmation(made.row, mailer.sender, made.confirm_token, unsubscribe, said)
                mailer.send(mail)
            except MailError as exc:
                book.delete(made.row.id)
                # the cause names the server's mail relay (host, port, its replies): the
                # operator's to read in the log, not anyone's who asks for an alert
                log.warning("alert confirmation e-mail not sent: %s", exc)
                raise Refusal(
                    503,
                    "the confirmation e-mail could not be sent now; try again later",
                    "no se pudo enviar el correo de confirmación; inténtelo más tarde",
                ) from exc
    except Refusal as refusal:
        return refusal.response()
    view = _view(book, made.row)
    mensaje = (
        "Alerta activa: cada documento nuevo que coincida llegará a su webhook, firmado "
        "con el secreto que se muestra solo ahora."
        if channel == "webhook"
        else f"Le enviamos un correo a {target}: siga su enlace para confirmar la alerta; "
        "hasta entonces no recibirá avisos."
    )
    return AlertCreated(
        **view.model_dump(),
        secret=made.secret,
        manage_token=made.manage_token,
        matching_now=matching_now,
        mensaje=mensaje,
    )


def _take_requested(
    book: AlertBook, request: Request, caller: Holder | None, settings: Any
) -> float:
    """Spend the requester's confirmation e-mails (``AlertBook.take_requested``): an
    institution's key its own (its colleagues may share an address behind a proxy), a
    client without a key its address's, and a reader key both (reader keys are
    self-service, five an hour per client address: each its own budget alone multiplied
    one client's). The seconds to wait, 0 when allowed."""
    per_hour = settings.alert_confirmations_per_requester
    requesters = [] if caller is None else [f"key:{caller.key_id}"]
    if caller is None or caller.tenant.startswith("reader:"):
        requesters.append(client_bucket(request))
    for requester in requesters:
        wait = book.take_requested(requester, per_hour)
        if wait > 0:
            return wait
    return 0.0


def _full(cap: int) -> Refusal:
    return Refusal(
        403,
        f"at most {cap} alerts per key or e-mail address: delete one first",
        f"se admiten como máximo {cap} alertas por clave o dirección: borre alguna",
    )


def by_address(owner: str) -> bool:
    """Whether an alert's owner is an e-mail address (made without a key). Anyone may
    name an address, so its unconfirmed alerts are not its own yet: they count toward
    its cap only once confirmed (else a stranger's pending alerts, a few an hour, would
    fill the cap and lock the address's owner out)."""
    return owner.startswith("email:")


def _texts(name: str, given: Any) -> list[str]:
    """A parameter's values: a text, or a list of texts (as a repeated parameter)."""
    if isinstance(given, str):
        return [given]
    if isinstance(given, list) and all(isinstance(v, str) for v in given):
        return given
    raise invalid(
        name,
        f"{name} must be a string or a list of strings",
        "string_type",
        mensaje=f"{name}: debe ser un texto o una lista de textos",
    )


def _alert_search(query: dict[str, Any], max_chars: int) -> SearchQuery:
    """The alert's query read by the same checks as a search's parameters."""
    try:
        check_names(list(query), ALERT_PARAMS)
        values = {name: _texts(name, v) for name, v in query.items()}
        q = " ".join(values.get("q", []))
        if len(q) > max_chars:
            raise invalid(
                "q",
                f"an alert's q may have at most {max_chars} characters",
                "too_long",
                mensaje=f"la búsqueda de una alerta admite como máximo {max_chars} caracteres",
            )
        for name, given in values.items():
            if len(given) > MAX_VALUES:
                raise invalid(
                    name,
                    f"at most {MAX_VALUES} values",
                    "too_many",
                    mensaje=f"{name}: admite como máximo {MAX_VALUES} valores",
                )
        date_from, date_to = _day(values, "date_from"), _day(values, "date_to")
        check_dates(date_from, date_to)
        filters = {name: values[name] for name in FILTER_PARAMS if name in values}
        filters = {
            FILTER_PARAMS[name]: v for name, v in filters.items() if any(x.strip() for x in v)
        }
        filters = {name: [x for x in v if x.strip()] for name, v in filters.items()}
        check_values(filters)
        return SearchQuery(q=q, filters=filters, date_from=date_from, date_to=date_to)
    except RequestValidationError as exc:
        raise _in_body(exc, "query") from exc


def _day(values: dict[str, list[str]], name: str) -> dt.date | None:
    given = [v for v in values.get(name, []) if v.strip()]
    if not given:
        return None
    try:
        return dt.date.fromisoformat(given[-1].strip())
    except ValueError as exc:
        raise invalid(
            name,
            f"{name} must be a date YYYY-MM-DD",
            "date_from_datetime_parsing",
            mensaje=f"{name} debe ser una fecha AAAA-MM-DD",
        ) from exc


def _in_body(exc: RequestValidationError, *where: str) -> RequestValidationError:
    """A parameter's 422, placed where the alert's body holds it (``where``: the path to
    it inside the body; none for a field of the body itself)."""
    errors = []
    for error in exc.errors():
        loc = tuple(error.get("loc", ()))
        rest = loc[1:] if loc[:1] == ("query",) else loc
        errors.append({**error, "loc": ("body", *where, *rest)})
    return RequestValidationError(errors)


# whose share of the host-name lookups a reader key's webhook takes: every reader key's
# together (``crawlers.lookups``). Reader keys are self-service: each with a share of its
# own, a few of them, each holding lookups of silent hosts, took every place of the
# server's pool, and every institution's registration was a 503
READERS_LOOKUPS = "readers"


def lookup_owner(owner: str) -> str:
    """The owner of an alert's webhook lookups: an institution its own share, reader keys
    one share for all of them."""
    return owner if not self_service(owner) else READERS_LOOKUPS


def _webhook_target(url: str, rate: str, settings: Any, owner: str) -> str:
    if rate != "inmediata":
        raise _in_body(
            invalid(
                "rate",
                "a webhook receives each match as it happens: rate must be inmediata",
                "rate",
                mensaje="un webhook recibe cada coincidencia en el momento: use rate=inmediata",
            )
        )
    try:
        check_url(url.strip(), settings.allow_loopback, owner)
    except ResolverBusy:
        raise
    except SlowHost as exc:
        raise _in_body(
            invalid(
                "webhook",
                f"the webhook address is refused: {exc}",
                "slow_host",
                mensaje=f"no se admite esa dirección de webhook: {slow_host_mensaje(exc)}",
            ),
            "delivery",
        ) from exc
    except UnresolvableHost as exc:
        raise _in_body(
            invalid(
                "webhook",
                f"the webhook address is refused: {exc}",
                "unresolvable_host",
                # a name that does not resolve and one that points inside the server's
                # network get the same answer (``crawlers.addresses.HiddenHost``)
                mensaje=f"no se admite esa dirección de webhook: el nombre «{exc.host[:100]}» "
                "no se resuelve a una dirección pública",
            ),
            "delivery",
        ) from exc
    except BlockedAddress as exc:
        raise _in_body(
            invalid(
                "webhook",
                f"the webhook address is refused: {exc}",
                "blocked_address",
                mensaje=f"no se admite esa dirección de webhook: {_blocked_mensaje(exc)}",
            ),
            "delivery",
        ) from exc
    return lower_scheme(url.strip())


def _blocked_mensaje(exc: BlockedAddress) -> str:
    """Why the guard refused a webhook's address, in Spanish (as a crawl's error says it)."""
    said = error_mensaje("blocked_address", f"blocked address: {exc}")
    detail = said.removeprefix("dirección no permitida").removeprefix(": ")
    return detail or (
        "debe empezar por http:// o https:// y su servidor debe ser público (no una "
        "dirección privada, local o reservada)"
    )


def _email_address(text: str) -> str:
    address = mailbox(text)
    if address is None:
        shown = text.strip()[:80]
        raise _in_body(
            invalid(
                "email",
                f"{shown!r} is not a bare e-mail address (nombre@dominio)",
                "email",
                mensaje=f"«{shown}» no es una dirección de correo (nombre@dominio, sin más)",
            ),
            "delivery",
        )
    return address


# -- reading and deleting ---------------------------------------------------------------

ACCESS_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "Neither a valid key nor a token"},
    404: {"model": Problem, "description": "No such alert among yours"},
}


def _mine(
    alert_id: str, book: AlertBook, caller: Holder | None, token: str | None
) -> AlertRow | Response:
    """The alert, if the key's institution or the management token owns it; a 404 for
    every other alert, so nobody learns which ids exist."""
    if caller is None and not token:
        return JSONResponse(
            {
                "detail": "an API key or the alert's X-Alert-Token is required",
                "mensaje": "se necesita la clave de acceso o la ficha de la alerta",
            },
            401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    row = book.get(alert_id[:64])
    if caller is not None:
        if row is not None and row.owner == tenant_of(caller):
            return row
    elif book.manages(row, token or "") and row is not None:  # the same work if it is absent
        return row
    unknown = f"no alert {shown(alert_id)!r} among yours"
    return Refusal(404, unknown, "no tiene esa alerta").response()


@router.get(
    "/alerts",
    response_model=AlertList,
    responses={401: {"model": ErrorResponse, "description": "Missing or invalid API key"}},
    summary="The alerts of your institution (or of your reader key)",
)
def list_alerts(book: BookDep, caller: Annotated[Holder, Depends(required_caller)]) -> AlertList:
    return AlertList(alerts=[_view(book, row) for row in book.list_for(tenant_of(caller))])


@router.get(
    "/alerts/{alert_id}",
    response_model=AlertView,
    responses=ACCESS_ERRORS,
    summary="An alert: its status (and why it is disabled), matches and deliveries",
)
def get_alert(
    alert_id: str,
    book: BookDep,
    caller: OptionalCaller,
    x_alert_token: Annotated[str | None, Header()] = None,
) -> Any:
    found = _mine(alert_id, book, caller, x_alert_token)
    return found if isinstance(found, Response) else _view(book, found)


@router.delete(
    "/alerts/{alert_id}",
    status_code=204,
    response_class=Response,
    responses=ACCESS_ERRORS,
    summary="Delete an alert (its matches and delivery records go with it)",
)
def delete_alert(
    alert_id: str,
    book: BookDep,
    caller: OptionalCaller,
    x_alert_token: Annotated[str | None, Header()] = None,
) -> Response:
    found = _mine(alert_id, book, caller, x_alert_token)
    if isinstance(found, Response):
        return found
    book.delete(found.id)
    return Response(status_code=204)


def _view(book: AlertBook, row: AlertRow) -> AlertView:
    total, waiting, attempts = book.summary(row.id)
    return AlertView(
        id=row.id,
        status=row.status,
        reason=row.reason,
        channel=row.channel,  # type: ignore[arg-type]
        target=row.target,
        rate=row.rate,  # type: ignore[arg-type]
        query=row.query,
        created_at=_utc(row.created_at),
        edited_at=_utc(row.edited_at),
        active_since=_utc(row.active_since),
        consecutive_failures=row.failures or 0,
        next_attempt_at=_utc(row.next_attempt_at) if row.status == "activa" else None,
        matches=total,
        undelivered=waiting,
        deliveries=[
            DeliveryAttempt(
                attempted_at=_utc(a.attempted_at),  # type: ignore[arg-type]
                status=a.status,
                cause=a.cause,
                http_status=a.http_status,
                matches=len(a.match_ids or []),
            )
            for a in attempts
        ],
    )


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
