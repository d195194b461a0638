"""Someone else's address, dressed up: a mail header reads ``victim@x(1)``,
``(2)victim@x`` and ``g:victim@x;`` as ``victim@x``, so each spelling was a fresh
address to the per-address bounds (alert confirmations, reader-key e-mails) while every
message reached the same mailbox. Only a bare address is accepted now, through a real
SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.library import Library
from indexer.mail.address import mailbox
from tests.alerts.conftest import Service, open_mailing
from tests.api.test_reader_keys import app_client, library, mailing
from tests.services.smtp import Inbox

VICTIM = "redaccion@example.org"
DRESSED = [
    "redaccion@example.org(1)",
    "(2)redaccion@example.org",
    "g:redaccion@example.org;",
    '"redaccion"@example.org',
    "redaccion@example.org (otra)",
]
PER_HOUR = 2
__all__ = ["library"]  # the reader-key tests' library fixture, reused


@pytest.fixture
def alerts(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server, alert_confirmations_per_hour=PER_HOUR)


def test_dressed_addresses_add_no_confirmation_to_the_bound(
    alerts: Service, smtp_server: Inbox
) -> None:
    def subscribe(address: str) -> int:
        body = {"query": {"q": "amparo"}, "delivery": {"email": address}}
        return alerts.client.post("/v1/alerts", json=body).status_code

    assert [subscribe(VICTIM) for _ in range(PER_HOUR)] == [201] * PER_HOUR
    for address in DRESSED:
        answer = alerts.client.post(
            "/v1/alerts", json={"query": {"q": "amparo"}, "delivery": {"email": address}}
        )
        assert answer.status_code == 422, address
        assert "no es una dirección de correo" in answer.json()["detail"][0]["mensaje"]
    smtp_server.wait_for(PER_HOUR + 1, timeout=1.0)
    assert len(smtp_server.to(VICTIM)) == PER_HOUR


def test_dressed_addresses_get_no_reader_key_mail(
    library: Library, tmp_path: Path, smtp_server: Inbox
) -> None:
    settings = mailing(tmp_path, smtp_server, reader_key_requests_per_hour=PER_HOUR)
    statuses = []
    for n, address in enumerate([VICTIM] * PER_HOUR + DRESSED):
        client = app_client(library, settings, f"203.0.113.{n + 30}")  # many clients
        asked = client.post("/v1/reader-keys", json={"email": address, "name": "Ana"})
        statuses.append(asked.status_code)
    assert statuses == [202] * PER_HOUR + [422] * len(DRESSED)
    smtp_server.wait_for(PER_HOUR + 1, timeout=1.0)
    assert len(smtp_server.to(VICTIM)) == PER_HOUR


@pytest.mark.parametrize(
    "address",
    ["ana@example.org", "Ana.María+alertas@correo.example.mx", "o'brien@example.ie",
     "josé@correo.mx", "a@xn--bcher-kva.example", " ana@example.org "],
)  # fmt: skip
def test_ordinary_addresses_are_accepted(address: str) -> None:
    assert mailbox(address) == address.strip()
