"""A text layer whose font map shifts or swaps the letters is not indexed as junk.

Old Word-to-PDF converters wrote fonts whose codes sit 29 below their characters:
pdfium read "6HQWHQFLD GHILQLWLYD" for "Sentencia definitiva", which looked like text
(letters, digits, signs), was indexed, and no search found the page. A page whose
letters are shifted by one offset is now read with the shift undone (its text is the
document's own); one whose letters are swapped for others is read by OCR, or without
OCR counted as not legible. Real Spanish pages (prose, names, tables, abbreviations)
are kept as read. The PDFs are written here (``tests.adversarial.hostile``).
"""

from __future__ import annotations

import glob
import json
import random
from pathlib import Path

import pytest

from indexer.extract import ExtractionError, ExtractionLimits, OcrLimits, extract_text
from indexer.extract.cipher import suspect
from indexer.extract.ocr import tessdata_dir
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import remapped_pdf, text_pdf

SENTENCE = (
    "Sentencia definitiva dictada en el juicio ordinario civil\n"
    "promovido por la parte actora en contra de la demandada, acción y excepción.\n"
    "Se resuelve que la actora probó su acción y el demandado no acreditó sus excepciones."
)
OTHER = "Resolutivos del juicio de amparo directo en revisión 1309/2023"
SHIFTS = {"minus-29": -29, "plus-3": 3, "minus-3": -3}
NO_OCR = ExtractionLimits(ocr=OcrLimits(enabled=False))
CORPUS = Path("/work/shared/corpus")
needs_ocr = pytest.mark.skipif(tessdata_dir() is None, reason="Tesseract's Spanish data missing")


def _shift(offset: int) -> dict[int, int]:
    """Every code from the space up sent ``offset`` code points away."""
    return {code: code + offset for code in range(32, 256)}


def _swap() -> dict[int, int]:
    """Each letter sent to another letter (one fixed permutation, both cases)."""
    lower = list(range(ord("a"), ord("z") + 1))
    swapped = lower[:]
    random.Random(7).shuffle(swapped)
    remap = dict(zip(lower, swapped, strict=True))
    remap.update({code - 32: target - 32 for code, target in zip(lower, swapped, strict=True)})
    return remap


@pytest.mark.parametrize("offset", SHIFTS.values(), ids=SHIFTS.keys())
def test_a_shifted_page_is_read_with_the_shift_undone(offset: int) -> None:
    result = extract_text(
        remapped_pdf([SENTENCE], _shift(offset)), "application/pdf", limits=NO_OCR
    )
    assert result.text == SENTENCE
    assert "shifted_pages:1" in result.warnings


def test_a_page_in_capitals_keeps_its_case_and_numbers() -> None:
    """Capitals shifted by 29 are digits and signs ("$&&,¶1" for "ACCIÓN"), few letters."""
    heading = (
        "ACCIÓN DE INCONSTITUCIONALIDAD 206/2023 Y SU ACUMULADA 208/2023.\n"
        "PROMOVENTE: COMISIÓN NACIONAL DE LOS DERECHOS HUMANOS.\n"
        "MINISTRO PONENTE: JAVIER LAYNEZ POTISEK. SECRETARIA: PAULA XIMENA MÉNDEZ AZUELA.\n"
        "COLABORÓ: NATALIA HERNÁNDEZ. CIUDAD DE MÉXICO, 18 DE FEBRERO DE 2025."
    )
    result = extract_text(remapped_pdf([heading], _shift(-29)), "application/pdf", limits=NO_OCR)
    assert result.text == heading


def test_a_swapped_page_without_ocr_is_counted_not_indexed() -> None:
    data = remapped_pdf([OTHER + "\n" + SENTENCE, SENTENCE], _swap(), broken={1})
    result = extract_text(data, "application/pdf", limits=NO_OCR)
    assert result.text.split("\f") == [OTHER + "\n" + SENTENCE, ""]
    assert "garbled_pages:1" in result.warnings
    with pytest.raises(ExtractionError) as info:
        extract_text(remapped_pdf([SENTENCE], _swap()), "application/pdf", limits=NO_OCR)
    assert info.value.cause == "malformed"
    assert "no es legible" in str(info.value)


@needs_ocr
def test_a_swapped_page_is_read_by_ocr() -> None:
    result = extract_text(remapped_pdf([SENTENCE], _swap()), "application/pdf")
    assert result.method == "ocr"
    assert "juicio ordinario civil" in result.text


