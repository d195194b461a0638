"""A document published, withheld for review and published again kept the time it first
became searchable: an alert made while it was withheld (its search could not show it)
never got it. Withdrawn, it is searchable no more; published again, it is new to every
alert made before that, the ones made while it was withheld included. SQLite and a real
PostgreSQL, a real webhook receiver on 127.0.0.1."""

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


def test_a_document_published_again_reaches_the_alert_made_while_it_was_withheld(
    on_database: Service, receiver: Receiver
) -> None:
    service = on_database
    first = sentencia("50/2026", "La pensión alimenticia del menor.")
    service.library.add_document(first)
    service.library.flush()
    held = first.model_copy(update={"privacy": sentencia("50/2026", "x", withheld=True).privacy})
    service.library.add_document(held)
    service.library.flush()
    alert = webhook_alert(service, receiver.url, {"q": "pensión"})
    assert alert["matching_now"] == 0  # withheld: not in the search its owner saw
    again = first.model_copy(update={"text": "La pensión alimenticia del menor, corregida."})
    service.library.add_document(again)
    service.library.flush()
    deliver(service)
    deliver(service)
    (request,) = receiver.wait_for(1)
    assert json.loads(request.body)["document"]["id"] == first.id
    assert len(receiver.requests) == 1
