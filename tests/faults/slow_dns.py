"""Run inside fresh mount and network namespaces (``unshare -mn``): the system resolver
of this process alone is pointed at a DNS server on 127.0.0.1:53 that answers some names
at once, one late and never the ``*.lento.example`` ones; then real requests go to the
real app (and the webhook sender's address check) and what each took is printed as JSON.
Run with the checkout to test first on ``sys.path`` (the old code's times are measured
the same way)."""

from __future__ import annotations

import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# glibc's longest wait (30 s a try, 5 tries): a lookup of a silent name keeps its place in
# the pool for the whole run. With glibc's defaults (5 s, 2 tries) the first one gave its
# place back 10 s in, and on a loaded machine steps 1-9 take longer than that (the first
# request alone took 1.8-2.8 s at load 12-18): the "server full" step then found a free
# place and answered 422 after the deadline instead of the 503 it checks
RESOLV_CONF = "nameserver 127.0.0.1\noptions timeout:30 attempts:5\n"
ANSWERS = {"rapido.example": "93.184.216.34", "privado.example": "10.0.0.1"}
LATE = {"tarde.example": (0.4, "93.184.216.35")}
STEP_LIMIT_S = float(os.environ.get("STEP_LIMIT_S", "12"))


def _name(packet: bytes) -> tuple[str, int]:
    labels, at = [], 12
    while packet[at]:
        length = packet[at]
        labels.append(packet[at + 1 : at + 1 + length].decode("ascii"))
        at += 1 + length
    return ".".join(labels).lower(), at + 1


def _reply(query: bytes, address: str | None, found: bool) -> bytes:
    """An answer to ``query``: an A record, an empty NOERROR (an AAAA query), NXDOMAIN."""
    _, end = _name(query)
    question = query[12 : end + 4]
    qtype = struct.unpack("!H", query[end : end + 2])[0]
    answer = b""
    if found and address is not None and qtype == 1:
        answer = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + socket.inet_aton(address)
    flags = 0x8180 if found else 0x8183
    header = query[:2] + struct.pack("!HHHHH", flags, 1, 1 if answer else 0, 0, 0)
    return header + question + answer


def serve_dns(sock: socket.socket) -> None:
    while True:
        query, peer = sock.recvfrom(512)
        name, _ = _name(query)
        if name.endswith("lento.example"):
            continue  # a DNS server that never answers
        if name in LATE:
            delay, address = LATE[name]
            reply = _reply(query, address, True)
            threading.Timer(delay, sock.sendto, (reply, peer)).start()
            continue
        sock.sendto(_reply(query, ANSWERS.get(name), name in ANSWERS), peer)


def sandbox() -> None:
    """Loopback up, this namespace's /etc/resolv.conf pointed at 127.0.0.1, DNS served."""
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    conf = Path(tempfile.mkdtemp()) / "resolv.conf"
    conf.write_text(RESOLV_CONF)
    subprocess.run(["mount", "--bind", str(conf), "/etc/resolv.conf"], check=True)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 53))
    threading.Thread(target=serve_dns, args=(sock,), daemon=True).start()


def in_flight() -> int | None:
    """Host-name lookups holding a place in the pool (None before the pool existed)."""
    try:
        from crawlers import lookups
    except ImportError:
        return None
    pool = getattr(lookups, "LOOKUPS", None)
    return getattr(pool, "_in_flight", None)


