"""Why a webhook delivery failed, as the alert's owner reads it (``GET /v1/alerts/{id}``,
its delivery record and, once disabled, its reason): it said «address refused: 127.0.0.1
resolves to a loopback address», «the receiver answered HTTP 500», «cannot reach the
receiver: ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] …», English and with the
server's own details. Each class of failure now reads in Spanish, naming no address the
server's resolver gave; the English one stays in the operator's log."""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import logging
import socket
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from crawlers.alerts import webhook
from crawlers.alerts.delivery import Deliverer
from tests.alerts.conftest import Receiver, Service, open_service, sentencia, webhook_alert


def _view(service: Service, alert_id: str) -> dict:
    answer = service.client.get(
        f"/v1/alerts/{alert_id}", headers={"Authorization": f"Bearer {service.key}"}
    )
    assert answer.status_code == 200
    return answer.json()


def _failed_once(service: Service, url: str, number: str) -> dict:
    """An alert posting to ``url``, one delivery attempted: the alert as its owner reads it
    (disabled at its first failure, ``alert_max_failures=1``)."""
    alert = webhook_alert(service, url, {"q": "pensión"})
    service.library.add_document(sentencia(number, "pensión alimenticia"))
    service.library.flush()
    Deliverer(service.settings, service.library.db).run_once()
    state = _view(service, str(alert["id"]))
    assert state["deliveries"][0]["status"] == "fallida"
    assert state["status"] == "desactivada"
    return state


def _said(state: dict) -> str:
    """The delivery's cause, checked to be the disabled alert's reason's last part."""
    cause = state["deliveries"][0]["cause"]
    assert state["reason"] == f"desactivada tras una entrega fallida; la última: {cause}"
    return cause


@pytest.fixture
def strict(tmp_path: Path) -> Iterator[Service]:
    yield from open_service(tmp_path, alert_max_failures=1)


@contextlib.contextmanager
def _serving(handler: type[BaseHTTPRequestHandler], tls: ssl.SSLContext | None = None):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_an_error_answer_reads_in_spanish(strict: Service, receiver: Receiver) -> None:
    receiver.status = 500
    state = _failed_once(strict, receiver.url, "70/2026")
    assert _said(state) == "el servidor del webhook respondió con el error HTTP 500"
    assert state["deliveries"][0]["http_status"] == 500


def test_a_redirect_reads_in_spanish(strict: Service, receiver: Receiver) -> None:
    receiver.status, receiver.location = 307, "http://10.0.0.9/interno"
    state = _failed_once(strict, receiver.url, "71/2026")
    assert _said(state) == "el webhook redirige a otra dirección (HTTP 307): no se sigue"
    assert [r.path for r in receiver.requests] == ["/hook"]


def test_an_address_refused_at_delivery_names_no_address(
    tmp_path: Path, receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    for service in open_service(tmp_path, alert_max_failures=1):
        alert = webhook_alert(service, receiver.url, {"q": "pensión"})
        service.library.add_document(sentencia("72/2026", "pensión alimenticia"))
        service.library.flush()
        strict = service.settings.model_copy(update={"allow_loopback": False})
        with caplog.at_level(logging.WARNING, logger="crawlers.alerts.delivery"):
            Deliverer(strict, service.library.db).run_once()
        assert receiver.requests == []
        state = _view(service, str(alert["id"]))
        said = _said(state)
        assert said == "la dirección del webhook no está permitida (red privada o local)"
        assert "127.0.0.1" not in said
        # the operator still reads what was refused, in the log
        assert "address refused" in caplog.text and "loopback" in caplog.text


def test_a_name_that_does_not_resolve_reads_in_spanish(strict: Service, receiver: Receiver) -> None:
    alert = webhook_alert(strict, receiver.url, {"q": "pensión"})
    missing = "http://nombre-que-no-existe.invalid/hook"
    with strict.library.db.engine.begin() as connection:  # as if its DNS was removed since
        connection.execute(sa.text("update alerts set target = :t"), {"t": missing})
    strict.library.add_document(sentencia("73/2026", "pensión alimenticia"))
    strict.library.flush()
    Deliverer(strict.settings, strict.library.db).run_once()
    said = _said(_view(strict, str(alert["id"])))
    # or, on a machine whose resolver stays silent, that it did not answer in time
    assert said == (
        "el nombre «nombre-que-no-existe.invalid» del webhook no se resuelve a una dirección "
        "pública"
    ) or said.startswith("el servidor de nombres (DNS) de «nombre-que-no-existe.invalid» no ")


def test_a_receiver_that_does_not_answer_reads_in_spanish(
    strict: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webhook, "TIMEOUT_S", 1.0)  # each read's; the delivery has 15 s
    answer = threading.Event()

    class Silent(_Quiet):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            answer.wait(60)  # until the test ends
            self.close_connection = True

    with _serving(Silent) as port:
        try:
            state = _failed_once(strict, f"http://127.0.0.1:{port}/hook", "74/2026")
        finally:
            answer.set()
    assert _said(state) == "el servidor del webhook no respondió en 1 s"


def test_a_receiver_that_closes_without_answering_reads_in_spanish(strict: Service) -> None:
    class Closer(_Quiet):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            self.close_connection = True  # no status line at all

    with _serving(Closer) as port:
        state = _failed_once(strict, f"http://127.0.0.1:{port}/hook", "75/2026")
    assert _said(state) == "el servidor del webhook cerró la conexión sin responder"


def test_a_refused_connection_reads_in_spanish(strict: Service, receiver: Receiver) -> None:
    alert = webhook_alert(strict, receiver.url, {"q": "pensión"})
    with socket.socket() as free:  # a port nothing listens on (bound, never listening)
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
        with strict.library.db.engine.begin() as connection:
            connection.execute(
                sa.text("update alerts set target = :t"), {"t": f"http://127.0.0.1:{port}/hook"}
            )
        strict.library.add_document(sentencia("76/2026", "pensión alimenticia"))
        strict.library.flush()
        Deliverer(strict.settings, strict.library.db).run_once()
    said = _said(_view(strict, str(alert["id"])))
    assert said == "el servidor del webhook rechazó la conexión"


def _self_signed(folder: Path) -> ssl.SSLContext:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


def test_an_untrusted_certificate_reads_in_spanish(strict: Service, tmp_path: Path) -> None:
    class Accepting(_Quiet):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    with _serving(Accepting, _self_signed(tmp_path)) as port:
        state = _failed_once(strict, f"https://127.0.0.1:{port}/hook", "77/2026")
    assert _said(state) == "certificado TLS no válido en el servidor del webhook: es autofirmado"
