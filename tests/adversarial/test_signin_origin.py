"""Login CSRF on ``/fuentes/entrar``, over a real server on 127.0.0.1: a form another site
posts (with its own institution's key) signed the visitor in unseen, so what they then
registered or read on ``/fuentes`` was the other institution's. A post a browser says
came from elsewhere is now a Spanish 403 page that signs nobody in; and one posted to
``/fuentes/salir`` signs nobody out (logout CSRF)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from tests.adversarial.service import Api, open_api
from tests.uvicorn_thread import serving

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    api: Api = open_api(tmp_path_factory.mktemp("data"))
    with serving(create_app(api.library, api.settings)) as url:
        yield url, api.headers["Authorization"].split()[1]
    api.close()


def _sign_in(url: str, key: str, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{url}/fuentes/entrar", data={"clave": key}, headers=HTML | headers)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://atacante.example"},
        {"Origin": "null"},  # the other page hid where it is
        {"Referer": "https://atacante.example/trampa.html"},
        {"Origin": "http://127.0.0.1:1"},  # another port is another origin
        {"Sec-Fetch-Site": "cross-site"},
    ],
    ids=["origin", "hidden", "referer", "port", "fetch-site"],
)
def test_a_sign_in_posted_from_another_site_signs_nobody_in(
    served: tuple[str, str], headers: dict[str, str]
) -> None:
    url, key = served
    answer = _sign_in(url, key, headers)
    assert answer.status_code == 403, answer.text[:300]
    assert "set-cookie" not in answer.headers
    assert "Envío desde otro sitio" in answer.text and "/fuentes" in answer.text


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "{url}", "Sec-Fetch-Site": "same-origin"},
        {"Referer": "{url}/fuentes"},
        {},  # a program, not a browser: no page could have forged it
    ],
    ids=["origin", "referer", "none"],
)
def test_a_sign_in_from_the_page_itself_still_signs_in(
    served: tuple[str, str], headers: dict[str, str]
) -> None:
    url, key = served
    answer = _sign_in(url, key, {k: v.format(url=url) for k, v in headers.items()})
    assert answer.status_code == 303, answer.text[:300]
    assert "ea_fuentes=" in answer.headers["set-cookie"]


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://atacante.example"}, {"Sec-Fetch-Site": "cross-site"}],
    ids=["origin", "fetch-site"],
)
def test_a_sign_out_posted_from_another_site_signs_nobody_out(
    served: tuple[str, str], headers: dict[str, str]
) -> None:
    url, key = served
    cookie = _sign_in(url, key, {}).cookies["ea_fuentes"]
    with httpx.Client(base_url=url, headers=HTML) as browser:
        browser.cookies.set("ea_fuentes", cookie, path="/fuentes")
        answer = browser.post("/fuentes/salir", headers=headers)
        assert answer.status_code == 403, answer.text[:300]
        assert "set-cookie" not in answer.headers
        assert "Envío desde otro sitio" in answer.text
        own = browser.post("/fuentes/salir", headers={"Origin": url})
        assert own.status_code == 303
        assert 'ea_fuentes=""' in own.headers["set-cookie"]
