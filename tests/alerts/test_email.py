"""E-mail alerts through a real SMTP server: double opt-in, nothing before the
confirmation, matches in natural Spanish with their permalinks, one-click unsubscribe
(RFC 8058) on every message, and digests that list a whole period (or send nothing)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import socket
from collections.abc import Iterator
from email.header import decode_header, make_header
from email.message import EmailMessage
from pathlib import Path

import pytest
import sqlalchemy as sa

from crawlers.alerts.delivery import Deliverer
from tests.alerts.conftest import Service, open_mailing, sentencia
from tests.services.smtp import Inbox

ADDRESS = "reportera@example.org"


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server)


def subscribe(service: Service, query: dict, rate: str = "inmediata") -> dict:
    answer = service.client.post(
        "/v1/alerts", json={"query": query, "delivery": {"email": ADDRESS}, "rate": rate}
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def text_of(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def link(message: EmailMessage, kind: str) -> str:
    found = re.search(rf"https://estadoabierto\.example(/v1/alerts/{kind}/\S+)", text_of(message))
    assert found, text_of(message)
    return found.group(1)


def confirm(service: Service, message: EmailMessage) -> None:
    path = link(message, "confirm")
    page = service.client.get(path)
    assert page.status_code == 200 and "Confirmar la alerta" in page.text
    assert service.client.post(path).status_code == 200


PHISHING = "Su cuenta fue bloqueada llame al 5512345678 o entre a banco-seguro.example"


def test_the_confirmation_quotes_nothing_the_requester_typed(
    mailing: Service, smtp_server: Inbox
) -> None:
    """Anyone may name any address: what they typed must not reach that inbox under our
    name. The link's page shows the search, and its button confirms (no JavaScript)."""
    query = {"q": PHISHING, "court": ["llame al 5598765432"]}
    answer = mailing.client.post(
        "/v1/alerts", json={"query": query, "delivery": {"email": ADDRESS}}
    )
    assert answer.status_code == 201, answer.text
    (mail,) = smtp_server.wait_for(1)
    whole = mail.as_string() + text_of(mail) + mail.get_body(("html",)).get_content()
    for typed in ("llame", "5512345678", "5598765432", "banco-seguro", "bloqueada"):
        assert typed not in whole
    assert "Para ver la búsqueda y confirmar la alerta" in text_of(mail)
    path = link(mail, "confirm")
    page = mailing.client.get(path)
    assert page.status_code == 200 and "5512345678" in page.text
    assert f'<form method="post" action="{path}"' in page.text
    assert "Alerta confirmada" in mailing.client.post(path).text


def deliver(service: Service) -> None:
    Deliverer(service.settings, service.library.db).run_once()


def add(service: Service, name: str, text: str, **extra: object) -> None:
    service.library.add_document(sentencia(name, text, **extra))
    service.library.flush()


def test_nothing_is_sent_until_the_address_is_confirmed(
    mailing: Service, smtp_server: Inbox
) -> None:
    alert = subscribe(mailing, {"q": "pensión alimenticia"})
    assert alert["status"] == "pendiente" and alert["manage_token"]
    (confirmation,) = smtp_server.wait_for(1)
    assert confirmation["To"] == ADDRESS
    assert confirmation["Subject"] == "Confirme su alerta de Estado Abierto"
    assert "pensión" not in text_of(confirmation)  # the search is on the link's page
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    add(mailing, "20/2026", "El juez fija la pensión alimenticia.")
    deliver(mailing)
    assert len(smtp_server.messages) == 1  # only the confirmation
    # opening the link changes nothing (mail scanners open links); the button does
    mailing.client.get(link(confirmation, "confirm"))
    token = {"X-Alert-Token": alert["manage_token"]}
    assert mailing.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()["status"] == (
        "pendiente"
    )
    confirm(mailing, confirmation)
    state = mailing.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()
    assert state["status"] == "activa"
    assert state["matches"] == 0  # what arrived meanwhile is matched by the delivery loop


