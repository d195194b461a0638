"""Self-service reader keys, end to end through a real SMTP server: the e-mail's link
shows a button (opening it confirms nothing), pressing it shows the key once, and the
key reads with the reader's limit. The answer never tells whether an address is known."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from config.settings import Settings
from indexer.db.reader_keys import ReaderKeys
from indexer.library import Library
from tests.api.read_limits import StillClock, client_from, limited_app, settings_for
from tests.services.smtp import Inbox

LINK = re.compile(r"https://lectura\.example\.org/lectores/confirmar\?t=[\w-]+")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(Settings(data_dir=tmp_path / "data"))
    yield lib
    lib.close()


def mailing(tmp_path: Path, inbox: Inbox, **extra: object) -> Settings:
    return settings_for(
        tmp_path / "data",
        smtp_host=inbox.host,
        smtp_port=inbox.port,
        smtp_security="none",
        public_url="https://lectura.example.org",
        read_limit_anonymous=3,
        read_limit_reader=9,
        **extra,
    )


def app_client(library: Library, settings: Settings, address: str = "203.0.113.20") -> TestClient:
    return client_from(limited_app(library, settings, StillClock()), address)


def link_in(inbox: Inbox, count: int) -> str:
    message = inbox.wait_for(count)[count - 1]
    text = message.get_body(("plain",)).get_content()
    found = LINK.search(text)
    assert found, text
    return found.group(0)


def test_a_reader_asks_confirms_and_reads_more(
    library: Library, tmp_path: Path, smtp_server: Inbox
) -> None:
    client = app_client(library, mailing(tmp_path, smtp_server))
    asked = client.post("/v1/reader-keys", json={"email": "Ana@Example.org", "name": "Ana"})
    assert asked.status_code == 202
    assert "enlace de confirmación" in asked.json()["mensaje"]
    link = link_in(smtp_server, 1)
    message = smtp_server.messages[0]
    assert message["To"] == "ana@example.org"
    assert message["Subject"] == "Confirme su clave de lector"
    path = link.removeprefix("https://lectura.example.org")

    for _ in range(2):  # a scanner opening the link confirms nothing
        page = client.get(path, headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "Confirmar y ver mi clave" in page.text
        assert "ear_" not in page.text
    assert ReaderKeys(library.db).list_keys() == []

    token = path.split("t=", 1)[1]
    shown = client.post("/lectores/confirmar", data={"t": token})
    assert shown.status_code == 200
    assert shown.headers["Cache-Control"] == "private, no-store"
    key = re.search(r"ear_[0-9a-f]{12}_[\w-]+", shown.text)
    assert key and "no la volveremos a mostrar" in shown.text
    [row] = ReaderKeys(library.db).list_keys()
    assert (row.email, row.name, row.origin) == ("ana@example.org", "Ana", "self-service")
    assert key.group(0) not in str(row.secret_sha256)

    again = client.post("/lectores/confirmar", data={"t": token})
    assert again.status_code == 404 and "ear_" not in again.text  # shown once
    assert client.get(path).status_code == 404

    read = client.get("/v1/search?q=x", headers={"Authorization": f"Bearer {key.group(0)}"})
    assert read.status_code == 200
    assert read.headers["RateLimit-Limit"] == "9"


def test_the_answer_does_not_tell_whether_an_address_has_a_key(
    library: Library, tmp_path: Path, smtp_server: Inbox
) -> None:
    ReaderKeys(library.db).issue("Conocida", "conocida@example.org")
    client = app_client(library, mailing(tmp_path, smtp_server))
    known = client.post("/v1/reader-keys", json={"email": "conocida@example.org", "name": "C"})
    unknown = client.post("/v1/reader-keys", json={"email": "nadie@example.org", "name": "N"})
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert len(smtp_server.wait_for(2)) == 2


def test_requests_are_limited_per_email_quietly_and_per_address_with_429(
    library: Library, tmp_path: Path, smtp_server: Inbox
) -> None:
    settings = mailing(tmp_path, smtp_server, reader_key_requests_per_hour=2)
    first = app_client(library, settings, address="203.0.113.20")
    second = app_client(library, settings, address="203.0.113.21")
    eva = {"email": "eva@example.org", "name": "Eva"}
    for client in (first, second, second):
        assert client.post("/v1/reader-keys", json=eva).status_code == 202  # the same answer
    assert len(smtp_server.wait_for(2)) == 2
    assert len(smtp_server.to("eva@example.org")) == 2  # no third e-mail to one address

    luis = first.post("/v1/reader-keys", json={"email": "luis@example.org", "name": "Luis"})
    assert luis.status_code == 202
    assert len(smtp_server.wait_for(3)) == 3
    refused = first.post("/v1/reader-keys", json={"email": "mar@example.org", "name": "Mar"})
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "3600"
    assert "intente en una hora" in refused.json()["mensaje"]
    assert smtp_server.to("mar@example.org") == []


def test_bad_requests_get_clear_answers(library: Library, tmp_path: Path) -> None:
    quiet = app_client(library, settings_for(tmp_path / "data"))
    bad = quiet.post("/v1/reader-keys", json={"email": "no es correo", "name": "X"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["mensaje"] == "no es una dirección de correo válida"
    assert quiet.post("/v1/reader-keys", json={"email": "a@example.org"}).status_code == 422
    unset = quiet.post("/v1/reader-keys", json={"email": "a@example.org", "name": "A"})
    assert unset.status_code == 503  # no SMTP server configured: said, not hidden
    assert "no envía correo" in unset.json()["mensaje"]
    assert quiet.get("/lectores/confirmar?t=inventado").status_code == 404
    assert quiet.post("/lectores/confirmar", data={"t": "inventado"}).status_code == 404


def test_a_refused_e_mail_is_a_503_that_says_so(
    library: Library, tmp_path: Path, smtp_server: Inbox
) -> None:
    smtp_server.reject.add("rebota@example.org")
    client = app_client(library, mailing(tmp_path, smtp_server))
    answer = client.post("/v1/reader-keys", json={"email": "rebota@example.org", "name": "R"})
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "300"
    assert "no pudimos enviar el correo" in answer.json()["mensaje"]
