"""A site that answers 304 to every conditional request, whatever changed (a cache in
front of it, a server comparing nothing). What the crawl kept of an address it could
not use (its "not found" page sent with a 200, an empty answer) was handed back on every
later crawl: the sentence the site published there since was never fetched. Such an
address is now asked for unconditionally next time."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fpdf import FPDF

from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.adversarial.test_parse_stall import _crawl
from tests.http_thread import QuietHandler, serving_handler

LISTING = (
    "<html><body><table><tbody><tr><td class='t'>Sentencia 12/2024</td>"
    "<td><a href='archivos/sentencia-12-2024.pdf'>PDF</a></td></tr></tbody></table>"
    "</body></html>"
)
NOT_FOUND = (
    "<html><head><title>Poder Judicial</title></head><body><h1>Documento no encontrado</h1>"
    "<p>El archivo que solicitó no existe o fue retirado.</p></body></html>"
)


def _pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(
        0, 8, "SENTENCIA DEFINITIVA. Toca penal 12/2024. Se confirma la resolucion apelada."
    )
    return bytes(pdf.output())


class Site:
    def __init__(self, before: str = "not_found") -> None:
        self.before = before  # what the PDF's address answers first
        self.published = False  # the sentence's PDF: not yet, then there
        self.asked: list[tuple[str, bool]] = []  # (path, conditional)
        self.lock = threading.Lock()


def _handler(site: Site) -> type[QuietHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            conditional = bool(
                self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")
            )
            with site.lock:
                site.asked.append((self.path, conditional))
            if self.path == "/robots.txt":
                self.answer(b"", "text/plain", status=404)
                return
            if conditional:  # "nothing changed", always
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return
            if self.path == "/lista.html":
                self._send(LISTING.encode(), "text/html; charset=utf-8")
            elif self.path == "/archivos/sentencia-12-2024.pdf" and site.published:
                self._send(_pdf(), "application/pdf")
            elif self.path == "/archivos/sentencia-12-2024.pdf" and site.before == "cut":
                self._send(_pdf()[:300], "application/pdf")  # a file cut on the server
            elif self.path == "/archivos/sentencia-12-2024.pdf":
                self._send(NOT_FOUND.encode(), "text/html; charset=utf-8")
            else:
                self.answer(b"no", "text/plain", status=404)

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("ETag", '"v1"')
            self.send_header("Last-Modified", "Tue, 18 Feb 2025 10:00:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.mark.parametrize(("before", "cause"), [("not_found", "http_404"), ("cut", None)])
def test_an_answer_not_kept_is_not_handed_back_by_a_site_that_always_says_304(
    tmp_path: Path, before: str, cause: str | None
) -> None:
    """First the address held the site's «not found» page (a 200), or a PDF cut short on
    the server (its text could not be read); then the sentence itself."""
    site = Site(before)
    api = open_api(tmp_path / "data")
    try:
        with serving_handler(_handler(site)) as base:
            spec = listing_spec(f"{base}/lista.html", id="pj-gto-sin-cambios")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            first = _run(api, spec)
            texts = [d.text or "" for d in api.library.db.iter_documents()]
            assert not any("Toca penal" in text for text in texts)
            if cause is not None:
                assert first["errors"][cause]["count"] == 1, first["errors"]
            site.published = True
            done = _crawl(api, spec["id"])
            assert done.returncode in (0, 1), done.stdout + done.stderr
        runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
        second = runs["runs"][0]
        texts = [d.text or "" for d in api.library.db.iter_documents()]
    finally:
        api.close()
    pdf_asks = [c for p, c in site.asked if p.endswith(".pdf")]
    assert pdf_asks == [False, False], site.asked  # the second time without validators
    assert ("/lista.html", True) in site.asked  # the listing itself stays conditional
    assert len(texts) == 1 and "Toca penal 12/2024" in texts[0], second
    assert second["errors"] == {}, second
