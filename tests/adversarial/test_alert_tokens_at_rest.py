"""Whoever reads a dump or a backup of the database must not be able to end someone
else's e-mail alert. The unsubscribe link's token was stored as it was mailed, so one
SELECT gave every subscriber's one-click «darse de baja». Now the database keeps only its
SHA-256; the mails carry a link signed under a secret of the data folder, and alerts made
before keep working: their stored tokens are hashed on open and their old links still end
them."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
import sqlalchemy as sa

from indexer.alerts.links import LINKS_FILE
from indexer.db import Database
from tests.alerts.conftest import Service, open_mailing
from tests.services.smtp import Inbox

ADDRESS = "subscriptora@example.org"
ONE_CLICK = {
    "content": "List-Unsubscribe=One-Click",
    "headers": {"Content-Type": "application/x-www-form-urlencoded"},
}


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server)


def _unsubscribe_path(message: EmailMessage) -> str:
    header = message["List-Unsubscribe"]
    found = re.fullmatch(r"<https://estadoabierto\.example(/v1/alerts/unsubscribe/(\S+))>", header)
    assert found, header
    return found.group(1)


def _subscribe(service: Service, smtp: Inbox) -> tuple[dict, str]:
    answer = service.client.post(
        "/v1/alerts", json={"query": {"q": "pensión"}, "delivery": {"email": ADDRESS}}
    )
    assert answer.status_code == 201, answer.text
    (mail,) = smtp.wait_for(1)
    return answer.json(), _unsubscribe_path(mail)


def _stored(service: Service) -> list[str]:
    """Every value of every alert row, as a dump would show it."""
    with service.library.db.engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT * FROM alerts")).all()
    return [str(value) for row in rows for value in row]


def _status(service: Service, alert: dict) -> str:
    token = {"X-Alert-Token": alert["manage_token"]}
    return service.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()["status"]


def test_the_database_holds_no_token_that_ends_the_alert(
    mailing: Service, smtp_server: Inbox
) -> None:
    alert, path = _subscribe(mailing, smtp_server)
    token = path.rsplit("/", 1)[1]
    assert not any(token in value for value in _stored(mailing))
    # a stored value tried as the link ends nothing
    for value in _stored(mailing):
        if re.fullmatch(r"[A-Za-z0-9_.-]{20,100}", value):
            tried = mailing.client.post(f"/v1/alerts/unsubscribe/{value}", **ONE_CLICK)
            assert tried.status_code == 404, value
    assert _status(mailing, alert) == "pendiente"
    # a link naming the alert with another signature ends nothing either
    forged = f"{token.split('.')[0]}.{secrets.token_urlsafe(32)[:43]}"
    assert mailing.client.post(f"/v1/alerts/unsubscribe/{forged}", **ONE_CLICK).status_code == 404
    answer = mailing.client.post(path, **ONE_CLICK)
    assert answer.status_code == 200 and "Ya no recibirá" in answer.text
    assert _status(mailing, alert) == "baja"


def test_an_alert_stored_with_a_plain_token_is_hashed_and_its_old_link_still_works(
    mailing: Service, smtp_server: Inbox
) -> None:
    alert, _ = _subscribe(mailing, smtp_server)
    old = secrets.token_urlsafe(24)  # what the old code stored and mailed
    with mailing.library.db.engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE alerts SET unsubscribe_token = :t WHERE id = :i"),
            {"t": old, "i": alert["id"]},
        )
    Database(mailing.settings.database).close()  # a restart of the new code
    assert not any(old in value for value in _stored(mailing))
    page = mailing.client.get(f"/v1/alerts/unsubscribe/{old}")
    assert page.status_code == 200, page.text
    assert mailing.client.post(f"/v1/alerts/unsubscribe/{old}", **ONE_CLICK).status_code == 200
    assert _status(mailing, alert) == "baja"


def test_a_link_mailed_before_the_folder_secret_was_lost_still_ends_the_alert(
    mailing: Service, smtp_server: Inbox
) -> None:
    """A restore brings the database, not the data folder's secret: links already in
    inboxes keep working through the hash the database keeps."""
    alert, path = _subscribe(mailing, smtp_server)
    (mailing.settings.data_dir / LINKS_FILE).unlink()
    answer = mailing.client.post(path, **ONE_CLICK)
    assert answer.status_code == 200 and "Ya no recibirá" in answer.text
    assert _status(mailing, alert) == "baja"
