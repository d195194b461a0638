"""A site that answers a file's link with no bytes (a 200 with an empty body, or only
blank lines) sent nothing to read. Declared a PDF, it was counted as a damaged file
(«el archivo está dañado o mal formado»); declared a Word file, as a type not read
(«el tipo del archivo no se lee»): both false of an empty answer. Each is counted as a
file without text. Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from crawlers.causas import error_mensaje
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import text_pdf

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_an_empty_file_is_counted_as_one_without_text(tmp_path: Path) -> None:
    files = {
        "/buena.pdf": Served(text_pdf(["Sentencia definitiva del juicio ordinario civil 3/2025"])),
        "/vacia.pdf": Served(b""),
        "/blanca.pdf": Served(b"\r\n \r\n"),
        "/vacia.docx": Served(b"", WORD),
    }
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert "juicio ordinario civil 3/2025" in crawled.texts["Sentencia buena.pdf"]
    assert crawled.run.status != "ok"
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje("extraction_failed", example["message"])
        for example in crawled.run.errors["extraction_failed"]["examples"]
    }
    empty = "el archivo está vacío: no hay texto que extraer"
    blank = "el archivo solo tiene espacios en blanco (5 bytes): no hay texto que extraer"
    assert said == {"vacia.pdf": empty, "blanca.pdf": blank, "vacia.docx": empty}
