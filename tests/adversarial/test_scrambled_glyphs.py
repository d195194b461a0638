"""A PDF whose generator draws each letter on its own, in no order (some report writers
and "optimisers" do: every glyph placed by coordinates, the content stream shuffled).
The page looks right; read in the stream's order, as pdfium reads, it was letters in a
heap («N r f c t 1 p l e j s E i v el…») and that heap was published as the sentence's
text, which no search found. Read by where the letters stand, it is the sentence.
Crawled end to end from a server on 127.0.0.1, beside a PDF written in order (kept as
pdfium reads it) and one whose letters are spaced out in order (a heading «S E N T E N
C I A», not a heap: kept in its order)."""

from __future__ import annotations

import random
from pathlib import Path

from fpdf import FPDF

from tests.adversarial.file_listing import Served, crawl

LINES = [
    "Sentencia definitiva del juicio de amparo directo 1234/2024.",
    "Vistos para resolver los autos del juicio promovido por la quejosa.",
    "RESULTANDO: Primero. Por escrito presentado el quince de mayo.",
]


def _letters(lines: list[str], shuffle: bool) -> bytes:
    """Each letter drawn on its own at its place in the line; in a shuffled order or not."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    placed = []
    for row, line in enumerate(lines):
        x = 20.0
        for char in line:
            placed.append((x, 30 + 8 * row, char))
            x += pdf.get_string_width(char)
    if shuffle:
        random.Random(3).shuffle(placed)
    for x, y, char in placed:
        if char != " ":
            pdf.text(x, y, char)
    return bytes(pdf.output())


def _spaced_heading() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 30, "S E N T E N C I A   D E F I N I T I V A   D E L   J U I C I O")
    pdf.text(20, 40, "d e   a m p a r o   d i r e c t o   n u m e r o   7 7 / 2 0 2 5 .")
    return bytes(pdf.output())


FILES = {
    "/revuelta.pdf": Served(_letters(LINES, shuffle=True)),
    "/ordenada.pdf": Served(_letters(LINES, shuffle=False)),
    "/espaciada.pdf": Served(_spaced_heading()),
}


def test_letters_drawn_in_no_order_are_read_where_they_stand(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, FILES)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert crawled.texts["Sentencia revuelta.pdf"] == "\n".join(LINES)
    assert crawled.texts["Sentencia ordenada.pdf"] == "\n".join(LINES)
    spaced = crawled.texts["Sentencia espaciada.pdf"].replace(" ", "").split("\n")
    assert spaced == ["SENTENCIADEFINITIVADELJUICIO", "deamparodirectonumero77/2025."]
    assert crawled.run.errors == {}, crawled.run.errors
