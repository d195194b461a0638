"""An alert whose saved search a newer parser refuses (kept from when an older one admitted
it: «NOT NOT pensión», «+-pensión», «!pensión»…) was skipped in silence: the matcher logged
a warning, its owner received nothing, and ``GET /v1/alerts/{id}`` still said «activa». It
is now ``suspendida`` with the parser's own reason, its owner is told once by e-mail what
to do, and its pages say so; a new alert with the search corrected matches again. On
SQLite and PostgreSQL, through the real SMTP server and real HTTP of the API."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

import indexer.alerts.matching as matching
from indexer.alerts.matching import AlertMatcher
from indexer.db.alert_tables import AlertRow
from indexer.spanish import date_words
from tests.alerts.conftest import Service, open_mailing
from tests.alerts.test_email import ADDRESS, add, confirm, deliver, link, subscribe, text_of
from tests.services.smtp import Inbox

OLD_SEARCHES = {
    "NOT NOT pensión alimenticia": "dos negaciones seguidas",
    "+-pensión alimenticia": "«+» (exigir) y «-» (excluir) juntos se contradicen",
    "!pensión alimenticia": "«!» no es un operador aquí",
    # a proximity cost the question may no longer ask in all (``MAX_QUESTION_PHRASES``)
    " OR ".join(f'"pensión alimenticia {w}"~8' for w in ("menor", "madre", "padre")): (
        "demasiadas frases con proximidad"
    ),
}


@pytest.fixture
def mailing(tmp_path: Path, database_url: str, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server, database_url=database_url)


def kept_as_before(service: Service, alert_id: str, q: str) -> None:
    """The search as an older parser let it be saved."""
    saved = {"q": q, "filters": {}, "date_from": None, "date_to": None}
    with service.library.db.engine.begin() as connection:
        connection.execute(sa.update(AlertRow).where(AlertRow.id == alert_id).values(query=saved))


def test_a_refused_search_suspends_the_alert_and_its_owner_is_told_once(
    mailing: Service, smtp_server: Inbox
) -> None:
    old = "NOT NOT pensión alimenticia"
    alert = subscribe(mailing, {"q": "pensión alimenticia"})
    confirmation = smtp_server.wait_for(1)[0]
    confirm(mailing, confirmation)
    kept_as_before(mailing, alert["id"], old)
    add(mailing, "30/2026", "El juez fija la pensión alimenticia definitiva.")
    deliver(mailing)
    add(mailing, "31/2026", "Otra pensión alimenticia provisional.")
    deliver(mailing)
    deliver(mailing)

    messages = smtp_server.wait_for(2)
    assert len(messages) == 2  # the confirmation and one notice, whatever the batches
    notice = messages[1]
    assert notice["Subject"] == f"Su alerta ya no recibe documentos nuevos: «{old}»"
    body = text_of(notice)
    today = date_words(dt.datetime.now(dt.UTC).date(), weekday=False)
    assert f"Su alerta de la búsqueda «{old}» ya no recibe documentos nuevos." in body
    assert f"Desde el {today} el servicio ya no admite su búsqueda" in body
    assert "Motivo: «NOT NOT»: dos negaciones seguidas" in body
    assert "Cambie su búsqueda (con el enlace «Cambiar esta alerta» de sus correos" in body
    assert "https://estadoabierto.example/buscar" in body
    unsubscribe = link(notice, "unsubscribe")
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    token = {"X-Alert-Token": alert["manage_token"]}
    state = mailing.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()
    assert state["status"] == "suspendida"
    assert state["reason"].startswith(f"desde el {today} el servicio ya no admite su búsqueda")
    assert "Motivo: «NOT NOT»: dos negaciones seguidas" in state["reason"]
    assert state["matches"] == 0 and state["next_attempt_at"] is None
    assert [d["status"] for d in state["deliveries"]] == ["aviso"]

    # its confirmation link's page says so too, in words
    page = mailing.client.get(link(confirmation, "confirm"), headers={"Accept": "text/html"})
    assert "<h1>Alerta suspendida</h1>" in page.text
    assert f"está suspendida: desde el {today} el servicio ya no admite" in page.text

    # the notice's link ends it
    assert "Se dio de baja" in mailing.client.post(unsubscribe).text

    # the search corrected, as a new alert: it matches again
    again = subscribe(mailing, {"q": "pensión alimenticia"})
    confirm(mailing, smtp_server.wait_for(3)[2])
    add(mailing, "32/2026", "La pensión alimenticia se eleva al treinta por ciento.")
    deliver(mailing)
    matched = smtp_server.wait_for(4)[3]
    assert matched["Subject"] == "1 documento nuevo: «pensión alimenticia»"
    state = mailing.client.get(
        f"/v1/alerts/{again['id']}", headers={"X-Alert-Token": again["manage_token"]}
    ).json()
    assert state["status"] == "activa" and state["matches"] == 1


def parsed(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every saved search the matcher reads, counted."""
    seen: list[dict] = []
    real = matching.search_of

    def counting(saved: dict, limit: int = 100):  # type: ignore[no-untyped-def]
        seen.append(saved)
        return real(saved, limit)

    monkeypatch.setattr(matching, "search_of", counting)
    return seen


