"""A PDF longer than the extraction's page limit keeps the text of the pages read, and
the crawl says so: before, the pages past the limit were dropped without a counted
error or a mark, and a search for their words found nothing with no one the wiser.
Crawled end to end from a real server on 127.0.0.1 with the limit lowered to 3 pages
(``ABIERTO_EXTRACT_MAX_PAGES``) so the PDF stays small; every page has its own text."""

from __future__ import annotations

from pathlib import Path

from crawlers.causas import error_mensaje
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import text_pdf

PAGES = [f"Foja {n} de la sentencia: considerando numero {n}" for n in range(1, 6)]
FILES = {
    "/larga.pdf": Served(text_pdf(PAGES)),
    "/corta.pdf": Served(text_pdf(["Sentencia definitiva del juicio ordinario civil 12/2024"])),
}


def test_a_pdf_past_the_page_limit_is_kept_in_part_and_said(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, FILES, env={"ABIERTO_EXTRACT_MAX_PAGES": "3"})
    assert "Traceback" not in crawled.stderr, crawled.stderr
    texts, run = crawled.texts, crawled.run
    long_text = texts["Sentencia larga.pdf"]
    assert "considerando numero 3" in long_text  # the pages read are kept
    assert "considerando numero 4" not in long_text
    assert "juicio ordinario civil 12/2024" in texts["Sentencia corta.pdf"]
    entry = run.errors["pages_truncated"]
    assert entry["count"] == 1  # the short PDF is whole: not marked
    (example,) = entry["examples"]
    assert example["url"].endswith("/larga.pdf")
    assert error_mensaje("pages_truncated", example["message"]) == (
        "el PDF tiene 5 páginas; se leyeron las primeras 3: el documento se guardó sin el "
        "texto de las demás"
    )