def timed(step: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """What a step answered and how long it took; ``hung`` past STEP_LIMIT_S; how many
    lookups held a place when it began (``in_flight``)."""
    done: dict[str, Any] = {"in_flight": in_flight()}
    started = time.monotonic()

    def run() -> None:
        try:
            done.update(step())
        except Exception as exc:  # reported, not raised: the caller judges
            done.update(error=f"{type(exc).__name__}: {exc}", cause=getattr(exc, "cause", None))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(STEP_LIMIT_S)
    seconds = round(time.monotonic() - started, 2)
    return done | {"seconds": seconds, "hung": thread.is_alive()}


def deliveries() -> dict[str, Any]:
    """A reader key's webhook alerts whose names answered when subscribed and then went
    silent (the reader's own DNS server), delivered in one pass; then an institution's
    alert, on a receiver here (``local.example``), in the next pass."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from sqlalchemy import update

    from crawlers.alerts.delivery import Deliverer
    from indexer.db.alert_tables import AlertRow
    from indexer.db.reader_keys import ReaderKeys
    from tests.alerts.conftest import open_service, sentencia

    paths: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            paths.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ANSWERS["local.example"] = "127.0.0.1"
    base = f"http://local.example:{server.server_address[1]}"
    service = next(
        open_service(
            Path(tempfile.mkdtemp()),
            dns_timeout_s=1.0,
            dns_max_lookups=7,
            dns_lookups_per_institution=3,
        )
    )
    client, db = service.client, service.library.db

    def subscribe(key: str, query: str, url: str) -> str:
        body = {"query": {"q": query}, "delivery": {"webhook": url}}
        made = client.post("/v1/alerts", json=body, headers={"Authorization": f"Bearer {key}"})
        assert made.status_code == 201, made.text
        return str(made.json()["id"])

    _, reader = ReaderKeys(db).issue("Lector", "lector@correo.example")
    for n in range(7):
        alert_id = subscribe(reader, "agua", f"{base}/lector/{n}")
        with db.session() as s, s.begin():  # its name then went silent
            target = f"http://r{n}.lento.example/hook"
            s.execute(update(AlertRow).where(AlertRow.id == alert_id).values(target=target))
    own = subscribe(service.key, "pensión", f"{base}/institucion")
    service.library.add_document(sentencia("1/2026", "Derecho al agua potable."))
    service.library.flush()
    loop = Deliverer(service.settings, db, concurrency=8)
    loop.run_once()  # the reader's
    service.library.add_document(sentencia("2/2026", "Se fija la pensión alimenticia."))
    service.library.flush()
    loop.run_once()  # the institution's
    auth = {"Authorization": f"Bearer {service.key}"}
    return {"paths": paths, "institution": client.get(f"/v1/alerts/{own}", headers=auth).json()}


def main() -> None:
    sandbox()
    if sys.argv[1:] == ["deliveries"]:
        print(json.dumps(deliveries(), default=str), flush=True)
        os._exit(0)
    from fastapi.testclient import TestClient

    from crawlers.fetch import pinned_target
    from tests.api.test_sources import make_service, spec

    service = make_service(
        Path(tempfile.mkdtemp()),
        dns_timeout_s=1.0,
        dns_max_lookups=7,
        dns_lookups_per_institution=3,
        alert_rate_per_minute=1000,
        public_url="https://estadoabierto.example",
    )
    client: TestClient = service.client

    def answer(response: Any) -> dict[str, Any]:
        return {
            "status": response.status_code,
            "body": response.json(),
            "retry_after": response.headers.get("Retry-After"),
        }

    def register(key: dict[str, str], name: str, *hosts: str) -> Callable[[], dict[str, Any]]:
        urls = [f"http://{host}/gaceta/index.html" for host in hosts]
        body = spec(f"http://{hosts[0]}", start_urls=urls, id=name)
        return lambda: answer(client.post("/v1/sources", json=body, headers=key))

    def webhook(key: dict[str, str], host: str) -> Callable[[], dict[str, Any]]:
        body = {"query": {"q": "agua"}, "delivery": {"webhook": f"http://{host}/recibe"}}
        return lambda: answer(client.post("/v1/alerts", json=body, headers=key))

    def pinned(url: str) -> Callable[[], dict[str, Any]]:
        return lambda: {"target": pinned_target(url, False)}

    def crawl_guard(url: str) -> Callable[[], dict[str, Any]]:
        from scrapy import Request

        from crawlers.middlewares import AddressGuardMiddleware

        return lambda: {"passed": AddressGuardMiddleware(False).process_request(Request(url))}

    congreso, tribunal = service.congreso, service.tribunal
    steps = {
        "delivery_check": pinned("http://envio.lento.example/recibe"),
        "crawl_check": crawl_guard("http://pagina.lento.example/gaceta"),
        "fast": register(congreso, "congreso-gto-rapido", "rapido.example"),
        "private": register(congreso, "congreso-gto-privado", "privado.example"),
        "late": register(congreso, "congreso-gto-tarde", "tarde.example"),
        "three_slow": register(
            congreso, "congreso-gto-lento", "a.lento.example", "b.lento.example", "c.lento.example"
        ),
        "share_used": webhook(congreso, "hook.lento.example"),
        "other_webhook": webhook(tribunal, "hook.lento.example"),
        "other_slow": register(tribunal, "pj-gto-lento", "d.lento.example"),
        "server_full": register(tribunal, "pj-gto-lleno", "e.lento.example"),
    }
    if sys.argv[1:] == ["readers"]:
        steps = reader_steps(service, register, webhook)
    results = {name: timed(step) for name, step in steps.items()}
    print(json.dumps(results, default=str), flush=True)
    os._exit(0)  # lookups still waiting on the silent server are not waited for


def reader_steps(service: Any, register: Any, webhook: Any) -> dict[str, Any]:
    """Self-service reader keys (anyone may ask for them) each subscribe webhooks on
    silent hosts, every lookup held; then institutions register sources."""
    from indexer.db.reader_keys import ReaderKeys

    keys = ReaderKeys(service.library.db)
    readers = [
        {"Authorization": f"Bearer {keys.issue(f'Lector {n}', f'l{n}@correo.example')[1]}"}
        for n in range(3)
    ]
    steps: dict[str, Any] = {}
    for n, reader in enumerate(readers):
        for m in range(3):
            steps[f"reader_{n}_{m}"] = webhook(reader, f"h{n}{m}.lento.example")
    steps["institution_fast"] = register(service.congreso, "congreso-gto-rapido", "rapido.example")
    steps["institution_slow"] = register(service.tribunal, "pj-gto-lento", "d.lento.example")
    return steps


if __name__ == "__main__":
    sys.path.insert(0, os.environ.get("CHECKOUT", str(Path(__file__).resolve().parents[2])))
    main()
