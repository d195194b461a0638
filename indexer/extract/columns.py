"""Two columns written line across line: pdfium reads the PDF's text in its own order, and
some producers draw a two-column page row by row (the left column's first line, the
right column's first line, then the second lines…). Read so, every line of the page
glues the end of a left line to the start of a right one: phrases that exist nowhere
("colegiado la parte quejosa") are found, and the column's own phrases, broken at each
line's end, are missed.

pdfium gives the page's runs of text with their boxes. A gutter is an empty vertical
band that parts the runs of at least ``MIN_ROWS`` lines, crossed by none of them; the
consecutive lines it parts are read column by column (the left column's lines, then the
right's). Lines that cross the gutter (a heading, a paragraph across the page) are read
as they stand. Pages with no such gutter keep pdfium's reading.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the caller opened the page: pypdfium2 is loaded by then
    import pypdfium2 as pdfium

MIN_ROWS = 4  # lines parted by one gutter, at least, to read them as columns
GUTTER_SHARE = 0.04  # of the page's width: a narrower gap is a space between words
MAX_RECTS = 4000  # a page of more runs is read as pdfium reads it (tables of figures)

Box = tuple[float, float, float, float, int]  # left, bottom, right, top, order in the text


def _lines(boxes: list[Box]) -> list[list[Box]]:
    """The runs grouped by line (their vertical middles within one another's height),
    top to bottom, each line's runs left to right."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: -b[3]):
        middle = (box[1] + box[3]) / 2
        if lines and lines[-1][0][1] <= middle <= lines[-1][0][3]:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [sorted(line) for line in lines]


def _gutter(lines: list[list[Box]], width: float) -> float | None:
    """The x of the band that parts the most lines, when it parts ``MIN_ROWS`` of them."""
    gaps = [
        (left[2], right[0])
        for line in lines
        for left, right in itertools.pairwise(line)
        if right[0] - left[2] >= GUTTER_SHARE * width
    ]
    best, parted = None, 0
    for start, end in gaps:
        x = (start + end) / 2
        count = sum(1 for a, b in gaps if a < x < b)
        if count > parted:
            best, parted = x, count
    return best if parted >= MIN_ROWS else None


def _crosses(line: list[Box], x: float) -> bool:
    return any(box[0] < x < box[2] for box in line)


def _both_sides(line: list[Box], x: float) -> bool:
    return any(box[2] <= x for box in line) and any(box[0] >= x for box in line)


def _across(block: list[list[Box]], x: float) -> bool:
    """Whether the text goes from column to column line by line: its runs, in the text's
    order, change sides at least twice per ``MIN_ROWS`` lines (read column by column,
    they change once)."""
    sides = [box[0] >= x for box in sorted((b for line in block for b in line), key=lambda b: b[4])]
    return sum(1 for a, b in itertools.pairwise(sides) if a != b) >= 2 * MIN_ROWS - 1


def reordered(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> str | None:
    """The page read column by column where it holds lines drawn across two columns, or
    None when it holds none (the caller keeps pdfium's reading)."""
    count = textpage.count_rects()
    if count < 2 * MIN_ROWS or count > MAX_RECTS:
        return None
    boxes = [(*textpage.get_rect(i), i) for i in range(count)]
    lines = _lines(boxes)
    x = _gutter(lines, page.get_width())
    if x is None:
        return None

    def read(line: list[Box]) -> str:
        return " ".join(textpage.get_text_bounded(*box[:4]).strip() for box in line)

    out: list[str] = []
    block: list[list[Box]] = []
    changed = False

    def flush() -> None:
        nonlocal changed
        if sum(1 for line in block if _both_sides(line, x)) >= MIN_ROWS and _across(block, x):
            changed = True
            left = [read([b for b in line if b[2] <= x]) for line in block]
            right = [read([b for b in line if b[0] >= x]) for line in block]
            out.extend(text for text in left + right if text)
        else:
            out.extend(read(line) for line in block)
        block.clear()

    for line in lines:
        if _crosses(line, x):
            flush()
            out.append(read(line))
        else:
            block.append(line)
    flush()
    return "\n".join(out) if changed else None
