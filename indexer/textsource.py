"""Where a document's text came from: its files' text layers, OCR, or both."""

from __future__ import annotations

from collections.abc import Sequence

from indexer.library import ArchivedFile
from indexer.models import OcrPageRef


def text_origin(files: Sequence[ArchivedFile]) -> tuple[list[OcrPageRef], str | None]:
    """The pages read by OCR (per file) and ``text_source``: ``ocr`` when every page of
    every file with text was read so, ``mixed`` when some were, ``text_layer`` when
    none, None without file text."""
    pages: list[OcrPageRef] = []
    with_text = [(n, f) for n, f in enumerate(files) if f.text]
    for n, archived in with_text:
        pages += [
            OcrPageRef(file=n, page=p.page, confidence=p.confidence,
                       low_confidence=p.low_confidence)
            for p in archived.ocr_pages
        ]  # fmt: skip
    if not with_text:
        return pages, None
    if not pages:
        return pages, "text_layer"
    total = sum(f.ref.pages or len(f.ocr_pages) for _, f in with_text)
    return pages, "ocr" if len(pages) >= total else "mixed"
