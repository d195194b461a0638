"""Posting a match to a webhook: signed, to a checked address, redirects not followed.

The body is signed with HMAC-SHA256 under the alert's secret, over
``{timestamp}.{body}``; the header ``X-Abierto-Signature: t={timestamp},v1={hex}`` carries
both, so a receiver can refuse a stale or forged delivery (see the README).

The target is checked as the crawler checks a page: at registration, and again at each
delivery, where the connection goes to the very address that was checked (a DNS answer
that changes in between cannot point it elsewhere). A redirect is a failed delivery.
The receiver's answer is its status: of its body at most 64 KB are read, for a second.
Each delivery, from connecting to the end of that reading, has ``deadline_s`` in all
(:mod:`crawlers.deadline`): a receiver trickling its headers a byte at a time is left at it.

A failure is said twice: ``cause`` in English with its details (the checked address, the
exception), for the operator's log; ``causa`` in Spanish for the alert's owner, who reads
it in the delivery record and the disabled alert's reason (``GET /v1/alerts/{id}``) and
must learn nothing of the server's network (the address its resolver gave, its errors).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx

from crawlers.addresses import ResolverBusy, SlowHost
from crawlers.deadline import transport, within
from crawlers.fetch import FetchError, pinned_target

SIGNATURE_HEADER = "X-Abierto-Signature"
DRAIN_BYTES = 65536
DRAIN_S = 1.0
TIMEOUT_S = 10.0  # for each read or write
DEADLINE_S = 15.0  # for the whole delivery
USER_AGENT = "EstadoAbierto-Alertas/1.0"


def _drain(response: httpx.Response) -> None:
    """Read a small answer's body to its end; stop at ``DRAIN_BYTES`` or ``DRAIN_S`` (or
    the delivery's deadline): the status is already known and is all that counts."""
    read = 0
    try:
        with within(DRAIN_S):
            for chunk in response.iter_raw():
                read += len(chunk)
                if read > DRAIN_BYTES:
                    return
    except httpx.HTTPError:
        return


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``{timestamp}.{body}`` under ``secret``."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, timestamp: int | None = None) -> str:
    moment = int(time.time()) if timestamp is None else timestamp
    return f"t={moment},v1={sign(secret, moment, body)}"


@dataclass(frozen=True)
class Outcome:
    """What one POST gave: arrived or not, the status if any, and why not: ``cause`` for
    the operator's log, ``causa`` for the alert's owner."""

    ok: bool
    status: int | None = None
    cause: str | None = None
    busy: bool = False  # nothing was sent: every host-name lookup of its share was taken
    causa: str | None = None


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",") + " s"


