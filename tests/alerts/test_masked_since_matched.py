"""A match is sent later than it is found (a digest, a receiver that was down): a
document masked meanwhile by a privacy review (the name an alert asked for now ``****``)
no longer goes out to that alert, which would tell its reader the document named them;
one whose masked text still answers the alert goes out as it is now."""

from __future__ import annotations

import time

from crawlers.alerts.delivery import CHANGED_SINCE, Deliverer
from tests.alerts.conftest import Receiver, Service, sentencia, webhook_alert

NAME = "Rogelio Villaseñor Ortega"


def _text(name: str) -> str:
    return f"El juez fija la pensión alimenticia que reclama {name} para el menor."


def test_a_document_masked_since_it_matched_is_not_sent_for_the_name(
    service: Service, receiver: Receiver
) -> None:
    by_name = webhook_alert(service, receiver.url, {"q": "Villaseñor"})
    by_words = webhook_alert(service, receiver.url, {"q": "pensión alimenticia"})
    service.library.add_document(sentencia("10/2026", _text(NAME)))
    service.library.flush()
    service.library.add_document(sentencia("10/2026", _text("****")))  # the review
    service.library.flush()
    Deliverer(service.settings, service.library.db).run_once()
    time.sleep(0.3)
    sent = [r for r in receiver.requests]
    said = b"".join(r.body for r in sent).decode()
    assert "Villaseñor" not in said
    assert [r.headers["Idempotency-Key"].split(":")[0] for r in sent] == [by_words["id"]]
    assert "****" in said
    state = service.client.get(
        f"/v1/alerts/{by_name['id']}", headers={"Authorization": f"Bearer {service.key}"}
    ).json()
    assert state["undelivered"] == 0
    assert state["deliveries"][0]["status"] == "omitida"
    # the owner reads why, in Spanish: the document changed (not that it was withheld)
    assert state["deliveries"][0]["cause"] == CHANGED_SINCE
    assert "cambió" in CHANGED_SINCE
