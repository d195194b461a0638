"""An id that names nothing is said back short: a 404 repeats at most 80 characters of
it, cut with «…» (not a 10 KB id echoed whole, nor one cut silently that reads as whole),
in the JSON API and on the pages, where it is escaped. Served by a real uvicorn."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest

from api.app import create_app
from tests.adversarial.service import Api, open_api
from tests.uvicorn_thread import serving

LONG = "<img src=x onerror=alert(1)>" + "x" * 10_000  # no slash: it stays one segment
SHOWN = LONG[:79] + "…"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Api]]:
    api = open_api(tmp_path_factory.mktemp("data"))
    with serving(create_app(api.library, api.settings)) as url:
        yield url, api
    api.close()


@pytest.mark.parametrize(
    "path",
    [
        "/v1/documents/{}",
        "/v1/documents/{}/text",
        "/v1/documents/{}/file",
        "/v1/documents/{}/citations",
        "/v1/sessions/{}/speeches",
        "/v1/people/{}",
        "/v1/sources/{}",
        "/v1/sources/{}/runs",
        "/v1/alerts/{}",
        "/d/{}",
        "/sesiones/{}",
    ],
)
def test_a_404_repeats_at_most_80_characters_of_the_id(served: tuple[str, Api], path: str) -> None:
    url, api = served
    answer = httpx.get(url + path.format(quote(LONG, safe="")), headers=api.headers, timeout=30)
    assert answer.status_code == 404, answer.text[:300]
    assert len(answer.content) < 2_000
    assert "x" * 80 not in answer.text
    body = answer.json()
    if path.startswith(("/v1/documents", "/v1/sessions", "/v1/people", "/v1/sources")):
        assert f"«{SHOWN}»" in body["mensaje"], body
        assert repr(SHOWN) in body["detail"], body


@pytest.mark.parametrize("path", ["/d/{}", "/sesiones/{}"])
def test_a_page_that_names_nothing_echoes_nothing_unescaped(
    served: tuple[str, Api], path: str
) -> None:
    url, _api = served
    page = httpx.get(
        url + path.format(quote(LONG, safe="")), headers={"Accept": "text/html"}, timeout=30
    )
    assert page.status_code == 404
    assert "<img src" not in page.text and "x" * 80 not in page.text


def test_the_sessions_page_names_an_unknown_congress_short_and_escaped(
    served: tuple[str, Api],
) -> None:
    url, _api = served
    page = httpx.get(
        f"{url}/sesiones", params={"congreso": LONG}, headers={"Accept": "text/html"}, timeout=30
    )
    assert page.status_code == 400, page.status_code
    assert "<img src" not in page.text and "x" * 80 not in page.text
    assert "«&lt;img src=x onerror=alert(1)&gt;" + "x" * 51 + "…»" in page.text
