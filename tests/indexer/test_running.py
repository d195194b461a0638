"""Running headers and footers are cut, so a phrase across a page break is found."""

from __future__ import annotations

import random
from pathlib import Path

from fpdf import FPDF

from cli.local import index_paths
from config.settings import Settings
from indexer.extract import extract_text
from indexer.extract.running import strip_running_lines
from indexer.library import Library
from indexer.stores import SearchQuery

HEADER = "PODER JUDICIAL DEL ESTADO DE MÉXICO · EXPEDIENTE 881/2023 · VERSIÓN PÚBLICA"
WORDS = tuple(
    [
        "actora",
        "reclamó",
        "desocupación",
        "entrega",
        "inmueble",
        "arrendado",
        "pago",
        "rentas",
        "vencidas",
        "demandada",
        "contestó",
        "excepciones",
        "pruebas",
        "testimonial",
        "confesional",
        "documental",
        "pericial",
        "valoración",
        "juez",
        "considera",
        "acreditada",
        "acción",
        "contrato",
        "vigente",
        "obligación",
        "incumplida",
        "plazo",
        "convenido",
        "renta",
        "mensual",
        "depósito",
        "garantía",
        "fiador",
        "solidario",
        "condena",
        "costas",
        "instancia",
        "apelación",
        "agravios",
    ]
)


class _PublicVersion(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, f"Página {self.page_no()} de {{nb}}", align="C")


def public_version(pages: int = 6) -> bytes:
    """A sentence whose text flows across pages under a running header and footer."""
    pdf = _PublicVersion()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    rng = random.Random(881)
    while pdf.page_no() <= pages:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 60)))
        pdf.multi_cell(0, 6, sentence.capitalize() + ".", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_running_lines_are_cut_and_the_body_is_kept() -> None:
    text = extract_text(public_version(), "application/pdf").text
    pages = text.split("\f")
    assert len(pages) >= 6
    assert "VERSIÓN PÚBLICA" not in text
    assert "Página" not in text
    assert all(page.strip() for page in pages)
    assert sum(len(page.split()) for page in pages) > 6 * 300  # the body is all there


def test_a_line_repeated_inside_the_body_is_text() -> None:
    body = ["Primera línea", "segunda", "tercera", "RESUELVE", "quinta", "sexta", "séptima"]
    pages = [
        "\n".join([f"ENCABEZADO {n}", *(f"{line} {chr(97 + n)}" for line in body[:3]), "RESUELVE",
                   *(f"{line} {chr(97 + n)}" for line in body[4:])])
        for n in range(6)
    ]  # fmt: skip
    kept = strip_running_lines(pages)
    assert all("ENCABEZADO" not in page for page in kept)
    assert all("RESUELVE" in page for page in kept)
    assert strip_running_lines(pages[:2]) == pages[:2]  # two pages do not tell


def test_a_phrase_across_a_page_break_is_found(tmp_path: Path) -> None:
    pdf = tmp_path / "sentencia-881-2023.pdf"
    pdf.write_bytes(public_version())
    pages = extract_text(pdf.read_bytes(), "application/pdf").text.split("\f")
    before, after = pages[1].split()[-2:], pages[2].split()[:2]
    phrase = " ".join(word.strip(".,") for word in before + after)
    library = Library.open(Settings(data_dir=tmp_path / "data"))
    counts = index_paths(
        library, [pdf], kind="sentencia", institution="Poder Judicial", jurisdiction="MX-MEX"
    )
    assert counts["new"] == 1
    found = library.search(SearchQuery(q=f'"{phrase}"'))
    assert found.total == 1, phrase
