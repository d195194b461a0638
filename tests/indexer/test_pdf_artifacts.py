"""What a public version's PDF does to its words, and what a journalist searching it sees.

Each PDF here is made by the test with the artefacts real public versions carry: a word
hyphenated at a page's end under a running footer with the case number and page
("Amparo en revisión 123/2023 — página 2"), a soft hyphen there, TeX's spacing accents
("Constituci´on"), headings set letter by letter ("S E N T E N C I A"), footnote calls
raised after a word ("amparo¹²"), redactions written as words ("XXXXX", "ELIMINADO: …
Fundamento legal: …"). The exact phrase finds the sentence, the snippet shows the word
whole, and the redactions are no words to find.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from fpdf import FPDF

from cli.local import index_paths
from config.settings import Settings
from indexer.analysis import fold_tokens
from indexer.extract import extract_text, normalise_text
from indexer.library import Library
from indexer.stores import SearchQuery

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
HEADER = "SUPREMA CORTE DE JUSTICIA DE LA NACIÓN · SEGUNDA SALA · VERSIÓN PÚBLICA"
FILLER = (
    "Se estudian los agravios que expresa la parte recurrente conforme a las constancias "
    "de autos y a la jurisprudencia aplicable al caso concreto que se resuelve."
)

pytestmark = pytest.mark.skipif(not FONT.exists(), reason="sin la fuente DejaVu Sans")


class _PublicVersion(FPDF):
    def header(self) -> None:
        self.set_font("dv", size=8)
        self.cell(0, 6, HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("dv", size=8)
        self.cell(0, 10, f"Amparo en revisión 123/2023 — página {self.page_no()}", align="C")


def _lines(pdf: FPDF, *lines: str) -> None:
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")


def public_version() -> bytes:
    """Five pages; words cut at the ends of pages 1 and 2, artefacts on the others."""
    pdf = _PublicVersion()
    pdf.set_auto_page_break(False)
    pdf.add_font("dv", fname=str(FONT))
    pdf.add_page()
    pdf.set_font("dv", size=11)
    _lines(
        pdf,
        "S E N T E N C I A",
        FILLER[:80],
        FILLER[80:],
        "la Sala advierte que la protección constitu-",
    )
    pdf.add_page()
    pdf.set_font("dv", size=11)
    _lines(
        pdf,
        "cional de los derechos humanos alcanza a la quejosa.",
        FILLER[:80],
        "el respeto de sus garan\u00ad",
    )
    pdf.add_page()
    pdf.set_font("dv", size=11)
    _lines(
        pdf,
        "tías procesales quedó demostrado.",
        "de la Constituci\u00b4on Pol\u00b4\u0131tica y la compa\u02dcn\u00eda aseguradora.",
    )
    pdf.write(6, "El quejoso promovió juicio de amparo")
    pdf.char_vpos = "SUP"
    pdf.write(6, "12")
    pdf.char_vpos = "LINE"
    pdf.write(6, " contra la ley local.")
    pdf.ln(8)
    pdf.add_page()
    pdf.set_font("dv", size=11)
    _lines(
        pdf,
        "La quejosa XXXXX XXXXX interpuso el recurso de revisión.",
        "ELIMINADO: nombre del tercero interesado. Fundamento legal: artículo 116 de la",
        "LGTAIP, por tratarse de información confidencial. compareció a la audiencia.",
    )
    pdf.add_page()
    pdf.set_font("dv", size=11)
    _lines(pdf, "R E S U E L V E", "PRIMERO. Se confirma la sentencia recurrida.", FILLER[:80])
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("artefactos")
    pdf = folder / "sentencia.pdf"
    pdf.write_bytes(public_version())
    opened = Library.open(Settings(data_dir=folder / "data"))
    counts = index_paths(
        opened, [pdf], kind="sentencia", institution="Suprema Corte", jurisdiction="MX"
    )
    assert counts["new"] == 1
    return opened


def test_the_text_holds_the_words_whole() -> None:
    text = extract_text(public_version(), "application/pdf").text
    assert "protección constitucional\f" in text  # joined on the first page
    assert "garantías\f" in text  # the soft hyphen too
    assert "Constitución Política y la compañía" in text
    assert "SENTENCIA" in text and "RESUELVE" in text
    assert "juicio de amparo 12 contra" in text.replace("\n", " ")
    assert "página" not in text and "VERSIÓN PÚBLICA" not in text
    assert "XXXX" not in text and "Fundamento legal" not in text


@pytest.mark.parametrize(
    "phrase",
    [
        "protección constitucional de los derechos",  # hyphen, footer, page, header
        "sus garantías procesales",  # soft hyphen at the page's end
        "Constitución Política",  # TeX's spacing accents
        "compañía aseguradora",
        "sentencia se estudian",  # letter by letter
        "resuelve primero",
        "juicio de amparo",  # a raised footnote call after the word
    ],
)
def test_the_phrase_read_in_the_pdf_finds_the_sentence(library: Library, phrase: str) -> None:
    assert library.search(SearchQuery(q=f'"{phrase}"')).total == 1, phrase


def test_the_snippet_shows_the_word_joined_without_the_footer(library: Library) -> None:
    found = library.search(SearchQuery(q='"protección constitucional"'))
    assert found.total == 1
    shown = " ".join(found.hits[0].highlights)
    assert "<mark>protección constitucional</mark> de los derechos" in shown
    assert "constitu-" not in shown and "página" not in shown and "123/2023" not in shown


@pytest.mark.parametrize("words", ["xxxxx", '"fundamento legal"', '"nombre del tercero"'])
def test_a_redaction_written_as_words_is_not_found(library: Library, words: str) -> None:
    assert library.search(SearchQuery(q=words)).total == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Constituci\u00b4on Pol\u00b4\u0131tica", "Constitución Política"),
        ("compa\u02dcn\u00eda, ping\u00a8uino", "compañía, pingüino"),
        ("O\u00b4Higgins ante la Constituci\u00b4on", "O\u00b4Higgins ante la Constitución"),
        ("S E N T E N C I A", "SENTENCIA"),
        ("V I S T O S  para resolver", "VISTOS para resolver"),
        ("R E S U L T A N D O  P R I M E R O.", "RESULTANDO PRIMERO."),
        # lower case is a list, three letters do not tell: left
        ("incisos a b c d del A C U E R D O", "incisos a b c d del ACUERDO"),
        ("A S Í lo resolvió la S A L A", "A S Í lo resolvió la SALA"),
        ("fracción XXXIV, XXX y XXXXX", "fracción XXXIV, XXX y **********"),  # roman kept
        ("la quejosa XXXXX XXXXX promovió", "la quejosa ********** promovió"),
        (
            "se ha eliminado el plazo. Fundamento legal: art. 5. ELIMINADO: Domicilio. "
            "Fundamento legal: art. 116 LGTAIP. Sigue",
            "se ha eliminado el plazo. Fundamento legal: art. 5. ********** Sigue",
        ),
        ("la protección constitu-\fcional es", "la protección constitucional\fes"),
        ("la protección constitu\u00ad\fcional, es", "la protección constitucional,\fes"),
        # a compound keeps its hyphen; a page opening in capitals is no word's end
        ("a teórico-\fpráctico autori-\fSUPREMA", "a teórico-práctico\fautori-\fSUPREMA"),
    ],
)
def test_normalise_pdf_artefacts(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected
    assert normalise_text(expected) == expected


def two_pages() -> bytes:
    """A short sentence: two pages under the same header and numbered footer."""
    pdf = _PublicVersion()
    pdf.set_auto_page_break(False)
    pdf.add_font("dv", fname=str(FONT))
    for lines in (
        [*[FILLER[:80], FILLER[80:]] * 4, "se reclama la suspensión del acto de autori-"],
        ["dad responsable por la omisión de pago.", *[FILLER[:80], FILLER[80:]] * 4],
    ):
        pdf.add_page()
        pdf.set_font("dv", size=11)
        _lines(pdf, *lines)
    return bytes(pdf.output())


def test_a_short_sentences_running_lines_are_told_by_its_page_numbers(tmp_path: Path) -> None:
    text = extract_text(two_pages(), "application/pdf").text
    assert "página" not in text and "VERSIÓN PÚBLICA" not in text
    assert "acto de autoridad\fresponsable" in text
    pdf = tmp_path / "sentencia.pdf"
    pdf.write_bytes(two_pages())
    library = Library.open(Settings(data_dir=tmp_path / "data"))
    index_paths(library, [pdf], kind="sentencia", institution="Suprema Corte", jurisdiction="MX")
    assert library.search(SearchQuery(q='"acto de autoridad responsable"')).total == 1


LEFT = ("el tribunal colegiado", "resolvió el amparo", "directo en revisión", "por unanimidad")
RIGHT = ("la parte quejosa", "presentó su demanda", "ante la autoridad", "responsable local")


def two_columns(*, row_by_row: bool) -> bytes:
    """A heading across the page over two columns, drawn line across line or column by
    column."""
    pdf = FPDF()
    pdf.add_font("dv", fname=str(FONT))
    pdf.set_font("dv", size=11)
    pdf.add_page()
    pdf.text(10, 12, "SEGUNDA SALA · AMPARO DIRECTO EN REVISIÓN 123/2023 · VERSIÓN PÚBLICA")
    if row_by_row:
        for row, (left, right) in enumerate(zip(LEFT, RIGHT, strict=True)):
            pdf.text(10, 20 + 6 * row, left)
            pdf.text(110, 20 + 6 * row, right)
    else:
        for row, left in enumerate(LEFT):
            pdf.text(10, 20 + 6 * row, left)
        for row, right in enumerate(RIGHT):
            pdf.text(110, 20 + 6 * row, right)
    return bytes(pdf.output())


def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    """Drawn line across line, the columns are read one after the other, as pdfium reads
    them when they are drawn column by column."""
    for row_by_row in (True, False):
        text = extract_text(two_columns(row_by_row=row_by_row), "application/pdf").text
        assert text.startswith("SEGUNDA SALA")
        assert text.split("\n", 1)[1].split("\n") == [*LEFT, *RIGHT], row_by_row
    pdf = tmp_path / "sentencia.pdf"
    pdf.write_bytes(two_columns(row_by_row=True))
    library = Library.open(Settings(data_dir=tmp_path / "data"))
    index_paths(library, [pdf], kind="sentencia", institution="Suprema Corte", jurisdiction="MX")
    assert library.search(SearchQuery(q='"colegiado resolvió el amparo"')).total == 1
    assert library.search(SearchQuery(q='"colegiado la parte quejosa"')).total == 0


REPO_ROOT = Path(__file__).resolve().parents[2]
SCJN = next(
    (
        d / "shared" / "corpus" / "real" / "scjn-sentencias"
        for d in REPO_ROOT.parents
        if (d / "shared" / "corpus" / "real" / "scjn-sentencias").is_dir()
    ),
    None,
)
_SPACED = re.compile(r"(?:[A-ZÁÉÍÓÚÜÑ] ){3,}[A-ZÁÉÍÓÚÜÑ]")


@pytest.mark.skipif(SCJN is None, reason="sin ../shared/corpus/real/scjn-sentencias")
def test_real_scjn_sentences_keep_every_word_and_their_headings_join() -> None:
    """The SCJN's own public versions set "S E N T E N C I A", "C O N S I D E R A N D O"
    letter by letter: those become words, and no other word of theirs changes."""
    assert SCJN is not None
    joined = 0
    for record in sorted(SCJN.glob("record_*.json")):
        source = json.loads(record.read_text(encoding="utf-8"))["text"]
        expected = Counter(fold_tokens(source))
        for run in _SPACED.findall(source):
            expected.subtract(fold_tokens(run))
            expected.update(fold_tokens(run.replace(" ", "")))
            joined += 1
        assert Counter(fold_tokens(normalise_text(source))) == +expected, record.name
    assert joined >= 5
