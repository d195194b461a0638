"""One requester and many mailboxes: each address receives at most
``ABIERTO_ALERT_CONFIRMATIONS_PER_HOUR`` confirmation e-mails, but nothing bounded how
many addresses one client named. Without a key, at the creation rate (10 a minute), one
client address made the service write to 600 strangers an hour (a spam relay whose
mails carry the requester's words as the search), each a pending alert kept and counted
toward the service's total. Now a requester (a key, or a client address without one)
causes at most ``ABIERTO_ALERT_CONFIRMATIONS_PER_REQUESTER`` an hour; and a pending
alert no longer counts toward the service's total until it is confirmed. Through a real
SMTP server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from indexer.alerts import AlertBook
from indexer.db import Database
from indexer.db.alert_tables import AlertRow
from indexer.db.reader_keys import ReaderKeys
from indexer.library import Library
from tests.alerts.conftest import Service, open_mailing
from tests.alerts.test_api import create
from tests.alerts.test_email import link
from tests.api.test_reader_keys import app_client, library
from tests.api.test_reader_keys import mailing as mailing_settings
from tests.services.smtp import Inbox

PER_REQUESTER = 3
__all__ = ["library"]  # the reader-key tests' library fixture, reused


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(
        tmp_path,
        smtp_server,
        alert_confirmations_per_requester=PER_REQUESTER,
        alert_rate_per_minute=1000,
    )


def _ask(
    service: Service, n: int, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, object]]:
    body = {"query": {"q": f"amparo {n}"}, "delivery": {"email": f"desconocida{n}@example.org"}}
    answer = service.client.post("/v1/alerts", json=body, headers=headers or {})
    return answer.status_code, answer.json() | {"retry": answer.headers.get("retry-after")}


def test_one_client_writes_to_a_bounded_number_of_strangers(
    mailing: Service, smtp_server: Inbox
) -> None:
    answers = [_ask(mailing, n) for n in range(PER_REQUESTER + 2)]
    assert [status for status, _ in answers] == [201] * PER_REQUESTER + [429, 429]
    refused = answers[-1][1]
    assert "correos de confirmación" in refused["mensaje"] and int(refused["retry"]) > 0
    sent = smtp_server.wait_for(PER_REQUESTER)
    assert len(sent) == PER_REQUESTER
    # nothing kept for the refused ones: the three pending alerts only
    with mailing.library.db.session() as session:
        assert session.scalar(select(func.count()).select_from(AlertRow)) == PER_REQUESTER


def test_a_key_holder_has_its_own_bound(mailing: Service, smtp_server: Inbox) -> None:
    """A key is counted as itself (not its client address): it neither spends an
    anonymous client's budget nor escapes the bound by deleting and creating again."""
    headers = {"Authorization": f"Bearer {mailing.key}"}
    made = [_ask(mailing, n, headers) for n in range(PER_REQUESTER)]
    assert [status for status, _ in made] == [201] * PER_REQUESTER
    for _, body in made:  # deleted again: room under the owner's cap, not more mail
        assert mailing.client.delete(f"/v1/alerts/{body['id']}", headers=headers).status_code == 204
    assert _ask(mailing, 99, headers)[0] == 429
    assert _ask(mailing, 100)[0] == 201  # without the key: the client's own budget


def test_strangers_pending_alerts_do_not_fill_the_service(
    tmp_path: Path, smtp_server: Inbox
) -> None:
    """``ABIERTO_ALERTS_TOTAL`` bounds the searches run at every indexing batch, but it
    counted pending alerts too, which anyone makes for any address and which never
    expire: a few clients filled it with unconfirmable alerts and every new alert of
    anyone was a 409. Now a pending alert is counted when it is confirmed."""
    for service in open_mailing(tmp_path, smtp_server, alerts_total=2):
        assert [_ask(service, n)[0] for n in range(3)] == [201] * 3  # pending, a stranger's
        # a reader key's webhooks (an institution's are bounded by its own cap alone)
        _, reader = ReaderKeys(service.library.db).issue("Redacción", "datos@norte.example")
        webhooks = [create(service, {"q": f"tema {n}"}, reader) for n in range(2)]
        assert [answer.status_code for answer in webhooks] == [201, 201]
        assert create(service, {"q": "tema 3"}, reader).status_code == 409  # full now
        # the service is full of active alerts: a pending one is not activated past it
        path = link(smtp_server.wait_for(3)[0], "confirm")
        refused = service.client.post(path)
        assert refused.status_code == 409 and "máximo de alertas activas" in refused.text
        alert_id = webhooks[0].json()["id"]
        auth = {"Authorization": f"Bearer {reader}"}
        assert service.client.delete(f"/v1/alerts/{alert_id}", headers=auth).status_code == 204
        confirmed = service.client.post(path)  # room again: the same link confirms it
        assert confirmed.status_code == 200 and "activa" in confirmed.text


