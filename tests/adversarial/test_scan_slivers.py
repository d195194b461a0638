"""A scanned sentence whose pages carry one line of real text (an electronic-signature
footer) was kept as that line: OCR never looked at a page with text. OCR reads it now
(tests/indexer/test_ocr.py); where there is no OCR the document is still kept with the
line, and the run's health says which file lost its pages' text and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from crawlers.causas import error_mensaje, label
from indexer.extract import ExtractionLimits, OcrLimits, extract_text
from samples.scans import page_images
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.shapes.server import FixtureServer

FOOTER = (
    "Firmado electronicamente por el Secretario de Acuerdos. Cadena: "
    "8f3a9c21d0b4e8f65a1c2b3d4e5f6a7b"
)


def _footer_over_scan() -> bytes:
    shown = FPDF(unit="pt", format=(612, 792))
    shown.add_page()
    shown.set_font("Helvetica", size=11)
    for n in range(30):
        shown.text(
            60, 80 + 18 * n, f"Considerando {n}. Se confirma la sentencia apelada en el toca."
        )
    [image] = page_images(bytes(shown.output()), dpi=150, pages=1)
    pdf = FPDF(unit="pt", format=(612, 792))
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=612, h=792)
    pdf.set_font("Helvetica", size=8)
    pdf.text(40, 785, FOOTER)
    return bytes(pdf.output())


def test_without_ocr_the_extraction_says_the_scan_under_a_footer_was_not_read() -> None:
    limits = ExtractionLimits(ocr=OcrLimits(enabled=False))
    result = extract_text(_footer_over_scan(), limits=limits)
    assert "scans_unread:1" in result.warnings
    assert result.text.strip() == FOOTER


def test_the_run_says_in_spanish_which_file_kept_only_its_footer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    www = tmp_path / "www"
    www.mkdir()
    (www / "toca-12-2024.pdf").write_bytes(_footer_over_scan())
    (www / "lista.html").write_text(
        "<html><body><table><tbody><tr><td class='t'>Toca 12/2024</td>"
        "<td><a href='toca-12-2024.pdf'>PDF</a></td></tr></tbody></table></body></html>"
    )
    monkeypatch.setenv("ABIERTO_OCR_ENABLED", "false")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(www) as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-escaneos")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            run = _run(api, spec)
            address = f"{server.url}/toca-12-2024.pdf"
        assert api.library.db.count_documents() == 1  # kept, with what could be read
    finally:
        api.close()
    assert "scans_unread" not in run["errors"], run["errors"]  # a notice, no error
    entry = run["notices"]["scans_unread"]
    assert entry["count"] == 1 and entry["descripcion"] == label("scans_unread")
    [example] = entry["examples"]
    assert example["url"] == address
    assert (
        example["mensaje"]
        == error_mensaje("scans_unread", example["message"])
        == (
            "1 página escaneada del PDF tiene como texto solo una línea (un pie de firma, un "
            "sello) y no hay OCR para leer la imagen: el documento se guardó con esa línea, sin "
            "el texto de la página"
        )
    )