@pytest.mark.parametrize("old", list(OLD_SEARCHES))
def test_a_suspended_search_is_not_read_again_by_any_matcher(
    mailing: Service, smtp_server: Inbox, monkeypatch: pytest.MonkeyPatch, old: str
) -> None:
    alert = subscribe(mailing, {"q": "pensión alimenticia"})
    confirm(mailing, smtp_server.wait_for(1)[0])
    kept_as_before(mailing, alert["id"], old)
    seen = parsed(monkeypatch)
    add(mailing, "40/2026", "La pensión alimenticia del menor.")
    assert [s["q"] for s in seen] == [old]
    add(mailing, "41/2026", "La pensión alimenticia de la madre.")
    # a matcher of another process (the delivery loop's, a restarted worker's) neither
    docs = list(mailing.library.db.get_documents(_ids(mailing)).values())
    assert len(docs) == 2
    assert AlertMatcher(mailing.library.db).match(docs) == []
    assert [s["q"] for s in seen] == [old]
    token = {"X-Alert-Token": alert["manage_token"]}
    state = mailing.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()
    assert state["status"] == "suspendida"
    assert OLD_SEARCHES[old] in state["reason"]


def _ids(service: Service) -> list[str]:
    with service.library.db.engine.connect() as connection:
        return [row[0] for row in connection.execute(sa.text("select id from documents"))]


@pytest.mark.parametrize("old", list(OLD_SEARCHES))
def test_a_new_alert_with_a_refused_search_is_refused_with_the_same_words(
    mailing: Service, smtp_server: Inbox, old: str
) -> None:
    answer = mailing.client.post(
        "/v1/alerts", json={"query": {"q": old}, "delivery": {"email": "otra@example.org"}}
    )
    assert answer.status_code == 422, answer.text
    assert OLD_SEARCHES[old] in answer.text
    assert smtp_server.messages == []


def test_a_suspended_alert_leaves_room_for_the_one_that_replaces_it(
    tmp_path: Path, smtp_server: Inbox
) -> None:
    """At the address's cap and the service's, the owner follows the notice's advice: the
    new alert is confirmed and matches (the suspended one, counted, refused it)."""
    for full in open_mailing(tmp_path, smtp_server, alerts_per_owner=1, alerts_total=1):
        alert = subscribe(full, {"q": "pensión alimenticia"})
        confirm(full, smtp_server.wait_for(1)[0])
        kept_as_before(full, alert["id"], "+-pensión alimenticia")
        add(full, "50/2026", "La pensión alimenticia del menor.")
        deliver(full)
        assert "«+» (exigir) y «-» (excluir)" in text_of(smtp_server.wait_for(2)[1])
        again = subscribe(full, {"q": "pensión alimenticia"})
        confirmation = smtp_server.wait_for(3)[2]
        assert "ya recibe" not in text_of(confirmation)
        path = link(confirmation, "confirm")
        assert "Alerta confirmada" in full.client.post(path).text
        add(full, "51/2026", "La pensión alimenticia de la madre.")
        deliver(full)
        assert smtp_server.wait_for(4)[3]["Subject"] == "1 documento nuevo: «pensión alimenticia»"
        token = {"X-Alert-Token": again["manage_token"]}
        assert full.client.get(f"/v1/alerts/{again['id']}", headers=token).json()["matches"] == 1


