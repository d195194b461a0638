"""Confirmation e-mails are counted in the database: a second API process (another worker,
or the service after a restart) sends an address no more than the hourly bound the first
already spent. A confirmation link expires after seven days: its page says so in Spanish,
confirms nothing, and offers a new link (itself within the bound)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from api.app import create_app
from indexer.alerts import AlertBook
from indexer.db import Database
from indexer.db.alert_tables import AlertRow
from tests.alerts.conftest import Service, open_mailing
from tests.alerts.test_email import link
from tests.services.smtp import Inbox

VICTIM = "redaccion@example.org"
PER_HOUR = 2


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server, alert_confirmations_per_hour=PER_HOUR)


def _subscribe(client: TestClient, address: str = VICTIM) -> int:
    answer = client.post(
        "/v1/alerts", json={"query": {"q": "amparo"}, "delivery": {"email": address}}
    )
    return answer.status_code


def test_another_process_counts_the_mails_already_sent(
    mailing: Service, smtp_server: Inbox
) -> None:
    assert [_subscribe(mailing.client) for _ in range(PER_HOUR)] == [201] * PER_HOUR
    with TestClient(create_app(mailing.library, mailing.settings)) as restarted:
        assert _subscribe(restarted) == 429
        assert _subscribe(restarted, "otra@example.org") == 201
    assert _subscribe(mailing.client) == 429
    smtp_server.wait_for(PER_HOUR + 1)
    assert len(smtp_server.to(VICTIM)) == PER_HOUR


def _age(service: Service, days: float) -> None:
    """The links were sent ``days`` ago (what seven days of waiting would leave)."""
    sent = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    with service.library.db.session() as s, s.begin():
        s.execute(update(AlertRow).values(confirm_sent_at=sent, created_at=sent))


def test_an_expired_link_confirms_nothing_and_offers_a_new_one(
    mailing: Service, smtp_server: Inbox
) -> None:
    assert _subscribe(mailing.client) == 201
    (first,) = smtp_server.wait_for(1)
    old = link(first, "confirm")
    _age(mailing, 7.01)
    page = mailing.client.get(old)
    assert page.status_code == 410
    assert "Este enlace de confirmación venció" in page.text and "7 días" in page.text
    assert f'action="{old}/renovar"' in page.text and "Enviarme un enlace nuevo" in page.text
    assert mailing.client.post(old).status_code == 410
    with mailing.library.db.session() as s:
        assert s.query(AlertRow).one().status == "pendiente"
    renewed = mailing.client.post(f"{old}/renovar")
    assert renewed.status_code == 200 and "Le enviamos a redaccion@example.org" in renewed.text
    _, second = smtp_server.wait_for(2)
    fresh = link(second, "confirm")
    assert fresh != old
    assert mailing.client.get(old).status_code == 404  # the old link no longer answers
    assert mailing.client.post(fresh).status_code == 200
    with mailing.library.db.session() as s:
        assert s.query(AlertRow).one().status == "activa"


def test_new_links_stay_within_the_hourly_bound(mailing: Service, smtp_server: Inbox) -> None:
    assert _subscribe(mailing.client) == 201
    old = link(smtp_server.wait_for(1)[0], "confirm")
    _age(mailing, 8)
    assert _subscribe(mailing.client) == 201  # the second of the hour
    refused = mailing.client.post(f"{old}/renovar")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "todos los correos de confirmación de esta hora" in refused.text
    assert len(smtp_server.wait_for(2)) == 2


def test_a_link_within_its_days_still_confirms(mailing: Service, smtp_server: Inbox) -> None:
    assert _subscribe(mailing.client) == 201
    path = link(smtp_server.wait_for(1)[0], "confirm")
    _age(mailing, 6.9)
    assert mailing.client.get(path).status_code == 200
    assert mailing.client.post(path).status_code == 200


def test_processes_racing_for_one_address_share_the_bound(database_url: str) -> None:
    """Eight processes' connections asking at once: exactly the bound is granted, on SQLite
    (its write lock) and PostgreSQL (an advisory lock on the address)."""
    databases = [Database(database_url) for _ in range(8)]
    try:
        gate = threading.Barrier(len(databases))

        def take(db: Database) -> float:
            gate.wait()
            return AlertBook(db).take_confirmation(VICTIM, 3)

        with ThreadPoolExecutor(len(databases)) as pool:
            waits = list(pool.map(take, databases))
        assert sorted(w == 0 for w in waits) == [False] * 5 + [True] * 3
        assert all(0 < w <= 3600 for w in waits if w)
        assert AlertBook(databases[0]).take_confirmation("otra@example.org", 3) == 0
    finally:
        for db in databases:
            db.close()
