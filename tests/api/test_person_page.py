"""A citizen follows a speaker from a session's page to their own page and reads what
they said in every session, newest first, each linked back to its place in the session
(and to its moment in the video when it was aligned); a chorus is no one's page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sesion, VideoLink
from indexer.speeches import session_speeches, set_alignment

FIRST = """El Presidente Senador Gerardo Fernández Noroña: Se abre la sesión.
La Senadora Lilly Téllez García: Vengo a hablar del agua de Sonora.
Voces: ¡Fuera, fuera!
El Presidente Senador Gerardo Fernández Noroña: Orden, por favor.
"""
LATER = """El Presidente Senador Gerardo Fernández Noroña: Se abre la sesión.
La Senadora Lilly Téllez García: Insisto en la escasez de agua.
"""
VIDEO = "https://www.youtube.com/watch?v=SenadoSes01"


def _session(doc_id: str, day: dt.date, text: str) -> Sesion:
    return Sesion(
        id=doc_id,
        title=f"Sesión ordinaria {doc_id}",
        date=day,
        institution="Senado de la República",
        jurisdiction="MX",
        source_id="senado-sesiones",
        url=f"https://www.senado.example/{doc_id}",
        text=text,
        congress="Congreso de la Unión",
        chamber="Senado de la República",
        legislature="LXVI",
        video_urls=[VideoLink(url=VIDEO, platform="youtube", state="recorded")],
    )


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Library]]:
    root = Path(tmp_path_factory.mktemp("personas"))
    library = Library.open(Settings(data_dir=root, database_url=None), writer=True)
    library.add_document(_session("sen-uno", dt.date(2024, 10, 8), FIRST))
    library.add_document(_session("sen-dos", dt.date(2024, 10, 10), LATER))
    library.flush()
    spoke = next(s for s in session_speeches(library.db, "sen-uno") if s.order == 2)
    set_alignment(library.db, spoke.id, 125.0, 140.0, 0.9, "captions", video=0)
    with TestClient(create_app(library)) as client:
        yield client, library
    library.close()


def test_a_speaker_on_a_session_page_leads_to_what_they_said(http) -> None:  # type: ignore[no-untyped-def]
    client, _ = http
    page = client.get("/d/sen-uno").text
    link = re.search(r'<strong><a href="(/personas/[^"]+)">Lilly Téllez García</a></strong>', page)
    assert link is not None
    assert "<strong>Voces</strong>" in page  # a chorus is no one's page
    person = client.get(link[1])
    assert person.status_code == 200
    body = person.text
    assert "<h1>Lilly Téllez García</h1>" in body
    later, first = body.index("Insisto en la escasez"), body.index("Vengo a hablar del agua")
    assert later < first  # newest session first
    assert "jueves 10 de octubre de 2024" in body and "martes 8 de octubre de 2024" in body
    assert '/d/sen-uno?intervencion=2#intervencion-2"' in body
    assert f'href="{VIDEO}&amp;t=125s"' in body  # the aligned speech opens the video there
    assert "Fuera" not in body and "Orden, por favor" not in body


def test_an_unknown_person_is_a_spanish_404(http) -> None:  # type: ignore[no-untyped-def]
    client, _ = http
    for wanted in ("nadie", "x" * 3000):
        response = client.get(f"/personas/{wanted}", headers={"accept": "text/html"})
        assert response.status_code == 404
        assert "Código 404" in response.text
