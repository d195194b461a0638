"""Hostile query strings and bodies get a clear 4xx naming what is wrong, never a 500."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from indexer.models import FileRef
from tests.api.conftest import PDF_BYTES, _docs
from tests.e2e.helpers import REPO


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = Library.open(Settings(data_dir=tmp_path_factory.mktemp("data"), allow_loopback=True))
    pdf = FileRef(url="https://ejemplo.gob.mx/a.pdf", sha256=lib.archive.put(PDF_BYTES),
                  content_type="application/pdf", size=len(PDF_BYTES))  # fmt: skip
    for doc in _docs(pdf, pdf):
        lib.add_document(doc)
    assert lib.flush() == 10
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def api(library: Library) -> Iterator[TestClient]:
    with TestClient(create_app(library), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("path", ["/v1/search", "/v1/sessions"])
@pytest.mark.parametrize(
    ("params", "everything"),
    [
        ({"date_to": "9999-12-31"}, True),
        ({"date_from": "0001-01-01"}, True),
        ({"date_from": "1600-01-01"}, True),
        ({"date_from": "0001-01-01", "date_to": "9999-12-31"}, True),
        ({"date_from": "2300-01-01"}, False),
        ({"date_to": "1500-06-30"}, False),
    ],
)
def test_dates_beyond_the_stores_range_are_clamped(
    api: TestClient, path: str, params: dict[str, str], everything: bool
) -> None:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    unbounded = api.get(path).json()["total"]
    assert response.json()["total"] == (unbounded if everything else 0)


def _forged(api: TestClient, offset: str) -> str:
    """A cursor of a real query with its offset replaced by raw JSON text."""
    cursor = api.get("/v1/search", params={"limit": 1}).json()["next_cursor"]
    data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw = json.dumps(data | {"o": "OFFSET"}).replace('"OFFSET"', offset)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "offset", ["Infinity", "-Infinity", "NaN", "1e400", "-1", "1.5", "true", "null", "9" * 5000,
               "10001", '"3"', "[3]"],
)  # fmt: skip
def test_forged_cursor_offsets_are_422s_naming_the_cursor(api: TestClient, offset: str) -> None:
    response = api.get("/v1/search", params={"limit": 1, "cursor": _forged(api, offset)})
    assert response.status_code == 422, response.text
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["query", "cursor"]


def test_a_real_cursor_still_pages(api: TestClient) -> None:
    first = api.get("/v1/search", params={"limit": 1, "sort": "date_asc"}).json()
    second = api.get(
        "/v1/search", params={"limit": 1, "sort": "date_asc", "cursor": first["next_cursor"]}
    ).json()
    assert second["hits"] and second["hits"][0]["id"] != first["hits"][0]["id"]


@pytest.fixture(scope="module")
def keyed(library: Library, api: TestClient) -> dict[str, str]:
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
    return {"Authorization": f"Bearer {registry.issue_key('congreso-gto')[1]}",
            "Content-Type": "application/json"}  # fmt: skip


def _nested(depth: int, kind: str) -> str:
    inner = '{"a":' * depth + "1" + "}" * depth if kind == "object" else "[" * depth + "]" * depth
    return (
        '{"id":"congreso-gto-hondo","kind":"legislativo","jurisdiction":"MX-GUA",'
        f'"start_urls":["http://127.0.0.1:9/"],"listing":{{"items":"li","fields":{inner}}}}}'
    )


@pytest.mark.parametrize("depth", [40, 500, 990, 5000, 100_000])
@pytest.mark.parametrize("kind", ["object", "array"])
@pytest.mark.parametrize("path", ["/v1/sources", "/v1/sources/preview"])
def test_deeply_nested_bodies_are_422s_naming_the_body(
    api: TestClient, keyed: dict[str, str], path: str, kind: str, depth: int
) -> None:
    response = api.post(path, content=_nested(depth, kind), headers=keyed)
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body"] and "nested too deeply" in problem["msg"]


@pytest.mark.parametrize(
    ("body", "words"),
    [("{not json", "not valid JSON"), ("[1, 2]", "JSON object"), ('"texto"', "JSON object"),
     (b"\xff\xfe{}", "not valid JSON")],
)  # fmt: skip
def test_bodies_that_are_not_a_json_object_are_422s(
    api: TestClient, keyed: dict[str, str], body: str | bytes, words: str
) -> None:
    response = api.post("/v1/sources", content=body, headers=keyed)
    assert response.status_code == 422, response.text
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body"] and words in problem["msg"]


def test_the_spec_body_is_still_documented(api: TestClient) -> None:
    operation = api.get("/openapi.json").json()["paths"]["/v1/sources"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["type"] == "object"


def test_indexing_a_file_dated_in_an_impossible_year_loses_nothing(tmp_path: Path) -> None:
    """ "7 de marzo de 2300" is no date a record bears: read as none, the document is
    indexed and found (it used to stay pending forever while the command said 0)."""
    acta = tmp_path / "acta.html"
    acta.write_text(
        "<html><body><h1>Acta de la sesión ordinaria</h1><p>Celebrada el 7 de marzo de 2300 "
        "en el recinto oficial; se aprobó la reforma hidráulica municipal.</p></body></html>",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "--data-dir", str(data), "index", str(acta),
         "--kind", "sesion", "--jurisdiction", "MX-GUA"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "could not be indexed" not in done.stderr
    library = Library.open(Settings(data_dir=data))
    try:
        assert library.db.count_pending() == 0
        with TestClient(create_app(library)) as client:
            found = client.get("/v1/search", params={"q": "reforma hidráulica"}).json()
        assert found["total"] == 1 and found["hits"][0]["date"] is None
    finally:
        library.close()