# one Gmail inbox: its dots are the writer's to place, googlemail.com is gmail.com
DOTTED = ["reportera.gto@gmail.com", "r.e.portera.gto@gmail.com", "reporteragto@googlemail.com",
          "Re.Portera.Gto+x.y@GMAIL.com"]  # fmt: skip


def test_the_dots_of_a_gmail_address_add_no_confirmation_to_the_bound(
    tmp_path: Path, smtp_server: Inbox
) -> None:
    for service in open_mailing(tmp_path, smtp_server, alert_confirmations_per_hour=1):
        made = []
        for address in DOTTED:
            body = {"query": {"q": "amparo"}, "delivery": {"email": address}}
            made.append(service.client.post("/v1/alerts", json=body).status_code)
        assert made == [201] + [429] * (len(DOTTED) - 1)
        body = {"query": {"q": "amparo"}, "delivery": {"email": "reportera.gto@example.org"}}
        assert service.client.post("/v1/alerts", json=body).status_code == 201  # dots count
        smtp_server.wait_for(3, timeout=1.0)
        assert sorted(str(m["To"]) for m in smtp_server.messages) == [
            "reportera.gto@example.org",
            "reportera.gto@gmail.com",
        ]


def test_reader_keys_of_one_client_share_its_bound(mailing: Service, smtp_server: Inbox) -> None:
    """Reader keys are self-service (five an hour per client address): a budget per key
    alone let one client multiply it by the keys it asked for. A reader key spends its
    own and its client address's."""
    keys = ReaderKeys(mailing.library.db)
    readers = [keys.issue(f"Redacción {n}", f"lector{n}@example.org")[1] for n in range(2)]
    statuses = []
    for n in range(PER_REQUESTER + 1):
        reader = readers[n % 2]
        statuses.append(_ask(mailing, n, {"Authorization": f"Bearer {reader}"})[0])
    assert statuses == [201] * PER_REQUESTER + [429]
    # an institution's key is counted as itself: the client's spent budget is not its own
    assert _ask(mailing, 50, {"Authorization": f"Bearer {mailing.key}"})[0] == 201


def test_the_dots_of_a_gmail_address_get_no_reader_key_mail(
    library: Library, tmp_path: Path, smtp_server: Inbox
) -> None:
    """The reader-key bound per address, likewise (asked from many clients): the dots'
    placings and googlemail.com are one inbox, counted whichever spelling came first."""
    settings = mailing_settings(tmp_path, smtp_server, reader_key_requests_per_hour=1)
    statuses = []
    for n, address in enumerate(["reporteragto@gmail.com", *DOTTED]):
        client = app_client(library, settings, f"203.0.113.{n + 60}")  # many clients
        asked = client.post("/v1/reader-keys", json={"email": address, "name": "Ana"})
        statuses.append(asked.status_code)
    assert statuses == [202] * (len(DOTTED) + 1)
    client = app_client(library, settings, "203.0.113.99")
    other = client.post("/v1/reader-keys", json={"email": "reporte.ragto@example.org", "name": "A"})
    assert other.status_code == 202
    smtp_server.wait_for(3, timeout=1.0)
    sent = sorted(str(m["To"]) for m in smtp_server.messages)
    assert sent == ["reporte.ragto@example.org", "reporteragto@gmail.com"]


def test_both_bounds_count_alike_on_each_backend(database_url: str) -> None:
    """The requester's budget and a Gmail inbox's dots, on SQLite and PostgreSQL alike
    (the reader-key count folds the dots in SQL)."""
    db = Database(database_url)
    try:
        book = AlertBook(db)
        assert [book.take_requested("203.0.113.7", 2) for _ in range(2)] == [0.0, 0.0]
        assert book.take_requested("203.0.113.7", 2) > 0
        assert book.take_confirmation("203.0.113.7@example.org", 1) == 0.0  # no address's
        assert book.take_confirmation("Re.Portera.Gto@googlemail.com", 1) == 0.0
        assert book.take_confirmation("reporteragto@gmail.com", 1) > 0
        keys = ReaderKeys(db)
        keys.request("Ana", "r.e.p.o.r.t.e.r.a.g.t.o+x@GoogleMail.com", "203.0.113.8", 5)
        since = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
        assert keys.requests_since("reporteragto@gmail.com", since) == 1
        assert keys.requests_since("reporter.agto+y@googlemail.com", since) == 1
        assert keys.requests_since("reporteragto@example.org", since) == 0
    finally:
        db.close()
