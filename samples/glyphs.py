"""PDFs whose text layer splits words, as some real public versions do.

A real 52-page civil sentence reads "desocupac ión, as í como la entrega mater ia l y
jur íd ica" and "e jecución": its generator placed the pieces of a word apart by a hair,
around accented letters and at other cuts, and pdfium writes a space there. These
files reproduce that: every piece of a word is its own text object, the pieces of one
word stand 0.14–0.17 em apart (pdfium breaks from about 0.13 em), words 0.25–0.45 em
apart as in justified text, and no space glyph is drawn at all.
"""

from __future__ import annotations

import itertools
import random

from fpdf import FPDF

PARAGRAPHS = (
    "La parte actora demandó la desocupación y entrega material y jurídica del inmueble "
    "arrendado, así como el pago de las rentas vencidas y de las que se sigan venciendo hasta "
    "la total desocupación del bien.",
    "La demandada contestó la demanda y opuso la excepción de falta de acción; ofreció como "
    "pruebas la confesional, la testimonial y la documental pública, que se admitieron y "
    "desahogaron en la audiencia de ley.",
    "Del análisis de las constancias se advierte que el contrato de arrendamiento está vigente "
    "y que la arrendataria incumplió su obligación de pago, por lo que procede la acción "
    "intentada y la ejecución de la sentencia.",
    "En consecuencia, se condena a la demandada a la desocupación y entrega del inmueble dentro "
    "del plazo de treinta días, apercibida de que, de no hacerlo, se procederá a su "
    "lanzamiento a su costa.",
    "Se condena también al pago de la cantidad que resulte por concepto de rentas vencidas, "
    "cuya liquidación se hará en la vía de ejecución, así como al pago de los gastos y costas "
    "originados en esta instancia.",
    "Notifíquese personalmente a las partes la presente resolución y, en su oportunidad, "
    "archívese el expediente como asunto total y definitivamente concluido.",
)
_ACCENTED = set("áéíóúÁÉÍÓÚüÜ")
SIZE = 11
PT_MM = 0.3528
LEFT, WIDTH, TOP, BOTTOM, LEADING = 20.0, 170.0, 20.0, 275.0, 6.0


def split_word(word: str, rng: random.Random) -> list[str]:
    """The pieces a word's glyph runs fall into: cut around accented letters (mostly),
    and now and then elsewhere."""
    cuts = set()
    for index, char in enumerate(word):
        if char in _ACCENTED:
            if index and rng.random() < 0.8:
                cuts.add(index)
            if index + 1 < len(word) - 1 and rng.random() < 0.5:
                cuts.add(index + 1)
    if len(word) > 5 and rng.random() < 0.25:
        cuts.add(rng.randint(1, len(word) - 2))
    bounds = [0, *sorted(cuts), len(word)]
    return [word[a:b] for a, b in itertools.pairwise(bounds) if word[a:b]]


def split_words_pdf(
    paragraphs: tuple[str, ...] = PARAGRAPHS, *, pages: int = 3, seed: int = 52
) -> bytes:
    """``pages`` pages of the paragraphs, over and over, with words split as described."""
    rng = random.Random(seed)
    pdf = FPDF()
    pdf.set_font("Helvetica", size=SIZE)
    em = SIZE * PT_MM
    pdf.add_page()
    x, y = LEFT, TOP
    index = 0
    while True:
        for word in paragraphs[index % len(paragraphs)].split():
            width = pdf.get_string_width(word) + 0.2 * em * len(word)
            if x + width > LEFT + WIDTH:
                x, y = LEFT, y + LEADING
            if y > BOTTOM:
                if pdf.page_no() == pages:
                    return bytes(pdf.output())
                pdf.add_page()
                x, y = LEFT, TOP
            pieces = split_word(word, rng)
            for number, piece in enumerate(pieces):
                pdf.text(x, y, piece)
                x += pdf.get_string_width(piece)
                if number < len(pieces) - 1:
                    x += rng.uniform(0.14, 0.17) * em
            x += rng.uniform(0.25, 0.45) * em
        x, y = LEFT, y + LEADING * 1.5
        index += 1
