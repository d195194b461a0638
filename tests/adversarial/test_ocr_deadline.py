"""A scanned page is user input: Tesseract's layout step on a full letter page of noise
runs for a minute whatever tesserocr's recognition timeout says. The page gets
``page_timeout_s`` for real (Tesseract killed), is counted as timed out, the document's
other pages are still read, and no Tesseract is left running."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from indexer.extract import (
    Extraction,
    ExtractionError,
    ExtractionLimits,
    OcrLimits,
    extract_text,
    get_pool,
)
from indexer.extract.ocr import tessdata_dir
from samples.generate import build
from samples.scans import image_pdf, scanned

pytestmark = pytest.mark.skipif(tessdata_dir() is None, reason="Tesseract's Spanish data missing")

PAGE_S = 2.0
LIMITS = ExtractionLimits(ocr=OcrLimits(page_timeout_s=PAGE_S))
# a text page takes some 4-5 s on a busy machine (15 s leaves it 3x that); the noise page
# runs past 120 s, so it is still stopped on a machine many times faster
MIXED_PAGE_S = 15.0
MIXED = ExtractionLimits(ocr=OcrLimits(page_timeout_s=MIXED_PAGE_S))


def _noise_page() -> Image.Image:
    """A large page at 100 dpi sprinkled with dots: rendered at 3x each dot survives the
    cleaning, and Tesseract's layout runs for minutes on it (a letter page of the same
    noise took only 10-15 s on an idle core, too close to a limit)."""
    rng = random.Random(1)
    noise = Image.new("L", (1275, 1650), 255)
    pixels = noise.load()
    for _ in range(45_000):
        pixels[rng.randrange(1275), rng.randrange(1650)] = 0
    return noise


def _text_page() -> Image.Image:
    _, files = build(7)
    path = sorted(p for p in files if p.startswith("tribunal/") and p.endswith(".pdf"))[0]
    scan = pdfium.PdfDocument(scanned(files[path], dpi=150, pages=1))
    return scan[0].render(scale=150 / 72, grayscale=True).to_pil().convert("L")


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(c) for c in task.read_text().split()}
    return found


def _alive(pid: int) -> bool:
    """Running or a zombie: either way not cleaned up."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "X"
    except OSError:
        return False


def _readers() -> set[int]:
    return {child for worker in get_pool().pids() for child in _children(worker)}


def test_a_page_of_noise_is_stopped_and_the_next_page_still_read() -> None:
    started = time.monotonic()
    result = extract_text(image_pdf([_noise_page(), _text_page()], 100), limits=MIXED)
    elapsed = time.monotonic() - started
    assert "ocr_timeout:1" in result.warnings
    assert [p.page for p in result.ocr_pages] == [2]
    noise_text, text = result.text.split("\f")
    assert noise_text == ""
    assert "PODER JUDICIAL" in text
    # the noise page is stopped at its limit (+1 s grace); the text page, the readers'
    # start and the cleaning take some 10 s on a busy machine: 45 s leave 4x that, and the
    # bound stays far below the 120 s and more the noise page reads when not stopped
    assert elapsed < MIXED_PAGE_S + 45, f"the document took {elapsed:.0f} s"


def test_a_page_whose_recognition_is_cut_short_is_counted_as_timed_out() -> None:
    """Tesseract's own timeout stops the recognition of words, not the page's layout: a
    text page cut there comes back early with part of its words. That page did not get
    read, and says so (a timeout), never "no text layer"."""
    pdf = image_pdf([_text_page()], 150)
    with pytest.raises(ExtractionError) as caught:
        extract_text(pdf, limits=ExtractionLimits(ocr=OcrLimits(page_timeout_s=0.05)))
    assert caught.value.cause == "timeout"
    assert "PODER JUDICIAL" in extract_text(pdf, limits=MIXED).text


def test_a_document_of_noise_only_is_a_timeout_and_leaves_no_tesseract() -> None:
    before = _readers()
    started = time.monotonic()
    with pytest.raises(ExtractionError) as caught:
        extract_text(image_pdf([_noise_page()], 100), limits=LIMITS)
    elapsed = time.monotonic() - started
    assert caught.value.cause == "timeout"
    assert "OCR" in str(caught.value)
    # a reader's start (model load) and the page's cleaning come on top of the limit: up to
    # 5 s on a busy machine, so 20 s leave 4x that (unstopped, the page reads past 120 s)
    assert elapsed < PAGE_S + 20, f"the page held the worker {elapsed:.0f} s"
    # the reader that was reading the noise is gone, reaped, and none took its place
    assert not _readers()
    assert not any(_alive(pid) for pid in before)


def _running(pid: int) -> bool:
    """Still at work: neither gone nor a zombie waiting for whoever adopted it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in "ZX"
    except OSError:
        return False


def test_a_reader_dies_with_its_worker(tmp_path: Path) -> None:
    # the worker itself may be killed mid-page (its job's deadline, a crash): its
    # Tesseract must not read on for a minute as an orphan
    page = tmp_path / "ruido.png"
    _noise_page().resize((2550, 3300)).save(page)
    code = (
        "import sys\n"
        "from PIL import Image\n"
        "from indexer.extract.tess_reader import Reader\n"
        "reader = Reader()\n"
        "reader.start()\n"
        "print(reader.pid, flush=True)\n"
        "reader.read(Image.open(sys.argv[1]), 120)\n"
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", code, str(page)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert worker.stdout is not None
        reader = int(worker.stdout.readline())
        time.sleep(1.0)
        assert _running(reader)  # reading the noise
    finally:
        worker.kill()
        worker.wait()
    gone_by = time.monotonic() + 5
    while _running(reader) and time.monotonic() < gone_by:
        time.sleep(0.05)
    assert not _running(reader)


def _busy(pid: int) -> bool:
    """On a CPU (or about to be): Tesseract at work, not a reader waiting for a page."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "R"
    except OSError:
        return False


def test_a_reader_killed_under_a_page_is_counted_and_the_next_page_read() -> None:
    # Tesseract's process may die under a page (killed from outside, crashed by it): the
    # page is counted, not silently dropped, and the reader is started again for the next
    done: list[object] = []
    limits = ExtractionLimits(ocr=OcrLimits(page_timeout_s=120))
    data = image_pdf([_noise_page(), _text_page()], 100)
    thread = threading.Thread(target=lambda: done.append(extract_text(data, limits=limits)))
    thread.start()
    until = time.monotonic() + 30
    reading: set[int] = set()
    while not reading and time.monotonic() < until:
        time.sleep(0.5)
        reading = {pid for pid in _readers() if _busy(pid)}
    assert reading, "no Tesseract reader at work"
    for pid in reading:
        os.kill(pid, signal.SIGKILL)
    thread.join(60)
    assert done, "the extraction did not go on after its reader died"
    result = done[0]
    assert isinstance(result, Extraction)
    assert "ocr_failed:1" in result.warnings
    assert [p.page for p in result.ocr_pages] == [2]
    assert "PODER JUDICIAL" in result.text
