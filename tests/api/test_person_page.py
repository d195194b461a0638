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


def _long_session(doc_id: str, day: dt.date, first: int, turns: int) -> Sesion:
    said = "".join(
        f"La Senadora Lilly Téllez García: Intervención número {n} sobre el agua.\n"
        f"El Presidente Senador Gerardo Fernández Noroña: Gracias, senadora.\n"
        for n in range(first, first + turns)
    )
    return _session(doc_id, day, said)


def test_a_speakers_many_speeches_are_read_page_by_page(tmp_path: Path) -> None:
    """150 speeches: the page lists the newest 100 and links to the older ones (no
    JavaScript), and the API pages through the same speeches; none is left out."""
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    try:
        library.add_document(_long_session("antigua", dt.date(2024, 9, 3), 0, 120))
        library.add_document(_long_session("reciente", dt.date(2024, 10, 8), 120, 30))
        library.flush()
        client = TestClient(create_app(library))
        found = client.get("/v1/people", params={"name": "Lilly Téllez"}).json()["people"]
        person = f"/personas/{found[0]['id']}"

        def numbers(body: str) -> list[int]:
            return [int(n) for n in re.findall(r"Intervención número (\d+) sobre", body)]

        first = client.get(person).text
        assert len(numbers(first)) == 100 and numbers(first)[:30] == list(range(120, 150))
        assert "Intervenciones 1 a 100 de 150" in first
        nav = re.search(r'<nav class="paginas" aria-label="Páginas de intervenciones">.*?</nav>',
                        first, re.S)  # fmt: skip
        assert nav is not None and 'href="?pagina=2#intervenciones" rel="next">Siguientes' in nav[0]
        second = client.get(f"{person}?pagina=2").text
        assert (
            "Intervenciones 101 a 150 de 150" in second
            and '<ol class="intervenciones" start="101">' in second
        )
        assert 'href="?pagina=1#intervenciones" rel="prev">← Anteriores' in second
        assert "Siguientes" not in second
        assert sorted(numbers(first) + numbers(second)) == list(range(150))
        assert numbers(client.get(f"{person}?pagina=99").text) == numbers(second)
        assert numbers(client.get(f"{person}?pagina=dos").text) == numbers(first)

        read: list[str] = []
        url: str | None = f"/v1/people/{found[0]['id']}?limit=60"
        while url:
            answer = client.get(url).json()
            assert answer["speeches_total"] == 150
            read += [s["text"] for s in answer["speeches"]]
            url = answer["next_url"]
        assert len(read) == len(set(read)) == 150
        assert client.get(f"/v1/people/{found[0]['id']}?page=0").status_code == 422
    finally:
        library.close()
