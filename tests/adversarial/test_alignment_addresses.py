"""The worker's alignment fetches caption tracks and has ffmpeg read recordings, whose
addresses come from crawled pages: a site may answer one with a redirect to the
server's own network. Every hop is checked by the crawler's guard, as a crawl's and a
preview's are."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawlers.alignment_job import align_document
from indexer.db import Database
from indexer.models import Sesion, VideoLink
from indexer.speeches.model import Speech
from indexer.speeches.store import save_speeches
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
