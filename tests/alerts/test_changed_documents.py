"""A document an alert delivered whose content then changes (a sentence's public version
replaced) arrives again, with a new idempotency key and its new text; an unchanged
re-index, a change before the first delivery and a change that no longer matches send
nothing more. Real webhook receiver on 127.0.0.1, real library."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawlers.alerts.delivery import Deliverer
from tests.alerts.conftest import Receiver, Service, open_service, sentencia, webhook_alert


@pytest.fixture
def on_database(tmp_path: Path, database_url: str) -> Iterator[Service]:
    """SQLite and a real PostgreSQL: each numbers a new match its own way."""
    yield from open_service(tmp_path, database_url=database_url)


def deliver(service: Service) -> None:
    Deliverer(service.settings, service.library.db).run_once()


def test_a_delivered_sentence_whose_public_version_changes_arrives_again(
    on_database: Service, receiver: Receiver
) -> None:
    service = on_database
    webhook_alert(service, receiver.url, {"q": "pensión"})
    doc = sentencia("20/2026", "El juez fija la pensión alimenticia del menor.")
    service.library.add_document(doc)
    service.library.flush()
    deliver(service)
    (first,) = receiver.wait_for(1)
    service.library.db.mark_all_unindexed()  # a re-index, the same content: nothing
    service.library.flush()
    deliver(service)
    assert len(receiver.requests) == 1
    replaced = doc.model_copy(
        update={"text": "Versión pública corregida: el juez fija la pensión alimenticia."}
    )
    service.library.add_document(replaced)
    service.library.flush()
    deliver(service)
    first_body, second_body = (json.loads(r.body) for r in receiver.wait_for(2))
    assert first_body == json.loads(first.body)
    assert second_body["document"]["id"] == doc.id
    assert second_body["match_id"] != first_body["match_id"]
    assert "corregida" in second_body["document"]["snippet"]


def test_a_change_that_no_longer_matches_or_comes_before_delivery_sends_once(
    service: Service, receiver: Receiver
) -> None:
    webhook_alert(service, receiver.url, {"q": "pensión"})
    doc = sentencia("21/2026", "La pensión alimenticia se confirma.")
    service.library.add_document(doc)
    service.library.flush()
    early = doc.model_copy(update={"text": "La pensión alimenticia se confirma en definitiva."})
    service.library.add_document(early)  # changed before its first delivery
    service.library.flush()
    deliver(service)
    (only,) = receiver.wait_for(1)
    assert "definitiva" in json.loads(only.body)["document"]["snippet"]
    gone = doc.model_copy(update={"text": "Se confirma la resolución sobre alimentos."})
    service.library.add_document(gone)  # no longer says «pensión»
    service.library.flush()
    deliver(service)
    assert len(receiver.requests) == 1
