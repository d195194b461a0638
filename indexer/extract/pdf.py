"""In-process PDF text extraction: pypdfium2 first, pdfminer.six as fallback.

Runs inside the worker subprocess (see :mod:`indexer.extract.worker`); call
:func:`extract_pdf` directly only for trusted input or benchmarks.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .model import Extraction, ExtractionError, OcrLimits, OcrPage
from .normalise import has_words, normalise_pages
from .redaction import uncover
from .words import page_text

SPARSE_CHARS_PER_PAGE = 20  # fewer non-space chars per page on average: try pdfminer
MAX_BAD_CHAR_RATIO = 0.2  # more U+FFFD / private-use chars than this: try pdfminer
_MAX_PAGE_ERRORS = 50
_PDFIUM_HYPHEN = re.compile("[\x02\ufffe]")  # pdfium's marker for a line-end hyphen
_CID = re.compile(r"\(cid:\d+\)")
_BAD_CHARS = re.compile("[\ufffd\ue000-\uf8ff]")
_NOT_ALNUM = re.compile(r"[\W_]+")

logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass
class _Pages:
    texts: list[str]
    total: int
    method: str
    warnings: list[str]
    failed_pages: int = 0  # pages the reader could not load
    fallback_error: str = ""


def _score(texts: list[str]) -> int:
    """Count letters and digits, ignoring pdfminer's ``(cid:N)`` placeholders."""
    return sum(len(_NOT_ALNUM.sub("", _CID.sub("", t))) for t in texts)


def _pdfium_page_text(doc: pdfium.PdfDocument, index: int) -> str:
    page = doc[index]
    try:
        textpage = page.get_textpage()
        try:
            return uncover(page, textpage) or page_text(textpage)
        finally:
            textpage.close()
    finally:
        page.close()


def _pdfium_pages(data: bytes, max_pages: int) -> _Pages:
    doc = pdfium.PdfDocument(data)
    try:
        total = len(doc)
        texts: list[str] = []
        errors = 0
        for index in range(min(total, max_pages)):
            try:
                texts.append(_PDFIUM_HYPHEN.sub("-\n", _pdfium_page_text(doc, index)))
            except pdfium.PdfiumError:
                errors += 1
                texts.append("")
                if errors >= _MAX_PAGE_ERRORS:
                    break
        warnings = [f"page_errors:{errors}"] if errors else []
        return _Pages(texts, total, "pdfium", warnings, errors)
    finally:
        doc.close()


def _pdfminer_pages(data: bytes, max_pages: int, deadline: float | None) -> _Pages:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect as exc:
        raise ExtractionError("encrypted", "a user password is required") from exc
    try:
        total = int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
    except Exception:
        total = 0
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    texts: list[str] = []
    warnings: list[str] = []
    for page in PDFPage.create_pages(document):
        if len(texts) >= max_pages:
            break
        if deadline is not None and time.monotonic() > deadline:
            warnings.append("fallback_timeout")
            break
        interpreter.process_page(page)
        layout = device.get_result()
        boxes = [el.get_text() for el in layout if isinstance(el, LTTextContainer)]
        texts.append("\n".join(boxes))
    return _Pages(texts, max(total, len(texts)), "pdfminer", warnings)


def _needs_fallback(result: _Pages) -> bool:
    if not result.texts:
        return True
    if _score(result.texts) < SPARSE_CHARS_PER_PAGE * len(result.texts):
        return True
    joined = "".join(result.texts)
    return len(_BAD_CHARS.findall(joined)) > MAX_BAD_CHAR_RATIO * max(len(joined), 1)


