"""A court named after a cited case, its name broken by the PDF's text (written for the
project, in the layouts of the SCJN's and the collegiate courts' public sentences): at a
line's end, in a word split there, or over a page with its number or running header
between. It was read cut short («Pleno Regional en Materia Penal» of a Región written on
the next page, «…Tribunal Superior de Justicia» without its state) or with the page's
furniture inside («…del Décimo 7 Circuito», «…del Déci- mo Circuito»). Now the name is
joined where the breaks are known ones, and no court is read where a line the name runs
over (a heading) is none of them: a cut name is a wrong one.
"""

from __future__ import annotations

import pytest

from indexer.citations import extract_citations
from indexer.citations.cases import find_cases
from indexer.citations.laws import fold

SCJN_PLENO = "Pleno de la Suprema Corte de Justicia de la Nación"
COLEGIADO = "Segundo Tribunal Colegiado en Materia Administrativa del Décimo Circuito"
REGIONAL = "Pleno Regional en Materia Civil de la Región Centro-Sur"
SALA = "Tercera Sala Penal del Tribunal Superior de Justicia del Estado de Puebla"

# each court's name written broken, and the whole name it is
BROKEN = [
    # a line's end inside the SCJN's name, after a case cited in running text
    ("el amparo en revisión 311/2019, sustentado por el Pleno de la Suprema Corte de "
     "Justicia\nde la Nación, en el que se", SCJN_PLENO),
    # over a page: its number, then the next page's running header
    ("el amparo en revisión 311/2019, sustentado por el Pleno de la Suprema Corte de "
     "Justicia\n\n23\n\fAMPARO DIRECTO EN REVISIÓN 4410/2024\n\nde la Nación, en el que",
     SCJN_PLENO),
    ("el amparo en revisión 311/2019, sustentado por el Pleno de la Suprema Cor-\nte de "
     "Justicia de la Nación, en el que", SCJN_PLENO),
    ("el amparo directo 87/2022, del índice del Segundo Tribunal Colegiado en Materia "
     "Administrativa del Déci-\nmo Circuito, en el que", COLEGIADO),
    ("el amparo directo 87/2022, del índice del Segundo Tribunal Colegiado en Materia "
     "Administrativa del Décimo\n\n- 9 -\n\nCircuito, en el que", COLEGIADO),
    ("la contradicción de criterios 31/2023, resuelta por el Pleno Regional en Materia "
     "Civil de la Región Centro-\nSur, con residencia en la Ciudad de México", REGIONAL),
    ("la contradicción de criterios 31/2023, resuelta por el Pleno Regional en Materia "
     "Civil de la Región\n\nPágina 12 de 40\n\nCentro-Sur, con residencia", REGIONAL),
    ("el amparo directo 87/2022, del índice del Segundo Tribunal Colegiado en Materia "
     "Administrativa del\n\n9\n\nDécimo Circuito, en el que", COLEGIADO),
    ("el toca 56/2021, resuelto por la Tercera Sala Penal del Tribunal Superior de "
     "Jus-\nticia del Estado de Puebla, en el que", SALA),
    ("el toca 56/2021, resuelto por la Tercera Sala Penal del Tribunal Superior de "
     "Justicia\n\n14\n\ndel Estado de Puebla, en el que", SALA),
]  # fmt: skip

# a line that is no page's furniture inside the name, or after the break it stops at
UNSURE = [
    "el amparo directo 87/2022, del índice del Segundo Tribunal Colegiado en Materia "
    "Administrativa del Décimo\n\nSENTENCIA DE AMPARO\n\nCircuito, en el que",
    "la contradicción de criterios 31/2023, resuelta por el Pleno Regional en Materia "
    "Civil de la Región\n\nPODER JUDICIAL DE LA FEDERACIÓN\n\nCentro-Sur, con residencia",
    "el toca 56/2021, resuelto por la Tercera Sala Penal del Tribunal Superior de "
    "Justicia\n\nTOCA PENAL\n\ndel Estado de Puebla, en el que",
    # a running header in mixed case, which is no known furniture
    "el amparo directo 87/2022, del índice del Segundo Tribunal Colegiado en Materia "
    "Administrativa del Décimo\n\nAmparo directo 412/2024\n\nCircuito, en el que",
]


def _courts(text: str) -> list[str | None]:
    # (the first case's: a running header's own number is cited too, as before)
    return [c.court for c in extract_citations(text) if c.kind == "case"][:1]


@pytest.mark.parametrize(("text", "court"), BROKEN)
def test_a_court_broken_by_the_pdf_is_named_whole(text: str, court: str) -> None:
    assert _courts(text) == [court]
    # the Python reader names it alike (``extract_citations`` reads with the Rust scanner
    # where it is built)
    assert [c.court for c in find_cases(text, fold(text))][:1] == [court]


@pytest.mark.parametrize("text", UNSURE)
def test_a_heading_inside_a_courts_name_names_no_court(text: str) -> None:
    assert _courts(text) == [None]
    assert [c.court for c in find_cases(text, fold(text))][:1] == [None]


def test_the_clauses_subject_over_a_page_is_named_whole() -> None:
    text = (
        "En el amparo en revisión 311/2019, el Pleno de la Suprema Corte de Justicia\n\n"
        "23\n\nde la Nación sostuvo que la norma era válida."
    )
    assert _courts(text) == [SCJN_PLENO]


def test_a_court_on_one_line_or_run_on_reads_as_before() -> None:
    text = (
        "el amparo en revisión 311/2019, resuelto por la Primera Sala de la Suprema Corte "
        "de Justicia de la Nación, y el amparo directo 87/2022, del índice del Segundo "
        "Tribunal Colegiado en Materia Administrativa del Décimo\nCircuito, en el que, "
        "y el toca 12/2023, resuelto por la Quinta Sala Familiar del\nTSJ CDMX, en el que"
    )
    assert [c.court for c in extract_citations(text) if c.kind == "case"] == [
        "Primera Sala de la Suprema Corte de Justicia de la Nación",
        COLEGIADO,
        "Quinta Sala Familiar del Tribunal Superior de Justicia de la Ciudad de México",
    ]
