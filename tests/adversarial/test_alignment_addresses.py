"""The worker's alignment fetches caption tracks and has ffmpeg read recordings, whose
addresses come from crawled pages: a site may answer one with a redirect to the
server's own network. Every hop is checked by the crawler's guard, as a crawl's and a
preview's are."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawlers.alignment_job import align_document
from crawlers.guarded_proxy import GuardedProxy
from indexer.db import Database
from indexer.models import Sesion, VideoLink
from indexer.speeches.model import Speech
from indexer.speeches.store import save_speeches
from indexer.speeches.timing import SessionTiming
from tests.speeches.test_timing import SAID, _track

# this machine as 0.0.0.0: refused by the guard even where loopback is allowed (tests,
# demo), yet connected to like 127.0.0.1 by the system
INTERNAL = "http://0.0.0.0:{port}"


class _Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: list[str] = []
        self.redirect_to = ""


class _Handler(BaseHTTPRequestHandler):
    server: _Site

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        if self.path in ("/subtitulos.vtt", "/sesion.mp4"):
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to + "/interno" + self.path[-4:])
            self.end_headers()
            return
        body = _track().encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/vtt")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[_Site]:
    server = _Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _align_redirected(tmp_path: Path, site: _Site, *, captions: bool, listen: bool):
    """Align a session whose every address redirects to the server's own network."""
    port = site.server_address[1]
    site.redirect_to = INTERNAL.format(port=port)
    base = f"http://127.0.0.1:{port}"
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    video = VideoLink(
        url=f"{base}/sesion.mp4",
        platform="TransmiteMX",
        captions_url=f"{base}/subtitulos.vtt" if captions else None,
    )
    session = Sesion(
        id="s1", title="Sesión ordinaria", institution="Congreso", jurisdiction="MX-GUA",
        source_id="x", url=f"{base}/sesion.html", video_urls=[video],
    )  # fmt: skip
    said = [Speech(id=f"d{n}", session_id="s1", order=n + 1, text=t) for n, t in enumerate(SAID)]
    save_speeches(db, "s1", said)
    try:
        return align_document(db, session, allow_loopback=True, listen=listen)
    finally:
        db.close()


def test_a_track_redirected_to_the_servers_own_network_is_never_fetched(
    tmp_path: Path, site: _Site
) -> None:
    outcome = _align_redirected(tmp_path, site, captions=True, listen=False)
    assert "/interno.vtt" not in site.hits
    assert outcome.timing is not None
    assert outcome.timing.status == "unavailable"
    assert outcome.timing.aligned == 0
    assert "no permitida" in (outcome.timing.reason or ""), outcome.timing.reason


def test_a_recording_redirected_to_the_servers_own_network_is_never_read(
    tmp_path: Path, site: _Site
) -> None:
    outcome = _align_redirected(tmp_path, site, captions=False, listen=True)
    assert site.hits == ["/sesion.mp4"]
    assert outcome.timing is not None
    assert outcome.timing.status == "unavailable"
    assert "no permitida" in (outcome.timing.reason or ""), outcome.timing.reason


class _Hls(ThreadingHTTPServer):
    """An HLS recording: a playlist whose middle segment is named on ``segment_host``."""

    daemon_threads = True

    def __init__(self, folder: Path) -> None:
        super().__init__(("127.0.0.1", 0), _HlsHandler)
        self.folder = folder
        self.hits: list[str] = []
        self.segment_host = ""


class _HlsHandler(BaseHTTPRequestHandler):
    server: _Hls

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        if self.path == "/sesion.m3u8":
            listed = (self.server.folder / "lista.m3u8").read_text()
            body = listed.replace("lista1.ts", f"{self.server.segment_host}/lista1.ts").encode()
        else:
            file = self.server.folder / self.path.lstrip("/")
            if self.path.count("/") != 1 or not file.is_file():
                self.send_error(404)
                return
            body = file.read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def hls(tmp_path: Path) -> Iterator[_Hls]:
    if not shutil.which("ffmpeg"):
        pytest.skip("needs ffmpeg (scripts/system-deps.sh)")
    folder = tmp_path / "hls"
    folder.mkdir()
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=6",
         "-c:a", "aac", "-f", "hls", "-hls_time", "2", "-hls_list_size", "0",
         str(folder / "lista.m3u8")],
        check=True,
    )  # fmt: skip
    server = _Hls(folder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _listen_to(tmp_path: Path, url: str) -> SessionTiming | None:
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    session = Sesion(
        id="s1", title="Sesión ordinaria", institution="Congreso", jurisdiction="MX-GUA",
        source_id="x", url=url, video_urls=[VideoLink(url=url, platform="TransmiteMX")],
    )  # fmt: skip
    said = [Speech(id=f"d{n}", session_id="s1", order=n + 1, text=t) for n, t in enumerate(SAID)]
    save_speeches(db, "s1", said)
    try:
        return align_document(db, session, allow_loopback=True, listen=True).timing
    finally:
        db.close()


def test_a_playlists_segment_on_the_servers_own_network_is_never_read(
    tmp_path: Path, hls: _Hls
) -> None:
    port = hls.server_address[1]
    hls.segment_host = INTERNAL.format(port=port)  # ffmpeg would connect to this machine
    timing = _listen_to(tmp_path, f"http://127.0.0.1:{port}/sesion.m3u8")
    assert "/lista1.ts" not in hls.hits
    assert "/lista0.ts" in hls.hits and "/lista2.ts" in hls.hits  # the rest was read
    assert timing is not None and timing.status == "unavailable"
    assert "no permitida" in (timing.reason or "") and "0.0.0.0" in (timing.reason or "")


def test_a_playlist_on_allowed_hosts_is_read_through_the_guard(tmp_path: Path, hls: _Hls) -> None:
    port = hls.server_address[1]
    hls.segment_host = f"http://127.0.0.1:{port}"  # loopback is allowed in tests
    timing = _listen_to(tmp_path, f"http://127.0.0.1:{port}/sesion.m3u8")
    assert {"/lista0.ts", "/lista1.ts", "/lista2.ts"} <= set(hls.hits)
    assert timing is not None
    assert "no permitida" not in (timing.reason or "")
    assert "no se pudo leer" not in (timing.reason or ""), timing.reason


def test_the_guards_tunnel_refuses_a_forbidden_https_host_and_opens_an_allowed_one(
    hls: _Hls,
) -> None:
    port = hls.server_address[1]
    with GuardedProxy(allow_loopback=True) as proxy:
        proxy_port = proxy.server_address[1]
        with socket.create_connection(("127.0.0.1", proxy_port), timeout=10) as refused:
            refused.sendall(f"CONNECT 0.0.0.0:{port} HTTP/1.1\r\n\r\n".encode())
            assert refused.recv(4096).startswith(b"HTTP/1.1 403")
        with socket.create_connection(("127.0.0.1", proxy_port), timeout=10) as tunnel:
            tunnel.sendall(f"CONNECT 127.0.0.1:{port} HTTP/1.1\r\n\r\n".encode())
            assert tunnel.recv(4096).startswith(b"HTTP/1.1 200")
            tunnel.sendall(b"GET /lista0.ts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert tunnel.recv(4096).startswith(b"HTTP/1.0 200")
    assert proxy.refused and proxy.refused[0].startswith(f"0.0.0.0:{port}")
    assert hls.hits == ["/lista0.ts"]
