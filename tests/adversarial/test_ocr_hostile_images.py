"""A page's size is the sender's to choose. A strip of a page (2 pt by a million) is not
turned into a picture hundreds of times its size to straighten it, and an image Tesseract
cannot take (empty, a side over 32,767 pixels) is a page counted as failed, refused before
it is handed over, with the reader left running for the next page."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from PIL import Image

from indexer.extract import OcrLimits, ocr
from indexer.extract.ocr import tessdata_dir
from indexer.extract.tess_reader import Reader, ReaderUnavailable

pytestmark = pytest.mark.skipif(tessdata_dir() is None, reason="Tesseract's Spanish data missing")


def _pdf(width: float, height: float, drawing: bytes) -> bytes:
    """A one-page PDF of the given page size whose page draws ``drawing``."""
    box = f"/MediaBox [0 0 {width} {height}]"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R {box} /Contents 4 0 R >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(drawing) + drawing + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        start,
    )
    return out


def test_a_strip_of_a_page_is_not_blown_up_to_be_straightened() -> None:
    doc = pdfium.PdfDocument(_pdf(14400, 1, b"0 0 m 14400 1 l 0.5 w S\n"))
    try:
        image = ocr.render(doc[0], OcrLimits())
    finally:
        doc.close()
    cleaned = ocr.clean(image)
    assert cleaned.width * cleaned.height <= 1.5 * image.width * image.height, cleaned.size


@pytest.mark.parametrize("size", [(14400, 1), (2, 1_000_000)], ids=["wide", "tall"])
def test_a_page_too_long_for_tesseract_is_counted_as_failed(size: tuple[int, int]) -> None:
    width, height = size
    data = _pdf(width, height, f"0 0 m {width} {height} l 0.5 w S\n".encode())
    texts = [""]
    pages, warnings = ocr.ocr_pages(data, texts, OcrLimits(page_timeout_s=5))
    assert pages == () and warnings == ["ocr_failed:1"] and texts == [""]


def test_an_image_tesseract_cannot_take_leaves_the_reader_running() -> None:
    reader = Reader()
    try:
        assert reader.read(Image.new("L", (200, 100), 255), 5.0)[0].strip() == ""
        pid = reader.pid
        for size in [(0, 0), (0, 10), (40_000, 2), (2, 40_000)]:
            with pytest.raises(ReaderUnavailable):
                reader.read(Image.new("L", size, 255), 5.0)
            assert reader.pid == pid, f"a {size} image cost the reader its life"
        assert reader.read(Image.new("L", (200, 100), 255), 5.0)[0].strip() == ""
        assert reader.pid == pid
    finally:
        reader.stop()
