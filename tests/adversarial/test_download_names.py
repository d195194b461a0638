"""A site's files are often served by a program (``descargar.php?id=9``,
``ver.aspx?doc=3``): the download of an archived PDF from such an address was named
``descargar.php``, an extension being added only to a name without a dot, so the file
saved on a reader's computer opened as a script, or not at all. The download name now
ends in the extension of the file's real type, told by its bytes (the site's declared
type is often ``application/octet-stream`` or ``text/html``), never by its address."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from api.routers.documents import safe_filename
from indexer.models import FileRef
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.http_thread import QuietHandler, serving_handler

# address on the site → (Content-Type it declares, name the download must have)
FILES = {
    "/descargar.php?id=9": ("application/octet-stream", "descargar.pdf"),
    "/ver.aspx?doc=3": ("text/html; charset=utf-8", "ver.pdf"),
    "/archivos/Acuerdo%203.2025": ("application/pdf", "Acuerdo_3.2025.pdf"),
    "/bajar.jsp": ("application/pdf", "bajar.pdf"),
}


def _pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def _handler() -> type[QuietHandler]:
    rows = "".join(
        f"<tr><td class='t'>Sentencia {n}/2024</td><td><a href='{path}'>PDF</a></td></tr>"
        for n, path in enumerate(FILES, 1)
    )
    listing = f"<html><body><table><tbody>{rows}</tbody></table></body></html>".encode()

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            if self.path == "/lista.html":
                self.answer(listing, "text/html; charset=utf-8")
            elif self.path in FILES:
                n = list(FILES).index(self.path) + 1
                text = f"SENTENCIA DEFINITIVA {n}/2024. Se confirma la resolucion apelada."
                self.answer(_pdf(text), FILES[self.path][0])
            else:
                self.answer(b"no", "text/plain", status=404)

    return Handler


def test_a_pdf_served_by_a_program_downloads_with_the_pdf_extension(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data")
    try:
        with serving_handler(_handler()) as base:
            spec = listing_spec(f"{base}/lista.html", id="pj-gto-descargas")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            run = _run(api, spec)
        docs = list(api.library.db.iter_documents())
        assert len(docs) == len(FILES), run
        names = {}
        for doc in docs:
            [ref] = doc.files
            answer = api.client.get(f"/v1/documents/{doc.id}/file")
            assert answer.status_code == 200 and answer.content.startswith(b"%PDF-")
            address = ref.url.removeprefix(base)
            names[address] = answer.headers["content-disposition"]
            assert answer.headers["content-type"] == "application/pdf", address
        assert names == {
            address: f'inline; filename="{name}"' for address, (_, name) in FILES.items()
        }
    finally:
        api.close()


@pytest.mark.parametrize(
    ("url", "media_type", "name"),
    [
        ("https://x.gob.mx/descargar.php?id=9", "application/pdf", "descargar.pdf"),
        ("https://x.gob.mx/Docs/VER.ASPX?id=9", "image/png", "VER.png"),
        ("https://x.gob.mx/informe.doc", "application/pdf", "informe.doc.pdf"),
        ("https://x.gob.mx/pagina.htm", "text/html", "pagina.htm"),
        ("https://x.gob.mx/datos.xlsx", "application/octet-stream", "datos.xlsx"),
        ("https://x.gob.mx/bajar.cgi", "application/octet-stream", "bajar.bin"),
        ("https://x.gob.mx/.php", "application/pdf", "doc-1-0.pdf"),
        ("https://x.gob.mx/lista.pl", "text/plain", "lista.txt"),
    ],
)
def test_a_download_name_ends_in_its_types_extension(url: str, media_type: str, name: str) -> None:
    ref = FileRef(url=url, sha256="0" * 64)
    assert safe_filename(ref, "doc-1", 0, media_type) == name
