"""An address gets at most ``ABIERTO_ALERT_CONFIRMATIONS_PER_HOUR`` confirmation e-mails
an hour, and anyone without a key may ask for them: a stranger who asked that many for
an institution's address (two requests an hour here, five by default) kept the
institution itself from subscribing it, its key answered 429 hour after hour. An
institution's mails to an address are now counted apart from the strangers' (no key or
a self-service reader key, who share one count), and apart from another institution's:
each is still bounded, and none locks another out. Through a real SMTP server, on
SQLite and PostgreSQL (whose count is taken under an advisory lock of its own)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.alerts.conftest import Service, open_mailing
from tests.services.smtp import Inbox

ADDRESS = "transparencia@diario-leon.example"
PER_HOUR = 2


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox, database_url: str) -> Iterator[Service]:
    yield from open_mailing(
        tmp_path, smtp_server, alert_confirmations_per_hour=PER_HOUR, database_url=database_url
    )


def _subscribe(service: Service, key: str | None = None) -> tuple[int, dict]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    body = {"query": {"q": "amparo"}, "delivery": {"email": ADDRESS}}
    answer = service.client.post("/v1/alerts", json=body, headers=headers)
    return answer.status_code, answer.json()


def test_a_stranger_does_not_lock_an_institution_out_of_its_address(
    mailing: Service, smtp_server: Inbox
) -> None:
    strangers = [_subscribe(mailing)[0] for _ in range(PER_HOUR + 1)]
    assert strangers == [201] * PER_HOUR + [429]

    status, body = _subscribe(mailing, mailing.key)
    assert status == 201, body
    assert body["status"] == "pendiente"
    smtp_server.wait_for(PER_HOUR + 1)
    assert len(smtp_server.to(ADDRESS)) == PER_HOUR + 1


def test_each_institution_is_bounded_apart(mailing: Service, smtp_server: Inbox) -> None:
    own = [_subscribe(mailing, mailing.key) for _ in range(PER_HOUR + 1)]
    assert [status for status, _ in own] == [201] * PER_HOUR + [429]
    assert "hora" in own[-1][1]["mensaje"]
    assert _subscribe(mailing, mailing.other_key)[0] == 201
    # the institutions' mails leave the strangers' count as it was: theirs, not more
    strangers = [_subscribe(mailing)[0] for _ in range(PER_HOUR + 1)]
    assert strangers == [201] * PER_HOUR + [429]
    smtp_server.wait_for(2 * PER_HOUR + 1)
    assert len(smtp_server.to(ADDRESS)) == 2 * PER_HOUR + 1