def extract_pdf(
    data: bytes,
    max_pages: int,
    deadline: float | None = None,
    ocr: OcrLimits | None = None,
    on_ocr: Callable[[], None] | None = None,
) -> Extraction:
    """Extract and normalise the text of a PDF; with ``ocr``, pages without a usable
    text layer are read by OCR (:mod:`.ocr`).

    ``deadline`` (a ``time.monotonic()`` value) only bounds the pdfminer
    fallback, which stops between pages; hard timeouts are the worker's job.
    Raises :class:`ExtractionError` with cause "encrypted", "malformed" or "no_text".
    """
    result: _Pages | None = None
    pdfium_error: Exception | None = None
    try:
        result = _pdfium_pages(data, max_pages)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ExtractionError("encrypted", str(exc)) from exc
        pdfium_error = exc
    if result is None or _needs_fallback(result):
        result = _try_fallback(data, max_pages, deadline, result, pdfium_error)
    if result.total > max_pages:
        result.warnings.append(f"pages_truncated:{max_pages}/{result.total}")
    if not "".join(result.texts).strip():
        _refuse_unloadable(result)  # no page loads: a broken file, which OCR cannot read
    read_by_ocr = _ocr(data, result, ocr, on_ocr) if pdfium_error is None else ()
    text = normalise_pages(result.texts)
    if not has_words(text):
        _refuse_unloadable(result)
        if stopped := [w for w in result.warnings if w.startswith("ocr_timeout:")]:
            slow = stopped[0].split(":")[1]
            raise ExtractionError("timeout", f"OCR of {slow} page(s) outlasted its time limit")
        if died := [w for w in result.warnings if w.startswith("ocr_failed:")]:
            count = died[0].split(":")[1]
            raise ExtractionError("malformed", f"Tesseract died reading {count} page(s)")
        raise ExtractionError("no_text", "no text layer (scanned?)", pages=result.total)
    if _score(result.texts) < SPARSE_CHARS_PER_PAGE * len(result.texts):
        result.warnings.append("sparse_text")
    return Extraction(
        text, result.total, result.method, tuple(result.warnings), ocr_pages=read_by_ocr
    )


def _ocr(
    data: bytes, result: _Pages, limits: OcrLimits | None, on_ocr: Callable[[], None] | None
) -> tuple[OcrPage, ...]:
    """Read the pages without text by OCR, in place; the method says so."""
    if limits is None or not limits.enabled:
        return ()
    from .ocr import ocr_pages

    read, warnings = ocr_pages(data, result.texts, limits, on_ocr)
    result.warnings.extend(warnings)
    if read:
        result.method = "ocr" if len(read) == len(result.texts) else f"{result.method}+ocr"
    return read


def _refuse_unloadable(result: _Pages) -> None:
    """No text because no page could even be loaded is a broken file, not a scan."""
    if not result.texts or result.failed_pages < len(result.texts):
        return
    reason = "the page tree is broken, cyclic or nested too deeply"
    if "Recursion" in result.fallback_error:
        reason = "the page tree is nested too deeply"
    raise ExtractionError(
        "malformed", f"none of {len(result.texts)} page(s) could be loaded: {reason}"
    )


def _try_fallback(
    data: bytes,
    max_pages: int,
    deadline: float | None,
    result: _Pages | None,
    pdfium_error: Exception | None,
) -> _Pages:
    """Run pdfminer; keep whichever of the two results has more letters and digits."""
    try:
        fallback = _pdfminer_pages(data, max_pages, deadline)
    except ExtractionError:
        raise
    except Exception as exc:
        if result is None:
            raise ExtractionError("malformed", f"{pdfium_error}; pdfminer: {exc!r}") from exc
        result.warnings.append("fallback_failed")
        result.fallback_error = f"{type(exc).__name__}: {exc}"[:200]
        return result
    if result is None:
        if not fallback.texts and fallback.total == 0:  # pdfium says "Success" of it
            raise ExtractionError("malformed", "the PDF has no pages: its page tree is empty")
        if not fallback.texts:
            raise ExtractionError("malformed", f"{pdfium_error}; pdfminer found no pages")
    elif _score(fallback.texts) <= _score(result.texts):
        return result
    fallback.warnings.insert(0, "pdfminer_fallback")
    return fallback
