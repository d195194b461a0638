"""E-mail alerts left unconfirmed do not pile up: anyone may ask one for any address, so
the delivery job removes, with its link, every one still pending ``alert_pending_days``
after its last link was sent, and says how many; confirmed alerts stay however old.
The removed alert's link then answers a Spanish page (410) saying the request expired
and how to ask again, while a made-up link stays a 404. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from crawlers.alerts.delivery import Deliverer
from indexer.alerts.book import digest
from indexer.alerts.links import confirm_sent, confirm_token, links_key
from indexer.db.alert_tables import AlertRow
from tests.alerts.conftest import Service, open_mailing
from tests.alerts.test_email import link
from tests.services.smtp import Inbox


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox, database_url: str) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server, database_url=database_url)


def _subscribe(service: Service, address: str) -> str:
    answer = service.client.post(
        "/v1/alerts", json={"query": {"q": "amparo"}, "delivery": {"email": address}}
    )
    assert answer.status_code == 201
    return str(answer.json()["id"])


def _age(service: Service, alert_id: str, days: float) -> str:
    """What ``days`` of waiting leave: the alert's link is the one the service would have
    mailed ``days`` ago (it says when it was sent, signed by the folder's key), and the
    row says so too. Returns the link's path."""
    sent = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    token = confirm_token(links_key(service.settings.data_dir), sent)
    with service.library.db.session() as s, s.begin():
        s.execute(
            update(AlertRow)
            .where(AlertRow.id == alert_id)
            .values(confirm_sha256=digest(token), confirm_sent_at=sent, created_at=sent)
        )
    return f"/v1/alerts/confirm/{token}"


def test_a_mailed_link_says_when_it_was_sent(mailing: Service, smtp_server: Inbox) -> None:
    _subscribe(mailing, "alguien@example.org")
    token = link(smtp_server.wait_for(1)[0], "confirm").rsplit("/", 1)[1]
    sent = confirm_sent(links_key(mailing.settings.data_dir), token)
    assert sent is not None and abs(dt.datetime.now(dt.UTC) - sent) < dt.timedelta(minutes=1)
    assert confirm_sent(b"otra clave" * 4, token) is None


def _statuses(service: Service) -> dict[str, str]:
    with service.library.db.session() as s:
        return {row.id: row.status for row in s.query(AlertRow)}


def test_the_job_removes_old_pending_alerts_only(mailing: Service, smtp_server: Inbox) -> None:
    old = _subscribe(mailing, "olvido@example.org")
    young = _subscribe(mailing, "reciente@example.org")
    kept = _subscribe(mailing, "lectora@example.org")
    smtp_server.wait_for(3)
    kept_link = link(smtp_server.to("lectora@example.org")[0], "confirm")
    assert mailing.client.post(kept_link).status_code == 200
    days = mailing.settings.alert_pending_days
    old_link = _age(mailing, old, days + 0.01)
    _age(mailing, young, days - 0.5)
    kept_link = _age(mailing, kept, days * 10)  # confirmed long ago: never touched
    deliverer = Deliverer(mailing.settings, mailing.library.db)
    try:
        assert deliverer.run_once().expired == 1
        assert deliverer.run_once().expired == 0
    finally:
        deliverer.close()
    assert _statuses(mailing) == {young: "pendiente", kept: "activa"}

    page = mailing.client.get(old_link)
    assert page.status_code == 410 and page.headers["cache-control"] == "no-store"
    assert "Solicitud vencida" in page.text and "Esta solicitud de alerta venció" in page.text
    assert f"{days} días" in page.text and "pida la alerta otra vez" in page.text
    assert mailing.client.post(old_link).status_code == 410
    assert mailing.client.post(f"{old_link}/renovar").status_code == 410
    assert len(smtp_server.wait_for(3)) == 3  # no new link went out
    stamp = old_link.rsplit("/", 1)[1].split(".")[0]  # as old, but not signed by the service
    made_up = mailing.client.get(f"/v1/alerts/confirm/{stamp}.{'B' * 22}.{'A' * 43}")
    assert made_up.status_code == 404 and "no existe" in made_up.text
    assert mailing.client.get(kept_link).status_code == 200  # "ya confirmada"


def test_past_its_days_a_request_is_gone_before_the_job_runs(
    mailing: Service, smtp_server: Inbox
) -> None:
    """Between the deadline and the job's pass, the link neither confirms nor renews."""
    alert = _subscribe(mailing, "tarde@example.org")
    smtp_server.wait_for(1)
    path = _age(mailing, alert, mailing.settings.alert_pending_days + 0.01)
    assert mailing.client.get(path).status_code == 410
    assert mailing.client.post(path).status_code == 410
    assert mailing.client.post(f"{path}/renovar").status_code == 410
    assert _statuses(mailing) == {alert: "pendiente"}


def test_an_old_link_replaced_by_a_renewed_one_does_not_say_the_alert_was_removed(
    mailing: Service, smtp_server: Inbox
) -> None:
    """A link renewed (the expired page's button) is replaced by the new one, through
    which the alert may be confirmed: opened past the days, the old link names no alert,
    and its page must not say flatly that the alert was removed (it is active)."""
    alert = _subscribe(mailing, "renovada@example.org")
    smtp_server.wait_for(1)
    days = mailing.settings.alert_pending_days
    old_link = _age(mailing, alert, days + 1)  # the first link, mailed long ago
    fresh = _age(mailing, alert, 0)  # the renewed one, which replaced it
    assert mailing.client.post(fresh).status_code == 200
    assert _statuses(mailing) == {alert: "activa"}
    page = mailing.client.get(old_link)
    assert page.status_code == 410 and "Esta solicitud de alerta venció" in page.text
    assert "no se confirmó en los" not in page.text, page.text
    assert "sigue activa" in page.text, page.text
