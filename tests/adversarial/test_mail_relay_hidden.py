"""An alert by e-mail whose confirmation cannot be sent: anyone may ask for one, with no
key, so the refusal says in Spanish to try later and nothing of the server's mail relay
(its address and port, the system's error, what the relay answered): that is the
operator's, read in the log."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.adversarial.service import open_api

RELAY_SAYS = b"554 mx-interno.cuenta-7 10.20.30.40 no acepta conexiones\r\n"


@pytest.fixture
def refusing_relay() -> Iterator[int]:
    """A real SMTP relay on 127.0.0.1 that refuses every connection with a reply naming
    itself, as relays do."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.sendall(RELAY_SAYS)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    server.close()


def _closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@pytest.mark.parametrize("relay", ["refusing", "absent"])
def test_an_unsent_confirmation_names_nothing_of_the_relay(
    tmp_path: Path, request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture, relay: str
) -> None:
    port = request.getfixturevalue("refusing_relay") if relay == "refusing" else _closed_port()
    api = open_api(
        tmp_path, smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
        public_url="https://abierto.example",
    )  # fmt: skip
    client = TestClient(create_app(api.library, api.settings), raise_server_exceptions=False)
    body = {"query": {"q": "amparo"}, "delivery": {"email": "datos@norte.mx"}}
    with caplog.at_level(logging.WARNING):
        answer = client.post("/v1/alerts", json=body)
    api.close()
    assert answer.status_code == 503, answer.text
    said = answer.text
    assert "inténtelo más tarde" in answer.json()["mensaje"]
    for secret in (str(port), "127.0.0.1", "SMTP", "Errno", "mx-interno", "10.20.30.40"):
        assert secret not in said, said
    # the operator still reads why, in the log
    assert f"{port}" in caplog.text or "mx-interno" in caplog.text