def test_a_match_arrives_in_spanish_with_one_click_unsubscribe(
    mailing: Service, smtp_server: Inbox
) -> None:
    alert = subscribe(mailing, {"q": "pensión alimenticia", "matter": "familiar"})
    confirm(mailing, smtp_server.wait_for(1)[0])
    add(
        mailing,
        "21/2026",
        "Vistos los autos, el juez fija la pensión alimenticia definitiva del menor.",
        title="Toca 21/2026: pensión alimenticia",
        day=dt.date(2026, 11, 30),
    )
    add(mailing, "22/2026", "La pensión alimenticia en materia penal.", matter="penal")
    deliver(mailing)
    messages = smtp_server.wait_for(2)
    assert len(messages) == 2
    notice = messages[1]
    # the filter by its Spanish name, as the page shows it
    assert notice["Subject"] == "1 documento nuevo: «pensión alimenticia» · materia: familiar"
    body = text_of(notice)
    # one document: the verb agrees with it
    assert "Hay 1 documento nuevo que coincide con su búsqueda" in body
    assert "Toca 21/2026: pensión alimenticia" in body
    assert "30 de noviembre de 2026" in body
    assert "fija la pensión alimenticia definitiva" in body
    doc_id = sentencia("21/2026", "").id
    assert f"https://estadoabierto.example/d/{doc_id}" in body
    assert "22/2026" not in body  # penal: not this alert's filter
    html = notice.get_body(("html",)).get_content()
    assert f'href="https://estadoabierto.example/d/{doc_id}"' in html
    unsubscribe = link(notice, "unsubscribe")
    assert notice["List-Unsubscribe"] == f"<https://estadoabierto.example{unsubscribe}>"
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # what a mail program does on "unsubscribe": one POST, no page, no login
    answer = mailing.client.post(
        unsubscribe,
        content="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 200 and "Ya no recibirá" in answer.text
    token = {"X-Alert-Token": alert["manage_token"]}
    assert mailing.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()["status"] == (
        "baja"
    )
    add(mailing, "23/2026", "Otra pensión alimenticia, en materia familiar.")
    deliver(mailing)
    assert len(smtp_server.messages) == 2


def test_a_daily_digest_lists_the_period_and_an_empty_period_sends_nothing(
    mailing: Service, smtp_server: Inbox
) -> None:
    subscribe(mailing, {"q": "pensión"}, rate="diaria")
    confirm(mailing, smtp_server.wait_for(1)[0])
    add(mailing, "24/2026", "La pensión alimenticia del menor.")
    add(mailing, "25/2026", "Se reduce la pensión compensatoria.")
    deliver(mailing)
    assert len(smtp_server.messages) == 1  # the day is not over

    def day_over() -> None:
        with mailing.library.db.engine.begin() as connection:
            connection.execute(
                sa.text("update alerts set next_digest_at = :t"),
                {"t": dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)},
            )

    day_over()
    deliver(mailing)
    messages = smtp_server.wait_for(2)
    assert len(messages) == 2
    digest = messages[1]
    assert digest["Subject"].startswith("Resumen del día: 2 documentos nuevos")
    assert "Toca 24/2026" in text_of(digest) and "Toca 25/2026" in text_of(digest)
    assert "2 documentos nuevos que coinciden con su búsqueda" in text_of(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    day_over()
    deliver(mailing)
    assert len(smtp_server.messages) == 2  # nothing new that day: nothing sent


def test_a_refused_address_is_recorded_as_the_cause(mailing: Service, smtp_server: Inbox) -> None:
    alert = subscribe(mailing, {"q": "pensión"})
    confirm(mailing, smtp_server.wait_for(1)[0])
    smtp_server.reject.add(ADDRESS)
    add(mailing, "26/2026", "La pensión alimenticia del menor.")
    deliver(mailing)
    token = {"X-Alert-Token": alert["manage_token"]}
    attempt = mailing.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()
    assert attempt["deliveries"][0]["status"] == "fallida"
    assert (
        attempt["deliveries"][0]["cause"] == f"el servidor de correo rechazó la dirección {ADDRESS}"
    )
    assert attempt["undelivered"] == 1


def test_an_unreachable_relay_is_told_to_the_owner_in_spanish_naming_nothing_of_it(
    mailing: Service, smtp_server: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    """The owner of an e-mail alert read «cannot reach the SMTP server 127.0.0.1:2525:
    [Errno 111] Connection refused» in its delivery record: English, and the relay's
    address, which is the operator's (in the log)."""
    alert = subscribe(mailing, {"q": "pensión"})
    confirm(mailing, smtp_server.wait_for(1)[0])
    add(mailing, "26/2026", "La pensión alimenticia del menor.")
    with socket.create_server(("127.0.0.1", 0)) as probe:
        closed = probe.getsockname()[1]
    gone = mailing.settings.model_copy(update={"smtp_port": closed})
    with caplog.at_level(logging.WARNING):
        Deliverer(gone, mailing.library.db).run_once()
    token = {"X-Alert-Token": alert["manage_token"]}
    [attempt] = mailing.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()["deliveries"]
    assert attempt["status"] == "fallida"
    assert attempt["cause"] == "no se pudo conectar con el servidor de correo del servicio"
    assert f"127.0.0.1:{closed}" in caplog.text  # the operator still reads where and why


def test_the_management_token_reads_and_deletes_only_its_alert(
    mailing: Service, smtp_server: Inbox
) -> None:
    alert = subscribe(mailing, {"q": "pensión"})
    other = subscribe(mailing, {"q": "amparo"})
    token = {"X-Alert-Token": alert["manage_token"]}
    assert mailing.client.get(f"/v1/alerts/{other['id']}", headers=token).status_code == 404
    assert mailing.client.delete(f"/v1/alerts/{alert['id']}", headers=token).status_code == 204
    assert mailing.client.get(f"/v1/alerts/{alert['id']}", headers=token).status_code == 404
    bad = mailing.client.post(
        "/v1/alerts", json={"query": {"q": "x"}, "delivery": {"email": "no es correo"}}
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "delivery", "email"]


def test_a_long_subject_with_accents_arrives_exactly_as_written(
    mailing: Service, smtp_server: Inbox
) -> None:
    """The default header folder lost the space before «·» at an encoded word's end
    («causa»· materia») or doubled one at a fold: the subject decodes as written."""
    words = "la pensión alimenticia y la compensación económica tras el divorcio sin causa"
    subscribe(mailing, {"q": words, "matter": "familiar"})
    confirm(mailing, smtp_server.wait_for(1)[0])
    add(mailing, "23/2026", f"Vistos los autos sobre {words}.", title="Toca 23/2026")
    deliver(mailing)
    notice = smtp_server.wait_for(2)[1]
    subject = f"1 documento nuevo: «{words}» · materia: familiar"
    assert notice["Subject"] == subject
    raw = next(value for name, value in notice.raw_items() if name == "Subject")
    assert str(make_header(decode_header(raw))) == subject
