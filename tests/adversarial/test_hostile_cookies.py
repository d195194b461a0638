"""A sign-in cookie a browser, an extension or an attacker mangled, sent to a real server
on 127.0.0.1: a browser sends whatever bytes a cookie holds, and the signature was
compared as text, which Python refuses for text that is not ASCII (a 500 page on
``/fuentes`` for a cookie ending in ``é``). Every such cookie now signs nobody in: the
page asks for the key, and signing out still answers."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from api.routers.pages.signin import COOKIE
from tests.adversarial.service import Api, open_api
from tests.uvicorn_thread import serving

# the four signed parts and a signature, each written as a hostile client would
MANGLED = [
    "pj-gto|k|9999999999|x|firma\xe9",  # a signature that is not ASCII
    "pj-gto|k|9999999999|x|\xff" * 2,
    "pj-gto|k|\xb2|x|" + "a" * 64,  # a superscript two: a digit to str.isdigit
    "|" * 4 + "\xe9" * 64,
    "\xe9",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    api: Api = open_api(tmp_path_factory.mktemp("data"))
    with serving(create_app(api.library, api.settings)) as url:
        yield url
    api.close()


@pytest.mark.parametrize("cookie", MANGLED, ids=range(len(MANGLED)))
def test_a_mangled_sign_in_cookie_signs_nobody_in(served: str, cookie: str) -> None:
    sent = {"Cookie": f"{COOKIE}={cookie}".encode("latin-1"), "Accept": "text/html"}
    page = httpx.get(f"{served}/fuentes", headers=sent)  # type: ignore[arg-type]
    assert page.status_code == 200, page.text[:300]
    assert 'name="clave"' in page.text  # asked to sign in: nobody is
    out = httpx.post(f"{served}/fuentes/salir", headers=sent)  # type: ignore[arg-type]
    assert out.status_code == 303, out.text[:300]
