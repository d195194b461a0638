"""A hostile (or just endless) transcript of 100,000 turns: the session's page lists its
speeches a hundred at a time with Spanish page links that work without JavaScript, a link
to one speech lands on the page that holds it, and the JSON answers are bounded too. The
20,001 documents its turns name are listed a hundred, and counted in full (on the page and
on the session's card in /sesiones)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.models import Sesion, document_id
from indexer.speeches.model import Mention, Speech, speech_id
from indexer.speeches.store import save_mentions, save_speeches
from tests.api.conftest import make_library

TURNS = 100_000
SESSION = document_id("prueba-larga", "https://congreso.example/sesion-sin-fin")
NAMED = 54_321  # the speech that names a document
MENTIONS = 20_000  # documents named by the turns after it


def _speech(n: int) -> Speech:
    return Speech(
        id=speech_id(SESSION, n),
        session_id=SESSION,
        order=n,
        speaker_as_written=f"Diputado Número {n}",
        person_name=f"Número {n}",
        role="legislador",
        procedural=n % 10 == 9,  # a stage direction every ten turns: never listed
        text=f"Intervención {n}: " + "palabra " * 30,
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    library = make_library(Path(tmp_path_factory.mktemp("larga")))
    library.add_document(
        Sesion(
            id=SESSION,
            title="Sesión sin fin",
            date=dt.date(2025, 3, 4),
            institution="Congreso del Estado de Prueba",
            jurisdiction="MX-GUA",
            source_id="prueba-larga",
            url="https://congreso.example/sesion-sin-fin",
            congress="Congreso de Prueba",
            session_type="ordinaria",
        )
    )
    library.flush()
    save_speeches(library.db, SESSION, [_speech(n) for n in range(TURNS)])
    mention = Mention(
        session_id=SESSION,
        jurisdiction="MX-GUA",
        reference_key="iniciativa|7|LXVI",
        mention="Iniciativa 7/LXVI",
        speech_id=speech_id(SESSION, NAMED),
        agenda_index=0,
    )
    others = [  # every later turn names another initiative: far more than a page reads
        Mention(
            session_id=SESSION,
            jurisdiction="MX-GUA",
            reference_key=f"iniciativa|{n}|LXVI",
            mention=f"Iniciativa {n}/LXVI",
            speech_id=speech_id(SESSION, n),
        )
        for n in range(NAMED + 1, NAMED + 1 + MENTIONS)
    ]
    save_mentions(library.db, SESSION, [mention, *others])
    with TestClient(create_app(library)) as test_client:
        yield test_client
    library.close()


def _listed(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<li id="intervencion-(\d+)">', html)]


def _link(html: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)" rel="{rel}">', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_page_lists_a_hundred_speeches_and_links_the_next(client: TestClient) -> None:
    page = client.get(f"/d/{SESSION}")
    assert page.status_code == 200
    assert len(page.content) < 100_000
    first = _listed(page.text)
    assert first == [n for n in range(111) if n % 10 != 9][:100]
    assert "Intervenciones (90.000)" in page.text
    assert "Intervenciones 1–100 de 90.000 (página 1 de 900)" in page.text
    assert _link(page.text, "prev") is None
    following = _link(page.text, "next")
    assert following == "?intervenciones=2#intervenciones"
    second = client.get(f"/d/{SESSION}{following}").text
    assert _listed(second)[0] == 111  # the next spoken turn after 110: none lost or repeated
    assert _link(second, "prev") == "?intervenciones=1#intervenciones"
    last = client.get(f"/d/{SESSION}", params={"intervenciones": "900"}).text
    assert _listed(last)[-1] == TURNS - 2 and _link(last, "next") is None


def test_a_link_to_one_speech_lands_on_its_page(client: TestClient) -> None:
    page = client.get(f"/d/{SESSION}", params={"intervencion": str(NAMED)}).text
    assert NAMED in _listed(page) and len(_listed(page)) == 100
    assert "Últimas »" in page and "« Primeras" in page
    # the document it names points there from any page of the list
    assert f'href="?intervencion={NAMED}#intervencion-{NAMED}"' in client.get(f"/d/{SESSION}").text


@pytest.mark.parametrize("asked", ["0", "-3", "99999999", "9" * 5000, "dos"])
def test_a_page_out_of_range_is_the_nearest_one(client: TestClient, asked: str) -> None:
    page = client.get(f"/d/{SESSION}", params={"intervenciones": asked})
    assert page.status_code == 200 and len(_listed(page.text)) == 100


def test_the_json_answers_are_bounded_and_lead_on(client: TestClient) -> None:
    doc = client.get(f"/v1/documents/{SESSION}").json()
    assert len(doc["speeches"]) == 100 and doc["speeches_total"] == TURNS
    body = client.get(f"/v1/sessions/{SESSION}/speeches").json()
    assert body["total"] == TURNS and len(body["speeches"]) == 1000
    after = client.get(body["next_url"]).json()
    assert after["speeches"][0]["order"] == 1000
    small = client.get(f"/v1/sessions/{SESSION}/speeches", params={"limit": 5, "after": 99_996})
    assert [s["order"] for s in small.json()["speeches"]] == [99_997, 99_998, 99_999]
    assert small.json()["next_url"] is None
    too_many = client.get(f"/v1/sessions/{SESSION}/speeches", params={"limit": 100_000})
    assert too_many.status_code == 422


def test_the_documents_it_named_are_listed_in_part_and_counted_in_full(
    client: TestClient,
) -> None:
    page = client.get(f"/d/{SESSION}").text
    discussed = page[page.index('id="discutidos"') : page.index('id="intervenciones"')]
    assert "Los primeros 100 de los 20.001 que nombró." in discussed
    assert discussed.count("<li>") == 100 and "Iniciativa 7/LXVI" in discussed
    card = client.get("/sesiones", params={"desde": "2025-03-04", "hasta": "2025-03-04"}).text
    listed = r"Discutió: Iniciativa 7/LXVI, (Iniciativa \d+/LXVI, ){3}Iniciativa \d+/LXVI"
    assert re.search(listed + r" y 19\.996 más\.", card)
