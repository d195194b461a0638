"""Scanned sentences read by OCR: the project scans its own sample sentences (rendered,
skewed, soiled, wrapped as image-only PDFs) and reads them back through the extraction
workers. Character error rates here are generous bounds; bench/extract.py measures."""

from __future__ import annotations

import io
import random

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image

from indexer.extract import ExtractionError, ExtractionLimits, OcrLimits, extract_text
from indexer.extract.ocr import tessdata_dir
from samples.generate import build
from samples.scans import DIRTY, cer, image_pdf, page_images, scanned

pytestmark = pytest.mark.skipif(tessdata_dir() is None, reason="Tesseract's Spanish data missing")


@pytest.fixture(scope="module")
def sentence() -> tuple[bytes, str]:
    """A sample sentence PDF and the text printed on its first page (running header
    included: a one-page scan keeps it, as there is no other page to repeat it)."""
    _, files = build(7)
    path = sorted(p for p in files if p.startswith("tribunal/") and p.endswith(".pdf"))[0]
    original = files[path]
    printed = pdfium.PdfDocument(original)[0].get_textpage().get_text_bounded()
    return original, " ".join(printed.split())


def test_a_clean_scan_is_read_by_ocr(sentence: tuple[bytes, str]) -> None:
    original, reference = sentence
    result = extract_text(scanned(original, dpi=300, pages=1))
    assert result.method == "ocr"
    assert [p.page for p in result.ocr_pages] == [1]
    assert result.ocr_pages[0].confidence > 80 and not result.ocr_pages[0].low_confidence
    assert cer(reference, result.text) < 0.03
    assert "RESULTANDOS" in result.text and "VISTOS" in result.text.replace("V I S T O S", "VISTOS")


def test_a_skewed_stamped_noisy_scan_is_still_read(sentence: tuple[bytes, str]) -> None:
    original, reference = sentence
    result = extract_text(scanned(original, dpi=300, soiling=DIRTY, seed=3, pages=1))
    assert result.method == "ocr"
    assert cer(reference, result.text) < 0.06
    assert "PODER JUDICIAL DEL ESTADO DE GUANAJUATO" in result.text


def test_a_150_dpi_scan_is_read_too(sentence: tuple[bytes, str]) -> None:
    original, reference = sentence
    result = extract_text(scanned(original, dpi=150, pages=1))
    assert cer(reference, result.text) < 0.08


def test_in_a_mixed_pdf_only_the_scanned_pages_are_read(sentence: tuple[bytes, str]) -> None:
    original, _ = sentence
    scan = pdfium.PdfDocument(scanned(original, dpi=200, pages=2))
    mixed = pdfium.PdfDocument(original)
    mixed.del_page(1)
    mixed.import_pages(scan, [1], index=1)  # page 2: the scan of page 2
    buffer = io.BytesIO()
    mixed.save(buffer)
    result = extract_text(buffer.getvalue())
    assert [p.page for p in result.ocr_pages] == [2]
    assert result.method.endswith("+ocr")
    page_two = result.text.split("\f")[1]
    assert len(page_two.split()) > 100


def test_a_scan_that_cannot_be_read_is_no_text(tmp_path: object) -> None:
    # a half-letter slip of dust: rendered at 3x, every dot outlives the cleaning and
    # reaches Tesseract (a full letter page of it costs Tesseract's layout a minute)
    rng = random.Random(1)
    noise = Image.new("L", (425, 550), 255)
    pixels = noise.load()
    for _ in range(5_000):
        pixels[rng.randrange(425), rng.randrange(550)] = 0
    with pytest.raises(ExtractionError) as caught:
        extract_text(image_pdf([noise], 100))
    assert caught.value.cause == "no_text"


def test_ocr_can_be_turned_off(sentence: tuple[bytes, str]) -> None:
    limits = ExtractionLimits(ocr=OcrLimits(enabled=False))
    with pytest.raises(ExtractionError) as caught:
        extract_text(scanned(sentence[0], dpi=100, pages=1), limits=limits)
    assert caught.value.cause == "no_text"


def test_text_under_a_black_box_is_not_extracted() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 30, "El quejoso Juan Carlos Pérez López promovió juicio de amparo.")
    x = 20 + pdf.get_string_width("El quejoso ")
    pdf.set_fill_color(0, 0, 0)
    pdf.rect(x, 25, pdf.get_string_width("Juan Carlos Pérez López"), 7, style="F")
    pdf.text(20, 40, "Se dicta sentencia definitiva en el expediente 12/2024.")
    text = extract_text(bytes(pdf.output())).text
    assert "Pérez" not in text and "Juan" not in text
    assert "El quejoso [TEXTO BAJO TACHADO] promovió juicio de amparo." in text
    assert "expediente 12/2024" in text


