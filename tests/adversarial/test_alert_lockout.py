"""Anyone may name an address for an e-mail alert, and an address may hold
``ABIERTO_ALERTS_PER_OWNER`` alerts. Unconfirmed ones counted, and never expire: a
stranger making a few a hour filled the cap and the address's owner could never make an
alert again (a 403). Now an address's alerts count once confirmed, and the cap is held
when one is confirmed; an address at the cap is told so by e-mail, not in the answer.
Through a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.alerts.conftest import Service, open_mailing
from tests.alerts.test_email import link
from tests.services.smtp import Inbox

VICTIM = "reportera@example.org"
CAP = 2


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(
        tmp_path, smtp_server, alerts_per_owner=CAP, alert_confirmations_per_hour=10
    )


def _subscribe(service: Service, q: str) -> int:
    body = {"query": {"q": q}, "delivery": {"email": VICTIM}}
    return service.client.post("/v1/alerts", json=body).status_code


def test_a_strangers_pending_alerts_do_not_lock_the_address_out(
    mailing: Service, smtp_server: Inbox
) -> None:
    assert [_subscribe(mailing, f"spam {n}") for n in range(CAP)] == [201] * CAP
    assert _subscribe(mailing, "pensión alimenticia") == 201  # the owner's own
    mine = smtp_server.wait_for(CAP + 1)[CAP]
    path = link(mine, "confirm")
    confirmed = mailing.client.post(path)
    assert confirmed.status_code == 200 and "activa" in confirmed.text


def test_confirming_holds_the_cap(mailing: Service, smtp_server: Inbox) -> None:
    assert [_subscribe(mailing, f"búsqueda {n}") for n in range(CAP + 1)] == [201] * (CAP + 1)
    paths = [link(m, "confirm") for m in smtp_server.wait_for(CAP + 1)]
    assert [mailing.client.post(p).status_code for p in paths] == [200] * CAP + [409]
    refused = mailing.client.post(paths[-1])
    assert "Demasiadas alertas" in refused.text and "dé de baja alguna" in refused.text
    # the confirmed ones fill the cap: the answer is the same 201 as for any address,
    # the refusal travels in the confirmation e-mail and its link is refused
    assert _subscribe(mailing, "otra") == 201
    told = smtp_server.wait_for(CAP + 2)[-1]
    assert f"ya recibe {CAP} alertas" in told.get_body(("plain",)).get_content()
    assert mailing.client.post(link(told, "confirm")).status_code == 409
