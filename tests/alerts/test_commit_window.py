"""The embedded index publishes what a flush wrote only at its next commit, up to
``COMMIT_SECONDS`` later. A document matched as it was written went out before any
search could find it, and an alert made in that window, its search not showing the
document, never got it. Now a match goes out once its document is searchable, and an
alert made before the commit gets it, once; one made after it saw it. Real Tantivy on
SQLite and on a real PostgreSQL, a real webhook receiver on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawlers.alerts.delivery import Deliverer
from indexer.stores import tantivy_store
from tests.alerts.conftest import Receiver, Service, open_service, sentencia, webhook_alert


@pytest.fixture
def slow_commits(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Service]:
    """A crawl's flushes that commit only when told to (a waiting flush)."""
    monkeypatch.setattr(tantivy_store, "COMMIT_SECONDS", 3600.0)
    monkeypatch.setattr(tantivy_store, "QUIET_DOCS", 0)
    yield from open_service(tmp_path, database_url=database_url)


def deliver(service: Service) -> None:
    Deliverer(service.settings, service.library.db).run_once()


def searched(service: Service, q: str) -> int:
    answer = service.client.get("/v1/search", params={"q": q})
    assert answer.status_code == 200, answer.text
    return answer.json()["total"]


def ids_of(receiver: Receiver) -> list[str]:
    return [json.loads(r.body)["document"]["id"] for r in receiver.requests]


def test_nothing_goes_out_before_the_document_is_searchable(
    slow_commits: Service, receiver: Receiver
) -> None:
    service = slow_commits
    webhook_alert(service, receiver.url, {"q": "pensión"})
    doc = sentencia("40/2026", "La sala fija la pensión alimenticia del menor.")
    service.library.add_document(doc)
    service.library.flush(wait=False)  # written, not committed
    assert searched(service, "pensión") == 0
    deliver(service)
    assert receiver.requests == []
    service.library.flush()  # the commit
    assert searched(service, "pensión") == 1
    deliver(service)
    deliver(service)
    receiver.wait_for(1)
    assert ids_of(receiver) == [doc.id]


def test_an_alert_made_while_the_document_waited_for_the_commit_gets_it_once(
    slow_commits: Service, receiver: Receiver
) -> None:
    service = slow_commits
    doc = sentencia("41/2026", "La sala reduce la pensión alimenticia a la mitad.")
    service.library.add_document(doc)
    service.library.flush(wait=False)  # matched against no alert, not committed
    alert = webhook_alert(service, receiver.url, {"q": "pensión"})
    assert alert["matching_now"] == 0  # its owner was not shown it
    service.library.flush()
    deliver(service)
    deliver(service)
    receiver.wait_for(1)
    assert ids_of(receiver) == [doc.id]


def test_an_alert_made_after_the_commit_is_not_sent_what_it_was_shown(
    slow_commits: Service, receiver: Receiver
) -> None:
    service = slow_commits
    doc = sentencia("42/2026", "La pensión alimenticia se confirma.")
    service.library.add_document(doc)
    service.library.flush(wait=False)
    service.library.flush()
    alert = webhook_alert(service, receiver.url, {"q": "pensión"})
    assert alert["matching_now"] == 1
    later = sentencia("43/2026", "Otra pensión alimenticia.")
    service.library.add_document(later)
    service.library.flush()
    deliver(service)
    receiver.wait_for(1)
    assert ids_of(receiver) == [later.id]


def test_a_document_pending_when_the_index_is_rebuilt_reaches_the_alerts(
    slow_commits: Service, receiver: Receiver
) -> None:
    """``abierto reindex`` writes the pending documents too, and settles them: they were
    searchable after it, and matched against no alert."""
    service = slow_commits
    webhook_alert(service, receiver.url, {"q": "pensión"})
    doc = sentencia("44/2026", "La pensión alimenticia del menor.")
    service.library.add_document(doc)  # saved, not flushed
    service.library.reindex()
    assert searched(service, "pensión") == 1
    deliver(service)
    deliver(service)
    receiver.wait_for(1)
    assert ids_of(receiver) == [doc.id]


def test_a_document_withheld_during_a_rebuild_is_new_to_alerts_once_published(
    slow_commits: Service, receiver: Receiver
) -> None:
    """A rebuild reads a withheld document and leaves it out: it is not searchable, and
    once published it reaches the alerts made meanwhile."""
    service = slow_commits
    held = sentencia("45/2026", "La pensión alimenticia CURP.", withheld=True)
    service.library.add_document(held)
    service.library.reindex()
    webhook_alert(service, receiver.url, {"q": "pensión"})
    published = held.model_copy(update={"privacy": None, "text": "La pensión alimenticia."})
    service.library.add_document(published)
    service.library.flush()
    deliver(service)
    receiver.wait_for(1)
    assert ids_of(receiver) == [held.id]


def test_a_document_saved_again_before_the_commit_is_searchable_from_that_commit(
    slow_commits: Service, receiver: Receiver
) -> None:
    """Saved again while its first version waited for the commit (its new content queued
    anew, no longer claimed): the commit published it all the same. An alert made after
    it, whose search showed it, is not sent it when the new content is indexed."""
    service = slow_commits
    doc = sentencia("46/2026", "La pensión alimenticia del menor.")
    service.library.add_document(doc)
    service.library.flush(wait=False)
    service.library.add_document(doc.model_copy(update={"text": "La pensión alimenticia."}))
    service.library.hand_over()  # commits what it wrote, indexes nothing more
    service.library.take_back()
    alert = webhook_alert(service, receiver.url, {"q": "pensión"})
    assert alert["matching_now"] == 1
    service.library.flush()
    deliver(service)
    deliver(service)
    assert receiver.requests == []
