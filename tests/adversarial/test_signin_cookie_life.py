"""What the ``/fuentes`` sign-in cookie is worth once its holder is done with it.

A cookie was the whole sign-in (signed, nothing kept on the server): signing out only
asked the browser to forget it, so a copy (a shared computer's profile, a proxy's or a
browser extension's log) kept showing the institution's own crawls and their error
examples for the rest of its hour. Signing out now ends that sign-in for every copy.

Behind a proxy that ends TLS (the request reaches the app as ``http``), the cookie was
set without ``Secure``: a browser then also sends it to the plain ``http://`` address,
where anyone on the network path reads it. When the browser came by the public
``https`` address, the cookie is ``Secure``."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.pages.signin import COOKIE
from tests.adversarial.service import open_api

HTML = {"Accept": "text/html"}
SIGNED_IN = "Sesión iniciada como"


def test_a_copy_of_the_cookie_signs_nobody_in_once_its_holder_signed_out(
    tmp_path: Path,
) -> None:
    api = open_api(tmp_path / "data")
    try:
        key = api.headers["Authorization"].split()[1]
        holder = TestClient(create_app(api.library, api.settings))
        signed = holder.post("/fuentes/entrar", data={"clave": key}, follow_redirects=False)
        assert signed.status_code == 303
        copy = signed.cookies[COOKIE]
        other = TestClient(create_app(api.library, api.settings))  # another API process
        other.cookies.set(COOKIE, copy, path="/fuentes")
        assert SIGNED_IN in other.get("/fuentes", headers=HTML).text  # the copy works…
        out = holder.post("/fuentes/salir", follow_redirects=False)
        assert out.status_code == 303
        assert SIGNED_IN not in holder.get("/fuentes", headers=HTML).text
        assert SIGNED_IN not in other.get("/fuentes", headers=HTML).text  # …no longer
        again = holder.post("/fuentes/entrar", data={"clave": key}, follow_redirects=True)
        assert SIGNED_IN in again.text  # a new sign-in is a new one
    finally:
        api.close()


def test_signing_out_ends_only_that_sign_in(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data")
    try:
        key = api.headers["Authorization"].split()[1]
        office, home = (TestClient(create_app(api.library, api.settings)) for _ in range(2))
        for browser in (office, home):
            browser.post("/fuentes/entrar", data={"clave": key})
        office.post("/fuentes/salir")
        assert SIGNED_IN not in office.get("/fuentes", headers=HTML).text
        assert SIGNED_IN in home.get("/fuentes", headers=HTML).text
    finally:
        api.close()


def test_the_cookie_is_secure_when_the_browser_came_by_the_public_https_address(
    tmp_path: Path,
) -> None:
    api = open_api(tmp_path / "data", public_url="https://datos.example.gob.mx")
    try:
        key = api.headers["Authorization"].split()[1]
        proxied = TestClient(create_app(api.library, api.settings))  # http, as a proxy speaks
        answer = proxied.post(
            "/fuentes/entrar",
            data={"clave": key},
            headers={"Host": "datos.example.gob.mx"},
            follow_redirects=False,
        )
        assert answer.status_code == 303
        assert "secure" in answer.headers["set-cookie"].lower()
        local = proxied.post("/fuentes/entrar", data={"clave": key}, follow_redirects=False)
        assert "secure" not in local.headers["set-cookie"].lower()  # http://testserver
    finally:
        api.close()
