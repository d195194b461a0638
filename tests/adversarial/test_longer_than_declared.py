"""A site whose answer runs past the ``Content-Length`` it declares: Twisted ends the body
at the declared length and drops the rest, so the page was kept cut there as if whole
(a sentence without its resolutions) and the run said ``ok``. Now that request fails,
counted ``cut_short`` with what the site did, in Spanish; nothing cut is kept. A server
that adds a line end after a body of the declared length is still read, and so is an
honest page beside them."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_parse_stall import _crawl
from tests.http_thread import serving_handler

WHOLE = (
    "<html><head><title>Sentencia 12/2024</title></head><body><main>"
    + "Considerando de la sentencia de amparo en revisión. " * 40
    + "RESOLUTIVO ÚNICO: se concede el amparo.</main></body></html>"
).encode()


class Site(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self._send(b"", 404)
        elif self.path == "/lista":
            rows = "".join(
                f"<tr><td><a href='/{name}.html'>Sentencia {name}</a></td></tr>"
                for name in ("miente", "salto", "honesta")
            )
            self._send(f"<html><body><table><tbody>{rows}</tbody></table></body></html>".encode())
        elif self.path == "/miente.html":  # declares 300 bytes, sends them all at once
            self._send(WHOLE, declared=300)
        elif self.path == "/salto.html":  # the whole body, then a stray line end
            self._send(WHOLE, extra=b"\r\n")
        else:
            self._send(WHOLE.replace(b"12/2024", b"13/2024"))

    def _send(self, body: bytes, status: int = 200, declared: int | None = None,
              extra: bytes = b"") -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) if declared is None else declared))
        self.end_headers()
        self.wfile.write(body + extra)
        self.close_connection = True


def test_an_answer_longer_than_its_content_length_is_counted_not_kept_cut(
    tmp_path: Path,
) -> None:
    api = open_api(tmp_path / "data")
    try:
        with serving_handler(Site) as base:
            spec = listing_spec(f"{base}/lista", id="pj-gto-largo-mentido")
            spec["listing"]["fields"] = {"title": "css:a::text"}
            created = api.client.post("/v1/sources", json=spec, headers=api.headers)
            assert created.status_code == 201, created.text
            done = _crawl(api, spec["id"])
        assert done.returncode in (0, 1, 3), done.stdout + done.stderr
        runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
        run = runs["runs"][0]
        assert set(run["errors"]) == {"cut_short"}, run["errors"]
        [example] = run["errors"]["cut_short"]["examples"]
        assert example["url"].endswith("/miente.html")
        assert "más de lo que declaraba su Content-Length" in example["mensaje"]
        texts = [doc.text or "" for doc in api.library.db.iter_documents()]
        assert len(texts) == 2, texts
        assert all("RESOLUTIVO ÚNICO" in text for text in texts)
    finally:
        api.close()
