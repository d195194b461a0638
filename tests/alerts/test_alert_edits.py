"""An alert could not be changed: a journalist who wanted another search, a filter less or
a daily digest had to delete it and make it again. Now ``PATCH /v1/alerts/{id}`` (its key,
or the management token of a pending one) and the «Cambiar esta alerta» page of every
e-mail change its search or frequency, checked as a new alert's; every matcher, this
process's and another's, matches the new search from then on; ``GET /v1/alerts/{id}``
shows it. Real SQLite, Tantivy, SMTP and HTTP receivers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from indexer.alerts.matching import AlertMatcher
from tests.alerts.conftest import Receiver, Service, open_mailing, webhook_alert
from tests.alerts.test_email import add, confirm, deliver, link, subscribe, text_of
from tests.services.smtp import Inbox

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server)


def patch(service: Service, alert_id: str, body: dict, key: str | None = None) -> object:
    auth = {"Authorization": f"Bearer {key or service.key}"}
    return service.client.patch(f"/v1/alerts/{alert_id}", json=body, headers=auth)


def titles(receiver: Receiver) -> list[str]:
    return [json.loads(r.body)["document"]["title"] for r in receiver.requests]


def test_a_webhook_alert_changed_matches_its_new_search_in_every_matcher(
    mailing: Service, receiver: Receiver
) -> None:
    made = webhook_alert(mailing, receiver.url, {"q": "pensión alimenticia"})
    other_process = AlertMatcher(mailing.library.db)  # compiled before the change
    add(mailing, "10/2026", "La pensión alimenticia del menor.")
    docs = list(mailing.library.db.get_documents([_id("10/2026")]).values())
    assert other_process.match(docs) == [(made["id"], _id("10/2026"))]
    deliver(mailing)
    add(mailing, "13/2026", "La pensión alimenticia provisional.")  # pending at the change

    answer = patch(mailing, made["id"], {"query": {"q": "daño moral", "matter": "civil"}})
    assert answer.status_code == 200, answer.text  # type: ignore[attr-defined]
    shown = answer.json()  # type: ignore[attr-defined]
    assert shown["query"]["q"] == "daño moral"
    assert shown["query"]["filters"] == {"matter": ["civil"]}
    assert shown["edited_at"] and shown["status"] == "activa"

    add(mailing, "11/2026", "Otra pensión alimenticia.")
    add(mailing, "12/2026", "Se condena al pago del daño moral.", matter="civil")
    deliver(mailing)
    assert titles(receiver) == ["Toca 10/2026", "Toca 12/2026"]
    docs = list(mailing.library.db.get_documents([_id("11/2026"), _id("12/2026")]).values())
    assert other_process.match(docs) == [(made["id"], _id("12/2026"))]
    state = mailing.client.get(
        f"/v1/alerts/{made['id']}", headers={"Authorization": f"Bearer {mailing.key}"}
    ).json()
    assert state["query"]["q"] == "daño moral" and state["edited_at"] == shown["edited_at"]
    skipped = state["deliveries"][1]
    assert skipped["status"] == "omitida" and skipped["matches"] == 1
    assert skipped["cause"].startswith("la búsqueda de la alerta cambió después")


def test_a_changed_search_is_checked_as_a_new_one_and_refusals_change_nothing(
    mailing: Service, receiver: Receiver
) -> None:
    made = webhook_alert(mailing, receiver.url, {"q": "pensión"})
    refused = {
        "NOT NOT pensión": "dos negaciones seguidas",
        "x" * 5000: "admite como máximo",
    }
    for q, said in refused.items():
        answer = patch(mailing, made["id"], {"query": {"q": q}})
        assert answer.status_code == 422  # type: ignore[attr-defined]
        assert said in answer.text  # type: ignore[attr-defined]
    answer = patch(mailing, made["id"], {"query": {"q": "x", "color": "rojo"}})
    assert answer.status_code == 422  # type: ignore[attr-defined]
    answer = patch(mailing, made["id"], {"rate": "diaria"})
    assert answer.status_code == 422  # type: ignore[attr-defined]
    assert "use rate=inmediata" in answer.text  # type: ignore[attr-defined]
    answer = patch(mailing, made["id"], {})
    assert answer.status_code == 422  # type: ignore[attr-defined]
    answer = patch(mailing, made["id"], {"delivery": {"webhook": "https://otro.example/"}})
    assert answer.status_code == 422  # type: ignore[attr-defined]
    # another institution's key does not learn the alert exists
    answer = patch(mailing, made["id"], {"query": {"q": "daño"}}, key=mailing.other_key)
    assert answer.status_code == 404  # type: ignore[attr-defined]
    state = mailing.client.get(
        f"/v1/alerts/{made['id']}", headers={"Authorization": f"Bearer {mailing.key}"}
    ).json()
    assert state["query"]["q"] == "pensión" and state["edited_at"] is None


def test_an_e_mail_alert_is_changed_by_its_mailbox_through_the_link_of_its_mails(
    mailing: Service, smtp_server: Inbox
) -> None:
    made = subscribe(mailing, {"q": "pensión alimenticia"})
    token = {"X-Alert-Token": made["manage_token"]}
    # pending: its maker may still change it (the confirmation page shows it as it is)
    answer = mailing.client.patch(
        f"/v1/alerts/{made['id']}", json={"query": {"q": "pensión"}}, headers=token
    )
    assert answer.status_code == 200, answer.text
    confirmation = smtp_server.wait_for(1)[0]
    page = mailing.client.get(link(confirmation, "confirm"))
    assert "«pensión»" in page.text
    confirm(mailing, confirmation)
    # confirmed: the address chose what it receives; its maker no longer changes it
    answer = mailing.client.patch(
        f"/v1/alerts/{made['id']}", json={"query": {"q": "daño"}}, headers=token
    )
    assert answer.status_code == 409
    assert "Cambiar esta alerta" in answer.json()["mensaje"]

    add(mailing, "20/2026", "La pensión alimenticia del menor.")
    deliver(mailing)
    matched = smtp_server.wait_for(2)[1]
    assert "Para cambiar su búsqueda o su frecuencia:" in text_of(matched)
    edit = link(matched, "editar")
    form = mailing.client.get(edit)
    assert form.status_code == 200 and "Guardar los cambios" in form.text
    assert 'value="pensión"' in form.text
    before = mailing.client.get(f"/v1/alerts/{made['id']}", headers=token).json()
    assert before["query"]["q"] == "pensión"  # opening the link changed nothing

    bad = mailing.client.post(edit, content=urlencode({"q": "NOT NOT daño"}), headers=FORM)
    assert bad.status_code == 422 and "dos negaciones seguidas" in bad.text
    assert 'value="NOT NOT daño"' in bad.text  # what was typed, to correct it
    body = urlencode({"q": "daño moral", "matter": "civil", "rate": "diaria"})
    saved = mailing.client.post(edit, content=body, headers=FORM)
    assert saved.status_code == 200 and "Alerta cambiada" in saved.text
    assert "una vez al día" in saved.text
    state = mailing.client.get(f"/v1/alerts/{made['id']}", headers=token).json()
    assert state["query"]["q"] == "daño moral" and state["rate"] == "diaria"
    assert state["query"]["filters"] == {"matter": ["civil"]}
    assert state["status"] == "activa" and state["edited_at"] > before["edited_at"]

    # a tampered link changes nothing; one of an unsubscribed alert neither
    tampered = edit[:-3] + ("AAA" if not edit.endswith("AAA") else "BBB")
    assert mailing.client.get(tampered).status_code == 404
    assert mailing.client.post(tampered, content=body, headers=FORM).status_code == 404
    assert mailing.client.post(link(matched, "unsubscribe")).status_code == 200
    assert mailing.client.post(edit, content=body, headers=FORM).status_code == 410
    assert mailing.client.get(edit).status_code == 410


def test_a_suspended_alert_given_an_admitted_search_is_active_again(
    mailing: Service, smtp_server: Inbox
) -> None:
    from tests.alerts.test_refused_searches import kept_as_before

    made = subscribe(mailing, {"q": "pensión alimenticia"})
    confirm(mailing, smtp_server.wait_for(1)[0])
    kept_as_before(mailing, made["id"], "NOT NOT pensión alimenticia")
    add(mailing, "30/2026", "La pensión alimenticia del menor.")
    deliver(mailing)
    notice = smtp_server.wait_for(2)[1]
    edit = link(notice, "editar")
    saved = mailing.client.post(edit, content=urlencode({"q": "pensión"}), headers=FORM)
    assert saved.status_code == 200 and "Desde ahora recibirá" in saved.text
    add(mailing, "31/2026", "La pensión compensatoria.")
    deliver(mailing)
    arrived = smtp_server.wait_for(3)
    assert arrived[2]["Subject"] == "1 documento nuevo: «pensión»"
    assert "Toca 31/2026" in text_of(arrived[2]) and "Toca 30/2026" not in text_of(arrived[2])


def _id(name: str) -> str:
    from indexer.models import document_id

    return document_id("pj-gto", f"https://poderjudicial.example/{name}")


def test_a_hostile_form_is_a_page_in_spanish_never_a_500(
    mailing: Service, smtp_server: Inbox
) -> None:
    subscribe(mailing, {"q": "pensión"})
    confirmation = smtp_server.wait_for(1)[0]
    confirm(mailing, confirmation)
    header = confirmation["List-Unsubscribe"].strip("<>")
    edit = header.removeprefix("https://estadoabierto.example").replace("unsubscribe", "editar")
    hostile = [
        ({"q": "pensión", "rate": "cada-segundo"}, "inmediata, diaria o semanal"),
        ({"q": "pensión", "matter": [f"m{i}" for i in range(300)]}, "como máximo 50"),
        ({"q": "pensión", "date_from": "ayer"}, "fecha"),
        ({"q": "a" * 100_000}, ""),
    ]
    for fields, said in hostile:
        answer = mailing.client.post(edit, content=urlencode(fields, doseq=True), headers=FORM)
        assert answer.status_code in (413, 422), (fields, answer.status_code)
        assert said in answer.text
    page = mailing.client.get(edit)
    assert 'value="pensión"' in page.text  # nothing was changed
