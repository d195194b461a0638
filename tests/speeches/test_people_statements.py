"""``/v1/people`` answers with a bounded number of database statements, however many
people it lists (it read each person again, one statement apiece: 500 for a congress's
whole roster), and lists them as the people index found them (real SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.speeches.people import People, Person
from indexer.speeches.store import save_people

CONGRESS = "Congreso del Estado de Guanajuato"
MANY = 300


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    people = [
        Person(f"p{n:04d}", f"Diputada Número {n:04d} Ruiz", CONGRESS, [f"Dip. {n:04d}"],
               [{"legislature": "LXVI", "party": "PAN", "chamber": None}])
        for n in range(MANY)
    ]  # fmt: skip
    save_people(lib.db, People(CONGRESS, people))
    yield lib
    lib.close()


def _statements(lib: Library, client: TestClient, params: dict[str, Any]) -> tuple[int, Any]:
    said: list[str] = []

    def count(*args: Any) -> None:
        said.append(args[2])

    event.listen(lib.db.engine, "before_cursor_execute", count)
    try:
        answer = client.get("/v1/people", params=params)
    finally:
        event.remove(lib.db.engine, "before_cursor_execute", count)
    assert answer.status_code == 200, answer.text
    return len(said), answer.json()["people"]


def test_a_whole_roster_is_listed_in_a_few_statements(library: Library) -> None:
    with TestClient(create_app(library)) as client:
        client.get("/v1/people", params={"congress": CONGRESS})  # the index built once
        few, some = _statements(library, client, {"congress": CONGRESS, "limit": 5})
        many, every = _statements(library, client, {"congress": CONGRESS, "limit": 500})
    assert len(some) == 5 and len(every) == MANY
    assert many == few <= 3
    first = every[0]
    assert first == {
        "id": "p0000", "name": "Diputada Número 0000 Ruiz", "scope": CONGRESS,
        "forms": ["Dip. 0000"], "terms": [{"legislature": "LXVI", "party": "PAN", "chamber": None}],
        "speeches": [], "speeches_total": None, "page": None, "next_url": None,
        "prev_url": None,
    }  # fmt: skip
