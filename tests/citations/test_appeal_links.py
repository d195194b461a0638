"""Tocas numbered with their appeal ("toca 1150/2019/1", "/2": several appeals on one
first-instance case) in a real library (SQLite + Tantivy): a citation links to the
appeal it names, never to another; a citation without the appeal links to none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia
from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence

SALA = "Segunda Sala del Supremo Tribunal de Justicia del Estado de Jalisco"


def sentencia(name: str, day: str, text: str) -> Sentencia:
    expediente = read_sentence(text).values.get("expediente")
    return Sentencia(
        id=name, title=f"Sentencia {name}", date=dt.date.fromisoformat(day),
        institution="Supremo Tribunal de Justicia del Estado de Jalisco", jurisdiction="MX-JAL",
        source_id="stj", url=f"https://ejemplo.gob.mx/{name}", text=text, expediente=expediente,
        expediente_normalised=normalise_expediente(expediente) if expediente else None,
    )  # fmt: skip


def appeal(number: str) -> str:
    return (
        f"{SALA.upper()}\nTOCA CIVIL: {number}\nJUICIO: ORDINARIO CIVIL\n"
        f"VISTOS para resolver el toca civil {number}, deducido del juicio ordinario civil."
    )


HELD = [sentencia("a1", "2020-03-01", appeal("1150/2019/1")),
        sentencia("a2", "2020-06-01", appeal("1150/2019/2"))]  # fmt: skip
CITING = [
    sentencia("c1", "2021-01-10", "Como se resolvió en el toca civil 1150/2019/1, se confirma."),
    sentencia("c2", "2021-02-10", "Como se resolvió en el toca civil 1150/2019, se confirma."),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data_dir = tmp_path_factory.mktemp("appeals")
    lib = Library.open(Settings(data_dir=data_dir, database_url=None), writer=True)
    for doc in HELD:
        lib.add_document(doc)
    lib.flush()
    for doc in CITING:
        lib.add_document(doc)
    lib.flush()
    with TestClient(create_app(lib)) as test_client:
        yield test_client
    lib.close()


def cites(client: TestClient, doc_id: str) -> dict[str, list[str]]:
    items = client.get(f"/v1/documents/{doc_id}/citations").json()["cites"]["items"]
    return {item["key"]: [d["id"] for d in item["documents"]] for item in items}


def test_the_held_tocas_keep_their_appeals() -> None:
    assert [doc.expediente_normalised for doc in HELD] == ["Toca 1150/2019/1", "Toca 1150/2019/2"]


def test_a_citation_of_one_appeal_links_to_that_appeal_only(client: TestClient) -> None:
    assert cites(client, "c1") == {"Toca 1150/2019/1": ["a1"]}
    cited_by = client.get("/v1/documents/a1/citations").json()["cited_by"]["items"]
    assert [item["document"]["id"] for item in cited_by] == ["c1"]
    assert client.get("/v1/documents/a2/citations").json()["cited_by"]["total"] == 0


def test_a_citation_without_the_appeal_links_to_none_of_them(client: TestClient) -> None:
    """A toca written "1150/2019" may mean either appeal (or the first-instance number a court
    wrote without it): listing one as the cited sentence would be a guess."""
    assert cites(client, "c2") == {"Toca 1150/2019": []}
