"""The same alert path on SQLite and a real PostgreSQL: matched once at index time (not
again after a re-index), delivered once to a real receiver."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from crawlers.alerts.delivery import Deliverer
from tests.alerts.conftest import Receiver, Service, open_service, sentencia, webhook_alert


@pytest.fixture
def on_database(tmp_path: Path, database_url: str) -> Iterator[Service]:
    yield from open_service(tmp_path, database_url=database_url)


def test_an_alert_matches_once_and_is_delivered_once(
    on_database: Service, receiver: Receiver
) -> None:
    service = on_database
    alert = webhook_alert(service, receiver.url, {"q": '"pensión alimenticia"'})
    doc = sentencia("20/2026", "El juez fija la pensión alimenticia definitiva del menor.")
    service.library.add_document(doc)
    service.library.add_document(sentencia("21/2026", "Una pensión que no es alimenticia."))
    service.library.flush()
    service.library.db.mark_all_unindexed()
    service.library.flush()
    with service.library.db.engine.connect() as connection:
        rows = connection.execute(sa.text("select alert_id, document_id from alert_matches"))
        assert [tuple(r) for r in rows] == [(alert["id"], doc.id)]
    deliverer = Deliverer(service.settings, service.library.db)
    deliverer.run_once()
    deliverer.run_once()
    (request,) = receiver.wait_for(1)
    assert json.loads(request.body)["document"]["id"] == doc.id
    assert len(receiver.requests) == 1
