"""``POST /v1/reader-keys``: a reader asks for a key by e-mail. The answer is the same
whether or not the address already has a key (nothing can be learnt about who reads);
the key is issued only when the link in the e-mail is confirmed, by a button (a POST),
so mail scanners that open links confirm nothing. Limited per client address (a 429)
and per e-mail address (quietly: no more mail to it this hour, same answer)."""

from __future__ import annotations

import datetime as dt
import logging
from email.message import EmailMessage

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.access_log import hide_in_access_log
from api.auth import client_bucket
from api.deps import LibraryDep, invalid
from api.public_address import MISSING, mail_base
from api.schemas import RefusalResponse, ValidationErrorResponse
from config.settings import Settings
from indexer.db.database import utcnow
from indexer.db.reader_keys import CONFIRM_HOURS, ReaderKeys, RequestsSpent, normal_email
from indexer.db.registry import RegistryError
from indexer.mail import Mailer, MailError, compose

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["reader keys"])
CONFIRM_PATH = "/lectores/confirmar"


class Refused(Exception):
    """A request this endpoint turns down, with its reason in English and Spanish."""

    def __init__(self, status: int, detail: str, mensaje: str, retry_after: int = 0) -> None:
        super().__init__(detail)
        self.status, self.detail, self.mensaje, self.retry_after = (
            status, detail, mensaje, retry_after,
        )  # fmt: skip


async def _refused(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Refused)
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
    body = {"detail": exc.detail, "mensaje": exc.mensaje}
    return JSONResponse(body, status_code=exc.status, headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(Refused, _refused)
    hide_in_access_log(CONFIRM_PATH, "t")  # the e-mailed link's one-time token
    app.include_router(router)


class ReaderKeyRequest(BaseModel):
    email: str = Field(max_length=320, description="Where the confirmation link is sent")
    name: str = Field(min_length=1, max_length=200, description="Who the key is for")


class ReaderKeyAccepted(BaseModel):
    detail: str
    mensaje: str


ACCEPTED = ReaderKeyAccepted(
    detail="if the address can receive mail, a confirmation link is on its way; "
    "the key is shown once the link is confirmed",
    mensaje="si la dirección recibe correo, le enviamos un enlace de confirmación; "
    "al confirmarlo verá su clave de lector (una sola vez)",
)


@router.post(
    "/reader-keys",
    status_code=202,
    response_model=ReaderKeyAccepted,
    responses={
        413: {"model": RefusalResponse, "description": "The body is too large"},
        422: {"model": ValidationErrorResponse, "description": "Not an e-mail address"},
        429: {"model": RefusalResponse, "description": "Too many requests from this address"},
        503: {"model": RefusalResponse, "description": "E-mail cannot be sent now"},
        507: {"model": RefusalResponse, "description": "The disk is full: nothing was saved"},
    },
    summary="Ask for a reader key (sent by e-mail, confirmed by a link)",
)
def request_reader_key(
    body: ReaderKeyRequest, request: Request, library: LibraryDep
) -> ReaderKeyAccepted:
    """A reader key raises the read limits and grants nothing else (it never writes)."""
    settings: Settings = request.app.state.settings
    try:
        email = normal_email(body.email)
    except RegistryError as exc:
        raise invalid(
            "email", str(exc), "email", mensaje="no es una dirección de correo válida"
        ) from exc
    if not body.name.strip():
        raise invalid("name", "a name is required", "name", mensaje="escriba un nombre")
    mailer = Mailer(settings)
    if not mailer.configured:
        raise Refused(
            503,
            "this server sends no e-mail: ask its operator for a key",
            "este servidor no envía correo: pida una clave a quien lo opera",
        )
    base = mail_base(settings)
    if base is None:
        raise Refused(503, *MISSING)
    keys = ReaderKeys(library.db)
    client = client_bucket(request)
    hour_ago = utcnow() - dt.timedelta(hours=1)
    per_hour = settings.reader_key_requests_per_hour
    if keys.requests_from(client, hour_ago) >= per_hour:
        raise _spent()
    if keys.requests_since(email, hour_ago) >= per_hour:
        return ACCEPTED  # no more mail to this address this hour; the same answer
    try:  # counted again with this one: racing requests stop at the budget too
        token = keys.request(body.name, email, client, per_hour=per_hour)
    except RequestsSpent as spent:
        if spent.by == "client":
            raise _spent() from spent
        return ACCEPTED
    link = f"{base}{CONFIRM_PATH}?t={token}"
    try:
        mailer.send(_message(mailer.sender, email, link))
    except MailError as exc:
        log.warning("reader key e-mail not sent: %s", exc)
        raise Refused(
            503,
            "the e-mail could not be sent now; try again later",
            "no pudimos enviar el correo ahora: intente más tarde",
            retry_after=300,
        ) from exc
    return ACCEPTED


def _spent() -> Refused:
    return Refused(
        429,
        "too many key requests from this address: try again in an hour",
        "demasiadas solicitudes de clave desde esta dirección: intente en una hora",
        retry_after=3600,
    )


def _message(sender: str, to: str, link: str) -> EmailMessage:
    """Only our words: whoever asks may name any address, and the name they type would
    reach that inbox under this service's name (a phishing line sent from a trusted
    sender); the name is kept for the operator's list."""
    text = (
        "Hola:\n\n"
        "Alguien (esperamos que usted) pidió una clave de lector de Estado Abierto con esta "
        "dirección de correo. Con ella puede hacer más consultas por minuto.\n\n"
        f"Para recibirla, abra este enlace y pulse «Confirmar»:\n{link}\n\n"
        f"El enlace vale {CONFIRM_HOURS} horas y sirve una sola vez. La clave se muestra "
        "una vez, al confirmar: guárdela.\n\n"
        "Si usted no la pidió, ignore este mensaje: sin confirmar no se emite ninguna clave.\n"
    )
    return compose(sender=sender, to=to, subject="Confirme su clave de lector", text=text)
