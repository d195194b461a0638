"""A file whose text cannot be extracted is a counted error that says what was wrong with
it: a broken PDF (its page tree loops) and a program served in place of a sentence read
alike as "no se pudo extraer el texto", so an operator could not tell a site's damaged
files from a spec pointing at the wrong links. Crawled end to end from a real server on
127.0.0.1; the good PDF of the same listing keeps its text. A PDF whose page tree is
empty (no page at all) read as damaged too: it says it has no pages."""

from __future__ import annotations

from pathlib import Path

from crawlers.causas import error_mensaje
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import _assemble, cyclic_pdf, text_pdf

NO_PAGES = _assemble(
    [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
)

FILES = {
    "/bueno.pdf": Served(text_pdf(["Sentencia definitiva del juicio ordinario civil 12/2024"])),
    "/roto.pdf": Served(cyclic_pdf()),
    "/sin-paginas.pdf": Served(NO_PAGES),
    "/programa.pdf": Served(b"MZ\x90\x00" + bytes(4000), "application/x-msdownload"),
}


def test_files_whose_text_cannot_be_extracted_say_why(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, FILES)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    texts, run = crawled.texts, crawled.run
    assert "juicio ordinario civil 12/2024" in texts["Sentencia bueno.pdf"]
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje("extraction_failed", example["message"])
        for example in run.errors["extraction_failed"]["examples"]
    }
    assert said == {
        "roto.pdf": "no se pudo cargar ninguna de las 2 páginas del PDF: su árbol de páginas "
        "está roto, es cíclico o está anidado a demasiada profundidad: no se extrajo su texto",
        "programa.pdf": "el archivo es un programa ejecutable de Windows, un tipo cuyo texto no "
        "se lee (el sitio lo declaró «application/x-msdownload»): no se extrajo su texto",
        "sin-paginas.pdf": "el PDF no tiene ninguna página (su árbol de páginas está vacío): "
        "no hay texto que leer",
    }
