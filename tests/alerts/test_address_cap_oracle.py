"""Asking for an e-mail alert without a key answered 403 once the address already
received as many alerts as allowed, and 201 before: anyone could learn, for any
address, that it subscribes and how many alerts it holds. The answer is now the same
for every address; the refusal travels in the confirmation e-mail, to the address's
owner alone, and confirming past the limit is refused. Nobody exceeds the limit, and an
address at it gets no more mail than any other (its hourly budget of confirmations).

The real API and store, a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.alerts import AlertBook
from tests.alerts.conftest import Service, open_mailing
from tests.services.smtp import Inbox

FULL = "lleno@example.org"
FRESH = "nuevo@example.org"
CAP = 2
PER_HOUR = 4


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(
        tmp_path, smtp_server, alerts_per_owner=CAP, alert_confirmations_per_hour=PER_HOUR,
        alert_confirmations_per_requester=100,
    )  # fmt: skip


def _subscribe(service: Service, address: str) -> tuple[int, dict]:
    answer = service.client.post(
        "/v1/alerts", json={"query": {"q": "amparo"}, "delivery": {"email": address}}
    )
    return answer.status_code, answer.json()


def _text(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def _mails(smtp: Inbox, address: str, count: int) -> list[EmailMessage]:
    smtp.wait_for(len(smtp.messages) + 1, timeout=0.5)  # any still on its way
    mails = smtp.to(address)
    assert len(mails) == count, [_text(m) for m in mails]
    return mails


def _link(message: EmailMessage) -> str:
    found = re.search(r"https://estadoabierto\.example(/v1/alerts/confirm/\S+)", _text(message))
    assert found, _text(message)
    return found.group(1)


def _confirm(service: Service, message: EmailMessage) -> int:
    return service.client.post(_link(message)).status_code


def _shape(body: dict, address: str) -> dict:
    """The answer with what differs between any two alerts left out."""
    kept = {k: v for k, v in body.items() if k not in ("id", "manage_token", "created_at")}
    return kept | {"mensaje": body["mensaje"].replace(address, "@"), "target": None}


def test_an_address_at_its_limit_gets_the_answer_any_address_gets(
    mailing: Service, smtp_server: Inbox
) -> None:
    for n in range(CAP):
        assert _subscribe(mailing, FULL)[0] == 201
        assert _confirm(mailing, _mails(smtp_server, FULL, n + 1)[n]) == 200
    book = AlertBook(mailing.library.db)
    assert book.count_for(f"email:{FULL}", confirmed_only=True) == CAP

    full_status, full = _subscribe(mailing, FULL)
    fresh_status, fresh = _subscribe(mailing, FRESH)
    assert full_status == fresh_status == 201, full
    assert _shape(full, FULL) == _shape(fresh, FRESH)
    assert set(full) == set(fresh) and full["status"] == "pendiente"

    told = _text(_mails(smtp_server, FULL, CAP + 1)[-1])
    assert f"ya recibe {CAP} alertas" in told  # said to the address's owner alone
    assert "ya recibe" not in _text(_mails(smtp_server, FRESH, 1)[0])
    assert _confirm(mailing, _mails(smtp_server, FULL, CAP + 1)[-1]) == 409
    assert book.count_for(f"email:{FULL}", confirmed_only=True) == CAP

    # no more mail to the full address than to any other: the same hourly budget
    statuses = {address: [_subscribe(mailing, address)[0] for _ in range(4)]
                for address in (FULL, FRESH)}  # fmt: skip
    assert statuses == {FULL: [201, 429, 429, 429], FRESH: [201, 201, 201, 429]}
    assert len(_mails(smtp_server, FULL, PER_HOUR)) == PER_HOUR


RACERS = 12


def _race(clients: list[TestClient], links: list[str]) -> list[int]:
    """Every link followed at once, alternately on each API process."""
    start = threading.Barrier(len(links))
    statuses: list[int] = []

    def confirm(n: int) -> None:
        start.wait()
        statuses.append(clients[n % 2].post(links[n]).status_code)

    racers = [threading.Thread(target=confirm, args=(n,)) for n in range(len(links))]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(60)
    return statuses


def test_links_followed_at_once_confirm_no_more_than_the_limit(
    tmp_path: Path, smtp_server: Inbox
) -> None:
    """An address's pending alerts count once confirmed, and now any number of them may
    wait: their links followed at once, on two API processes, stop at the limit (the
    check and the confirmation were two steps: each link saw room)."""
    for service in open_mailing(
        tmp_path, smtp_server, alerts_per_owner=CAP, alert_confirmations_per_hour=100,
        alert_confirmations_per_requester=1000,
    ):  # fmt: skip
        clients = [TestClient(create_app(service.library, service.settings)) for _ in range(2)]
        for round_ in range(3):
            address = f"carrera{round_}@example.org"
            for _ in range(RACERS):
                assert _subscribe(service, address)[0] == 201
            links = [_link(m) for m in _mails(smtp_server, address, RACERS)]
            statuses = _race(clients, links)
            confirmed = AlertBook(service.library.db).count_for(f"email:{address}", True)
            assert (confirmed, sorted(statuses)) == (CAP, [200] * CAP + [409] * (RACERS - CAP))
        for client in clients:
            client.close()
