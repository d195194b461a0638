"""Speeches stored and indexed when their session is, and served by the API (real
SQLite, real Tantivy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Legislativo, Sesion
from indexer.speeches import import_roster, session_speeches, set_alignment
from tests.speeches.test_split import AGENDA, CONGRESS, FIXTURES, TRANSCRIPT


def _session(doc_id: str, day: str, text: str, agenda: list[str] = AGENDA) -> Sesion:
    return Sesion(
        id=doc_id,
        title=f"Sesión ordinaria del {day}",
        date=dt.date.fromisoformat(day),
        institution=CONGRESS,
        jurisdiction="MX-GUA",
        source_id="congreso",
        url=f"https://congreso.example/{doc_id}",
        text=text,
        agenda=agenda,
        congress=CONGRESS,
        legislature="LXVI",
        chamber="Pleno",
    )


LATER = """Presidencia de la diputada María Fernanda Ruiz Olvera
-El diputado José Luis Cabrera Ledesma (PAN): Insisto en la escasez de agua en mi distrito.
-La diputada María Fernanda Ruiz Olvera: Coincido con el diputado.
"""


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, Library]]:
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    import_roster(library.db, (FIXTURES / "padron-diputados.csv").read_text(), CONGRESS, "LXVI")
    library.add_document(
        Legislativo(
            id="ini140",
            title="Iniciativa de Ley de Aguas",
            institution=CONGRESS,
            jurisdiction="MX-GUA",
            source_id="congreso",
            url="https://congreso.example/ini140",
            doc_type="iniciativa",
            number="Iniciativa 140/LXVI",
            legislature="LXVI",
        )
    )
    library.add_document(
        Legislativo(
            id="ini140-otra",
            title="Otra iniciativa",
            institution=CONGRESS,
            jurisdiction="MX-GUA",
            source_id="congreso",
            url="https://congreso.example/ini140-lxv",
            doc_type="iniciativa",
            number="Iniciativa 140/LXV",
            legislature="LXV",
        )
    )
    library.add_document(_session("ses1", "2025-02-18", TRANSCRIPT))
    library.add_document(_session("ses2", "2025-03-04", LATER, agenda=[]))
    library.flush()
    with TestClient(create_app(library)) as test_client:
        yield test_client, library
    library.close()


def test_words_find_speeches_with_speaker_highlights_and_facets(client) -> None:  # type: ignore[no-untyped-def]
    http, _ = client
    body = http.get("/v1/speeches", params={"q": "agua"}).json()
    assert body["total"] == 2
    speakers = {hit["speech"]["person_name"] for hit in body["speeches"]}
    assert speakers == {"José Luis Cabrera Ledesma"}
    assert all("<mark>agua</mark>" in hit["highlights"][0] for hit in body["speeches"])
    assert body["facets"]["speaker"] == [{"value": "José Luis Cabrera Ledesma", "count": 2}]
    assert body["facets"]["party"] == [{"value": "PAN", "count": 2}]
    assert body["facets"]["congress"] == [{"value": CONGRESS, "count": 2}]


def test_filters_by_speaker_party_date_and_agenda_item(client) -> None:  # type: ignore[no-untyped-def]
    http, _ = client

    def total(**params: str) -> int:
        response = http.get("/v1/speeches", params=params)
        assert response.status_code == 200, response.text
        return response.json()["total"]

    assert total(speaker="jose luis cabrera ledesma") == 3
    assert total(party="MC") == 3  # two turns of hers, and the chair turn after she presides
    assert total(q="agua", date_from="2025-03-01") == 1
    assert total(agenda="iniciativa") == 3  # the initiative's item in ses1
    assert total(q="agua", legislature="LXV") == 0
    # (the record's opening, before anyone speaks, is one more part, of no one)
    assert total(procedural="true", session="ses1") == 11
    assert total(session="ses1") == 8
    assert http.get("/v1/speeches", params={"q": '"sin cerrar'}).status_code == 422
    assert (
        http.get(
            "/v1/speeches", params={"date_from": "2025-03-01", "date_to": "2025-01-01"}
        ).status_code
        == 422
    )


def test_a_session_shows_its_speeches_in_order_and_a_person_what_they_said(client) -> None:  # type: ignore[no-untyped-def]
    http, _ = client
    doc = http.get("/v1/documents/ses1").json()
    # the record's opening first, at order 0, no one's; the turns keep their orders
    assert [s["order"] for s in doc["speeches"]] == list(range(0, 11))
    assert doc["speeches"][0]["speaker_as_written"] is None
    assert doc["speeches"][0]["text"].startswith("VERSIÓN ESTENOGRÁFICA SESIÓN ORDINARIA")
    assert doc["speeches"][3]["speaker_as_written"] == "El diputado José Luis Cabrera Ledesma (PAN)"
    listed = http.get("/v1/sessions/ses1/speeches").json()["speeches"]
    assert [s["id"] for s in listed] == [s["id"] for s in doc["speeches"]]
    assert http.get("/v1/sessions/nada/speeches").status_code == 404
    person_id = doc["speeches"][3]["person_id"]
    person = http.get(f"/v1/people/{person_id}").json()
    assert person["name"] == "José Luis Cabrera Ledesma"
    assert [s["date"] for s in person["speeches"]] == ["2025-03-04", "2025-02-18", "2025-02-18"]
    # (the body his own lines placed him in: a senator's short name is never his)
    assert {"legislature": "LXVI", "party": "PAN", "chamber": None, "source": "padrón",
            "body": "diputados"} in person["terms"]  # fmt: skip
    found = http.get("/v1/people", params={"name": "Dip. Jose Luis Cabrera"}).json()["people"]
    assert [p["id"] for p in found] == [person_id]
    roster = http.get("/v1/people", params={"congress": CONGRESS.upper(), "legislature": "lxvi"})
    names = [p["name"] for p in roster.json()["people"]]
    assert names == sorted(names) and len(names) == 4  # the four of the roster
    assert "José Luis Cabrera Ledesma" in names
    assert http.get("/v1/people").status_code == 422
    assert http.get("/v1/people/nadie").status_code == 404
    hit = http.get("/v1/sessions").json()["sessions"][0]
    assert hit["speeches_url"] == f"/v1/sessions/{hit['id']}/speeches"


def test_an_initiative_lists_the_sessions_that_discussed_it(client) -> None:  # type: ignore[no-untyped-def]
    http, _ = client
    discussed = http.get("/v1/documents/ini140").json()["discussed_in"]
    assert [s["id"] for s in discussed] == ["ses1"]
    assert discussed[0]["mentions"] == ["Iniciativa 140/LXVI"]
    assert len(discussed[0]["speech_ids"]) == 1
    assert http.get("/v1/documents/ini140-otra").json()["discussed_in"] == []


def test_timings_from_the_aligner_survive_the_session_being_indexed_again(client) -> None:  # type: ignore[no-untyped-def]
    http, library = client
    first = session_speeches(library.db, "ses1")[3]
    assert first.start_s is None
    assert set_alignment(library.db, first.id, 61.5, 75.0, 0.9, "captions")
    assert not set_alignment(library.db, "no-existe", 1.0, 2.0, 0.5, "captions")
    hits = http.get("/v1/speeches", params={"q": "agua", "session": "ses1"}).json()["speeches"]
    assert [(h["speech"]["id"], h["speech"]["start_s"]) for h in hits] == [(first.id, 61.5)]
    changed = _session("ses1", "2025-02-18", TRANSCRIPT + "-La C. Presidenta: Buenas tardes.\n")
    library.add_document(changed)
    library.flush()
    again = session_speeches(library.db, "ses1")
    assert len(again) == 12
    assert (again[3].id, again[3].start_s, again[3].align_method) == (first.id, 61.5, "captions")
    assert http.get("/v1/speeches", params={"q": "buenas tardes"}).json()["total"] == 1
    library.reindex()
    assert http.get("/v1/speeches", params={"q": "agua"}).json()["total"] == 2


def test_a_document_crawled_after_the_session_that_named_it_is_linked(client) -> None:  # type: ignore[no-untyped-def]
    http, library = client
    library.add_document(
        Legislativo(
            id="ini141",
            title="Iniciativa sobre pozos",
            institution=CONGRESS,
            jurisdiction="MX-GUA",
            source_id="congreso",
            url="https://congreso.example/ini141",
            doc_type="iniciativa",
            number="Iniciativa 141/LXVI",
            legislature="LXVI",
        )
    )
    library.flush()
    assert http.get("/v1/documents/ini141").json()["discussed_in"] == []
    text = "-El diputado José Luis Cabrera Ledesma: Apoyo la Iniciativa 141/LXVI.\n"
    library.add_document(_session("ses3", "2025-03-11", text, agenda=[]))
    library.flush()
    assert [s["id"] for s in http.get("/v1/documents/ini141").json()["discussed_in"]] == ["ses3"]
    later = "-El diputado José Luis Cabrera Ledesma: Y la Iniciativa 142/LXVI también.\n"
    library.add_document(_session("ses4", "2025-03-12", later, agenda=[]))
    library.flush()
    library.add_document(
        Legislativo(
            id="ini142",
            title="Iniciativa posterior",
            institution=CONGRESS,
            jurisdiction="MX-GUA",
            source_id="congreso",
            url="https://congreso.example/ini142",
            doc_type="iniciativa",
            number="Iniciativa 142/LXVI",
            legislature="LXVI",
        )
    )
    library.flush()
    assert [s["id"] for s in http.get("/v1/documents/ini142").json()["discussed_in"]] == ["ses4"]


def test_reindex_splits_sessions_saved_before_speeches_existed(client) -> None:  # type: ignore[no-untyped-def]
    http, library = client
    from sqlalchemy import delete

    from indexer.db import SpeechRow

    with library.db.session() as s, s.begin():
        s.execute(delete(SpeechRow))
    assert http.get("/v1/sessions/ses1/speeches").json()["speeches"] == []
    library.reindex()
    assert len(http.get("/v1/sessions/ses1/speeches").json()["speeches"]) == 11
    assert http.get("/v1/speeches", params={"q": "agua"}).json()["total"] == 2


def test_a_speech_index_from_another_version_is_rebuilt_by_writers_refused_by_readers(
    tmp_path: Path,
) -> None:
    from indexer.stores.base import StoreUnavailable
    from indexer.stores.tantivy_store import TantivyStore

    TantivyStore(tmp_path / "speeches-index")  # another schema where speeches are kept
    settings = Settings(data_dir=tmp_path, database_url=None)
    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        Library.open(settings)
    library = Library.open(settings, writer=True)
    library.add_document(_session("ses1", "2025-02-18", TRANSCRIPT))
    library.flush()
    assert library.speech_index is not None and library.speech_index.count() == 11
    library.close()
