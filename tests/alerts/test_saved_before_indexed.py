"""A crawl saves documents before the indexer makes them searchable: one saved before an
alert was made and indexed after it was in neither the search its owner was shown
(``matching_now``) nor any delivery. Every document reaches an alert's owner exactly
once: shown when the alert was made, or delivered. SQLite and a real PostgreSQL, a real
webhook receiver on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawlers.alerts.delivery import Deliverer
from tests.alerts.conftest import Receiver, Service, open_service, sentencia, webhook_alert


@pytest.fixture
def on_database(tmp_path: Path, database_url: str) -> Iterator[Service]:
    yield from open_service(tmp_path, database_url=database_url)


def deliver(service: Service) -> None:
    Deliverer(service.settings, service.library.db).run_once()


def test_a_document_saved_before_the_alert_and_indexed_after_it_is_delivered_once(
    on_database: Service, receiver: Receiver
) -> None:
    service = on_database
    shown = sentencia("30/2026", "El juez fija la pensión alimenticia del menor.")
    service.library.add_document(shown)
    service.library.flush()
    waiting = sentencia("31/2026", "La sala reduce la pensión alimenticia a la mitad.")
    service.library.add_document(waiting)  # saved by a crawl, not searchable yet
    alert = webhook_alert(service, receiver.url, {"q": "pensión"})
    assert alert["matching_now"] == 1  # the owner was shown the indexed one alone
    service.library.flush()
    service.library.db.mark_all_unindexed()  # a re-index later sends nothing more
    service.library.flush()
    deliver(service)
    deliver(service)
    (request,) = receiver.wait_for(1)
    assert json.loads(request.body)["document"]["id"] == waiting.id
    assert len(receiver.requests) == 1


def test_a_document_withheld_when_first_saved_is_delivered_once_published(
    on_database: Service, receiver: Receiver
) -> None:
    """Withheld for review, it was never searchable: published after the alert was made,
    it is new to the alert's owner."""
    service = on_database
    held = sentencia("32/2026", "La pensión alimenticia del menor CURP.", withheld=True)
    service.library.add_document(held)
    service.library.flush()
    webhook_alert(service, receiver.url, {"q": "pensión"})
    published = held.model_copy(update={"privacy": None, "text": "La pensión alimenticia."})
    service.library.add_document(published)
    service.library.flush()
    deliver(service)
    (request,) = receiver.wait_for(1)
    assert json.loads(request.body)["document"]["id"] == held.id
    assert len(receiver.requests) == 1
