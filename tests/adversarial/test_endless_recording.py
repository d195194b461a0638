"""A recording is the sender's: one that never ends (a live stream, a server sending
silence forever) is refused once it passes the longest a session lasts, with ffmpeg
killed and reaped, instead of holding the alignment and its memory for ever."""

from __future__ import annotations

import http.server
import os
import shutil
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.alignment import features
from indexer.alignment.features import AudioError, decode

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg missing")


class _Endless(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "audio/wav")
        self.end_headers()
        header = b"RIFF" + struct.pack("<I", 0xFFFFFFFF) + b"WAVEfmt "
        header += struct.pack("<IHHIIHH", 16, 1, 1, 16_000, 32_000, 2, 16)
        self.wfile.write(header + b"data" + struct.pack("<I", 0xFFFFFFFF))
        silence = bytes(64_000)
        try:
            while True:
                self.wfile.write(silence)
        except OSError:
            return

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endless() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Endless)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sesion.wav"
    server.shutdown()
    server.server_close()


def _ffmpeg_children() -> list[int]:
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
        for pid in task.read_text().split():
            comm = Path(f"/proc/{pid}/comm")
            if comm.exists() and comm.read_text().strip() == "ffmpeg":
                found.append(int(pid))
    return found


def test_a_recording_that_never_ends_is_refused_and_ffmpeg_reaped(
    endless: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(features, "MAX_SECONDS", 90, raising=False)
    outcome: list[object] = []

    def listen() -> None:
        try:
            outcome.append(sum(len(piece) for piece in decode(endless)) / features.RATE)
        except AudioError as exc:
            outcome.append(exc)

    reader = threading.Thread(target=listen, daemon=True)
    reader.start()
    reader.join(30)
    assert outcome, "an endless recording was still being read after 30 s"
    assert isinstance(outcome[0], AudioError), outcome
    assert "dura más de" in str(outcome[0])
    assert _ffmpeg_children() == []


class _Silent(http.server.BaseHTTPRequestHandler):
    """Says a recording is coming, then sends nothing (nor closes)."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "audio/wav")
        self.end_headers()
        self.wfile.flush()
        self.server.release.wait(60)  # type: ignore[attr-defined]

    def log_message(self, *args: object) -> None:
        pass


def test_a_recording_that_never_comes_is_refused_at_the_same_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(features, "MAX_SECONDS", 2, raising=False)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Silent)
    server.daemon_threads = True
    server.release = threading.Event()  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    outcome: list[object] = []

    def listen() -> None:
        url = f"http://127.0.0.1:{server.server_address[1]}/sesion.wav"
        try:
            outcome.append(sum(len(piece) for piece in decode(url)))
        except AudioError as exc:
            outcome.append(exc)

    try:
        reader = threading.Thread(target=listen, daemon=True)
        reader.start()
        reader.join(20)
        assert outcome, "a recording that never came was still awaited after 20 s"
        assert isinstance(outcome[0], AudioError) and "no terminó" in str(outcome[0]), outcome
        assert _ffmpeg_children() == []
    finally:
        server.release.set()  # type: ignore[attr-defined]
        server.shutdown()
        server.server_close()
