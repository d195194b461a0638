"""The party a speaker's line states when the bracket names the bench with it, as state
congresses and the Cámara's older versions write it: «(GP-Morena)», «(GPPAN)», «(G.P.
PVEM)», «(Grupo Parlamentario del Partido del Trabajo)». The citizen sees the party; a
bracket naming only the bench («(Grupo Parlamentario)») states none."""

from __future__ import annotations

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People

CONGRESS = "Congreso del Estado de Jalisco"
TEXT = """Sesión ordinaria número treinta y dos, celebrada el 15 de mayo de 2025

La diputada Rosa Elvia Quintana Leal (GP-Morena): Con su venia, presidente.
El diputado Julián Ochoa Esparza (Grupo Parlamentario del PAN): Gracias.
—El diputado Luis Fernando Soto Díaz (Grupo Parlamentario del Partido del Trabajo): Gracias.
DIP. MARÍA FERNANDA GIL RENTERÍA (GPMC).- Con permiso.
El diputado Ramón Alberto Cano Ibarra (Grupo Parlamentario): Gracias.
"""


def test_a_bracket_naming_the_bench_and_its_party_states_the_party() -> None:
    session = Sesion(
        id="s-bancadas", title="Sesión", institution=CONGRESS, jurisdiction="MX-JAL",
        source_id="x", url="https://ejemplo.gob.mx/bancadas", text=TEXT, congress=CONGRESS,
    )  # fmt: skip
    said = [(s.person_name, s.party) for s in speeches_of(session, People(CONGRESS)) if s.order]
    assert said == [
        ("Rosa Elvia Quintana Leal", "MORENA"),
        ("Julián Ochoa Esparza", "PAN"),
        ("Luis Fernando Soto Díaz", "PT"),
        ("María Fernanda Gil Rentería", "MC"),
        ("Ramón Alberto Cano Ibarra", None),
    ]
