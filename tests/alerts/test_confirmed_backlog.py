"""An e-mail alert waits for its owner to confirm it (minutes, or days): the documents
made searchable meanwhile were neither in the search shown when it was asked for nor ever
sent. Confirmed, it says so and sends them with its first delivery, once; what its owner
was shown when asking is not sent. SQLite and a real PostgreSQL, a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.alerts.conftest import Service, open_mailing
from tests.alerts.test_email import add, deliver, link, subscribe, text_of
from tests.services.smtp import Inbox


@pytest.fixture
def mailing(tmp_path: Path, database_url: str, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server, database_url=database_url)


def test_what_arrived_before_the_confirmation_is_sent_once_after_it(
    mailing: Service, smtp_server: Inbox
) -> None:
    add(mailing, "70/2026", "La pensión alimenticia que ya estaba publicada.")
    alert = subscribe(mailing, {"q": "pensión alimenticia"})
    assert alert["matching_now"] == 1
    confirmation = smtp_server.wait_for(1)[0]
    add(mailing, "71/2026", "El juez fija la pensión alimenticia mientras tanto.")
    deliver(mailing)  # pending: nothing sent
    assert len(smtp_server.messages) == 1
    path = link(confirmation, "confirm")
    page = mailing.client.post(path)
    assert page.status_code == 200 and "Alerta confirmada" in page.text
    assert "los documentos de esta búsqueda que se publicaron desde que la pidió" in page.text
    add(mailing, "72/2026", "La pensión alimenticia después de confirmar.")
    deliver(mailing)
    deliver(mailing)
    (_, sent) = smtp_server.wait_for(2)  # both in its first message
    assert "Hay 2 documentos nuevos" in text_of(sent)
    assert "71/2026" in text_of(sent) and "72/2026" in text_of(sent)
    assert "70/2026" not in text_of(sent)  # shown when it was asked for
    again = mailing.client.post(path)  # the link followed again: nothing more owed
    assert "desde que la pidió" not in again.text
    deliver(mailing)
    assert len(smtp_server.messages) == 2
