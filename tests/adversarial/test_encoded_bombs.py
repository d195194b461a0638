"""A site answers a preview's (or the alignment's) request with whatever ``Content-Encoding``
it likes, though the request asks for none: a few hundred bytes of brotli inflate to a
gigabyte, and httpx decoded each piece whole before anything counted it, so one answer of
a hostile site took the preview's process past any memory before its size limit spoke
(gzip and deflate, at most about 1,000 to 1, overshot it by tens of megabytes a piece).
The answer is now decoded a bounded piece at a time and refused as ``too_large`` once it
passes the limit; an ordinary encoded page still reads whole. (Crawls go through
Scrapy, whose decompression is bounded by ``DOWNLOAD_MAXSIZE``.)"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from tests.adversarial.abierto import REPO

INFLATED_MB = 512
PAGE = ("<html><body><h1>Sentencias</h1>" + "<p>Juzgado Primero Civil</p>" * 2000).encode()
# Writes each answer's body into a folder: the bombs are made in a process of their own,
# so the test's process (whose memory a child started from it inherits) never holds them.
MAKE = f"""
import brotli, gzip, sys, zlib
from pathlib import Path
out = Path(sys.argv[1])
zeros = bytes({INFLATED_MB} * 1024 * 1024)
page = {PAGE!r}
(out / "bomba.br").write_bytes(brotli.compress(zeros, quality=5, lgwin=24))
(out / "bomba.gz").write_bytes(gzip.compress(zeros, compresslevel=9))
(out / "bomba.deflate").write_bytes(zlib.compress(zeros, 9))
(out / "pagina.br").write_bytes(brotli.compress(page))
(out / "pagina.gz").write_bytes(gzip.compress(page))
(out / "pagina.deflate").write_bytes(zlib.compress(page))
(out / "sin-codificar").write_bytes(page)
"""
ENCODINGS = {".br": "br", ".gz": "gzip", ".deflate": "deflate", "": "identity"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("respuestas")
    subprocess.run([sys.executable, "-c", MAKE, str(folder)], check=True, timeout=120)
    bodies = {
        f"/{path.name}": (ENCODINGS[path.suffix], path.read_bytes()) for path in folder.iterdir()
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            encoding, body = bodies[self.path]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", encoding)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


# Fetches one address in a process of its own and says what came back and the process's
# peak memory (what a preview's process would hold). The peak is the new program's own
# (VmHWM): getrusage's maxrss keeps the high mark of the test's process it was forked from.
PROBE = """
import json, re, sys, time
from pathlib import Path
from crawlers.fetch import FetchError, fetch
try:
    got = fetch(sys.argv[1], allow_loopback=True, user_agent="prueba", max_bytes=8 * 1024 * 1024,
                deadline=time.monotonic() + 60)
    answer = {"bytes": len(got.body), "start": got.body[:31].decode("latin-1")}
except FetchError as exc:
    answer = {"cause": exc.cause}
status = Path("/proc/self/status").read_text()
answer["peak_mb"] = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) / 1024
print(json.dumps(answer))
"""


def _fetch(url: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, url],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("path", ["/bomba.br", "/bomba.gz", "/bomba.deflate"])
def test_an_encoded_bomb_is_too_large_within_bounded_memory(site: str, path: str) -> None:
    answer = _fetch(site + path)
    assert answer.get("cause") == "too_large", answer
    assert float(answer["peak_mb"]) < 250, answer  # the limit is 8 MB; the bomb 512 MB


@pytest.mark.parametrize("path", ["/pagina.br", "/pagina.gz", "/pagina.deflate", "/sin-codificar"])
def test_an_ordinary_encoded_page_reads_whole(site: str, path: str) -> None:
    answer = _fetch(site + path)
    assert answer.get("bytes") == len(PAGE), answer
    assert answer["start"] == PAGE[:31].decode(), answer
