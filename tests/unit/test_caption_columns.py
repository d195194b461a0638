"""A caption laid out as a table of two columns (the case number in the left cell, the
parties, ponente and secretario in the right), as the SCJN's and the circuit courts'
sentences are written, comes out of a PDF's text layer with the left cell and the first
right cell on one line: "AMPARO EN REVISIÓN 123/2023 QUEJOSA: **********". The case is
still the sentence's own; the label (a party's, the ponente's) starts the other cell. A
caption's date label ("FECHA DE RESOLUCIÓN:") states the resolution date where no formula
does."""

from __future__ import annotations

import pytest
from fpdf import FPDF

from indexer.extract import extract_text
from indexer.readers.judgments import read_sentence

OPENING = (
    "Ciudad de México. Acuerdo de la Segunda Sala de la Suprema Corte de Justicia de la "
    "Nación, correspondiente a la sesión del día veinte de enero de dos mil veinticuatro."
)


def _two_column_caption(rows: list[tuple[str, str]], paragraphs: list[str]) -> bytes:
    """A real PDF whose caption is a two-column table, then the sentence's paragraphs."""
    pdf = FPDF(format="Letter")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    for left, right in rows:
        pdf.cell(85, 7, left)
        pdf.multi_cell(0, 7, right, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("rows", "expediente"),
    [([("AMPARO EN REVISIÓN 123/2023", "QUEJOSA: **********"),
       ("", "PONENTE: MINISTRO ALBERTO PÉREZ DAYÁN"), ("", "SECRETARIA: ANA RUIZ GÓMEZ")],
      "AMPARO EN REVISIÓN 123/2023"),
     ([("AMPARO DIRECTO EN REVISIÓN 1234/2021", "RECURRENTE (QUEJOSO): **********"),
       ("", "PONENTE: MINISTRO ALBERTO PÉREZ DAYÁN"), ("", "SECRETARIA: ANA RUIZ GÓMEZ")],
      "AMPARO DIRECTO EN REVISIÓN 1234/2021"),
     # the ponente's label in the right cell of the case's row: both read
     ([("RECURSO DE RECLAMACIÓN 45/2023-CA", "PONENTE: MINISTRO ALBERTO PÉREZ DAYÁN"),
       ("", "SECRETARIA: ANA RUIZ GÓMEZ")], "RECURSO DE RECLAMACIÓN 45/2023-CA")],
)  # fmt: skip
def test_a_case_in_the_left_cell_is_read_beside_the_parties_cell(
    rows: list[tuple[str, str]], expediente: str
) -> None:
    text = extract_text(_two_column_caption(rows, [OPENING]), "application/pdf").text
    reading = read_sentence(text)
    assert reading.values["expediente"] == expediente
    assert reading.values["ponente"] == "MINISTRO ALBERTO PÉREZ DAYÁN"
    assert reading.values["secretario"] == "ANA RUIZ GÓMEZ"
    assert reading.values["resolution_date"] == "2024-01-20"


def test_a_cited_case_in_the_right_cell_is_not_the_sentences_own() -> None:
    """Only a line opening with its case is read so: a party's cell naming another case
    (its origin) is not."""
    rows = [("QUEJOSA: **********", "JUICIO DE ORIGEN: AMPARO DIRECTO 45/2022")]
    text = extract_text(_two_column_caption(rows, [OPENING]), "application/pdf").text
    assert "expediente" not in read_sentence(text).values


def test_a_published_precedents_header_line_is_no_two_cells() -> None:
    """A precedent's header as a reporter publishes it says its case, courts, date, vote,
    ponente and secretary in one line: no caption cell of a case is cut out of it."""
    header = (
        "CONTRADICCIÓN DE TESIS 218/2014. ENTRE LAS SUSTENTADAS POR LA PRIMERA Y LA SEGUNDA "
        "SALAS. 13 DE NOVIEMBRE DE 2014. MAYORÍA DE SEIS VOTOS. PONENTE: S.A.V.H.. "
        "SECRETARIO: J.Á.V.O.."
    )
    values = read_sentence(f"{header}\n\n{OPENING}\n\nRESULTANDO:\n").values
    assert "13 DE NOVIEMBRE" not in values.get("expediente", "")


@pytest.mark.parametrize(
    ("label", "date"),
    [("FECHA DE RESOLUCIÓN: 20 DE ENERO DE 2024", "2024-01-20"),
     ("FECHA DE LA SENTENCIA: 03/05/2023", "2023-05-03"),
     ("Fecha de sesión: veintiocho de febrero de dos mil veinticuatro", "2024-02-28")],
)  # fmt: skip
def test_a_captions_date_label_states_the_resolution_date(label: str, date: str) -> None:
    text = f"TOCA PENAL: 245/2024\n\n{label}\n\nV I S T O S para resolver los autos del toca."
    reading = read_sentence(text)
    assert reading.values["resolution_date"] == date
    assert reading.sources["resolution_date"] == "heading"


@pytest.mark.parametrize(
    "label", ["FECHA: 20 DE ENERO DE 2024", "FECHA DE PRESENTACIÓN: 20 DE ENERO DE 2024"]
)
def test_another_dates_label_is_no_resolution_date(label: str) -> None:
    text = f"TOCA PENAL: 245/2024\n\n{label}\n\nV I S T O S para resolver los autos del toca."
    assert "resolution_date" not in read_sentence(text).values


@pytest.mark.parametrize(
    ("vistos", "expediente"),
    [("VISTOS, para resolver, los autos relativos a la contradicción de tesis 218/2014, entre "
      "las sustentadas por la Primera y la Segunda Salas; y,", "contradicción de tesis 218/2014"),
     ("V I S T O S, para resolver, los autos del amparo directo en revisión 1234/2013; y,",
      "amparo directo en revisión 1234/2013")],
)  # fmt: skip
def test_a_vistos_with_commas_states_the_case_where_the_caption_does_not(
    vistos: str, expediente: str
) -> None:
    """A caption that names no case (a precedent's header, initials only) leaves the
    opening's "VISTOS, para resolver, los autos…" to state it, commas and all."""
    text = (
        "PONENTE: MINISTRO JUAN PÉREZ LÓPEZ\n\nMéxico, Distrito Federal. Acuerdo del Pleno de "
        "la Suprema Corte de Justicia de la Nación correspondiente al día trece de noviembre "
        f"de dos mil catorce.\n\n{vistos}\n\nRESULTANDO:\n"
    )
    assert read_sentence(text).values["expediente"] == expediente
