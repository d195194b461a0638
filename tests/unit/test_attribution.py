"""Which courts and chambers a publisher may name: every body the fixtures' real-shaped
documents name is their own publisher's (a registered court keeps its juzgados and salas),
and each kind of foreign name is caught."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawlers.tenancy import Tenant, own_fields
from indexer.attribution import (
    foreign_chamber,
    foreign_committee,
    foreign_court,
    foreign_value,
    publisher_of,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TSJ = "Tribunal Superior de Justicia de Querétaro"
OTHERS = ("Poder Legislativo del Estado de Querétaro", "Poder Judicial del Estado de Guanajuato")


def _documents() -> list[dict[str, Any]]:
    found = []
    for path in sorted(FIXTURES.glob("**/expected.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found += [d for d in data.get("documents", []) if isinstance(d, dict)]
    return found


def test_the_bodies_real_publishers_name_are_their_own() -> None:
    documents = _documents()
    everyone = sorted({d["institution"] for d in documents})
    checked = 0
    for doc in documents:
        publisher = publisher_of(doc["institution"], doc["jurisdiction"], everyone)
        for name in ("court", "chamber", "committee"):
            if doc.get(name):
                checked += 1
                assert not foreign_value(name, doc[name], publisher), (name, doc[name], doc["url"])
    assert checked >= 30


@pytest.mark.parametrize(
    ("court", "foreign"),
    [("Juzgado Primero Civil de Querétaro", False),
     ("Sala Civil del Tribunal Superior de Justicia de Querétaro", False),
     ("PRIMERA SALA", False),
     ("PRIMERA SALA DE LA SUPREMA CORTE DE JUSTICIA DE LA NACIÓN", True),
     ("Sala Regional Toluca del TEPJF", True),
     ("Juzgado Segundo Civil del Estado de Guanajuato", True),
     ("Juzgado 1o. Penal de la Ciudad de México", True),
     ("Poder Judicial del Estado de Guanajuato", True),
     ("Juzgado Segundo Civil de Guanajuato", True),
     ("Tribunal Superior de Justicia de Baja California Sur", True),
     ("Sala Penal del Tribunal Superior de Justicia de Nuevo León", True),
     ("Juzgado Mixto de Primera Instancia con residencia en Jalisco", True),
     ("Juzgado de Primera Instancia del Estado de Hidalgo", True),
     ("Juzgado Civil del Distrito Judicial de Hidalgo", False),
     ("Juzgado Penal del Distrito Judicial de Morelos", False),
     ("Juzgado Cívico de Santiago de Querétaro", False)],
)  # fmt: skip
def test_a_state_court_may_name_its_bodies_only(court: str, foreign: bool) -> None:
    assert foreign_court(court, publisher_of(TSJ, "MX-QUE", [TSJ, *OTHERS])) is foreign


def test_the_federal_chambers_are_the_federal_congress_own() -> None:
    state = publisher_of(TSJ, "MX-QUE", OTHERS)
    senate = publisher_of("Senado de la República", "MX", OTHERS)
    union = publisher_of("Congreso de la Unión", "MX", OTHERS)
    assert [foreign_chamber(c, state) for c in ("Senado", "Pleno", "Comisión de Justicia")] == [
        True, False, False
    ]  # fmt: skip
    assert foreign_chamber("Cámara de Diputados", senate)
    assert not foreign_chamber("Senado de la República", senate)
    assert not foreign_chamber("Cámara de Diputados", union)
    assert foreign_court("Primera Sala", publisher_of("Suprema Corte de Justicia de la Nación",
                                                      "MX", OTHERS)) is False  # fmt: skip


@pytest.mark.parametrize(
    ("committee", "foreign"),
    [("Comisión de Justicia", False),
     ("Comisiones Unidas de Hacienda y de Gobernación", False),
     ("Comisión de Justicia del Poder Legislativo del Estado de Querétaro", False),
     ("Comisión de Justicia del Tribunal Superior de Justicia de Querétaro", True),
     ("Comisión de Hacienda del Congreso del Estado de Jalisco", True),
     ("Comisión de Hacienda del Congreso de Jalisco", True)],
)  # fmt: skip
def test_a_congress_committee_is_its_own(committee: str, foreign: bool) -> None:
    congress = "Poder Legislativo del Estado de Querétaro"
    assert foreign_committee(committee, publisher_of(congress, "MX-QUE", [TSJ])) is foreign


def test_a_committee_a_page_gives_as_another_congress_is_left_out() -> None:
    congress = "Poder Legislativo del Estado de Querétaro"
    tenant = Tenant("congreso-qro-gacetas", "congreso-qro", congress, "MX-QUE", (TSJ,))
    read = {"title": "Dictamen 12", "committee": "Comisión de Hacienda del Congreso de Jalisco"}
    kept, foreign = own_fields(tenant, read)
    assert foreign == ["committee"] and kept == {"title": "Dictamen 12"}
    kept, foreign = own_fields(tenant, read | {"committee": "Comisión de Hacienda"})
    assert foreign == [] and kept["committee"] == "Comisión de Hacienda"


@pytest.mark.parametrize(
    ("court", "jurisdiction", "foreign"),
    [("Tribunal Superior de Justicia de la Ciudad de México", "MX-MEX", True),
     ("Tribunal Superior de Justicia del Estado de México", "MX-CMX", True),
     ("Tribunal Superior de Justicia del Estado de México", "MX-MEX", False),
     ("Tribunal Superior de Justicia de la CDMX", "MX-MEX", True),
     ("JUZGADO QUINTO DE LO CIVIL DEL D.F.", "MX-MEX", True),
     ("Juzgado Cuarto Familiar del Distrito Federal", "MX-MEX", True),
     ("Sala Civil del Tribunal Superior de Justicia del Edo. de Mexico", "MX-CMX", True),
     ("Juzgado Mixto del Estado Libre y Soberano de Puebla", "MX-TLA", True),
     # the capital written after a comma, as a place: "Guadalupe" is in both states
     ("Juzgado Civil de Guadalupe, Zacatecas", "MX-NLE", True),
     ("Juzgado Civil de Guadalupe, Nuevo León", "MX-NLE", False),
     ("Juzgado de lo Familiar de Jiménez, Chihuahua", "MX-CHH", False),
     # a name shared with a municipality stays unsure after a comma too
     ("Juzgado Civil de Tenango del Valle, México", "MX-CMX", False),
     ("Juzgado de Primera Instancia de Tabasco", "MX-ZAC", False)],
)  # fmt: skip
def test_a_state_written_as_courts_write_it_is_read(
    court: str, jurisdiction: str, foreign: bool
) -> None:
    publisher = publisher_of("Poder Judicial", jurisdiction, [TSJ, *OTHERS])
    assert foreign_court(court, publisher) is foreign


@pytest.mark.parametrize(
    ("body", "publisher", "jurisdiction", "foreign"),
    [("Comisión de Justicia de la Cámara de Diputados", "Congreso del Estado de Jalisco",
      "MX-JAL", True),
     ("COMISION DE HACIENDA Y CREDITO PUBLICO DE LA CAMARA DE DIPUTADOS",
      "Senado de la República", "MX", True),
     ("Comisión de Hacienda y Crédito Público de la Cámara de Diputados",
      "Cámara de Diputados", "MX", False),
     ("Comisiones Unidas de Puntos Constitucionales y de Estudios Legislativos del Senado de "
      "la República", "Cámara de Diputados", "MX", True),
     ("Comisión de Puntos Constitucionales del Senado", "Senado de la República", "MX", False),
     ("Comisión de Gobernación de la H. Cámara de Senadores", "Congreso del Estado de Colima",
      "MX-COL", True),
     # a state's congress calling its assembly so is the state's own
     ("Comisión de Justicia de la Cámara de Diputados del Congreso del Estado de Puebla",
      "Congreso del Estado de Puebla", "MX-PUE", False)],
)  # fmt: skip
def test_a_federal_chamber_holding_a_committee_makes_it_that_chamber_s(
    body: str, publisher: str, jurisdiction: str, foreign: bool
) -> None:
    who = publisher_of(publisher, jurisdiction, OTHERS)
    assert foreign_committee(body, who) is foreign
    assert foreign_chamber(body, who) is foreign


def test_a_chamber_s_junta_is_that_chamber_s_body() -> None:
    state = publisher_of("Congreso del Estado de Jalisco", "MX-JAL", OTHERS)
    deputies = publisher_of("Cámara de Diputados", "MX", OTHERS)
    junta = "Junta de Coordinación Política de la Cámara de Diputados"
    assert foreign_chamber(junta, state) and not foreign_chamber(junta, deputies)
    own = "Pleno de la Cámara de Diputados del Congreso del Estado de Jalisco"
    assert not foreign_chamber(own, state)


@pytest.mark.parametrize(
    ("court", "jurisdiction", "foreign"),
    [# a municipality's name shared by several states names none of them
     ("Juzgado Mixto de Primera Instancia de Benito Juárez", "MX-CMX", False),
     ("Juzgado Mixto de Primera Instancia de Benito Juárez", "MX-ROO", False),
     ("Juzgado Primero de lo Familiar de Juárez", "MX-NLE", False),
     ("Juzgado Civil de Guadalupe", "MX-ZAC", False),
     ("Juzgado Penal de Hidalgo", "MX-MIC", False),
     ("Juzgado Penal de Morelos", "MX-COA", False),
     # the document says which state: after the place, or by naming the state's own powers
     ("Juzgado de Primera Instancia de Morelos, Estado de Chihuahua", "MX-MOR", True),
     ("Juzgado de Primera Instancia de Morelos, Estado de Chihuahua", "MX-CHH", False),
     ("Sala Penal del Tribunal Superior de Justicia de Hidalgo", "MX-QUE", True),
     ("Sala Penal del Tribunal Superior de Justicia de Hidalgo", "MX-HID", False),
     ("Supremo Tribunal de Justicia de Morelos", "MX-JAL", True),
     ("Poder Judicial de Guerrero", "MX-COA", True),
     ("Poder Judicial de Guerrero", "MX-GRO", False),
     # "México" alone stays unsure even so: the country's, or the state's
     ("Poder Judicial de México", "MX-CMX", False)],
)  # fmt: skip
def test_a_name_several_states_share_names_a_state_only_when_the_document_says_which(
    court: str, jurisdiction: str, foreign: bool
) -> None:
    publisher = publisher_of("Poder Judicial", jurisdiction, [TSJ, *OTHERS])
    assert foreign_court(court, publisher) is foreign


def test_another_states_congress_named_by_a_shared_name_is_not_a_committees_holder() -> None:
    congress = "Poder Legislativo del Estado de Querétaro"
    publisher = publisher_of(congress, "MX-QUE", [TSJ])
    assert foreign_committee("Comisión de Hacienda del Congreso de Morelos", publisher)
    assert not foreign_committee("Comisión de Desarrollo Municipal de Morelos", publisher)


GTO_CONGRESS = publisher_of("Poder Legislativo del Estado de Guanajuato", "MX-GUA", ())
GTO_JUDICIARY = publisher_of("Poder Judicial del Estado de Guanajuato", "MX-GUA", ())
TJA_GTO = publisher_of("Tribunal de Justicia Administrativa del Estado de Guanajuato", "MX-GUA", ())
SCJN = publisher_of("Suprema Corte de Justicia de la Nación", "MX", ())
TEPJF = publisher_of("Tribunal Electoral del Poder Judicial de la Federación", "MX", ())
PRIMER_COLEGIADO = "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito"
COLEGIADO = publisher_of(PRIMER_COLEGIADO, "MX-JAL", ())
SALA_SUPERIOR = "Sala Superior del Tribunal Electoral del Poder Judicial de la Federación"


@pytest.mark.parametrize(
    ("publisher", "field", "value", "foreign"),
    [
        (GTO_CONGRESS, "court", "Supremo Tribunal de Justicia del Estado de Guanajuato", True),
        (GTO_CONGRESS, "court", "Juzgado Segundo Civil de Partido de León", True),
        (GTO_CONGRESS, "court", "Pleno Regional en Materia Penal de la Región Centro-Norte", True),
        (GTO_CONGRESS, "chamber", "Primera Sala Penal del Supremo Tribunal de Justicia", True),
        (GTO_CONGRESS, "chamber", "Pleno", False),
        (GTO_CONGRESS, "chamber", "Comisión Permanente", False),
        (GTO_JUDICIARY, "court", "Supremo Tribunal de Justicia del Estado de Guanajuato", False),
        (GTO_JUDICIARY, "court", "Sala Colegiada Penal del Supremo Tribunal de Justicia", False),
        (GTO_JUDICIARY, "court", "Juzgado Mixto del Distrito Judicial de Acámbaro", False),
        (GTO_JUDICIARY, "court", "Juzgado Primero de Distrito en el Estado de Guanajuato", True),
        (GTO_JUDICIARY, "court", "Tercer Tribunal Colegiado Civil del Decimosexto Circuito", True),
        (TJA_GTO, "court", "Primera Sala del Tribunal de Justicia Administrativa", False),
        (TJA_GTO, "court", "Supremo Tribunal de Justicia del Estado de Guanajuato", True),
        (SCJN, "court", "Primera Sala", False),
        (SCJN, "court", "Tribunal Colegiado en Materia Penal del Primer Circuito", True),
        (TEPJF, "court", SALA_SUPERIOR, False),
        (COLEGIADO, "court", PRIMER_COLEGIADO, False),
    ],
)  # fmt: skip
def test_a_court_is_known_by_how_it_is_named(
    publisher: Any, field: str, value: str, foreign: bool
) -> None:
    """A congress names no court; the federal circuit and district bodies are the federal
    judiciary's; a state's high court is its judiciary's (not its administrative court's)."""
    assert foreign_value(field, value, publisher) is foreign


TSA = publisher_of("Tribunal Superior Agrario", "MX", ())
TUA = publisher_of("Tribunal Unitario Agrario del Distrito 42", "MX-QUE", ())
TFJA = publisher_of("Tribunal Federal de Justicia Administrativa", "MX", ())
TFCA = publisher_of("Tribunal Federal de Conciliación y Arbitraje", "MX", ())
TCA_GTO = publisher_of(
    "Tribunal de Conciliación y Arbitraje del Estado de Guanajuato", "MX-GUA", ()
)
TUA_42 = "Tribunal Unitario Agrario del Distrito 42, con sede en Querétaro, Querétaro"
TFJA_SALA = (
    "Segunda Sala Regional del Norte-Centro II del Tribunal Federal de Justicia Administrativa"
)
TFCA_SALA = "Segunda Sala del Tribunal Federal de Conciliación y Arbitraje"


@pytest.mark.parametrize(
    ("publisher", "field", "value", "foreign"),
    [
        # a state's courts and congress name none of the federal tribunals outside the
        # federal judiciary as theirs
        (GTO_JUDICIARY, "court", TUA_42, True),
        (GTO_JUDICIARY, "court", "TRIBUNAL SUPERIOR AGRARIO", True),
        (GTO_JUDICIARY, "court", TFJA_SALA, True),
        (GTO_JUDICIARY, "court", "Tribunal Federal de Justicia Fiscal y Administrativa", True),
        (GTO_JUDICIARY, "court", "Primera Sala Regional de Occidente del TFJA", True),
        (GTO_JUDICIARY, "court", TFCA_SALA, True),
        (GTO_JUDICIARY, "chamber", TFCA_SALA, True),
        (TJA_GTO, "court", TFJA_SALA, True),
        (TJA_GTO, "court", "Tribunal Federal de Justicia Administrativa", True),
        (TCA_GTO, "court", "Tribunal Federal de Conciliación y Arbitraje", True),
        (GTO_CONGRESS, "court", TUA_42, True),
        (GTO_CONGRESS, "court", TFJA_SALA, True),
        # the TEPJF's Salas Regionales, named bare or by their circunscripción
        (GTO_JUDICIARY, "court", "Sala Regional Monterrey", True),
        (TJA_GTO, "court", "Sala Regional Especializada", True),
        (GTO_JUDICIARY, "court", "Sala Regional de la Segunda Circunscripción", True),
        (TEPJF, "court", "Sala Regional Monterrey", False),
        # nor does one federal tribunal name another's
        (TFJA, "court", TUA_42, True),
        (TSA, "court", TFCA_SALA, True),
        (TFCA, "court", TFJA_SALA, True),
        (SCJN, "court", TFJA_SALA, True),
        (TSA, "court", "Juzgado Primero de Distrito en Materia Administrativa", True),
        # each keeps its own bodies
        (TSA, "court", TUA_42, False),
        (TSA, "court", "Tribunal Superior Agrario", False),
        (TUA, "court", TUA_42, False),
        (TFJA, "court", TFJA_SALA, False),
        (TFJA, "court", f"Pleno Jurisdiccional de la Sala Superior del {TFJA.name}", False),
        (TFCA, "court", TFCA_SALA, False),
        # states' bodies of like names are their own, and no federal tribunal
        (TJA_GTO, "court", "Tribunal de Justicia Administrativa del Estado de Guanajuato", False),
        (TJA_GTO, "court", "Primera Sala Regional del Tribunal de Justicia Administrativa", False),
        (TCA_GTO, "court", "Tribunal de Conciliación y Arbitraje del Estado de Guanajuato", False),
        (TCA_GTO, "court", "Primera Sala del Tribunal de Conciliación y Arbitraje", False),
    ],
)  # fmt: skip
def test_a_federal_tribunal_outside_the_judiciary_is_its_own(
    publisher: Any, field: str, value: str, foreign: bool
) -> None:
    """The agrarian tribunals, the TFJA (its Salas Regionales too) and the TFCA are federal
    courts of their own: only each names itself or its bodies; a state's administrative or
    labour court of a like name («… del Estado de Guanajuato») is none of them."""
    assert foreign_value(field, value, publisher) is foreign
