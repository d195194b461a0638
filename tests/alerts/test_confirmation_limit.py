"""Confirmation e-mails to one address are bounded per hour: making an e-mail alert for
someone else's address and deleting it again (its token allows it) once sent a fresh
confirmation each time, ten a minute from one client, as often as anyone liked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.alerts.conftest import Service, open_mailing
from tests.services.smtp import Inbox

VICTIM = "redaccion@example.org"
PER_HOUR = 3


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server, alert_confirmations_per_hour=PER_HOUR)


def _subscribe(service: Service, address: str) -> tuple[int, dict, dict]:
    answer = service.client.post(
        "/v1/alerts", json={"query": {"q": "amparo"}, "delivery": {"email": address}}
    )
    return answer.status_code, answer.json(), dict(answer.headers)


def test_made_and_deleted_again_no_more_than_the_hourly_confirmations(
    mailing: Service, smtp_server: Inbox
) -> None:
    statuses = []
    for _ in range(PER_HOUR + 3):
        status, body, headers = _subscribe(mailing, VICTIM)
        statuses.append(status)
        if status == 201:
            token = body["manage_token"]
            gone = mailing.client.delete(
                f"/v1/alerts/{body['id']}", headers={"X-Alert-Token": token}
            )
            assert gone.status_code == 204
        else:
            assert status == 429 and int(headers["retry-after"]) > 0
            assert "hora" in body["mensaje"]
    assert statuses == [201] * PER_HOUR + [429] * 3
    smtp_server.wait_for(PER_HOUR)
    assert len(smtp_server.to(VICTIM)) == PER_HOUR
    other_status, _, _ = _subscribe(mailing, "otra@example.org")
    assert other_status == 201


def test_the_bound_counts_the_address_whatever_its_case(
    mailing: Service, smtp_server: Inbox
) -> None:
    spellings = [VICTIM, VICTIM.upper(), " Redaccion@Example.org "]
    statuses = [_subscribe(mailing, address)[0] for address in [*spellings, VICTIM]]
    assert statuses == [201, 201, 201, 429]
