"""A management token was compared only when the alert existed: a 404 for an id that
exists came a digest and a comparison later than one for an id that does not, a few
microseconds that, averaged over many requests, tell which alert ids exist. The token
is now digested and compared for every request, against a stand-in when there is no
alert (or no token to it). Counted here through the store's real digest, over the API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import indexer.alerts.book as book_module
from tests.alerts.conftest import Service, open_mailing
from tests.services.smtp import Inbox


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server)


def test_a_token_is_checked_the_same_whether_the_alert_exists(
    mailing: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = mailing.client.post(
        "/v1/alerts", json={"query": {"q": "amparo"}, "delivery": {"email": "a@example.org"}}
    )
    assert made.status_code == 201, made.text
    digested: list[str] = []
    real = book_module.digest

    def counted(token: str) -> str:
        digested.append(token)
        return real(token)

    monkeypatch.setattr(book_module, "digest", counted)
    work = {}
    for alert_id in (made.json()["id"], "al_0000000000000000"):
        digested.clear()
        for method in ("get", "delete"):
            answer = getattr(mailing.client, method)(
                f"/v1/alerts/{alert_id}", headers={"X-Alert-Token": "adivinanza"}
            )
            assert answer.status_code == 404
        work[alert_id] = list(digested)
    assert list(work.values()) == [["adivinanza"] * 2] * 2
    right = {"X-Alert-Token": made.json()["manage_token"]}
    assert mailing.client.get(f"/v1/alerts/{made.json()['id']}", headers=right).status_code == 200
