"""Links in e-mails carry one-time tokens (a reader key's confirmation, an alert's opt-in):
whoever opens the link holds the token. The address they point at is the service's own
(``ABIERTO_PUBLIC_URL``), never the ``Host`` a request claims: otherwise anyone could ask
for a key or an alert in a stranger's name and have the stranger's click hand the token
to a site of their choosing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from tests.services.smtp import Inbox

FORGED = {"Host": "atacante.example"}
REQUESTS = [
    ("/v1/reader-keys", {"email": "victima@example.org", "name": "Víctima"}),
    ("/v1/alerts", {"query": {"q": "amparo"}, "delivery": {"email": "victima@example.org"}}),
]


def _client(tmp_path: Path, inbox: Inbox, **extra: object) -> Iterator[TestClient]:
    settings = Settings(
        data_dir=tmp_path / "data", smtp_host=inbox.host, smtp_port=inbox.port,
        smtp_security="none", **extra,
    )  # fmt: skip
    library = Library.open(settings)
    with TestClient(create_app(library, settings)) as client:
        yield client
    library.close()


@pytest.fixture
def unset(tmp_path: Path, smtp_server: Inbox) -> Iterator[TestClient]:
    yield from _client(tmp_path, smtp_server)


@pytest.fixture
def public(tmp_path: Path, smtp_server: Inbox) -> Iterator[TestClient]:
    yield from _client(tmp_path, smtp_server, public_url="https://estadoabierto.example")


@pytest.mark.parametrize(("path", "body"), REQUESTS)
def test_without_a_public_address_no_link_is_mailed(
    unset: TestClient, smtp_server: Inbox, path: str, body: dict[str, object]
) -> None:
    before = len(smtp_server.messages)
    response = unset.post(path, json=body, headers=FORGED)
    assert response.status_code == 503, response.text
    assert "ABIERTO_PUBLIC_URL" in response.json()["mensaje"]
    time.sleep(0.5)
    assert len(smtp_server.messages) == before


@pytest.mark.parametrize(("path", "body"), REQUESTS)
def test_links_point_at_the_public_address_whatever_the_host_says(
    public: TestClient, smtp_server: Inbox, path: str, body: dict[str, object]
) -> None:
    before = len(smtp_server.messages)
    response = public.post(path, json=body, headers=FORGED)
    assert response.status_code in (201, 202), response.text
    message = smtp_server.wait_for(before + 1)[before]
    text = message.get_body(("plain",)).get_content()
    assert "https://estadoabierto.example/" in text
    assert "atacante" not in message.as_string()
