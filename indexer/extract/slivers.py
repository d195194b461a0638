"""Scans under a sliver of text: a page whose text layer is a signature footer, a stamp
or one invisible line a scanner wrote, drawn over the scanned image of the whole page.
Such a page had "text" and was never read by OCR: its body was lost.

Here only pdfium is needed (the extraction looks at every page; OCR is loaded when a
page needs it)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the caller opened the page: pypdfium2 is loaded by then
    import pypdfium2 as pdfium

_NOT_ALNUM = re.compile(r"[\W_]+")
# A page whose text lines cover less than THIN_COVER of it, drawn over an image covering
# SCAN_COVER of it at least, is read by OCR too, and OCR's text kept when it holds
# OCR_GAIN times as many letters (a short last page of a scanner's layer keeps it).
# Pages with more letters than THIN_LETTERS are not looked at (a page of a scanner's
# full invisible text layer has thousands: it is the page's text, kept).
THIN_COVER = 0.03
SCAN_COVER = 0.5
OCR_GAIN = 1.5
THIN_LETTERS = 600


def letters(text: str) -> int:
    return len(_NOT_ALNUM.sub("", text))


def thin_over_scan(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str) -> bool:
    """Whether ``text``, the page's text layer, is a sliver over a scanned image: few
    letters, their lines covering little of the page, an image covering most of it."""
    if letters(text) > THIN_LETTERS:
        return False
    width, height = page.get_size()
    area = width * height
    if area <= 0:
        return False
    lines = sum(
        (right - left) * (top - bottom)
        for left, bottom, right, top in (
            textpage.get_rect(i) for i in range(textpage.count_rects())
        )
    )
    if lines >= THIN_COVER * area:
        return False
    import pypdfium2.raw as pdfium_c

    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = image.get_bounds()
        seen = (min(right, width) - max(left, 0.0)) * (min(top, height) - max(bottom, 0.0))
        if seen >= SCAN_COVER * area:
            return True
    return False
