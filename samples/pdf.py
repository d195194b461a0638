"""Minimal, fast PDF writer on top of fpdf2 with a real (latin-1) text layer.

fpdf2's ``multi_cell`` is slow for long documents, so lines are wrapped here with
cached word widths and drawn with ``FPDF.text``.
"""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF

_ASCII_FALLBACKS = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."}
)
_FONT = "Helvetica"


class _Doc(FPDF):
    head_left = ""
    head_right = ""

    def header(self) -> None:
        self.set_font(_FONT, "", 8)
        self.set_text_color(90, 90, 90)
        self.text(self.l_margin, 14, self.head_left)
        self.text(
            self.w - self.r_margin - self.get_string_width(self.head_right), 14, self.head_right
        )
        self.set_draw_color(150, 150, 150)
        self.line(self.l_margin, 16, self.w - self.r_margin, 16)
        self.set_text_color(0, 0, 0)

    def number_pages(self) -> None:
        """Draw 'Página i de N' on every page (the {nb} alias is not applied to ``text``)."""
        total = self.pages_count
        self.set_font(_FONT, "", 8)
        self.set_text_color(90, 90, 90)
        for i in range(1, total + 1):
            self.page = i
            label = f"Página {i} de {total}"
            self.text((self.w - self.get_string_width(label)) / 2, self.h - 12, label)
        self.set_text_color(0, 0, 0)


class PdfWriter:
    """Write headings and wrapped paragraphs page by page."""

    def __init__(
        self, title: str, head_left: str, head_right: str, created: dt.date, author: str = ""
    ) -> None:
        self.pdf = _Doc(format="Letter")
        self.pdf.head_left = clean(head_left)
        self.pdf.head_right = clean(head_right)
        self.pdf.set_title(clean(title))
        self.pdf.set_author(clean(author))
        self.pdf.set_creator("Estado Abierto - sitios de muestra")
        self.pdf.set_creation_date(
            dt.datetime(created.year, created.month, created.day, 12, tzinfo=dt.UTC)
        )
        self.pdf.set_margins(25, 26, 25)
        self.pdf.set_auto_page_break(False, margin=22)
        self.pdf.add_page()
        self.y = float(self.pdf.t_margin)
        self._widths: dict[tuple[str, int, str], float] = {}

    @property
    def pages(self) -> int:
        return self.pdf.page_no()

    def _width(self, word: str, style: str, size: int) -> float:
        key = (style, size, word)
        if key not in self._widths:
            self._widths[key] = self.pdf.get_string_width(word)
        return self._widths[key]

    def _wrap(self, text: str, width: float, style: str, size: int) -> list[str]:
        space = self._width(" ", style, size)
        lines: list[str] = []
        current: list[str] = []
        used = 0.0
        for word in text.split():
            w = self._width(word, style, size)
            if current and used + space + w > width:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                used = used + space + w if current else w
                current.append(word)
        if current:
            lines.append(" ".join(current))
        return lines

    def _ensure(self, height: float) -> None:
        if self.y + height > self.pdf.h - self.pdf.b_margin:
            self.pdf.add_page()
            self.y = float(self.pdf.t_margin)

    def write(
        self,
        text: str,
        *,
        size: int = 11,
        style: str = "",
        align: str = "L",
        indent: float = 0,
        after: float = 3,
    ) -> None:
        """Write one paragraph; ``align`` is L, C or R."""
        self.pdf.set_font(_FONT, style, size)
        line_h = size * 0.55
        left = self.pdf.l_margin + indent
        width = self.pdf.epw - indent
        for line in self._wrap(clean(text), width, style, size):
            self._ensure(line_h)
            x = left
            if align == "C":
                x = left + (width - self._width(line, style, size)) / 2
            elif align == "R":
                x = left + width - self._width(line, style, size)
            self.pdf.text(x, self.y + line_h * 0.78, line)
            self.y += line_h
        self.y += after

    def heading(self, text: str, *, size: int = 11, align: str = "C", after: float = 4) -> None:
        """Bold heading kept with at least three lines of what follows."""
        self._ensure(size * 0.55 * 4)
        self.write(text, size=size, style="B", align=align, after=after)

    def space(self, mm: float) -> None:
        self.y += mm

    def output(self) -> bytes:
        self.pdf.number_pages()
        return bytes(self.pdf.output())


def clean(text: str) -> str:
    """Map typographic characters outside latin-1 to ASCII so core fonts can encode them."""
    return text.translate(_ASCII_FALLBACKS)