REAL_SHAPES = {
    "names": "\n".join(
        ["LISTA DE ASISTENCIA DE LAS SEÑORAS Y SEÑORES MINISTROS"]
        + [
            f"{n}. {name}"
            for n, name in enumerate(
                [
                    "Norma Lucía Piña Hernández",
                    "Juan Luis González Alcántara Carrancá",
                    "Alfredo Gutiérrez Ortiz Mena",
                    "Loretta Ortiz Ahlf",
                    "Javier Laynez Potisek",
                    "Jorge Mario Pardo Rebolledo",
                    "Ana Margarita Ríos Farjat",
                    "Luis María Aguilar Morales",
                    "Alberto Pérez Dayán",
                ],
                1,
            )
        ]
    ),
    "table": "\n".join(
        ["Expediente Fecha Monto"]
        + [f"{100 + n}/2023 {n + 1:02d}/03/2024 $ {n * 12345.67:,.2f}" for n in range(30)]
    ),
    "abbreviations": (
        "SCJN; CPEUM, art. 1o., 14, 16 y 133; LA, arts. 73, 74 y 75; TCC; DOF 06-06-2011;\n"
        "AI 206/2023 y su acum. 208/2023; ADR 1309/2023; CT 29/2024; SJF 10a. época.\n"
        "Tesis: 1a./J. 12/2019 (10a.); P./J. 3/2022 (11a.); 2a. CXX/2018; I.3o.C.45 K."
    ),
}


@pytest.mark.parametrize("shape", REAL_SHAPES.values(), ids=REAL_SHAPES.keys())
def test_real_spanish_shapes_are_kept_as_read(shape: str) -> None:
    data = remapped_pdf([shape], {})
    result = extract_text(data, "application/pdf", limits=NO_OCR)
    assert result.text.split() == shape.split()
    assert not any(w.startswith(("shifted", "garbled")) for w in result.warnings)


# Courts publish sentences and their summaries in Mexico's own languages beside the
# Spanish: their letters are not Spanish pairs, and they are text, not junk.
INDIGENOUS = {
    "tsotsil": (
        "Skotol li krixchanoetike, k'olem x-ayanik xchi'uk ko'ol ya'yejik li sk'oplal\n"
        "xchi'uk li yabtelike; yu'un oy srasonik xchi'uk oy yo'ontonik, ja' yu'un skuxijik\n"
        "ta lek xchi'uk sbaik ta xch'ulel ta ju jun. Li j'abteletik ta chapanvanej ta sk'op\n"
        "ya'yejik li mantal ta sk'op batsi'il vinik ta Chiapas."
    ),
    "mixteco": (
        "Ndi'i ñayiu kakuu ñayiu libre ta iin-noo kuenta kuu-ya tatu jiniñu-ya ta kuu\n"
        "kusii ini-ya; ta na kaa ñayiu xaa ndakani xini-ya ta xaa kutoo ini-ya, ta kanuu\n"
        "ña va'a kaa-ya tuku nuu ta tuku. Tee xa'nda tiñu nda'a tu'un nuu ndi'i ñayiu\n"
        "ñuu Savi."
    ),
    "otomi": (
        "Gatho yä jä'i di mädä hogä ne di ñu'ä ngubu ya ñ'o ne ya nzaki, ne ja yä mfeni\n"
        "ne yä nthätiä pa ngu da hogä mä nzaki ngatho. Nu rä hmunts'i xädi bi nthe ra\n"
        "nzaki ya jä'i hñähñu nu Hidalgo ne nu Mäxki, ne ya jä'i di pädi rä hñä."
    ),
}


@pytest.mark.parametrize("text", INDIGENOUS.values(), ids=INDIGENOUS.keys())
def test_a_page_in_an_indigenous_language_is_kept_as_read(text: str) -> None:
    result = extract_text(remapped_pdf([text], {}), "application/pdf", limits=NO_OCR)
    assert result.text.split() == text.split()
    assert not any(w.startswith(("shifted", "garbled")) for w in result.warnings)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is absent")
def test_no_page_of_real_sentences_is_suspect() -> None:
    """The SCJN transcript's pages and the real sentences, a page of 3,000 characters."""
    import pypdfium2 as pdfium

    pages = []
    for path in CORPUS.glob("scjn-transcripts/*.pdf"):
        doc = pdfium.PdfDocument(path)
        pages += [doc[i].get_textpage().get_text_bounded() for i in range(len(doc))]
    for path in glob.glob(str(CORPUS / "real/scjn-sentencias/*.json")):
        text = json.loads(Path(path).read_text())["text"]
        pages += [text[i : i + 3000] for i in range(0, len(text), 3000)]
    assert len(pages) > 100
    assert [page[:80] for page in pages if suspect(page)] == []


def test_the_crawl_indexes_the_words_the_page_shows(tmp_path: Path) -> None:
    files = {
        "/desplazada.pdf": Served(remapped_pdf([OTHER, SENTENCE], _shift(-29), broken={1})),
        "/buena.pdf": Served(text_pdf([OTHER])),
    }
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert crawled.texts["Sentencia desplazada.pdf"].split("\f") == [OTHER, SENTENCE]
    assert crawled.texts["Sentencia buena.pdf"] == OTHER
