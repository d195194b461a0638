"""A listing writes a judge with their title ("Mgdo. José Luis Gutiérrez Miranda", glued
in "Mgdo.Tomás Aguilar Robles", as the Jalisco Supremo Tribunal's records do): the
ponente is the person, so one judge is one value whichever way they were written."""

from __future__ import annotations

import pytest

from indexer.build import build_document
from indexer.readers.normalise import normalise_person


def _ponente(written: str) -> str | None:
    doc = build_document(
        kind="sentencia",
        source_id="stj",
        institution="Supremo Tribunal de Justicia del Estado de Jalisco",
        jurisdiction="MX-JAL",
        url="https://stj.example.gob.mx/toca/1/file",
        fields={"title": "Toca 239/2024", "ponente": written, "expediente": "239/2024"},
        text="Toca 239/2024.",
        origin="api",
    )
    assert doc.field_sources["ponente"] == "api"
    return doc.ponente


@pytest.mark.parametrize(
    ("written", "person"),
    [
        ("Mgdo. José Luis Gutiérrez Miranda", "José Luis Gutiérrez Miranda"),
        ("Mgdo.Tomás Aguilar Robles", "Tomás Aguilar Robles"),
        ("Mgda.  Wuendy Alhelí García García", "Wuendy Alhelí García García"),
        ("Mgdo. Marcelo Romero G. de Quevedo", "Marcelo Romero G. de Quevedo"),
        ("Magistrada Arcelia García Casares", "Arcelia García Casares"),
        ("Min. Loretta Ortiz Ahlf", "Loretta Ortiz Ahlf"),
        ("LORETTA ORTIZ AHLF", "Loretta Ortiz Ahlf"),
        ("MINISTRA LORETTA ORTIZ AHLF", "Loretta Ortiz Ahlf"),
        ("NORMA LUCÍA PIÑA HERNÁNDEZ", "Norma Lucía Piña Hernández"),
        ("MARÍA DE LA LUZ PÉREZ-GÓMEZ Y SOTO", "María de la Luz Pérez-Gómez y Soto"),
        ("JUAN N. SILVA MEZA", "Juan N. Silva Meza"),
        ("Juan de DIOS Castro", "Juan de DIOS Castro"),
        ("Minerva López Ruiz", "Minerva López Ruiz"),
    ],
)
def test_the_ponente_is_the_person_without_their_title(written: str, person: str) -> None:
    assert _ponente(written) == person


@pytest.mark.parametrize("office", ["Juez Primero de lo Penal", "Magistrada Presidenta", "Mgdo."])
def test_an_office_without_a_name_is_kept_as_written(office: str) -> None:
    assert normalise_person(office) == office


def test_a_masked_name_keeps_its_title() -> None:
    """A public version masks the name: "Ministra ****" still says who (the title) and
    "****" alone would say nothing."""
    assert normalise_person("Ministra ****") == "Ministra ****"
    assert normalise_person("Mgdo. ****") == "Mgdo. ****"


def test_a_caption_in_capitals_and_a_listing_name_one_ponente() -> None:
    """SCJN captions write "PONENTE: MINISTRA LORETTA ORTIZ AHLF"; a listing writes the
    name in name case: the ponente facet counts the one person once."""
    caption = (
        "AMPARO DIRECTO EN REVISIÓN 1309/2023\n\nPONENTE: MINISTRA LORETTA ORTIZ AHLF\n\n"
        "COTEJÓ\n\nSECRETARIO: CARLOS ADRIÁN LÓPEZ SÁNCHEZ\n\nÍNDICE TEMÁTICO\n\nHechos.\n"
    )
    doc = build_document(
        kind="sentencia",
        source_id="scjn",
        institution="Suprema Corte de Justicia de la Nación",
        jurisdiction="MX",
        url="https://bj.scjn.gob.mx/documento/sentencias_pub/1",
        fields={"title": "Sentencia"},
        text=caption,
        origin="api",
    )
    assert doc.field_sources["ponente"] == "heading"
    assert doc.ponente == _ponente("Min. Loretta Ortiz Ahlf") == "Loretta Ortiz Ahlf"
