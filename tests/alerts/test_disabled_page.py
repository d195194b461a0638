"""An e-mail alert disabled after its deliveries failed: its confirmation link, opened
again, said «está desactivada: desactivada tras 5 entregas fallidas seguidas; la última:
cannot reach the SMTP server mx-interno.ejemplo:25: …», the mail relay's name and its
English error, on a page anyone with the link reads. It now says in Spanish what happened
and what to do; the reason itself is read by the alert's owner alone, through its token
(``GET /v1/alerts/{id}``), and the relay's details only in the operator's log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.alerts.conftest import Service, open_mailing
from tests.alerts.test_email import confirm, link, subscribe
from tests.services.smtp import Inbox

RELAY_SAID = (
    "desactivada tras 5 entregas fallidas seguidas; la última: cannot reach the SMTP "
    "server mx-interno.ejemplo:25: [Errno 111] Connection refused"
)


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server)


def test_a_disabled_alert_page_says_what_happened_in_spanish(
    mailing: Service, smtp_server: Inbox
) -> None:
    subscribe(mailing, {"q": "pensión alimenticia"})
    message = smtp_server.wait_for(1)[0]
    confirm(mailing, message)
    with mailing.library.db.engine.begin() as connection:
        connection.execute(
            sa.text("update alerts set status = 'desactivada', failures = 5, reason = :r"),
            {"r": RELAY_SAID},
        )
    page = mailing.client.get(link(message, "confirm"), headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "<h1>Alerta desactivada</h1>" in page.text
    assert "se desactivó tras 5 entregas fallidas seguidas: ya no recibirá sus avisos" in (
        page.text
    )
    assert "SMTP" not in page.text and "mx-interno" not in page.text
    assert "Connection refused" not in page.text
