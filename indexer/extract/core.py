"""Type-specific extraction, run in-process or inside a worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .html import decode_html, main_text_from_str
from .model import Extraction, ExtractionError, OcrLimits
from .normalise import has_words, normalise_text
from .sniff import charset_mismatch, decode_guessed, odd_byte_dropped


@dataclass(frozen=True)
class Job:
    """What to do with a document's bytes (sent to workers, so kept small and picklable)."""

    kind: str  # "pdf" | "html" | "docx" | "text"
    charset: str | None  # declared by the Content-Type header
    max_pages: int
    timeout_s: float
    ocr: OcrLimits | None = None  # PDFs only: read pages without text by OCR


# how a message names a file of each kind
KIND_NAMES = {
    "pdf": "el PDF",
    "docx": "el documento Word",
    "html": "la página HTML",
    "text": "el archivo de texto",
}


def _non_empty(text: str, kind: str) -> str:
    if not has_words(text):
        raise ExtractionError(
            "no_text", f"{KIND_NAMES[kind]} no tiene ni una letra ni un número", pages=1
        )
    return text


def extract_local(
    job: Job,
    data: bytes,
    fallback_deadline: float | None = None,
    on_ocr: Callable[[], None] | None = None,
) -> Extraction:
    """Extract ``data`` in this process. ``fallback_deadline`` bounds pdfminer (monotonic);
    ``on_ocr`` is called when OCR begins (the worker extends its deadline then)."""
    if job.kind == "pdf":
        from .pdf import extract_pdf  # imports pypdfium2: only where PDFs are parsed

        return extract_pdf(data, job.max_pages, fallback_deadline, job.ocr, on_ocr)
    if job.kind == "docx":
        from .docx import extract_docx

        text, dropped = extract_docx(data)
        said = (f"invalid_references_dropped:{dropped}",) if dropped else ()
        return Extraction(text, 1, "docx", said)
    if job.kind == "html":
        markup, used, declared, sure = decode_html(data, job.charset)
        warnings = _decoding_warnings(data, declared, used, sure)
        return Extraction(_non_empty(main_text_from_str(markup), "html"), 1, "html", warnings)
    decoded, used, sure = decode_guessed(data, (job.charset,))
    warnings = _decoding_warnings(data, job.charset, used, sure)
    return Extraction(_non_empty(normalise_text(decoded), "text"), 1, "text", warnings)


def _decoding_warnings(data: bytes, declared: str | None, used: str, sure: bool) -> tuple[str, ...]:
    warnings: tuple[str, ...] = ()
    if charset_mismatch(data, declared, used):
        warnings = (f"charset_mismatch:{used}",)
    if not sure:  # no code page read the bytes as Spanish: kept, said to be a guess
        warnings += (f"charset_uncertain:{used}",)
    if odd_byte_dropped(data, used):
        warnings += ("odd_byte_dropped",)
    return warnings
