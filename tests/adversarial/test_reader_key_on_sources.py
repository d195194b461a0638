"""A reader's key, valid, given where an institution's is needed (``/v1/sources``, the
sign-in of ``/fuentes``), over a real server on 127.0.0.1: it was told "la clave no es
válida o fue revocada", so its holder thought it lost while it still reads and holds
alerts. It is now a 403 that says which key this is and which one the place needs;
nothing is signed in, and a forged reader key is still "not valid"."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from api.routers.pages.signin import COOKIE
from indexer.db.reader_keys import ReaderKeys
from tests.adversarial.service import Api, open_api
from tests.uvicorn_thread import serving


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    api: Api = open_api(tmp_path_factory.mktemp("data"))
    _, key = ReaderKeys(api.library.db).issue("Lectora", "lectora@ejemplo.mx")
    with serving(create_app(api.library, api.settings)) as url:
        yield url, key
    api.close()


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/v1/sources"), ("GET", "/v1/sources/x-y/runs"), ("POST", "/v1/sources/x-y/crawl")],
)
def test_a_reader_key_on_sources_says_which_key_it_is(
    served: tuple[str, str], method: str, path: str
) -> None:
    url, key = served
    answer = httpx.request(method, url + path, headers={"Authorization": f"Bearer {key}"})
    assert answer.status_code == 403, answer.text[:300]
    assert "clave de lector" in answer.json()["mensaje"]
    # the same key still reads and holds alerts
    alerts = httpx.get(f"{url}/v1/alerts", headers={"Authorization": f"Bearer {key}"})
    assert alerts.status_code == 200


def test_a_forged_reader_key_is_still_not_valid(served: tuple[str, str]) -> None:
    url, key = served
    forged = key[:-4] + ("0000" if not key.endswith("0000") else "1111")
    answer = httpx.get(f"{url}/v1/sources", headers={"Authorization": f"Bearer {forged}"})
    assert answer.status_code == 401
    assert "no es válida" in answer.json()["mensaje"]


def test_signing_in_with_a_reader_key_says_which_key_it_is(served: tuple[str, str]) -> None:
    url, key = served
    page = httpx.post(f"{url}/fuentes/entrar", data={"clave": key}, headers={"Accept": "text/html"})
    assert page.status_code == 403, page.text[:300]
    assert "clave de lector" in page.text and "clave de su institución" in page.text
    assert COOKIE not in page.headers.get("set-cookie", "")
