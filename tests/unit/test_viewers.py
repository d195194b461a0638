"""Where a viewer page with no iframe, embed or object keeps the PDF it shows: its own
address (PDF.js) or its one script; never a file server's own path, never a fragment of
an address a script builds, never one of several."""

from __future__ import annotations

import pytest
from parsel import Selector as Page

from crawlers.viewers import named_file, scripted_file

HOST = "https://www.tribunal.example.gob.mx"
VIEWER = f"{HOST}/pdfjs/web/viewer.html"


@pytest.mark.parametrize(
    ("url", "pdf"),
    [
        (f"{VIEWER}?file=..%2F..%2Fdocs%2FT-1.pdf", f"{HOST}/docs/T-1.pdf"),
        (f"{VIEWER}?file=/docs/T-2.PDF#page=3", f"{HOST}/docs/T-2.PDF"),
        (f"{VIEWER}?zoom=auto&url=https%3A%2F%2Fcdn.example.mx%2Fa%20b.pdf",
         "https://cdn.example.mx/a b.pdf"),
        # a file server's own path is data, not an address (PJ Nuevo León's controller)
        ("https://www.pjenl.gob.mx/SentenciasPublicas/controller.aspx?file=~%5Cf%5Cx.pdf", None),
        ("https://www.example.mx/descarga.php?archivo=C:%5Cdocs%5Cx.pdf", None),
        (f"{VIEWER}?file=javascript:alert(1)//.pdf", None),
        (f"{VIEWER}?file=.pdf", None),
        (f"{VIEWER}?id=7", None),
    ],
)  # fmt: skip
def test_the_pdf_a_viewers_address_names(url: str, pdf: str | None) -> None:
    assert named_file(url) == pdf


def _page(script: str) -> Page:
    return Page(text=f"<html><body><div id='visor'></div><script>{script}</script></body></html>")


@pytest.mark.parametrize(
    ("script", "pdf"),
    [
        ('PDFObject.embed("../docs/Sentencia Número 7.pdf", "#visor");',
         "../docs/Sentencia Número 7.pdf"),
        ("window.location.href = '/archivos/2023/T-8.pdf';", "/archivos/2023/T-8.pdf"),
        ('var cfg = {"url": "https:\\/\\/cdn.example.mx\\/t9.pdf"};', "https://cdn.example.mx/t9.pdf"),
        # an address the script builds: its ".pdf" ending alone is no address
        ('window.open("docs/" + id + ".pdf");', None),
        # several PDFs (a listing drawn by script): the page shows none of them
        ('var docs = ["a/1.pdf", "a/2.pdf"];', None),
        ('var x = "sin documento";', None),
    ],
)  # fmt: skip
def test_the_one_pdf_a_viewers_script_opens(script: str, pdf: str | None) -> None:
    assert scripted_file(_page(script)) == pdf


def test_a_script_loaded_by_address_is_not_read() -> None:
    page = Page(text='<html><script src="viewer.js">"x.pdf"</script></html>')
    assert scripted_file(page) is None
