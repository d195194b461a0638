"""The API schema says in which language a run error's ``message`` is: an extraction's is
the extractor's own detail, in Spanish, not English as the other causes' are."""

from __future__ import annotations

from pathlib import Path

from crawlers.causas import EXTRACTIONS
from tests.api.test_sources import make_service

DAMAGED_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << >>\n%%EOF\n"


def test_the_schema_says_an_extraction_message_is_spanish_as_the_extractor_stores_it(
    tmp_path: Path,
) -> None:
    service = make_service(tmp_path)
    try:
        archived = service.library.add_file(DAMAGED_PDF, "https://congreso.example/dictamen.pdf")
        schema = service.client.get("/openapi.json").json()["components"]["schemas"]
    finally:
        service.library.close()
    cause, _, detail = (archived.error or "").partition(": ")
    assert cause in EXTRACTIONS and " el " in f" {detail} ", archived.error  # Spanish words
    said = schema["RunSummary"]["properties"]["errors"]["description"]
    assert "as stored (English)" not in said
    assert "extraction_failed" in said and "detail in Spanish" in said
