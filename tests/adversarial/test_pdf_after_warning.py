"""A PDF sent by a PHP script that printed a warning first (``<br />\\n<b>Warning</b>:
session_start(): …<br />\\n%PDF-1.4 …``), as Mexican sites' download scripts do. The
bytes began as HTML, so the file was read as HTML: the sentence was stored with the
warning's words as its text («Warning: session_start(): Cannot send session cookie…»),
counted as a good document, its own text lost. pdfium reads a PDF whose header is in the
first KB: it is read as the PDF it is. Crawled end to end from a real server on
127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from indexer.extract import extract_text
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import text_pdf

WARNING = (
    b"<br />\n<b>Warning</b>:  session_start(): Cannot send session cookie - headers "
    b"already sent by (output started at /var/www/html/descarga.php:2) in "
    b"<b>/var/www/html/descarga.php</b> on line <b>3</b><br />\n"
)
SENTENCE = "Sentencia definitiva del juicio de amparo 310/2024"


def test_a_pdf_after_a_scripts_warning_is_read_as_the_pdf(tmp_path: Path) -> None:
    files = {
        "/descarga.pdf": Served(WARNING + text_pdf([SENTENCE])),
        "/otra.pdf": Served(text_pdf(["Sentencia del juicio ordinario civil 5/2025"])),
    }
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert crawled.texts["Sentencia descarga.pdf"] == SENTENCE
    assert "juicio ordinario civil 5/2025" in crawled.texts["Sentencia otra.pdf"]
    assert crawled.run.status == "ok", crawled.run.errors


def test_a_page_quoting_a_pdf_header_is_still_a_page() -> None:
    page = b"<html><body><p>Un PDF empieza con</p><pre>\n%PDF-1.7\n</pre></body></html>"
    result = extract_text(page, "text/html")
    assert result.method == "html" and "Un PDF empieza con" in result.text
