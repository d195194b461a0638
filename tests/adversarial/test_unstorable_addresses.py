"""Ids, tokens and keys come from the address and from forms: a NUL there (``%00``), which
no PostgreSQL text holds, or a form with more fields than a person sends, is a clear
4xx on every route, on both databases — never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library

PATHS = [
    ("GET", "/v1/documents/{x}"),
    ("GET", "/v1/documents/{x}/text"),
    ("GET", "/v1/documents/{x}/file"),
    ("GET", "/v1/documents/{x}/citations"),
    ("GET", "/v1/sessions/{x}/speeches"),
    ("GET", "/v1/people/{x}"),
    ("GET", "/v1/sources/{x}"),
    ("PUT", "/v1/sources/{x}"),
    ("DELETE", "/v1/sources/{x}"),
    ("POST", "/v1/sources/{x}/pause"),
    ("POST", "/v1/sources/{x}/crawl"),
    ("GET", "/v1/sources/{x}/runs"),
    ("GET", "/v1/sources/{x}/audit"),
    ("GET", "/v1/alerts/{x}"),
    ("DELETE", "/v1/alerts/{x}"),
    ("GET", "/v1/alerts/confirm/{x}"),
    ("POST", "/v1/alerts/confirm/{x}"),
    ("POST", "/v1/alerts/confirm/{x}/renovar"),
    ("GET", "/v1/alerts/unsubscribe/{x}"),
    ("POST", "/v1/alerts/unsubscribe/{x}"),
    ("GET", "/d/{x}"),
    ("GET", "/documentos/{x}"),
    ("GET", "/sesiones/{x}"),
]
IDS = ["%00", "pj-gto-%00", "abc%00def"]
FORMS = ["/fuentes/entrar", "/lectores/confirmar"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    data = tmp_path_factory.mktemp("data")
    url = f"sqlite:///{data / 'abierto.db'}"
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres").create_database(f"nul{id(data) % 10**9}")
    settings = Settings(data_dir=data, database_url=url)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("pj-gto", "Poder Judicial del Estado de Guanajuato", "court", "MX-GUA")
    _, key = registry.issue_key("pj-gto")
    with TestClient(create_app(library, settings), raise_server_exceptions=False) as api:
        yield api, {"Authorization": f"Bearer {key}", "X-Alert-Token": "ficha"}
    library.close()


@pytest.mark.parametrize(("method", "path"), PATHS)
def test_a_nul_in_an_id_is_a_404_in_spanish(
    client: tuple[TestClient, dict[str, str]], method: str, path: str
) -> None:
    api, headers = client
    for x in IDS:
        for browser in (False, True):
            sent = headers | ({"Accept": "text/html"} if browser else {})
            response = api.request(method, path.format(x=x), headers=sent, json={})
            assert response.status_code == 404, (x, browser, response.text[:300])
            if "text/html" in response.headers["content-type"]:
                assert '<html lang="es">' in response.text, response.text[:300]
            else:
                assert response.json()["mensaje"], response.text


@pytest.mark.parametrize("path", FORMS)
@pytest.mark.parametrize(
    "form",
    [
        "a=1&b=2&c=3&d=4&e=5&f=6&g=7&clave=x&t=x",
        "clave=ea_%00_x&t=%00",
        "clave=ea_abc%00def_secreto&t=abc%00def",
        "&" * 500,
        "clave=%ff%fe&t=%ff%fe",
    ],
)
def test_a_form_no_person_sends_is_refused_as_a_bad_key_or_link(
    client: tuple[TestClient, dict[str, str]], path: str, form: str
) -> None:
    api, _ = client
    response = api.post(
        path,
        content=form.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"},
    )
    assert response.status_code in (400, 401, 404, 410), response.text[:300]
    assert "text/html" in response.headers["content-type"]


def test_a_malformed_key_anywhere_is_a_401(client: tuple[TestClient, dict[str, str]]) -> None:
    api, _ = client
    for key in ("ea_" + "a" * 40 + "_x", "ea_zz\u00e9_x", "ear_" + "b" * 40 + "_x"):
        for path in ("/v1/sources", "/v1/search", "/v1/alerts"):
            response = api.get(path, headers={"X-API-Key": key.encode()})
            assert response.status_code == 401, (path, key, response.text[:200])
