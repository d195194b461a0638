"""Who spoke, as a session's page names them: a court's headings are written in capitals
("SECRETARIO GENERAL DE ACUERDOS:", "SEÑORA MINISTRA RUIZ SOTO:"), and the page reads in
ordinary Spanish: no shouting, and each role in the speaker's own gender."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.library import Library
from indexer.models import Sesion, document_id
from tests.api.conftest import make_library

# Modelled on the SCJN's versiones taquigráficas (the heading lists who attends, in
# capitals; each turn opens with its speaker in capitals) and a congress's (mixed case).
COURT = """SUPREMA CORTE DE JUSTICIA DE LA NACIÓN
TRIBUNAL PLENO
ASISTENCIA:
PRESIDENTE SEÑOR MINISTRO:
LUIS ALBERTO GÓMEZ PRADO
SEÑORAS MINISTRAS Y SEÑORES
MINISTROS:
ANA MARÍA RUIZ SOTO
JORGE EMILIO LARA VEGA
(SE ABRIÓ LA SESIÓN A LAS 11:30 HORAS)
SEÑOR MINISTRO PRESIDENTE: Se abre la sesión. Dé cuenta, señor secretario.
SECRETARIO GENERAL DE ACUERDOS: Sí, señor Ministro Presidente. Está a su
consideración el acta de la sesión anterior.
SEÑORA MINISTRA RUIZ SOTO: Estoy de acuerdo con el acta.
SEÑOR MINISTRO LARA VEGA: También yo.
(SE LEVANTÓ LA SESIÓN A LAS 12:10 HORAS)
"""
CONGRESS = """-La C. Presidenta: Tiene la palabra la diputada.
-La diputada Lucía Medina Robles (desde la curul): Gracias, Presidenta.
-El diputado Rodrigo Anaya Pérez: Con su venia.
-La Secretaría: Se registraron veinte votos a favor.
"""
# A Diario de los Debates where a short name from the seat is read before the second of
# the two legislators it could be takes the rostrum.
NAMESAKES = """-El diputado Juan López Ruiz (PAN): Con su venia, presidenta.
-El diputado López Ruiz (desde la curul): Una moción, presidenta.
-La diputada María López Ruiz (PRI): Con su venia, presidenta.
"""


def _session(name: str, text: str, institution: str, congress: str | None) -> Sesion:
    return Sesion(
        id=document_id("prueba-oradores", name),
        title=f"Sesión {name}",
        date=dt.date(2025, 2, 18),
        institution=institution,
        jurisdiction="MX",
        source_id="prueba-oradores",
        url=f"https://ejemplo.gob.mx/{name}",
        text=text,
        congress=congress,
        chamber="Pleno",
        legislature="LXVI" if congress else None,
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    library: Library = make_library(Path(tmp_path_factory.mktemp("oradores")))
    library.add_document(_session("corte", COURT, "Suprema Corte de Justicia de la Nación", None))
    library.add_document(
        _session("congreso", CONGRESS, "Congreso del Estado de Prueba", "Congreso de Prueba")
    )
    library.add_document(
        _session("homonimos", NAMESAKES, "Congreso del Estado de Prueba", "Congreso Homónimo")
    )
    library.flush()
    with TestClient(create_app(library)) as test_client:
        yield test_client
    library.close()


def _speakers(client: TestClient, name: str) -> list[str]:
    html = client.get(f"/d/{document_id('prueba-oradores', name)}").text
    turns = html[html.index('id="intervenciones"') :]
    found = re.findall(
        r'<li id="intervencion-\d+"><p><strong>(.*?)</strong>(?: <span class="meta">\((.*?)\)'
        r"</span>)?",
        turns,
    )
    shown = [(unescape(re.sub(r"<[^>]+>", "", who)), detail) for who, detail in found]
    return [f"{who} ({unescape(detail)})" if detail else who for who, detail in shown]


def test_a_courts_speakers_are_named_in_ordinary_spanish(client: TestClient) -> None:
    assert _speakers(client, "corte") == [
        "Luis Alberto Gómez Prado (Presidencia)",
        "Secretario General de Acuerdos (Secretaría)",
        "Ana María Ruiz Soto (Ministra)",
        "Jorge Emilio Lara Vega (Ministro)",
    ]


def test_a_legislators_role_is_in_their_own_gender(client: TestClient) -> None:
    assert _speakers(client, "congreso") == [
        "La C. Presidenta (Presidencia)",
        "Lucía Medina Robles (Legisladora)",
        "Rodrigo Anaya Pérez (Legislador)",
        "La Secretaría",  # named once: the heading is the role's own label
    ]


def test_a_name_two_speakers_go_by_is_shown_as_written(client: TestClient) -> None:
    """Not as the one of them who had spoken when it was read."""
    assert _speakers(client, "homonimos") == [
        "Juan López Ruiz (Legislador · PAN)",
        "El diputado López Ruiz (desde la curul) (Legislador)",
        "María López Ruiz (Legisladora · PRI)",
    ]
