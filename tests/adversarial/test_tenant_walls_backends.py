"""The tenant wall on both databases the project supports: the registry's queries run on
SQLite in most tests, and PostgreSQL compares text, orders and counts rows its own way.
Institution B's key, on each, can neither see nor change A's source, nor take its id or
identity scope, and every answer is the one an unknown id gets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.db.registry import Registry
from tests.adversarial.service import gaceta_spec as spec
from tests.adversarial.service import open_registry

A_SOURCE = "congreso-gto-gaceta"


@dataclass
class Walls:
    api: TestClient
    registry: Registry
    a: dict[str, str]
    b: dict[str, str]


@pytest.fixture
def walls(tmp_path: Path, database_url: str) -> Iterator[Walls]:
    settings, library, registry = open_registry(tmp_path, database_url)
    registry.add_institution("congreso-gto", "Congreso del Estado de Guanajuato", "congress",
                             "MX-GUA")  # fmt: skip
    registry.add_institution("pj-gto", "Poder Judicial del Estado de Guanajuato", "court",
                             "MX-GUA")  # fmt: skip
    a, b = (
        {"Authorization": f"Bearer {registry.issue_key(i)[1]}"} for i in ("congreso-gto", "pj-gto")
    )
    api = TestClient(create_app(library, settings), raise_server_exceptions=False)
    assert api.post("/v1/sources", json=spec(A_SOURCE), headers=a).status_code == 201
    yield Walls(api, registry, a, b)
    library.close()


def _same_as_unknown(walls: Walls, method: str, suffix: str, body: Any = None) -> None:
    mine = walls.api.request(method, f"/v1/sources/{A_SOURCE}{suffix}", headers=walls.b, json=body)
    unknown = walls.api.request(
        method, f"/v1/sources/congreso-gto-nada{suffix}", headers=walls.b, json=body
    )
    assert mine.status_code == unknown.status_code == 404, (mine.text, unknown.text)
    assert mine.json()["mensaje"].replace(A_SOURCE, "?") == unknown.json()["mensaje"].replace(
        "congreso-gto-nada", "?"
    )


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("GET", ""), ("GET", "/runs"), ("GET", "/audit"), ("DELETE", ""), ("POST", "/pause"),
     ("POST", "/resume"), ("POST", "/crawl"), ("PUT", "")],
)  # fmt: skip
def test_another_institutions_source_is_an_unknown_one(
    walls: Walls, method: str, suffix: str
) -> None:
    _same_as_unknown(walls, method, suffix, spec(A_SOURCE) if method == "PUT" else None)
    assert [row.id for row in walls.registry.list_sources()] == [A_SOURCE]
    assert walls.registry.get_source(A_SOURCE).paused is False  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "body",
    [
        spec(A_SOURCE),
        spec("congreso-gto-otra"),
        spec("CONGRESO-GTO-OTRA"),
        spec("pj-gto-propia", identity={"scope": A_SOURCE, "key": ["number"]}),
        spec("pj-gto-propia", identity={"scope": "congreso-gto-x", "key": ["number"]}),
    ],
    ids=["its-id", "its-namespace", "upper-case", "its-scope", "a-scope-in-its-namespace"],
)
def test_nothing_of_its_namespace_can_be_taken(walls: Walls, body: dict[str, Any]) -> None:
    for path in ("/v1/sources", "/v1/sources/preview"):
        taken = walls.api.post(path, json=body, headers=walls.b)
        assert taken.status_code == 422, taken.text
    assert [row.id for row in walls.registry.list_sources(owner="pj-gto")] == []


def test_each_lists_only_its_own(walls: Walls) -> None:
    assert (
        walls.api.post("/v1/sources", json=spec("pj-gto-sentencias"), headers=walls.b).status_code
        == 201
    )
    for key, own in ((walls.a, A_SOURCE), (walls.b, "pj-gto-sentencias")):
        listed = walls.api.get("/v1/sources", headers=key).json()["sources"]
        assert [source["id"] for source in listed] == [own]
