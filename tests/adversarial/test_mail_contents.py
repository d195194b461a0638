"""What a stranger can put into a message the service sends to someone else's address,
through a real SMTP server: no words of theirs in a reader-key e-mail (the ``name`` was
its first line), and no header of theirs in an alert's e-mails (line breaks in the
search become spaces in the subject)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.library import Library
from tests.alerts.conftest import Service, open_mailing
from tests.alerts.test_email import add, confirm, deliver, text_of
from tests.api.test_reader_keys import app_client, library, mailing
from tests.services.smtp import Inbox

ADDRESS = "reportera@example.org"
PHISHING = "su cuenta fue suspendida; reactívela en https://malo.example/reactivar"
__all__ = ["library"]  # the reader-key tests' library fixture, reused


def test_a_reader_key_mail_carries_none_of_the_askers_words(
    library: Library, tmp_path: Path, smtp_server: Inbox
) -> None:
    client = app_client(library, mailing(tmp_path, smtp_server))
    asked = client.post("/v1/reader-keys", json={"email": "ana@example.org", "name": PHISHING})
    assert asked.status_code == 202
    (message,) = smtp_server.wait_for(1)
    body = text_of(message)
    assert body.splitlines()[0] == "Hola:" and "/lectores/confirmar?t=" in body
    assert "malo.example" not in message.as_string() and "suspendida" not in body


@pytest.fixture
def alerts(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server)


def test_line_breaks_in_an_alerts_search_add_no_header(alerts: Service, smtp_server: Inbox) -> None:
    body = {"query": {"q": "pensión\r\nBcc: intruso\r\n"}, "delivery": {"email": ADDRESS}}
    assert alerts.client.post("/v1/alerts", json=body).status_code == 201
    confirm(alerts, smtp_server.wait_for(1)[0])
    add(alerts, "31/2026", "La pensión del menor; Bcc intruso.")
    deliver(alerts)
    notice = smtp_server.wait_for(2)[1]
    assert notice["Bcc"] is None and "\n" not in notice["Subject"]
    assert notice["Subject"].startswith("1 documento nuevo: «pensión Bcc: intruso»")
    assert [str(m["To"]) for m in smtp_server.messages] == [ADDRESS] * 2
