"""A session's page names each speaker by the fullest name known of them now: a later
session that names the same diputado whole («Juan Carlos Pérez Lozano» after «Juan Pérez
Lozano») makes the earlier session's page say it too."""

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

CONGRESS = "Congreso del Estado de Nayarit"


def _session(number: int, text: str, day: dt.date) -> Sesion:
    return Sesion(
        id=document_id("prueba-nombres", str(number)),
        title=f"Sesión ordinaria número {number}",
        date=day,
        institution=CONGRESS,
        jurisdiction="MX-NAY",
        source_id="prueba-nombres",
        url=f"https://ejemplo.gob.mx/sesion-{number}",
        text=text,
        congress=CONGRESS,
        legislature="XXXIV",
        chamber="Pleno",
    )


def _speakers(client: TestClient, session: Sesion) -> list[str]:
    html = client.get(f"/d/{session.id}").text
    turns = html[html.index('id="intervenciones"') :]
    found = re.findall(r'<li id="intervencion-\d+"><p><strong>(.*?)</strong>', turns)
    return [unescape(re.sub(r"<[^>]+>", "", who)) for who in found]


def test_an_earlier_session_shows_the_name_a_later_one_gave_whole(tmp_path: Path) -> None:
    library: Library = make_library(tmp_path)
    first = _session(
        1,
        "-La Presidenta diputada Laura Elena Campos Rosas: Tiene la palabra.\n"
        "-El diputado Juan Pérez Lozano: Hablo del agua.\n",
        dt.date(2031, 3, 3),
    )
    later = _session(
        2,
        "-La Presidenta diputada Laura Elena Campos Rosas: Tiene la palabra.\n"
        "-El diputado Juan Carlos Pérez Lozano (PT): Vuelvo al agua.\n",
        dt.date(2031, 3, 10),
    )
    try:
        library.add_document(first)
        library.flush()
        library.add_document(later)
        library.flush()
        with TestClient(create_app(library)) as client:
            assert _speakers(client, first) == [
                "Laura Elena Campos Rosas",
                "Juan Carlos Pérez Lozano",
            ]
            assert _speakers(client, later)[1] == "Juan Carlos Pérez Lozano"
            found = client.get("/v1/people", params={"congress": CONGRESS}).json()["people"]
            assert sorted(p["name"] for p in found) == [
                "Juan Carlos Pérez Lozano",
                "Laura Elena Campos Rosas",
            ]
    finally:
        library.close()
