"""Webhooks: each match arrives as JSON signed the documented way, at least once with its
idempotency key; failures are retried later, and after too many the alert is disabled
with its reason; the crawler's address rules hold at registration and at delivery."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import sqlalchemy as sa

from crawlers.alerts.delivery import Deliverer
from tests.alerts.conftest import Receiver, Service, open_service, sentencia, webhook_alert

TOLERANCE_S = 300


def verify(secret: str, header: str, body: bytes) -> bool:
    """What a receiver does (the README's recipe): split t= and v1=, recompute the HMAC
    over "{t}.{body}", compare in constant time, refuse a stale timestamp."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    expected = hmac.new(
        secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    fresh = abs(time.time() - int(parts["t"])) <= TOLERANCE_S
    return fresh and hmac.compare_digest(expected, parts["v1"])


def deliver(service: Service) -> None:
    Deliverer(service.settings, service.library.db).run_once()


def view(service: Service, alert_id: str) -> dict:
    answer = service.client.get(
        f"/v1/alerts/{alert_id}", headers={"Authorization": f"Bearer {service.key}"}
    )
    assert answer.status_code == 200
    return answer.json()


def test_a_match_arrives_signed_and_a_receiver_can_verify_it(
    service: Service, receiver: Receiver
) -> None:
    alert = webhook_alert(service, receiver.url, {"q": "pensión", "matter": "familiar"})
    doc = sentencia("10/2026", "El juez fija la pensión alimenticia definitiva del menor.")
    service.library.add_document(doc)
    service.library.flush()
    deliver(service)
    (request,) = receiver.wait_for(1)
    assert request.path == "/hook"
    signature = request.headers["X-Abierto-Signature"]
    assert verify(alert["secret"], signature, request.body)
    assert not verify("whsec_otro", signature, request.body)
    assert not verify(alert["secret"], signature, request.body + b" ")
    payload = json.loads(request.body)
    assert payload["event"] == "alert.match"
    assert payload["alert_id"] == alert["id"]
    assert request.headers["Idempotency-Key"] == f"{alert['id']}:{payload['match_id']}"
    document = payload["document"]
    assert document["id"] == doc.id
    assert document["title"] == doc.title
    assert document["date"] == "2026-11-30"
    assert "pensión alimenticia" in document["snippet"]
    assert document["permalink"] == f"https://estadoabierto.example/d/{doc.id}"
    state = view(service, alert["id"])
    assert (state["matches"], state["undelivered"]) == (1, 0)
    assert state["deliveries"][0]["status"] == "entregada"
    deliver(service)  # delivered once: nothing more to send
    time.sleep(0.3)
    assert len(receiver.requests) == 1


def test_a_failing_receiver_is_retried_and_finally_disabled_with_the_reason(
    tmp_path: Path, receiver: Receiver
) -> None:
    for service in open_service(tmp_path, alert_max_failures=3, alert_retry_s=60):
        alert = webhook_alert(service, receiver.url, {"q": "pensión"})
        receiver.status = 500
        service.library.add_document(sentencia("11/2026", "pensión alimenticia"))
        service.library.flush()
        deliver(service)
        state = view(service, alert["id"])
        assert state["status"] == "activa"
        assert state["consecutive_failures"] == 1
        assert state["deliveries"][0]["cause"] == (
            "el servidor del webhook respondió con el error HTTP 500"
        )
        deliver(service)  # backing off: no attempt before next_attempt_at
        assert len(receiver.requests) == 1
        for failure in (2, 3):
            with service.library.db.engine.begin() as connection:
                connection.execute(sa.text("update alerts set next_attempt_at = null"))
            attempted = dt.datetime.now(dt.UTC)
            deliver(service)
            delivered = dt.datetime.now(dt.UTC)
            state = view(service, alert["id"])
            if failure == 2:  # the wait doubled: 60 s after the first failure, now 120 s
                # counted from the failure, some moment of the delivery (which can take
                # seconds on a loaded machine: the next attempt is then past attempted + 121 s)
                next_at = dt.datetime.fromisoformat(state["next_attempt_at"])
                twice = dt.timedelta(seconds=120)
                assert attempted + twice <= next_at <= delivered + twice, (attempted, next_at)
        assert len(receiver.requests) == 3
        assert state["status"] == "desactivada"
        assert "3 entregas fallidas" in state["reason"]
        assert "HTTP 500" in state["reason"]
        receiver.status = 200
        with service.library.db.engine.begin() as connection:
            connection.execute(sa.text("update alerts set next_attempt_at = null"))
        deliver(service)
        assert len(receiver.requests) == 3  # a disabled alert is not delivered


def test_a_redirect_is_not_followed(service: Service, receiver: Receiver) -> None:
    alert = webhook_alert(service, receiver.url, {"q": "pensión"})
    receiver.status, receiver.location = 307, receiver.url.replace("/hook", "/elsewhere")
    service.library.add_document(sentencia("12/2026", "pensión alimenticia"))
    service.library.flush()
    deliver(service)
    assert [r.path for r in receiver.requests] == ["/hook"]
    attempt = view(service, alert["id"])["deliveries"][0]
    assert attempt["status"] == "fallida"
    assert attempt["cause"] == "el webhook redirige a otra dirección (HTTP 307): no se sigue"


def test_forbidden_addresses_are_refused_at_registration(service: Service) -> None:
    for url in ("http://10.0.0.7/hook", "http://169.254.169.254/latest", "ftp://x.example/"):
        answer = service.client.post(
            "/v1/alerts",
            json={"query": {"q": "pensión"}, "delivery": {"webhook": url}},
            headers={"Authorization": f"Bearer {service.key}"},
        )
        assert answer.status_code == 422, url
        (error,) = answer.json()["detail"]
        assert error["loc"] == ["body", "delivery", "webhook"]
        assert error["mensaje"].startswith("no se admite esa dirección de webhook")


def test_the_address_is_checked_again_at_delivery(tmp_path: Path, receiver: Receiver) -> None:
    for service in open_service(tmp_path):
        alert = webhook_alert(service, receiver.url, {"q": "pensión"})
        service.library.add_document(sentencia("13/2026", "pensión alimenticia"))
        service.library.flush()
        strict = service.settings.model_copy(update={"allow_loopback": False})
        Deliverer(strict, service.library.db).run_once()
        assert receiver.requests == []
        cause = view(service, alert["id"])["deliveries"][0]["cause"]
        assert cause == "la dirección del webhook no está permitida (red privada o local)"


def test_a_webhook_needs_a_key(service: Service, receiver: Receiver) -> None:
    answer = service.client.post(
        "/v1/alerts", json={"query": {"q": "pensión"}, "delivery": {"webhook": receiver.url}}
    )
    assert answer.status_code == 401


def test_the_delivery_loop_sends_new_matches_while_it_runs(
    service: Service, receiver: Receiver
) -> None:
    alert = webhook_alert(service, receiver.url, {"q": "pensión"})
    stop = threading.Event()
    loop = threading.Thread(
        target=Deliverer(service.settings, service.library.db).run, args=(stop, 0.1)
    )
    loop.start()
    try:
        for n in range(3):
            service.library.add_document(sentencia(f"5{n}/2026", "pensión alimenticia"))
            service.library.flush()
        arrived = receiver.wait_for(3)
    finally:
        stop.set()
        loop.join(timeout=30)
    assert not loop.is_alive()
    assert sorted(json.loads(r.body)["alert_id"] for r in arrived) == [alert["id"]] * 3


def test_a_worker_run_once_ends_with_a_delivery_pass(service: Service, receiver: Receiver) -> None:
    """Cron runs ``abierto worker --once``: what was matched goes out before it exits."""
    from crawlers.worker import Worker

    alert = webhook_alert(service, receiver.url, {"q": "pensión"})
    service.library.add_document(sentencia("60/2026", "pensión alimenticia"))
    service.library.flush()
    Worker(service.settings, name="w-cron").run(once=True, poll_s=0.1)
    (request,) = receiver.wait_for(1)
    assert json.loads(request.body)["alert_id"] == alert["id"]
    assert view(service, alert["id"])["undelivered"] == 0
    Worker(service.settings, name="w-cron", deliver_alerts=False).run(once=True, poll_s=0.1)
    service.library.add_document(sentencia("61/2026", "pensión compensatoria"))
    service.library.flush()
    Worker(service.settings, name="w-cron", deliver_alerts=False).run(once=True, poll_s=0.1)
    assert view(service, alert["id"])["undelivered"] == 1
    assert len(receiver.requests) == 1


def test_a_receiver_trickling_its_answer_fails_at_the_deadline_and_is_retried(
    tmp_path: Path,
) -> None:
    class Trickler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            with contextlib.suppress(OSError):
                for byte in b"HTTP/1.1 200 OK\r\nX-Relleno: " + b"x" * 200:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.5)  # each byte well within a read's 10 s
            self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        for service in open_service(tmp_path, alert_webhook_deadline_s=2, alert_retry_s=60):
            alert = webhook_alert(service, url, {"q": "pensión"})
            service.library.add_document(sentencia("12/2026", "pensión alimenticia"))
            service.library.flush()
            started = time.monotonic()
            attempted = dt.datetime.now(dt.UTC)
            deliver(service)
            delivered = dt.datetime.now(dt.UTC)
            # the 2 s deadline, far from the 100 s the trickle lasts (a loaded machine's
            # delivery takes seconds more: matching, the database)
            assert time.monotonic() - started < 30
            state = view(service, alert["id"])
            assert (state["status"], state["undelivered"]) == ("activa", 1)
            assert state["consecutive_failures"] == 1
            assert state["deliveries"][0]["status"] != "entregada"
            assert state["deliveries"][0]["cause"] == (
                "el servidor del webhook no terminó de responder en 2 s"
            )
            next_at = dt.datetime.fromisoformat(state["next_attempt_at"])
            retry = dt.timedelta(seconds=60)
            assert attempted + retry <= next_at <= delivered + retry, (attempted, next_at)
    finally:
        server.shutdown()
        server.server_close()
