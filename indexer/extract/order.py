"""Letters drawn in no order: some report writers and PDF "optimisers" place every glyph
by its coordinates and write them to the content stream in any order. The page looks
right, but pdfium reads a text layer in the stream's order: a heap of letters («N r f
c t 1 p l e j s E i v el…»), not one word of which a search finds.

The sign is cheap to see in pdfium's reading: most of its "words" are single letters
(a Spanish page has some 5 % of them: «y», «a», «o»). Only then are the letters looked
at one by one: when a large share of them stand above or to the left of the one read
before (a text read in order goes right along its line, then down a line), the page is
read again by where its letters stand: lines top to bottom, each left to right, a space
where the gap between two letters is a word's. Letters spaced out in order (a heading
«S E N T E N C I A») are single letters too, but read in order: kept as pdfium reads
them. Rotated letters (a stamp up the margin, a landscape table) are not re-read.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

MIN_WORDS = 40  # fewer words say too little (a stamp, a page number)
MIN_SINGLE_SHARE = 0.4  # of the words, single letters: a sign of a heap
MIN_BACKWARD_SHARE = 0.25  # of the steps between letters, backwards: a heap (order: ~2 %)
MAX_CHARS = 20_000  # a page of more letters is read as pdfium reads it (the cost)
SAME_LINE_EM = 0.35  # baselines closer than this (in ems) are one line
WORD_GAP_EM = 0.18  # a gap this wide between two letters of a line is a word break
MAX_ANGLE = 0.05  # radians: letters turned further are rotated text, not re-read
_WORD = re.compile(r"\w+")


def _heap_sign(text: str) -> bool:
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return False
    single = sum(1 for word in words if len(word) == 1)
    return single >= MIN_SINGLE_SHARE * len(words)


def unscrambled(textpage: pdfium.PdfTextPage, text: str) -> str | None:
    """The page's text read by where its letters stand, when pdfium's reading of it
    (``text``) is a heap of letters; None when it is not (the page keeps ``text``)."""
    if not _heap_sign(text):
        return None
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count > MAX_CHARS:
        return None
    x, y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    letters: list[tuple[float, float, float, float, float, str]] = []
    for index in range(count):
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        char = chr(code) if code else ""
        if not char or char.isspace() or pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
            continue
        angle = pdfium_c.FPDFText_GetCharAngle(raw, index)
        if angle < 0 or min(angle, 2 * math.pi - angle) > MAX_ANGLE:
            return None  # rotated letters: their lines do not run across the page
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
        pdfium_c.FPDFText_GetLooseCharBox(raw, index, box)
        size = max(pdfium_c.FPDFText_GetFontSize(raw, index), 1.0)
        letters.append((x.value, y.value, box.left, box.right, size, char))
    if not _backwards(letters):
        return None
    return "\n".join(_line_text(line) for line in _lines(letters))


def _backwards(letters: list[tuple[float, float, float, float, float, str]]) -> bool:
    """Whether enough steps from a letter to the next read go up, or left on a line."""
    back = 0
    for before, after in itertools.pairwise(letters):
        size = max(before[4], after[4])
        rise = after[1] - before[1]
        if rise > SAME_LINE_EM * size or (
            abs(rise) <= SAME_LINE_EM * size and after[0] < before[0] - 0.1 * size
        ):
            back += 1
    return len(letters) > 1 and back >= MIN_BACKWARD_SHARE * (len(letters) - 1)


def _lines(
    letters: list[tuple[float, float, float, float, float, str]],
) -> list[list[tuple[float, float, float, float, float, str]]]:
    """The letters grouped by baseline, top to bottom, each line left to right."""
    lines: list[list[tuple[float, float, float, float, float, str]]] = []
    for letter in sorted(letters, key=lambda one: -one[1]):
        if lines and lines[-1][0][1] - letter[1] <= SAME_LINE_EM * letter[4]:
            lines[-1].append(letter)
        else:
            lines.append([letter])
    return [sorted(line) for line in lines]


def _line_text(line: list[tuple[float, float, float, float, float, str]]) -> str:
    out = [line[0][5]]
    for before, after in itertools.pairwise(line):
        if after[2] - before[3] >= WORD_GAP_EM * max(before[4], after[4]):
            out.append(" ")
        out.append(after[5])
    return "".join(out)
