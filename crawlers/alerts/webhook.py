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
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx

from crawlers.addresses import ResolverBusy
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
    """What one POST gave: arrived or not, the status if any, and why not."""

    ok: bool
    status: int | None = None
    cause: str | None = None
    busy: bool = False  # nothing was sent: every host-name lookup of its share was taken


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
            return Outcome(False, None, f"address refused: {exc}", busy=busy)
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
                return Outcome(False, None, cause)
            return Outcome(False, None, f"the receiver did not answer in {TIMEOUT_S:g} s")
        except httpx.HTTPError as exc:
            return Outcome(False, None, f"cannot reach the receiver: {type(exc).__name__}: {exc}")
        if 200 <= response.status_code < 300:
            return Outcome(True, response.status_code)
        if response.is_redirect:
            where = response.headers.get("location", "")[:200]
            cause = f"HTTP {response.status_code} redirect to {where!r} not followed"
            return Outcome(False, response.status_code, cause)
        status = response.status_code
        return Outcome(False, status, f"the receiver answered HTTP {status}")
