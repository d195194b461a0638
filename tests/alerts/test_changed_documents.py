"""A document an alert delivered whose content then changes (a sentence's public version
replaced) arrives again, with a new idempotency key and its new text, marked as changed
(webhook: ``"changed": true``; e-mail: «documento actualizado», not «nuevo»); an unchanged
re-index, a change before the first delivery and a change that no longer matches send
nothing more. Real webhook receiver and SMTP server on 127.0.0.1, real library."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawlers.alerts.delivery import Deliverer
from tests.alerts.conftest import (
    Receiver,
    Service,
    open_mailing,
    open_service,
    sentencia,
    webhook_alert,
)
from tests.alerts.test_email import ADDRESS, confirm, subscribe, text_of
from tests.services.smtp import Inbox


@pytest.fixture
def on_database(tmp_path: Path, database_url: str) -> Iterator[Service]:
    """SQLite and a real PostgreSQL: each numbers a new match its own way."""
    yield from open_service(tmp_path, database_url=database_url)


@pytest.fixture
def mailing_on_database(tmp_path: Path, database_url: str, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server, database_url=database_url)


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
    assert first_body["changed"] is False and second_body["changed"] is True
    assert first_body.keys() == second_body.keys()


def test_an_updated_document_is_not_called_new_in_the_mail(
    mailing_on_database: Service, smtp_server: Inbox
) -> None:
    service = mailing_on_database
    subscribe(service, {"q": "pensión"})
    confirm(service, smtp_server.wait_for(1)[0])
    doc = sentencia("22/2026", "El juez fija la pensión alimenticia del menor.")
    service.library.add_document(doc)
    service.library.flush()
    deliver(service)
    first = smtp_server.wait_for(2)[1]
    assert first["To"] == ADDRESS
    assert first["Subject"] == "1 documento nuevo: «pensión»"
    assert "actualizado" not in text_of(first)
    replaced = doc.model_copy(update={"text": "Versión pública corregida: fija la pensión."})
    service.library.add_document(replaced)
    service.library.add_document(sentencia("23/2026", "Se niega la pensión compensatoria."))
    service.library.flush()
    deliver(service)
    both = smtp_server.wait_for(3)[2]
    assert both["Subject"] == "1 documento nuevo y 1 actualizado: «pensión»"
    text = text_of(both).replace("\r\n", "\n")
    assert "Hay 1 documento nuevo y 1 actualizado que coinciden con su búsqueda" in text
    entries = {entry.split("\n")[0]: entry for entry in re.split(r"\n\d+\. ", text)[1:]}
    updated = "Documento actualizado: su texto cambió desde que se lo enviamos."
    assert updated in entries["Toca 22/2026"]
    assert "actualizado" not in entries["Toca 23/2026"]
    assert "Documento actualizado" in both.get_body(("html",)).get_content()
    again = doc.model_copy(update={"text": "Segunda versión pública: fija la pensión."})
    service.library.add_document(again)
    service.library.flush()
    deliver(service)
    only = smtp_server.wait_for(4)[3]
    assert only["Subject"] == "1 documento actualizado: «pensión»"
    assert "Hay 1 documento actualizado que coincide con su búsqueda «pensión»." in text_of(only)


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
