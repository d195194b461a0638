"""A text in UTF-8 with a few bytes of Windows-1252 in it (a template in UTF-8 filled
from a database in Latin-1; a text pasted from two editors) was read whole as
Windows-1252: every accented letter of the UTF-8 part became two («Diputación» stored
as «DiputaciÃ³n»), so no search for the words found the document, and the run was ok.
Each part is read as what it is. Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from indexer.extract import extract_text
from tests.adversarial.file_listing import Served, crawl

UTF8 = "Acta de la sesión de la Diputación Permanente, año 2025: el señor presidente "
LATIN = "declaró abierta la sesión."
MIXED = UTF8.encode() + LATIN.encode("cp1252")


def test_a_text_mixing_encodings_is_stored_as_written(tmp_path: Path) -> None:
    files = {
        "/acta.txt": Served(MIXED, "text/plain"),
        "/otra.txt": Served(MIXED + b" Fin.", "text/plain; charset=iso-8859-1"),
    }
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert crawled.texts["Sentencia acta.txt"] == UTF8 + LATIN
    assert crawled.texts["Sentencia otra.txt"] == UTF8 + LATIN + " Fin."
    assert crawled.run.status == "ok", crawled.run.errors


def test_a_page_mixing_encodings_reads_as_written_and_one_in_latin_still_does() -> None:
    page = b"<html><body><p>" + MIXED + b"</p></body></html>"
    assert extract_text(page, "text/html; charset=utf-8").text == UTF8 + LATIN
    data = (UTF8 + LATIN + " “Constitución” – Ñ").encode("cp1252")  # wholly Windows-1252
    assert extract_text(data, "text/plain").text == UTF8 + LATIN + " “Constitución” – Ñ"
