"""An alert suspended because a newer parser refused its saved search stayed suspended for
good, even once a later version admitted that search again (a limit raised): its owner's
only way back was to make it again. And a webhook's owner was never told it was
suspended (an e-mail's was). Now the delivery loop asks the parser again, reactivates an
admitted alert from then on and tells its owner once; webhooks receive signed
``alert.suspended`` / ``alert.reactivated`` events, retried like deliveries. Each
suspension and each return is told, not only the first. Real SQLite and PostgreSQL,
Tantivy, SMTP and HTTP receivers; the parser's limit is changed as a new version would."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import indexer.stores.tantivy_store as tantivy_store
from tests.alerts.conftest import Receiver, Service, open_mailing, webhook_alert
from tests.alerts.test_email import add, confirm, deliver, link, subscribe, text_of
from tests.services.smtp import Inbox

PHRASE = '"pensión alimenticia menor"~8'  # one proximity phrase of three words


@pytest.fixture
def mailing(tmp_path: Path, database_url: str, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server, database_url=database_url)


def older_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """A version of the parser that admits no proximity phrase of three words."""
    monkeypatch.setattr(tantivy_store, "MAX_QUESTION_PHRASES", 0)


def view(service: Service, alert_id: str) -> dict:
    auth = {"Authorization": f"Bearer {service.key}"}
    answer = service.client.get(f"/v1/alerts/{alert_id}", headers=auth)
    assert answer.status_code == 200
    return answer.json()


def events(receiver: Receiver) -> list[dict]:
    return [json.loads(r.body) for r in receiver.requests]


def signed(secret: str, request: object) -> bool:
    header = request.headers["X-Abierto-Signature"]  # type: ignore[attr-defined]
    parts = dict(part.split("=", 1) for part in header.split(","))
    message = parts["t"].encode() + b"." + request.body  # type: ignore[attr-defined]
    expected = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


def test_a_webhook_is_told_of_each_suspension_and_return_signed_and_once(
    mailing: Service, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = webhook_alert(mailing, receiver.url, {"q": PHRASE})
    newer = tantivy_store.MAX_QUESTION_PHRASES
    older_parser(monkeypatch)
    add(mailing, "50/2026", "La pensión alimenticia del menor.")
    deliver(mailing)
    deliver(mailing)
    (told,) = events(receiver)
    assert told["event"] == "alert.suspended" and told["alert_id"] == made["id"]
    assert told["status"] == "suspendida"
    assert "demasiadas frases con proximidad" in told["reason"]
    assert signed(made["secret"], receiver.requests[0])
    state = view(mailing, made["id"])
    assert state["status"] == "suspendida"
    assert [d["status"] for d in state["deliveries"]] == ["aviso"]

    add(mailing, "51/2026", "Otra pensión alimenticia del menor, mientras tanto.")
    monkeypatch.setattr(tantivy_store, "MAX_QUESTION_PHRASES", newer)  # a later version
    deliver(mailing)
    deliver(mailing)
    assert [e["event"] for e in events(receiver)] == ["alert.suspended", "alert.reactivated"]
    back = events(receiver)[1]
    assert back["status"] == "activa" and back["reason"] is None and back["active_since"]
    assert signed(made["secret"], receiver.requests[1])
    state = view(mailing, made["id"])
    assert state["status"] == "activa" and state["reason"] is None
    assert state["matches"] == 0  # what was indexed while suspended is not sent as new

    add(mailing, "52/2026", "La pensión alimenticia definitiva del menor.")
    deliver(mailing)
    assert events(receiver)[2]["event"] == "alert.match"
    assert events(receiver)[2]["document"]["title"] == "Toca 52/2026"

    older_parser(monkeypatch)  # suspended again: told again, not taken as told before
    add(mailing, "53/2026", "La pensión alimenticia provisional del menor.")
    deliver(mailing)
    deliver(mailing)
    kinds = [e["event"] for e in events(receiver)]
    assert kinds == ["alert.suspended", "alert.reactivated", "alert.match", "alert.suspended"]
    keys = [r.headers["Idempotency-Key"] for r in receiver.requests]
    assert len(set(keys)) == 4


def test_a_webhook_notice_that_failed_is_retried_and_never_disables_the_alert(
    tmp_path: Path, smtp_server: Inbox, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    for service in open_mailing(tmp_path, smtp_server, alert_max_failures=2):
        made = webhook_alert(service, receiver.url, {"q": PHRASE})
        older_parser(monkeypatch)
        add(service, "60/2026", "La pensión alimenticia del menor.")
        receiver.status = 503
        deliver(service)
        time.sleep(1.1)  # the back-off after the first failure
        deliver(service)
        state = view(service, made["id"])
        assert [d["status"] for d in state["deliveries"]] == ["fallida", "fallida"]
        assert state["deliveries"][0]["http_status"] == 503
        assert state["status"] == "suspendida"  # two failures, the cap: not disabled
        receiver.status = 200
        time.sleep(2.1)
        deliver(service)
        deliver(service)
        assert len(receiver.requests) == 3
        keys = {r.headers["Idempotency-Key"] for r in receiver.requests}
        assert len(keys) == 1  # one notice, tried three times
        assert view(service, made["id"])["deliveries"][0]["status"] == "aviso"


def test_an_e_mail_owner_is_told_once_the_alert_is_back_with_a_link_to_change_it(
    mailing: Service, smtp_server: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = subscribe(mailing, {"q": PHRASE})
    confirm(mailing, smtp_server.wait_for(1)[0])
    newer = tantivy_store.MAX_QUESTION_PHRASES
    older_parser(monkeypatch)
    add(mailing, "70/2026", "La pensión alimenticia del menor.")
    deliver(mailing)
    suspended = smtp_server.wait_for(2)[1]
    assert suspended["Subject"].startswith("Su alerta ya no recibe documentos nuevos")
    assert link(suspended, "editar") == link(suspended, "unsubscribe").replace(
        "unsubscribe", "editar"
    )
    monkeypatch.setattr(tantivy_store, "MAX_QUESTION_PHRASES", newer)
    deliver(mailing)
    deliver(mailing)
    messages = smtp_server.wait_for(3)
    assert len(messages) == 3
    back = messages[2]
    assert back["Subject"] == f"Su alerta vuelve a estar activa: «{PHRASE}»"
    body = text_of(back)
    assert "Los publicados mientras estuvo suspendida no se buscaron" in body
    assert back["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    state = mailing.client.get(
        f"/v1/alerts/{made['id']}", headers={"X-Alert-Token": made["manage_token"]}
    ).json()
    assert state["status"] == "activa"
    assert [d["status"] for d in state["deliveries"]] == ["aviso-reactivada", "aviso"]


def test_an_alert_admitted_again_without_room_stays_suspended_saying_how_to_return(
    tmp_path: Path, smtp_server: Inbox, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    for service in open_mailing(tmp_path, smtp_server, alerts_per_owner=1):
        made = webhook_alert(service, receiver.url, {"q": PHRASE})
        newer = tantivy_store.MAX_QUESTION_PHRASES
        older_parser(monkeypatch)
        add(service, "80/2026", "La pensión alimenticia del menor.")
        deliver(service)
        webhook_alert(service, receiver.url, {"q": "pensión alimenticia"})  # its replacement
        monkeypatch.setattr(tantivy_store, "MAX_QUESTION_PHRASES", newer)
        deliver(service)
        state = view(service, made["id"])
        assert state["status"] == "suspendida"
        assert state["reason"].startswith("el servicio vuelve a admitir su búsqueda, pero")
        assert [e["event"] for e in events(receiver)] == ["alert.suspended"]
