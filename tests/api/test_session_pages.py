"""The session finder's order and a session's page, read as a browser receives them: live
and announced sessions first across every page of results (and never twice), and a
session's discussed documents and speeches, with times and video links only where an
aligner found them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.library import Library
from indexer.models import Legislativo, Sesion, VideoLink, document_id
from indexer.speeches.model import Mention, Speech, speech_id
from indexer.speeches.store import save_mentions, save_speeches, set_alignment
from tests.api.conftest import make_library

TODAY = dt.date.today()
CONGRESS = "Congreso de Prueba"
YOUTUBE = "https://www.youtube.com/watch?v=PruebaSes01"
PLAIN = "https://video.congreso.example/sesion-12.mp4"


def _id(name: str) -> str:
    return document_id("prueba-sesiones", f"https://congreso.example/{name}")


def _session(name: str, day: dt.date, videos: list[VideoLink], **extra: object) -> Sesion:
    return Sesion(
        id=_id(name),
        title=f"Sesión {name} del {day.isoformat()}",
        date=day,
        institution="Congreso del Estado de Prueba",
        jurisdiction="MX-GUA",
        source_id="prueba-sesiones",
        url=f"https://congreso.example/{name}",
        congress=CONGRESS,
        legislature="LXVI",
        session_type="ordinaria",
        video_urls=videos,
        **extra,
    )


def _video(state: str) -> list[VideoLink]:
    return [VideoLink(url=f"https://congreso.example/video/{state}", platform="web", state=state)]


def _sessions() -> list[Sesion]:
    """25 sessions announced without video in the coming weeks (they come first by date),
    one live today, one announced with its stream, 20 recorded ones before."""
    found = [_session(f"agenda-{n}", TODAY + dt.timedelta(days=n), []) for n in range(1, 26)]
    found.append(_session("en-vivo", TODAY, _video("live")))
    found.append(_session("anunciada", TODAY + dt.timedelta(days=30), _video("upcoming")))
    found += [
        _session(f"pasada-{n}", TODAY - dt.timedelta(days=10 + n), _video("recorded"))
        for n in range(20)
    ]
    found.append(
        _session(
            "con-discursos",
            TODAY - dt.timedelta(days=400),
            [
                VideoLink(url=YOUTUBE, platform="youtube", state="recorded"),
                VideoLink(url=PLAIN, platform="web", state="recorded"),
            ],
            agenda=["Lista de asistencia.", "Discusión de la Iniciativa 140/LXVI."],
        )
    )
    return found


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = make_library(Path(tmp_path_factory.mktemp("sesiones")))
    for doc in _sessions():
        lib.add_document(doc)
    lib.add_document(
        Legislativo(
            id=_id("iniciativa-140"),
            title="Iniciativa que reforma la Ley de Movilidad",
            date=TODAY - dt.timedelta(days=420),
            institution="Congreso del Estado de Prueba",
            jurisdiction="MX-GUA",
            source_id="prueba-sesiones",
            url="https://congreso.example/iniciativa-140",
            doc_type="iniciativa",
            number="Iniciativa 140/LXVI",
            legislature="LXVI",
        )
    )
    lib.flush()
    _speeches(lib)
    yield lib
    lib.close()


def _speeches(lib: Library) -> None:
    session = _id("con-discursos")
    said = [
        ("Presidenta Ana Ruiz", "presidencia", "Se abre la sesión."),
        ("Diputado Luis Mora", "legislador", "Presento la Iniciativa 140/LXVI sobre movilidad."),
        ("Diputada Eva Sol", "legislador", "Votaré en contra de la iniciativa."),
    ]
    speeches = [
        Speech(
            id=speech_id(session, n),
            session_id=session,
            order=n,
            speaker_as_written=who,
            person_name=who.split(" ", 1)[1],
            role=role,
            text=text,
        )
        for n, (who, role, text) in enumerate(said)
    ]
    save_speeches(lib.db, session, speeches)
    set_alignment(lib.db, speeches[0].id, 4.0, 30.0, 0.9, "captions", 0)
    set_alignment(lib.db, speeches[1].id, 3725.6, 3800.0, 0.8, "captions", 1)
    # the third speech was never placed in the video: it shows no time
    save_mentions(
        lib.db,
        session,
        [
            Mention(
                session_id=session,
                jurisdiction="MX-GUA",
                reference_key="iniciativa|140|LXVI",
                document_id=_id("iniciativa-140"),
                mention="Iniciativa 140/LXVI",
                agenda_index=1,
            ),
            Mention(
                session_id=session,
                jurisdiction="MX-GUA",
                reference_key="iniciativa|140|LXVI",
                document_id=_id("iniciativa-140"),
                mention="Iniciativa 140/LXVI",
                speech_id=speeches[1].id,
                agenda_index=1,
            ),
            Mention(
                session_id=session,
                jurisdiction="MX-GUA",
                reference_key="dictamen|77|LXVI",
                mention="Dictamen 77/LXVI",
                agenda_index=1,
            ),
        ],
    )


@pytest.fixture(scope="module")
def client(library: Library) -> Iterator[TestClient]:
    with TestClient(create_app(library)) as test_client:
        yield test_client


def _titles(html: str, section: str) -> list[str]:
    return re.findall(r'<h3><a href="/d/[^"]+">([^<]+)</a></h3>', section)


def _page(client: TestClient, url: str) -> tuple[str, list[str], list[str], str | None]:
    html = client.get(url).text
    start = html.find('id="ahora"')
    listing = html.index('id="lista"')
    ahead = _titles(html, html[start:listing]) if start >= 0 else []
    listed = _titles(html, html[listing:])
    following = re.search(r'href="([^"]+)" rel="next"', html)
    return html, ahead, listed, following.group(1).replace("&amp;", "&") if following else None


def test_live_and_announced_sessions_come_first_across_every_page(client: TestClient) -> None:
    html, ahead, listed, following = _page(client, f"/sesiones?congreso={CONGRESS}")
    assert ahead == [
        f"Sesión en-vivo del {TODAY.isoformat()}",
        f"Sesión anunciada del {(TODAY + dt.timedelta(days=30)).isoformat()}",
    ]
    assert "En vivo" in html and "Próximamente" in html
    assert "Sesiones 1–20 de 46" in html
    seen = list(listed)
    pages = 1
    while following:
        html, more_ahead, listed, following = _page(client, following)
        assert more_ahead == []  # set apart on the first page only
        seen += listed
        pages += 1
    assert pages == 3 and "Sesiones 41–46 de 46" in html
    assert len(seen) == len(set(seen)) == 46  # every other session once, none lost
    assert not any("en-vivo" in t or "anunciada" in t for t in seen)
    dates = [t.rsplit(" ", 1)[1] for t in seen]
    assert dates == sorted(dates, reverse=True)  # the list keeps its newest-first order


def test_going_back_a_page_shows_the_same_sessions(client: TestClient) -> None:
    _, _, first, second_link = _page(client, f"/sesiones?congreso={CONGRESS}")
    assert second_link
    html, _, _, _ = _page(client, second_link)
    back = re.search(r'href="([^"]+)" rel="prev"', html)
    assert back
    _, ahead, again, _ = _page(client, back.group(1).replace("&amp;", "&"))
    assert again == first and len(ahead) == 2


def test_a_session_page_lists_what_it_discussed_and_who_spoke_when(client: TestClient) -> None:
    html = client.get(f"/d/{_id('con-discursos')}").text
    discussed = html[html.index('id="discutidos"') : html.index('id="intervenciones"')]
    assert f'<a href="/d/{_id("iniciativa-140")}">Iniciativa 140/LXVI</a>' in discussed
    assert "Iniciativa que reforma la Ley de Movilidad" in discussed
    assert "punto 2 del orden del día" in discussed
    assert 'href="#intervencion-1">intervención de Luis Mora</a>' in discussed
    assert "Dictamen 77/LXVI" in discussed and "aún no está en la biblioteca" in discussed
    turns = html[html.index('id="intervenciones"') :]
    first, second, third = re.findall(r'<li id="intervencion-\d+">(.*?)</li>', turns, re.S)
    assert "Ana Ruiz" in first and "0:00:04" in first
    assert 'href="https://www.youtube.com/watch?v=PruebaSes01&amp;t=4s"' in first
    assert "?ver=1&amp;parte=0&amp;t=4#reproductor" in first  # the page's own player
    assert "Luis Mora" in second and "1:02:05" in second
    assert f'href="{PLAIN}#t=3725"' in second and "ver aquí" not in second
    assert "Eva Sol" in third and "<time" not in third and "href=" not in third
    assert "2 de 3 con su momento en el video" in turns


def test_the_player_starts_where_a_speech_link_asks(client: TestClient) -> None:
    session = _id("con-discursos")
    html = client.get(f"/d/{session}", params={"ver": "1", "parte": "0", "t": "4"}).text
    assert 'src="https://www.youtube-nocookie.com/embed/PruebaSes01?start=4"' in html
    for bad in ({"parte": "9", "t": "4"}, {"parte": "0", "t": "-1"}, {"parte": "9" * 5000}):
        page = client.get(f"/d/{session}", params={"ver": "1", **bad})
        assert page.status_code == 200
        assert 'src="https://www.youtube-nocookie.com/embed/PruebaSes01"' in page.text


def test_a_session_card_names_the_documents_and_counts_the_speeches(client: TestClient) -> None:
    day = TODAY - dt.timedelta(days=400)
    html = client.get("/sesiones", params={"desde": day.isoformat(), "hasta": day.isoformat()})
    card = html.text[html.text.index('<article class="sesion">') :]
    assert re.search(r'Discutió: <a href="/d/[^"]+"[^>]*>Iniciativa 140/LXVI</a>, Dictamen', card)
    assert "3 intervenciones (2 con su momento en el video)" in card
