"""Citations in a real library (SQLite + Tantivy): written as documents are indexed,
resolved to the sentences held, counted for ``most_cited``, served by the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from config.settings import Settings
from indexer.db.citation_tables import CitationRow
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia
from indexer.readers.expedientes import normalise_expediente
from indexer.stores import SearchQuery

COLEGIADO = "Segundo Tribunal Colegiado en Materia Penal del Primer Circuito"


def sentencia(name: str, day: str, text: str, **extra: object) -> Sentencia:
    expediente = extra.pop("expediente", None)
    return Sentencia(
        id=name, title=f"Sentencia {name}", date=dt.date.fromisoformat(day),
        institution="Poder Judicial de la Federación", jurisdiction="MX", source_id="pjf",
        url=f"https://ejemplo.gob.mx/{name}", text=text, expediente=expediente,
        expediente_normalised=normalise_expediente(expediente) if expediente else None,
        **extra,
    )  # fmt: skip


HELD = [
    sentencia("t1", "2023-09-01", "AMPARO EN REVISIÓN 1234/2023. Se confirma la sentencia.",
              expediente="Amparo en Revisión 1234/2023", court=COLEGIADO),
    sentencia("t2", "2022-01-10", "Toca penal 133/2021: se modifica.",
              expediente="Toca Penal 133/2021", court="Sala Penal"),
]  # fmt: skip
CITING = [
    sentencia("c1", "2024-05-01", "Conforme al amparo en revisión 1234/2023, al toca penal "
              "133/2021 y al artículo 14 constitucional, se concede."),
    sentencia("c2", "2024-06-01", f"Como sostuvo el A.R. 1234/2023 del {COLEGIADO}, se niega."),
    sentencia("c3", "2024-07-01", "El amparo en revisión 1234/2023 del Primer Tribunal "
              "Colegiado en Materia Civil del Tercer Circuito es otro asunto."),
    sentencia("w1", "2024-08-01", "Retenida: cita el amparo en revisión 1234/2023.",
              privacy=PrivacyReport(policy="withhold",
                                    findings=[PrivacyFinding(kind="curp", start=0, end=5)])),
]  # fmt: skip


@pytest.fixture()
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    for doc in HELD:
        lib.add_document(doc)
    lib.flush()
    for doc in CITING:
        lib.add_document(doc)
    lib.flush()
    yield lib
    lib.close()


def ids(library: Library, **kwargs: object) -> list[str]:
    return [hit.id for hit in library.search(SearchQuery(limit=50, **kwargs)).hits]


def test_cita_finds_the_documents_citing_a_case_or_an_article(library: Library) -> None:
    assert set(ids(library, q='cita:"AR 1234/2023"')) == {"c1", "c2", "c3"}
    assert set(ids(library, q='cita:"Toca 133/2021"')) == {"c1"}
    assert ids(library, q='cita:"CPEUM art. 14"') == ["c1"]


def test_a_sentence_cited_later_is_sorted_by_its_count(library: Library) -> None:
    # t1 was indexed before anything cited it: its count is kept apart, nothing queued
    assert library.db.count_pending() == 0
    order = ids(library, filters={"kind": ["sentencia"]}, sort="most_cited")
    assert order[:2] == ["t1", "t2"]  # cited by c1 and c2 (c3 names another court); by c1


def test_reading_a_document_again_queues_nothing_more(library: Library) -> None:
    library.db.requeue(["c1", "c2"])
    assert library.flush() == 2  # the same citations: t1 and t2 are not indexed again
    with library.db.engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(CitationRow.__table__))
    assert count == 5  # c1: 3, c2: 1, c3: 1; t1's and t2's own numbers and withheld w1: none


@pytest.fixture()
def client(library: Library) -> Iterator[TestClient]:
    with TestClient(create_app(library)) as test_client:
        yield test_client


def test_a_document_lists_what_it_cites_resolved_to_the_library(client: TestClient) -> None:
    body = client.get("/v1/documents/c1/citations").json()
    cites = {item["key"]: item for item in body["cites"]["items"]}
    assert list(cites) == ["AR 1234/2023", "Toca 133/2021", "CPEUM art. 14"]
    assert [d["id"] for d in cites["AR 1234/2023"]["documents"]] == ["t1"]
    assert cites["AR 1234/2023"]["documents"][0]["permalink"] == "/v1/documents/t1"
    assert [d["id"] for d in cites["Toca 133/2021"]["documents"]] == ["t2"]
    assert cites["CPEUM art. 14"]["documents"] == []
    assert cites["AR 1234/2023"]["written"] == "amparo en revisión 1234/2023"
    other = client.get("/v1/documents/c3/citations").json()["cites"]["items"]
    assert other[0]["documents"] == []  # another court's case of the same number


def test_cited_by_lists_the_citing_documents_newest_first_paged(client: TestClient) -> None:
    body = client.get("/v1/documents/t1/citations", params={"limit": 1}).json()
    assert body["cited_by"]["total"] == 2
    assert body["cited_by"]["items"][0]["document"]["id"] == "c2"
    assert body["cited_by"]["items"][0]["citations"][0]["court"] == COLEGIADO
    assert body["cited_by"]["next_offset"] == 1
    rest = client.get(
        "/v1/documents/t1/citations", params={"limit": 1, "cited_by_offset": 1}
    ).json()
    assert [i["document"]["id"] for i in rest["cited_by"]["items"]] == ["c1"]
    assert rest["cited_by"]["next_offset"] is None
    assert body["cites"]["total"] == 0  # its own number is no citation


def test_withheld_and_unknown_documents(client: TestClient) -> None:
    assert client.get("/v1/documents/w1/citations").status_code == 451
    assert client.get("/v1/documents/nada/citations").status_code == 404
    assert client.get("/v1/documents/t1/citations", params={"limit": 0}).status_code == 422


def test_a_document_that_stops_citing_a_case_lowers_its_count(library: Library) -> None:
    changed = CITING[0].model_copy(update={"text": "Conforme al toca penal 133/2021, se niega."})
    library.add_document(changed)
    assert library.flush() == 1  # c1 alone: t1's count changes apart from its entry
    assert ids(library, q='cita:"AR 1234/2023"', sort="date_desc") == ["c3", "c2"]
    order = ids(library, filters={"kind": ["sentencia"]}, sort="most_cited")
    assert set(order[:2]) == {"t1", "t2"}  # each cited once now
