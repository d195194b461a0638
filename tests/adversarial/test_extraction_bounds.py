"""Hostile files whose cost is in reading them, not in their size: each is stopped by a
bound of its own, within a page, and refused with its true cause (or kept, with the
text pdfium read), never left to hold a worker until its time limit kills it.

The PDFs are written here (``tests.adversarial.hostile``): a few KB each.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from pathlib import Path

import pytest

from indexer.extract import (
    ExtractionError,
    ExtractionLimits,
    OcrLimits,
    extract_text,
    sniff_type,
)
from indexer.extract.ocr import ocr_pages, tessdata_dir
from indexer.extract.pdf import extract_pdf
from indexer.extract.worker import get_pool
from tests.adversarial import hostile

GOOD = "Sentencia de amparo"  # 17 letters: a sparse page, so pdfminer is tried as well


def _cause(data: bytes) -> ExtractionError:
    with pytest.raises(ExtractionError) as info:
        extract_text(data, "application/pdf", "a.pdf")
    return info.value


@pytest.mark.parametrize(
    "make",
    [
        # 150,000 operators showing spaces: pdfminer read it for 25 s (50 s on a busy
        # machine) and called it a scan
        lambda: hostile.blank_operators_pdf(150_000),
        # a 14 KB form drawn 60 times: 840 KB interpreted from a 1 KB file
        lambda: hostile.form_drawn_pdf(2_000, 60),
        # a character map of 200,000 entries, parsed in Python before any text
        lambda: hostile.huge_tounicode_pdf(200_000),
    ],
    ids=["blank-operators", "form-drawn-60-times", "huge-tounicode"],
)
def test_a_page_too_costly_for_the_fallback_is_too_large_not_a_scan(make: object) -> None:
    error = _cause(make())  # type: ignore[operator]
    assert error.cause == "too_large", error
    assert "pdfminer" in str(error)


def test_a_good_page_beside_an_endless_one_keeps_its_text() -> None:
    """The fallback leaves the endless page unread instead of running into the file's
    time limit, which lost the whole file (``timeout``) with its good page."""
    data = hostile.content_pages_pdf([hostile.text_content(GOOD), hostile.blank_operators(150_000)])
    result = extract_text(data, "application/pdf", "a.pdf", ExtractionLimits(timeout_s=12))
    assert result.text.split("\f")[0] == GOOD
    assert "fallback_skipped:1" in result.warnings


def test_the_fallback_deadline_stops_pdfminer_within_a_page() -> None:
    """A page under the content limit that pdfminer reads for seconds: its deadline stops
    it there (it was looked at only between pages), the text of pdfium is kept and says
    the fallback did not finish; a file without text is then a ``timeout``."""
    slow = hostile.blank_operators(30_000)  # 210 KB: some 2 s of pdfminer, idle
    data = hostile.content_pages_pdf([hostile.text_content(GOOD), slow])
    result = extract_pdf(data, 10, time.monotonic() + 0.3)
    assert result.text.split("\f")[0] == GOOD
    assert "fallback_timeout" in result.warnings
    with pytest.raises(ExtractionError) as info:
        extract_pdf(hostile.content_pages_pdf([slow]), 10, time.monotonic() + 0.3)
    assert info.value.cause == "timeout"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_deadline_whose_ring_is_swallowed_still_stops_pdfminer() -> None:
    """The deadline's exception can land in code that swallows it (a ``gc`` callback, as
    hypothesis installs one; a ``__del__``): the alarm rings again, so the file is still a
    ``timeout`` within a page, not read to its end and called ``no_text``."""
    slow = hostile.blank_operators(30_000)
    deadline = time.monotonic() + 0.3
    swallowed: list[bool] = []

    def hold_the_ring(phase: str, _info: dict) -> None:
        if swallowed or time.monotonic() < deadline - 0.05:
            return
        swallowed.append(True)
        while time.monotonic() < deadline + 0.05:  # the ring lands here, and is lost
            pass

    # a collection near the deadline whatever an earlier test in this process left: a
    # server or crawl started in-process loosens the collector (``indexer.heap``), and at
    # 10,000 allocations a pass none may fall in the last 50 ms
    thresholds = gc.get_threshold()
    gc.set_threshold(1, *thresholds[1:])
    gc.callbacks.append(hold_the_ring)
    try:
        with pytest.raises(ExtractionError) as info:
            extract_pdf(hostile.content_pages_pdf([slow]), 10, deadline)
    finally:
        gc.callbacks.remove(hold_the_ring)
        gc.set_threshold(*thresholds)
    assert swallowed, "no garbage collection ran near the deadline"
    assert info.value.cause == "timeout"


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


@pytest.mark.skipif(tessdata_dir() is None, reason="Tesseract's Spanish data missing")
@pytest.mark.parametrize(
    "make",
    [
        # 900 bytes of JBIG2 declaring 100,000 x 100,000 pixels: pdfium decoded it whole
        # (1.25 GB in the worker) to render the page for OCR
        lambda: hostile.giant_image_xobject_pdf(100_000, b"/JBIG2Decode", b"<< >>"),
        # 25 KB drawing a 25-million-pixel image 20 times: each drawing scaled in
        # render, seconds apiece (100 drawings: 165 s on a busy machine)
        lambda: hostile.image_drawn_pdf(5_000, 20),
    ],
    ids=["jbig2-100000-square", "image-drawn-20-times"],
)
def test_images_too_large_to_decode_are_not_rendered_for_ocr(make: object) -> None:
    """Such a page was rendered (under the OCR's minutes, not the file's time limit) and
    the file then called a scan without text."""
    data = make()  # type: ignore[operator]
    pool = get_pool()
    pool.close()  # fresh workers: their peak memory is this file's
    error = _cause(data)
    assert error.cause == "too_large" and "millones de píxeles" in str(error)
    assert max(_peak_mb(pid) for pid in pool.pids()) < 500


def test_a_zip_too_large_to_list_is_refused_before_listing_it() -> None:
    """100,000 empty entries beside a Word body (8 MB): asking whether it was Word made
    an object of every entry in the crawler's own process, then again in a worker."""
    data = hostile.many_entries_zip(100_000)
    tracemalloc.start()
    try:
        with pytest.raises(ExtractionError) as info:
            sniff_type(data, None, "sentencia.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.cause == "too_large"
    assert peak < 1024 * 1024
    with pytest.raises(ExtractionError) as info:
        extract_text(data, None, "sentencia.docx")
    assert info.value.cause == "too_large"
    assert sniff_type(hostile.many_entries_zip(200), None, None) == "docx"  # a Word file


@pytest.mark.skipif(tessdata_dir() is None, reason="Tesseract's Spanish data missing")
def test_a_file_with_nothing_to_render_is_not_given_the_ocr_budget() -> None:
    """The worker's deadline becomes the OCR's minutes when the first page is rendered,
    not before looking for drawings: a page of 4 million text objects in forms (900
    bytes) was looked through for 100 s under that budget, past the file's 60 s."""
    begun: list[bool] = []
    for data in (
        hostile.blank_operators_pdf(1_000),  # nothing drawn
        hostile.giant_image_xobject_pdf(100_000, b"/JBIG2Decode", b"<< >>"),  # too large
    ):
        ocr_pages(data, [""], OcrLimits(), lambda: begun.append(True))
    assert begun == []
