"""A real library (SQLite + Tantivy), the API over it, an institution's key, and a real
HTTP receiver on 127.0.0.1 that keeps every request it gets."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia, document_id
from tests.services.smtp import Inbox


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A webhook receiver: answers ``status`` (a redirect when ``location`` is set)."""

    url: str
    requests: list[Received] = field(default_factory=list)
    status: int = 200
    location: str | None = None
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.requests) >= count, timeout)
        return list(self.requests)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    box: list[Receiver] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length)
            target = box[0]
            with target.arrived:
                target.requests.append(Received(self.path, dict(self.headers.items()), body))
                target.arrived.notify_all()
            self.send_response(target.status)
            if target.location:
                self.send_header("Location", target.location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box.append(Receiver(f"http://127.0.0.1:{server.server_address[1]}/hook"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield box[0]
    finally:
        server.shutdown()
        server.server_close()


def settings_for(root: Path, **extra: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": root,
        "allow_loopback": True,
        "alert_retry_s": 0,
        "alert_rate_per_minute": 1000,
        "public_url": "https://estadoabierto.example",
    }
    return Settings(**(values | extra))


@dataclass
class Service:
    library: Library
    client: TestClient
    settings: Settings
    key: str
    other_key: str


def open_service(root: Path, **extra: object) -> Iterator[Service]:
    settings = settings_for(root, **extra)
    library = Library.open(settings, writer=True)
    registry = Registry(library.db)
    registry.add_institution("diario-leon", "Diario de León", "other", "MX-GUA")
    registry.add_institution("radio-gto", "Radio Guanajuato", "other", "MX-GUA")
    _, key = registry.issue_key("diario-leon")
    _, other = registry.issue_key("radio-gto")
    with TestClient(create_app(library, settings)) as client:
        yield Service(library, client, settings, key, other)
    library.close()


def open_mailing(root: Path, smtp: Inbox, **extra: object) -> Iterator[Service]:
    """A service that sends its mail to the test SMTP server ``smtp``."""
    yield from open_service(
        root, smtp_host=smtp.host, smtp_port=smtp.port, smtp_security="none", **extra
    )


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    yield from open_service(tmp_path)


def sentencia(
    name: str,
    text: str,
    matter: str = "familiar",
    title: str | None = None,
    withheld: bool = False,
    day: dt.date = dt.date(2026, 11, 30),
) -> Sentencia:
    privacy = None
    if withheld:
        finding = PrivacyFinding(kind="curp", start=0, end=5)
        privacy = PrivacyReport(policy="withhold", findings=[finding])
    return Sentencia(
        id=document_id("pj-gto", f"https://poderjudicial.example/{name}"),
        title=title or f"Toca {name}",
        date=day,
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://poderjudicial.example/{name}",
        text=text,
        court="Primera Sala Familiar",
        matter=matter,
        privacy=privacy,
    )


def webhook_alert(service: Service, url: str, query: dict[str, object]) -> dict[str, object]:
    answer = service.client.post(
        "/v1/alerts",
        json={"query": query, "delivery": {"webhook": url}},
        headers={"Authorization": f"Bearer {service.key}"},
    )
    assert answer.status_code == 201, answer.text
    return answer.json()