def test_a_notice_the_mail_server_refused_is_retried_later_and_sent_once(
    tmp_path: Path, smtp_server: Inbox
) -> None:
    for service in open_mailing(tmp_path, smtp_server):
        alert = subscribe(service, {"q": "pensión alimenticia"})
        confirm(service, smtp_server.wait_for(1)[0])
        kept_as_before(service, alert["id"], "!pensión alimenticia")
        smtp_server.reject.add(ADDRESS)
        add(service, "60/2026", "La pensión alimenticia del menor.")
        deliver(service)
        deliver(service)  # its next try waits: not one attempt per pass
        token = {"X-Alert-Token": alert["manage_token"]}
        state = service.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()
        assert state["status"] == "suspendida"  # a failed notice disables nothing
        assert [d["status"] for d in state["deliveries"]] == ["fallida"]
        assert state["deliveries"][0]["cause"]
        assert len(smtp_server.messages) == 1
        smtp_server.reject.clear()
        with service.library.db.engine.begin() as connection:  # its time comes
            connection.execute(sa.update(AlertRow).values(next_attempt_at=None))
        deliver(service)
        deliver(service)
        assert len(smtp_server.wait_for(2)) == 2
        assert "«!» no es un operador aquí" in text_of(smtp_server.messages[1])
        state = service.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()
        assert [d["status"] for d in state["deliveries"]] == ["aviso", "fallida"]


def test_a_pending_alert_whose_search_is_no_longer_admitted_is_not_confirmed(
    tmp_path: Path, smtp_server: Inbox
) -> None:
    """Asked for under an older parser, confirmed under this one: its page says why it
    cannot be confirmed instead of a button that would start an alert matching nothing."""
    for service in open_mailing(tmp_path, smtp_server):
        alert = subscribe(service, {"q": "pensión alimenticia"})
        kept_as_before(service, alert["id"], "NOT NOT pensión alimenticia")
        path = link(smtp_server.wait_for(1)[0], "confirm")
        for page in (service.client.get(path), service.client.post(path)):
            assert page.status_code == 409
            assert "<h1>Búsqueda no admitida</h1>" in page.text
            assert "Motivo: «NOT NOT»: dos negaciones seguidas" in page.text
            assert "pida una alerta nueva con la búsqueda corregida" in page.text
            assert "<form" not in page.text
        token = {"X-Alert-Token": alert["manage_token"]}
        state = service.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()
        assert state["status"] == "pendiente"


def test_a_pending_alert_whose_search_is_refused_links_to_its_correction(
    tmp_path: Path, smtp_server: Inbox
) -> None:
    """Its page offered no way forward but a new request: it links (a plain link, no
    script) to the alert's own edit page; corrected there, the same link confirms it."""
    for service in open_mailing(tmp_path, smtp_server):
        alert = subscribe(service, {"q": "pensión alimenticia"})
        kept_as_before(service, alert["id"], "NOT NOT pensión alimenticia")
        path = link(smtp_server.wait_for(1)[0], "confirm")
        page = service.client.get(path)
        assert page.status_code == 409
        found = re.search(
            r'<a href="(/v1/alerts/editar/[^"]+)">Corregir la búsqueda</a>', page.text
        )
        assert found, page.text
        assert "corrija la búsqueda con el enlace de abajo" in page.text
        form = service.client.get(found.group(1))
        assert form.status_code == 200 and "<form" in form.text
        saved = service.client.post(
            found.group(1),
            content="q=pensi%C3%B3n+alimenticia&rate=inmediata",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert saved.status_code == 200, saved.text
        assert "confirme la alerta con el enlace del correo" in saved.text
        assert service.client.get(path).status_code == 200
        confirmed = service.client.post(path)
        assert confirmed.status_code == 200 and "Alerta confirmada" in confirmed.text
        token = {"X-Alert-Token": alert["manage_token"]}
        state = service.client.get(f"/v1/alerts/{alert['id']}", headers=token).json()
        assert state["status"] == "activa"
