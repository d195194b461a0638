"""Headers a json_api spec sends are data of one header line each: a value that breaks
the line, a name that is no header name, or a header that says where and how the request
travels (Host, Content-Length, Transfer-Encoding, Proxy-…) is a 422 naming
``json_api.headers`` — not a request the crawler mends or a crawl error later."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from indexer.db.tables import SourceRow
from tests.adversarial.service import Api, open_api

HOSTILE = [
    {"X-Prueba": "a\r\nX-Inyectada: si"},
    {"X-Prueba": "a\nb"},
    {"X-Prueba": "a\n"},  # "$" in a pattern matches before a last line break
    {"X-Prueba\n": "x"},
    {"X-Prueba": "a\x0bb"},
    {"Nombre Malo": "x"},
    {"X-Prueba:": "x"},
    {"": "x"},
    {"Host": "interno.local"},
    {"content-length": "0"},
    {"Transfer-Encoding": "chunked"},
    {"Proxy-Authorization": "Basic eA=="},
    {"X-Larga": "x" * 10_000},  # over a header line's 4,000, under a spec's 64 KB
]
ORDINARY = {"Accept": "application/json", "X-Api-Version": "2", "Cookie": "sesion=abc; tema=claro"}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    made = open_api(Path(tmp_path_factory.mktemp("data")), write_rate_per_minute=1000)
    yield made
    made.close()


def _spec(headers: dict[str, str]) -> dict[str, Any]:
    url = "http://127.0.0.1:9/api"
    return {
        "id": "pj-gto-api", "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "json_api",
        "start_urls": [url],
        "json_api": {"records": "resultados", "link": url + "/{id}", "headers": headers},
    }  # fmt: skip


@pytest.mark.parametrize("headers", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("path", ["/v1/sources", "/v1/sources/preview"])
def test_a_header_no_spec_may_send_is_a_422_naming_it(
    api: Api, path: str, headers: dict[str, str]
) -> None:
    response = api.client.post(path, json=_spec(headers), headers=api.headers)
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert tuple(problem["loc"][:3]) == ("body", "json_api", "headers"), problem
    assert problem["mensaje"]


def test_ordinary_headers_are_kept(api: Api) -> None:
    response = api.client.post("/v1/sources", json=_spec(ORDINARY), headers=api.headers)
    assert response.status_code == 201, response.text[:300]
    # kept as sent; the API shows the cookie, a credential, masked
    with api.library.db.session() as s:
        row = s.get(SourceRow, "pj-gto-api")
        assert row is not None and row.spec["json_api"]["headers"] == ORDINARY
    assert response.json()["spec"]["json_api"]["headers"] == ORDINARY | {"Cookie": "(oculto)"}
