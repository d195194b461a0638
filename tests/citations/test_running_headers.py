"""A sentence's running header («AMPARO DIRECTO EN REVISIÓN 4410/2024» on top of every
page, with the page's number «- 3 -» beside it) names the sentence's own case: it was
cited as a case the sentence cites, once a page, wherever the sentence's own number was
known only bare («4410/2024», as a listing gives it) or not at all. A cited court's name
followed by a section heading («…la Segunda Sala⏎⏎CONSIDERANDO») is the name written,
not one cut by the page. The text is written for the project on the layout of the
SCJN's public versions (``tests/fixtures/court_shapes/scjn_adr_encabezado_por_pagina.txt``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.citations import extract_citations
from indexer.citations.cases import find_cases
from indexer.citations.laws import fold
from indexer.citations.records import read_citations
from indexer.models import Sentencia
from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence

FIXTURE = (
    Path(__file__).parents[1] / "fixtures" / "court_shapes" / "scjn_adr_encabezado_por_pagina.txt"
)
TEXT = FIXTURE.read_text(encoding="utf-8")
PLENO = "Pleno de la Suprema Corte de Justicia de la Nación"
# (the amparo directo is the colegiado's: "la sentencia dictada … por el Segundo Tribunal
# Colegiado … del Tercer Circuito en el amparo directo 512/2023")
COLEGIADO = "Segundo Tribunal Colegiado en Materia Civil del Tercer Circuito"
CITED = [("AD 512/2023", COLEGIADO), ("ADR 1309/2023", "Segunda Sala"), ("AR 311/2019", PLENO)]


def sentencia(text: str, expediente: str | None) -> Sentencia:
    return Sentencia(
        id="adr-4410", title="Sentencia", date=dt.date(2024, 5, 25),
        institution="Suprema Corte de Justicia de la Nación", jurisdiction="MX",
        source_id="src", url="https://e.mx/adr-4410", text=text, expediente=expediente,
        expediente_normalised=normalise_expediente(expediente) if expediente else None,
    )  # fmt: skip


@pytest.mark.parametrize("expediente", ["AMPARO DIRECTO EN REVISIÓN 4410/2024", "4410/2024", None])
def test_a_running_header_is_no_case_the_sentence_cites(expediente: str | None) -> None:
    cited = [
        (c.key, c.court) for c in read_citations(sentencia(TEXT, expediente)) if c.kind == "case"
    ]
    assert cited == CITED


def test_the_header_s_case_is_its_own_without_its_caption() -> None:
    # a public version whose caption (a Word header) was lost: the pages' header remains
    body = TEXT[TEXT.index("Ciudad de México.") :]
    cited = [c.key for c in read_citations(sentencia(body, None)) if c.kind == "case"]
    assert cited == [key for key, _ in CITED]


def test_a_precedent_quoted_on_three_pages_is_still_cited() -> None:
    # the same precedent's line three times (a thesis quoted three times): lower-case words
    # beside the case, no header; and a header seen once is no header
    line = "Amparo directo 12/2020. Ana Ruiz Soto. 5 de mayo de 2020. Cinco votos."
    text = "\n\n".join(["AMPARO DIRECTO EN REVISIÓN 4410/2024", line, "- 2 -", line, "- 3 -", line])
    cited = [c.key for c in read_citations(sentencia(text, "4410/2024")) if c.kind == "case"]
    assert cited == ["AD 12/2020"] * 3


def test_a_header_on_two_pages_beside_their_numbers_is_one() -> None:
    text = (
        "Texto del primer considerando, que cita el amparo en revisión 311/2019.\n\n- 2 -\n\n"
        "AMPARO DIRECTO EN REVISIÓN 4410/2024\n\nTexto del segundo.\n\n- 3 -\n\n"
        "AMPARO DIRECTO EN REVISIÓN 4410/2024\n\nTexto del tercero."
    )
    cited = [c.key for c in read_citations(sentencia(text, None)) if c.kind == "case"]
    assert cited == ["AR 311/2019"]


@pytest.mark.parametrize("heading", ["CONSIDERANDO", "C O N S I D E R A N D O:", "II. COMPETENCIA"])
def test_a_court_before_a_section_heading_is_named_as_written(heading: str) -> None:
    bare = f"el amparo en revisión 311/2019, resuelto por la Primera Sala\n\n{heading}\n\nPRIMERO."
    whole = (
        "el amparo en revisión 311/2019, resuelto por la Primera Sala de la Suprema Corte de "
        f"Justicia de la Nación\n\n{heading}\n\nPRIMERO."
    )
    for text, court in ((bare, "Primera Sala"), (whole, f"Primera Sala{PLENO[5:]}")):
        assert [c.court for c in extract_citations(text) if c.kind == "case"] == [court]
        assert [c.court for c in find_cases(text, fold(text))] == [court]


def test_a_heading_that_may_go_on_with_the_name_still_names_none() -> None:
    text = (
        "el toca 56/2021, resuelto por la Tercera Sala Penal del Tribunal Superior de "
        "Justicia\n\nTOCA PENAL\n\nPRIMERO."
    )
    assert [c.court for c in extract_citations(text) if c.kind == "case"] == [None]


def test_the_opening_s_court_is_read_over_the_page_s_header() -> None:
    # the formula «La Primera Sala de la Suprema Corte de Justicia⏎⏎- 2 -⏎⏎AMPARO DIRECTO
    # EN REVISIÓN 4410/2024⏎⏎de la Nación, en sesión…»; no closing to name the court
    cut = TEXT[: TEXT.index("Así lo resolvió")]
    reading = read_sentence(cut)
    assert reading.values["court"] == "Primera Sala de la SCJN"
    assert reading.sources["court"] == "heading"
    assert reading.values["resolution_date"] == "2024-05-25"
