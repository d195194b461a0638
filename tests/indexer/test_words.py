"""Words a PDF's glyph spacing splits are read whole, and real neighbours stay apart."""

from __future__ import annotations

import itertools
from pathlib import Path

import pypdfium2 as pdfium
from fpdf import FPDF

from cli.local import index_paths
from config.settings import Settings
from indexer.extract import extract_text
from indexer.library import Library
from indexer.stores import SearchQuery
from samples.glyphs import PARAGRAPHS, split_words_pdf


def _written(count: int) -> list[str]:
    """The first ``count`` words the generator lays out (its paragraphs, cycled)."""
    words = itertools.chain.from_iterable(p.split() for p in itertools.cycle(PARAGRAPHS))
    return list(itertools.islice(words, count))


def test_split_words_are_read_whole() -> None:
    data = split_words_pdf(pages=3)
    doc = pdfium.PdfDocument(data)
    plain = " ".join(str(page.get_textpage().get_text_bounded()) for page in doc).split()
    words = extract_text(data, "application/pdf").text.split()
    assert len(words) > 1000
    assert words == _written(len(words))
    assert plain.count("desocupación") < words.count("desocupación")  # pdfium alone splits


def test_neighbouring_words_are_not_glued() -> None:
    """Words set close (a fifth of an em, no space glyph), one text object each."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    em = 11 * 0.3528
    phrase = "la entrega del inmueble así como él único órgano de la ejecución"
    words = phrase.split(" ")
    x = 20.0
    for word in words:
        pdf.text(x, 30, word)
        x += pdf.get_string_width(word) + 0.2 * em
    assert extract_text(bytes(pdf.output()), "application/pdf").text.split() == words


def test_a_search_finds_a_word_the_text_layer_split(tmp_path: Path) -> None:
    path = tmp_path / "sentencia-arrendamiento.pdf"
    path.write_bytes(split_words_pdf(pages=2, seed=7))
    library = Library.open(Settings(data_dir=tmp_path / "data"))
    index_paths(library, [path], kind="sentencia", institution="Poder Judicial", jurisdiction="MX")
    for word in ("desocupación", "jurídica", "ejecución", '"entrega material y jurídica"'):
        assert library.search(SearchQuery(q=word)).total == 1, word
