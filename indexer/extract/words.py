"""Whole words from text layers whose glyph spacing splits them.

Some PDFs place the pieces of a word apart by a hair (around accented letters, or where
the generator cut a run of glyphs), and pdfium writes a space it inferred there:
"desocupac ión, as í como … jur íd ica", "e jecución". A search for "desocupación" then
misses the page. pdfium marks the spaces it inferred as generated; such a space between
two letters of one line whose boxes stand closer than a fraction of the font size
(word spaces are a quarter of an em or wider) is not a word break, and is dropped.
Spaces the PDF itself contains are never touched, and pages without a sign of split
words keep pdfium's own reading (the per-character pass costs time).
"""

from __future__ import annotations

import ctypes
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

JOIN_EM = 0.18  # a gap narrower than this (in ems) inside a line is not a word break
SAME_LINE_EM = 0.35  # baselines closer than this (in ems) are one line
# A letter beside an accented one across a space, or a lone piece of a word: the signs.
_SUSPECT = re.compile(
    r"[a-zñ] [áéíóúü]|[áéíóúü] [a-zñ]|\b(?![aeoyu]\b)[b-df-hj-np-tv-zñ]{1,2} [a-zñ]", re.I
)
_BREAKS = frozenset(" \r\n")
# a footnote's call set as a raised, smaller number right after a word: "amparo12", read
# as one word, is no "amparo" for a search; the number is parted from the word when its
# glyphs are smaller than the letter before it or stand above its baseline
_GLUED_NUMBER = re.compile(r"[^\W\d_]\d{1,3}(?!\w)")
SUPERSCRIPT_SIZE = 0.85  # a digit under this share of the letter's font size is raised
SUPERSCRIPT_RISE_EM = 0.2  # or a digit whose baseline is this far above the letter's


def page_text(textpage: pdfium.PdfTextPage) -> str:
    """The page's text with split words rejoined (pdfium's reading when none is split)."""
    text = str(textpage.get_text_bounded())
    if not _SUSPECT.search(text) and not _GLUED_NUMBER.search(text):
        return text
    return rejoined(textpage)


def _raised(raw: object, letter: int, digit: int) -> bool:
    """Whether the digit at ``digit`` is a footnote's call set after the letter at
    ``letter``: smaller, or above its baseline."""
    size = pdfium_c.FPDFText_GetFontSize(raw, letter)
    if size <= 0:
        return False
    if pdfium_c.FPDFText_GetFontSize(raw, digit) < SUPERSCRIPT_SIZE * size:
        return True
    return _origin(raw, digit) - _origin(raw, letter) > SUPERSCRIPT_RISE_EM * size


def _box(raw: object, index: int) -> tuple[float, float]:
    rect = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(raw, index, rect)
    return rect.left, rect.right


def _origin(raw: object, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
    return y.value


def _one_word(raw: object, before: int, after: int) -> bool:
    """Whether the letters at ``before`` and ``after`` stand as one word: one line, and
    a gap narrower than ``JOIN_EM`` of the font size."""
    size = max(
        pdfium_c.FPDFText_GetFontSize(raw, before), pdfium_c.FPDFText_GetFontSize(raw, after), 1.0
    )
    if abs(_origin(raw, before) - _origin(raw, after)) > SAME_LINE_EM * size:
        return False
    gap = _box(raw, after)[0] - _box(raw, before)[1]
    return -0.1 * size < gap < JOIN_EM * size


def rejoined(textpage: pdfium.PdfTextPage) -> str:
    """The page read character by character, dropping the spaces and line breaks pdfium
    inferred inside a word, and parting a footnote's raised number from its word."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    chars = [chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count)]
    out: list[str] = []
    index = 0
    while index < count:
        char = chars[index]
        if char in _BREAKS and pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
            end = index
            while (
                end < count
                and chars[end] in _BREAKS
                and pdfium_c.FPDFText_IsGenerated(raw, end) == 1
            ):
                end += 1
            before, after = index - 1, end
            if (
                before >= 0
                and after < count
                and chars[before].isalpha()
                and chars[after].isalpha()
                and _one_word(raw, before, after)
            ):
                index = end
                continue
            out.append("".join(chars[index:end]))
            index = end
            continue
        if (
            char.isdigit()
            and index > 0
            and chars[index - 1].isalpha()
            and _raised(raw, index - 1, index)
        ):
            out.append(" ")  # a footnote's call: the word before it stands whole
        out.append(char)
        index += 1
    return "".join(out)