def test_ocr_stops_at_its_page_and_time_limits(sentence: tuple[bytes, str]) -> None:
    scan = scanned(sentence[0], dpi=150, pages=3)
    by_pages = extract_text(scan, limits=ExtractionLimits(ocr=OcrLimits(max_pages=1)))
    assert [p.page for p in by_pages.ocr_pages] == [1]
    assert "ocr_incomplete:1/3" in by_pages.warnings
    assert by_pages.text.split("\f")[1:] == ["", ""]
    by_time = extract_text(scan, limits=ExtractionLimits(ocr=OcrLimits(file_timeout_s=0.01)))
    assert [p.page for p in by_time.ocr_pages] == [1]  # the page under way is finished
    assert "ocr_incomplete:1/3" in by_time.warnings


def _scan_with_layer(original: bytes, lines: list[str], mode: TextMode, y: float) -> bytes:
    """Page 1 of ``original`` scanned at 200 dpi, as one image over the whole page, with
    ``lines`` written over it from ``y`` (points) in ``mode``: what scanners and
    signing services make."""
    [image] = page_images(original, dpi=200, pages=1)
    pdf = FPDF(unit="pt", format=(612, 792))
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=612, h=792)
    pdf.set_font("Helvetica", size=9)
    pdf.text_mode = mode
    for n, line in enumerate(lines):
        pdf.text(60, y + 12 * n, line.encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("line", "mode"),
    [
        (
            "Documento digitalizado por la Oficialía de Partes del Poder Judicial",
            TextMode.INVISIBLE,
        ),
        (
            "Firmado electrónicamente por el Secretario de Acuerdos. Cadena: "
            "8f3a9c21d0b4e8f65a1c2b3d4e5f6a7b",
            TextMode.FILL,
        ),
    ],
)
def test_a_scan_under_one_line_of_text_is_read_by_ocr(
    sentence: tuple[bytes, str], line: str, mode: TextMode
) -> None:
    """A scanned page whose text layer is one line (a scanner's invisible note, a visible
    electronic-signature footer) had "text" and was never read: the document was that
    line, the sentence's page lost (CER 0.97)."""
    original, reference = sentence
    result = extract_text(_scan_with_layer(original, [line], mode, 780))
    assert [p.page for p in result.ocr_pages] == [1]
    assert result.method == "ocr"
    assert cer(reference, result.text) < 0.12
    assert "RESULTANDOS" in result.text


def test_a_scanners_whole_invisible_layer_is_the_text(sentence: tuple[bytes, str]) -> None:
    """Render mode 3 over the scan, with the whole page's text (a scanner's own OCR): it
    is the page's text, used as it is and not read again."""
    original, reference = sentence
    printed = pdfium.PdfDocument(original)[0].get_textpage().get_text_bounded()
    result = extract_text(_scan_with_layer(original, printed.splitlines(), TextMode.INVISIBLE, 60))
    assert result.ocr_pages == () and result.method == "pdfium"
    assert cer(reference, result.text) < 0.02


def test_a_short_last_page_of_a_scanners_layer_keeps_it(sentence: tuple[bytes, str]) -> None:
    """Three invisible lines over a scan showing the same three lines: OCR is tried (the
    layer is thin) and finds no more than the layer, which is kept."""
    lines = [
        "PRIMERO. Se confirma la sentencia recurrida en todos sus puntos resolutivos.",
        "SEGUNDO. Notifíquese personalmente a las partes y archívese el expediente.",
        "Así lo resolvió la Sala Civil del Supremo Tribunal de Justicia del Estado.",
    ]
    pdf = FPDF(unit="pt", format=(612, 792))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for n, line in enumerate(lines):
        pdf.text(60, 100 + 16 * n, line.encode("latin-1", "replace").decode("latin-1"))
    shown = bytes(pdf.output())
    result = extract_text(
        _scan_with_layer(shown, [line.upper() for line in lines], TextMode.INVISIBLE, 100)
    )
    assert result.ocr_pages == ()
    assert "SE CONFIRMA LA SENTENCIA RECURRIDA" in result.text
