"""Result, error and limit types shared by the extraction modules."""

from __future__ import annotations

from dataclasses import dataclass

CAUSES = frozenset(
    {
        "too_large",
        "decompression_bomb",
        "timeout",
        "encrypted",
        "malformed",
        "no_text",
        "unsupported_type",
        "internal",  # our own code failed on the file (a bug): not the file's fault
    }
)


@dataclass(frozen=True)
class Extraction:
    """Normalised text of one document.

    For PDFs, pages are separated by a form feed (``"\\f"``): ``text.split("\\f")``
    has one entry per extracted page (empty pages included).
    """

    text: str
    pages: int
    method: str
    warnings: tuple[str, ...] = ()
    ocr_pages: tuple[OcrPage, ...] = ()


@dataclass(frozen=True)
class OcrPage:
    """A page whose text was read by OCR: its number (from 1), Tesseract's mean word
    confidence (0-100) and whether that is under the floor (kept, but to be doubted)."""

    page: int
    confidence: float
    low_confidence: bool = False


@dataclass(frozen=True)
class OcrLimits:
    """Bounds of OCR on pages without a usable text layer (``enabled=False``: never).

    Pages are rendered at ``dpi``, less when the image would exceed ``max_pixels``
    (memory); each page gets ``page_timeout_s`` and a file ``file_timeout_s`` in all;
    at most ``max_pages`` pages of a file are read. Pages whose mean confidence is under
    ``min_confidence`` are kept and flagged.
    """

    enabled: bool = True
    dpi: int = 300
    max_pixels: int = 12_000_000
    page_timeout_s: float = 30.0
    file_timeout_s: float = 240.0
    max_pages: int = 100
    min_confidence: float = 60.0


class ExtractionError(Exception):
    """Extraction failed for a reason tied to the input.

    ``cause`` is a short machine string (see ``CAUSES``); ``str(error)`` is the detail.
    """

    def __init__(self, cause: str, message: str = "", *, pages: int | None = None) -> None:
        if cause not in CAUSES:
            raise ValueError(f"unknown extraction error cause: {cause!r}")
        super().__init__(message or cause)
        self.cause = cause
        self.message = message
        self.pages = pages

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_error, (self.cause, self.message, self.pages))


def _rebuild_error(cause: str, message: str, pages: int | None) -> ExtractionError:
    return ExtractionError(cause, message, pages=pages)


@dataclass(frozen=True)
class ExtractionLimits:
    """Resource caps applied to every document.

    ``max_bytes`` is checked before parsing; PDFs with more than ``max_pages`` pages
    are truncated to their first ``max_pages`` pages (with a warning); ``timeout_s``
    is a hard wall-clock limit on parsing a PDF or HTML (the worker process is killed); once a
    PDF's pages are handed to OCR, the limit becomes ``ocr.file_timeout_s`` from then.
    HTML and plain text over ``max_markup_bytes`` are refused as ``too_large``: a
    50 MB page would cost a worker ~20 s and ~1 GB to parse for text nobody reads.
    For a Word file the limit is on its body's packed size, not on the zip's (scans and
    fonts attached to a sentence are never opened).
    """

    max_bytes: int = 50 * 1024 * 1024
    max_markup_bytes: int = 10 * 1024 * 1024
    max_pages: int = 2000
    timeout_s: float = 60.0
    ocr: OcrLimits = OcrLimits()
