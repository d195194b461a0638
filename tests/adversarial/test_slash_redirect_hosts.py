"""An address with a slash too many (``/buscar/``, ``/v1/search/``, ``/v1/sources/x/``)
is redirected to the one without it. Starlette wrote that redirect's ``Location`` whole
from the request's ``Host``, even with ``ABIERTO_PUBLIC_URL`` set and without ``Vary:
Host``: one request with a forged ``Host`` made the service answer «go to
atacante.example», which a cache in front that does not key by ``Host`` keeps for
everybody who types the slash (and a client that follows redirects with its key takes it
there). Now the ``Location`` is the path and query alone, whatever the ``Host``, and it
still leads to the page. Real uvicorn on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from tests.adversarial.service import Api, open_api
from tests.uvicorn_thread import serving

PUBLIC = "https://estadoabierto.example"
FORGED = "atacante.example"
SLASHED = [
    ("GET", "/buscar/?q=amparo", "/buscar?q=amparo"),
    ("GET", "/v1/search/?q=amparo&limit=5", "/v1/search?q=amparo&limit=5"),
    ("GET", "/fuentes/", "/fuentes"),
    ("GET", "/v1/sources/pj-gto-prueba/", "/v1/sources/pj-gto-prueba"),
    ("DELETE", "/v1/sources/pj-gto-prueba/", "/v1/sources/pj-gto-prueba"),
    ("HEAD", "/acerca/", "/acerca"),
]


@pytest.fixture(scope="module", params=[None, PUBLIC], ids=["sin-url-publica", "url-publica"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Api, str]]:
    api = open_api(Path(tmp_path_factory.mktemp("data")), public_url=request.param)
    try:
        with serving(create_app(api.library, api.settings)) as base:
            yield api, base
    finally:
        api.close()


@pytest.mark.parametrize(("method", "asked", "target"), SLASHED)
def test_a_forged_host_is_not_where_the_slash_redirect_leads(
    served: tuple[Api, str], method: str, asked: str, target: str
) -> None:
    api, base = served
    with httpx.Client(base_url=base, timeout=60) as client:
        answer = client.request(method, asked, headers=api.headers | {"Host": FORGED})
    assert answer.status_code == 307, answer.text
    location = answer.headers["location"]
    assert FORGED not in location
    assert location == target


def test_the_redirect_still_leads_to_the_page(served: tuple[Api, str]) -> None:
    _, base = served
    with httpx.Client(base_url=base, timeout=60, follow_redirects=True) as client:
        answer = client.get("/buscar/?q=amparo", headers={"Host": FORGED})
    assert answer.status_code == 200, answer.text
    assert [r.status_code for r in answer.history] == [307]
    assert answer.url.host == "127.0.0.1"
    assert answer.url.path == "/buscar"
    assert "amparo" in answer.text


@pytest.mark.parametrize("asked", ["//atacante.example/", "/%5Catacante.example/"])
def test_no_slash_redirect_names_another_site(served: tuple[Api, str], asked: str) -> None:
    _, base = served
    with httpx.Client(base_url=base, timeout=60) as client:
        answer = client.get(asked, headers={"Accept": "application/json"})
    location = answer.headers.get("location", "")
    assert not location.startswith(("//", "/\\", "/%5C", "http")), location
    assert FORGED not in location
    assert answer.status_code < 500
