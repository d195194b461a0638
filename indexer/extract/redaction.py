"""Redactions that hid nothing: text drawn under a filled dark rectangle is still in the
PDF's text layer. That text was meant to be hidden, so it is replaced by a mark the
personal-data guard reports as a ``failed_redaction`` finding."""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the caller opened the page: pypdfium2 is loaded by then
    import pypdfium2 as pdfium

HIDDEN_UNDER_BOX = "[TEXTO BAJO TACHADO]"  # indexer.privacy.redactions knows it
_DARK = 80  # fill colour channels all at or below this: a black-out box
_MIN_SIDE = 4.0  # points: thinner shapes are rules and underlines, not boxes

Box = tuple[float, float, float, float]  # left, bottom, right, top


def _dark_boxes(page: pdfium.PdfPage) -> list[Box]:
    import pypdfium2.raw as pdfium_c

    boxes = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2):
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke)):
            continue
        if fill.value == pdfium_c.FPDF_FILLMODE_NONE:
            continue
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if not pdfium_c.FPDFPageObj_GetFillColor(
            obj.raw, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
        ):
            continue
        if a.value < 200 or max(r.value, g.value, b.value) > _DARK:
            continue
        left, bottom, right, top = obj.get_bounds()
        if right - left >= _MIN_SIDE and top - bottom >= _MIN_SIDE:
            boxes.append((left, bottom, right, top))
    return boxes


def _covered(char: Box, boxes: list[Box]) -> bool:
    x = (char[0] + char[2]) / 2
    y = (char[1] + char[3]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def uncover(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> str | None:
    """The page's text with runs of characters under dark boxes replaced by the mark, or
    None when the page has no such characters (the caller keeps its usual text)."""
    boxes = _dark_boxes(page)
    if not boxes:
        return None
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP shift positions: leave it
        return None
    hidden = [
        ch.strip() != "" and _covered(textpage.get_charbox(i), boxes) for i, ch in enumerate(text)
    ]
    if not any(hidden):
        return None
    out: list[str] = []
    i = 0
    while i < count:
        if not hidden[i]:
            out.append(text[i])
            i += 1
            continue
        j = i
        while j < count and (hidden[j] or (text[j] == " " and j + 1 < count and hidden[j + 1])):
            j += 1
        out.append(HIDDEN_UNDER_BOX)
        i = j
    return "".join(out)
