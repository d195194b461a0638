"""A court session's page lists the asuntos it discussed (a versión taquigráfica comes with
no agenda: its secretary states each matter), each linked to the first speech on it."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from indexer.library import Library
from indexer.models import Sesion, document_id
from tests.api.conftest import make_library

VT = """SUPREMA CORTE DE JUSTICIA DE LA NACIÓN
TRIBUNAL PLENO
ASISTENCIA:
PRESIDENTA SEÑORA MINISTRA:
ADRIANA SOFÍA MIRANDA QUEZADA
SEÑORES MINISTROS:
GERARDO ANTONIO ESCOBEDO LIMA
(SE ABRIÓ LA SESIÓN A LAS 11:30 HORAS)
SEÑORA MINISTRA PRESIDENTA: Se abre la sesión. Dé cuenta.
SECRETARIO GENERAL DE ACUERDOS: Sí, señora Ministra Presidenta. Se somete a su
consideración el proyecto relativo a la
ACCIÓN DE INCONSTITUCIONALIDAD 88/2030, PROMOVIDA POR LA COMISIÓN
NACIONAL DE LOS DERECHOS HUMANOS.
Bajo la ponencia del señor Ministro Escobedo Lima.
SEÑOR MINISTRO ESCOBEDO LIMA: Propongo la invalidez.
SEÑORA MINISTRA PRESIDENTA: Continúe, por favor.
SECRETARIO GENERAL DE ACUERDOS: Se somete a su consideración el proyecto relativo a la
CONTROVERSIA CONSTITUCIONAL 12/2031, PROMOVIDA POR EL MUNICIPIO DE
TEPIC.
Bajo la ponencia de la señora Ministra Miranda Quezada.
SEÑORA MINISTRA PRESIDENTA: Se levanta la sesión.
(SE LEVANTÓ LA SESIÓN A LAS 12:10 HORAS)
"""


def test_a_court_session_page_lists_its_asuntos_linked_to_their_speeches(tmp_path: Path) -> None:
    library: Library = make_library(tmp_path)
    session = Sesion(
        id=document_id("prueba-asuntos", "vt"),
        title="Sesión pública ordinaria del Pleno",
        date=dt.date(2031, 3, 4),
        institution="Suprema Corte de Justicia de la Nación",
        jurisdiction="MX",
        source_id="prueba-asuntos",
        url="https://ejemplo.scjn.gob.mx/vt",
        text=VT,
        chamber="Pleno",
    )
    library.add_document(session)
    library.flush()
    try:
        with TestClient(create_app(library)) as client:
            html = client.get(f"/d/{session.id}").text
            assert '<h2 id="asuntos">Asuntos que se discutieron</h2>' in html
            block = html[
                html.index('id="asuntos"') : html.index("</ol>", html.index('id="asuntos"'))
            ]
            listed = [
                (href, unescape(title))
                for href, title in re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', block)
            ]
            assert [title for _, title in listed] == [
                "ACCIÓN DE INCONSTITUCIONALIDAD 88/2030, PROMOVIDA POR LA COMISIÓN NACIONAL DE LOS "
                "DERECHOS HUMANOS",
                "CONTROVERSIA CONSTITUCIONAL 12/2031, PROMOVIDA POR EL MUNICIPIO DE TEPIC",
            ]
            # each link lands on the secretary's account of that matter
            for href, _ in listed:
                anchor = href.split("#")[1]
                page = client.get(f"/d/{session.id}{href.split('#')[0]}").text
                turn = page[page.index(f'id="{anchor}"') :]
                assert "Secretario General de Acuerdos" in turn[: turn.index("</li>")]
    finally:
        library.close()