def _refused(exc: FetchError) -> str:
    """Why the address was not posted to, in Spanish. A name that does not resolve and
    one the server's resolver points inside its network read alike (as at registration:
    ``crawlers.addresses.HiddenHost``); no resolved address is named."""
    host = str(getattr(exc.__cause__, "host", ""))
    if isinstance(exc.__cause__, SlowHost):
        return (
            f"el servidor de nombres (DNS) de «{host[:100]}» no respondió en "
            f"{_seconds(exc.__cause__.seconds)}: no se supo a qué dirección enviar"
        )
    if exc.cause == "dns":
        return f"el nombre «{host[:100]}» del webhook no se resuelve a una dirección pública"
    message = str(exc)
    if exc.cause == "blocked_address" and message.startswith("scheme "):
        return "la dirección del webhook debe empezar por http:// o https://"
    if exc.cause == "blocked_address" and " resolves to a" in message:
        return "la dirección del webhook no está permitida (red privada o local)"
    return "la dirección del webhook no es válida"


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and the exceptions it came from (httpx's wraps httpcore's wraps the OS's)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


# OpenSSL's verification codes a receiver's operator can act on
_CERTIFICATE = {
    10: "venció",
    18: "es autofirmado",
    19: "lo firma una autoridad que no es de confianza",
    20: "lo firma una autoridad que no es de confianza",
    21: "lo firma una autoridad que no es de confianza",
    62: "no corresponde al nombre del webhook",
    64: "no corresponde a la dirección del webhook",
}


def _unreachable(exc: httpx.HTTPError) -> str:
    """Why the POST got no answer, in Spanish (the exception's text is the log's)."""
    chain = _chain(exc)
    checked = next((e for e in chain if isinstance(e, ssl.SSLCertVerificationError)), None)
    if checked is not None:
        why = _CERTIFICATE.get(checked.verify_code)
        said = f": {why}" if why else ""
        return f"certificado TLS no válido en el servidor del webhook{said}"
    if any(isinstance(e, ssl.SSLError) for e in chain):
        return "no se pudo establecer la conexión TLS (https) con el servidor del webhook"
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "el servidor del webhook rechazó la conexión"
    if isinstance(exc, httpx.ConnectError):
        return "no se pudo conectar con el servidor del webhook"
    if isinstance(exc, httpx.RemoteProtocolError):
        if "without sending a response" in str(exc):
            return "el servidor del webhook cerró la conexión sin responder"
        return "el servidor del webhook respondió algo que no es HTTP válido"
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        return "se cortó la conexión con el servidor del webhook antes de su respuesta"
    return "no se pudo entregar al servidor del webhook (error de conexión)"


def _answered(status: int) -> str:
    """A non-2xx answer, in Spanish."""
    if status >= 400:
        return f"el servidor del webhook respondió con el error HTTP {status}"
    return (
        f"el servidor del webhook respondió HTTP {status}, que no es una entrega aceptada "
        "(se espera un 2xx)"
    )


class Poster:
    """POSTs signed matches, keeping connections open between deliveries: one client per
    target host (a TLS connection made for one name is never reused for another)."""

    def __init__(self, allow_loopback: bool, deadline_s: float = DEADLINE_S) -> None:
        self.allow_loopback = allow_loopback
        self.deadline_s = deadline_s
        self._clients: dict[str, httpx.Client] = {}
        self._lock = threading.Lock()

    def _client(self, host: str) -> httpx.Client:
        with self._lock:
            client = self._clients.get(host)
            if client is None:
                client = httpx.Client(
                    transport=transport(),
                    timeout=TIMEOUT_S,
                    follow_redirects=False,
                    trust_env=False,
                )
                self._clients[host] = client
            return client

    def close(self) -> None:
        with self._lock:
            for client in self._clients.values():
                client.close()
            self._clients.clear()

    def post(
        self,
        url: str,
        payload: dict[str, Any],
        secret: str,
        idempotency_key: str,
        owner: str = "",
    ) -> Outcome:
        """POST ``payload`` as signed JSON; a 2xx is a delivery, anything else a failure.
        ``owner``: whose share of the host-name lookups the receiver's name takes."""
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            pinned, host_header, host = pinned_target(url, self.allow_loopback, owner)
        except FetchError as exc:
            busy = isinstance(exc.__cause__, ResolverBusy)
            causa = _refused(exc)
            return Outcome(False, None, f"address refused: {exc}", busy=busy, causa=causa)
        headers = {
            "Host": host_header,
            "User-Agent": USER_AGENT,
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": idempotency_key,
            SIGNATURE_HEADER: signature_header(secret, body),
        }
        started = time.monotonic()
        try:
            # only the status counts: of the answer's body at most a little is read, for
            # a short while (so a small one leaves the connection reusable); a receiver may
            # send one without end, or trickle it, and the worker is every institution's
            with (
                within(self.deadline_s),
                self._client(host).stream(
                    "POST", pinned, content=body, headers=headers, extensions={"sni_hostname": host}
                ) as response,
            ):
                _drain(response)
        except httpx.TimeoutException:
            if time.monotonic() >= started + self.deadline_s - 0.01:
                cause = f"the receiver did not finish answering in {self.deadline_s:g} s"
                causa = (
                    "el servidor del webhook no terminó de responder en "
                    f"{_seconds(self.deadline_s)}"
                )
                return Outcome(False, None, cause, causa=causa)
            cause = f"the receiver did not answer in {TIMEOUT_S:g} s"
            causa = f"el servidor del webhook no respondió en {_seconds(TIMEOUT_S)}"
            return Outcome(False, None, cause, causa=causa)
        except httpx.HTTPError as exc:
            cause = f"cannot reach the receiver: {type(exc).__name__}: {exc}"
            return Outcome(False, None, cause, causa=_unreachable(exc))
        status = response.status_code
        if 200 <= status < 300:
            return Outcome(True, status)
        if response.is_redirect:
            where = response.headers.get("location", "")[:200]
            cause = f"HTTP {status} redirect to {where!r} not followed"
            causa = f"el webhook redirige a otra dirección (HTTP {status}): no se sigue"
            return Outcome(False, status, cause, causa=causa)
        return Outcome(
            False, status, f"the receiver answered HTTP {status}", causa=_answered(status)
        )
