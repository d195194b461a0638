"""The delivery loop is every owner's: a pass claims the alerts with matches waiting and
sends them a few at a time (``concurrency``), and the next pass starts when the last alert
of this one is done. Reader keys are self-service, and a webhook receiver may answer each
POST as late as the delivery's deadline allows (15 s): a few such alerts of one reader,
each with its matches waiting (200 a pass), kept the loop's threads for the whole pass
and every institution's alert waited behind them. An institution's alerts (the operator
issued their keys) are claimed and sent first in each pass. Real HTTP receivers on
127.0.0.1, the real library and the real loop."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawlers.alerts.delivery import Deliverer
from indexer.db.reader_keys import ReaderKeys
from tests.alerts.conftest import Service, open_service, sentencia

SLOW_S = 0.3  # what the reader's receiver takes to answer each POST (a tarpit takes 15 s)


@pytest.fixture
def receivers() -> Iterator[tuple[str, list[str]]]:
    """One server: ``/lento/…`` answers after SLOW_S, anything else at once; the paths
    in the order their POSTs arrived."""
    arrived: list[str] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            with lock:
                arrived.append(self.path)
            if self.path.startswith("/lento"):
                time.sleep(SLOW_S)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", arrived
    finally:
        server.shutdown()
        server.server_close()


def _alert(service: Service, key: str, url: str) -> None:
    answer = service.client.post(
        "/v1/alerts",
        json={"query": {"q": "pensión"}, "delivery": {"webhook": url}},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert answer.status_code == 201, answer.text


def test_an_institutions_alert_is_not_sent_behind_a_readers_slow_ones(
    tmp_path: Path, receivers: tuple[str, list[str]]
) -> None:
    base, arrived = receivers
    for service in open_service(tmp_path):
        _, reader = ReaderKeys(service.library.db).issue("Lector", "lector@correo.example")
        for n in range(3):  # subscribed first: they were there before the institution's
            _alert(service, reader, f"{base}/lento/{n}")
        _alert(service, service.key, f"{base}/institucion")
        for n in range(4):
            service.library.add_document(sentencia(f"{n}/2026", "Se fija la pensión."))
        service.library.flush()
        Deliverer(service.settings, service.library.db, concurrency=1).run_once()
        assert len(arrived) == 16, arrived  # every match of every alert, in one pass
        # the institution's four went first, none behind the reader's twelve slow ones
        assert arrived[:4] == ["/institucion"] * 4, arrived


def _subscribed(service: Service, base: str) -> None:
    """Three slow alerts of a reader key, then the institution's; four matches each."""
    _, reader = ReaderKeys(service.library.db).issue("Lector", "lector@correo.example")
    for n in range(3):
        _alert(service, reader, f"{base}/lento/{n}")
    _alert(service, service.key, f"{base}/institucion")
    for n in range(4):
        service.library.add_document(sentencia(f"{n}/2026", "Se fija la pensión."))
    service.library.flush()


def test_an_alert_sends_for_a_bounded_time_each_pass(
    tmp_path: Path, receivers: tuple[str, list[str]]
) -> None:
    """Past its time in a pass (none here: one POST), an alert's other matches wait for
    the next pass, and the other alerts get theirs in between."""
    base, arrived = receivers
    for service in open_service(tmp_path):
        _subscribed(service, base)
        loop = Deliverer(service.settings, service.library.db, concurrency=1, alert_pass_s=0)
        loop.run_once()
        assert arrived[0] == "/institucion" and len(arrived) == 4, arrived
        assert sorted(arrived[1:]) == ["/lento/0", "/lento/1", "/lento/2"]
        for _ in range(3):
            loop.run_once()
        assert sorted(arrived) == sorted(["/institucion", "/lento/0", "/lento/1", "/lento/2"] * 4)


def test_a_pass_past_its_time_starts_no_readers_alert(
    tmp_path: Path, receivers: tuple[str, list[str]]
) -> None:
    """Past the pass's time (none here) the readers' alerts are left for the next pass;
    the institutions' are always sent."""
    base, arrived = receivers
    for service in open_service(tmp_path):
        _subscribed(service, base)
        Deliverer(service.settings, service.library.db, concurrency=1, pass_s=0).run_once()
        assert arrived == ["/institucion"] * 4
        Deliverer(service.settings, service.library.db, concurrency=1).run_once()
        assert len(arrived) == 16 and sorted(set(arrived[4:])) == [f"/lento/{n}" for n in range(3)]
