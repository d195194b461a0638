"""A start URL copied from a browser carries the visitor's session (Tomcat's
``;jsessionid=…``, ASP.NET's cookieless ``/(S(…))/``, PHP's ``PHPSESSID``); by the time
the crawl runs that session is stale, and sites answer a stale one with their «sesión
expirada» page. The crawl asks for the start page without it (the site gives a fresh
session if it needs one), and the listing's link back to its first page is the same
address, not a second fetch."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.http_thread import QuietHandler, serving_handler

EXPIRED = (
    "<html><body><h1>Sesión expirada</h1><p>Su sesión ha caducado. Vuelva a la página "
    "de inicio.</p></body></html>"
)
ROWS = "".join(
    f"<tr><td class='t'>Sentencia {n}/2024</td><td><a href='detalle.jsp?id={n}'>ver</a></td></tr>"
    for n in (1, 2, 3)
)
LISTING = (
    f"<html><body><table><tbody>{ROWS}</tbody></table>"
    "<a class='pag' href='listado.jsp'>1</a></body></html>"
)


def _site(paths: list[str]) -> type[QuietHandler]:
    lock = threading.Lock()

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            with lock:
                paths.append(self.path)
            path, _, query = self.path.partition("?")
            if ";jsessionid=" in path or "/(S(" in path or "PHPSESSID=" in query:
                self.answer(EXPIRED.encode(), "text/html; charset=utf-8")
            elif path.endswith("/listado.jsp"):
                self.answer(LISTING.encode(), "text/html; charset=utf-8")
            elif path.endswith("/detalle.jsp"):
                number = query.removeprefix("id=")
                body = (
                    f"<html><body><main><h1>Sentencia {number}/2024</h1><p>Amparo directo "
                    f"en materia civil, número {number}.</p></main></body></html>"
                )
                self.answer(body.encode(), "text/html; charset=utf-8")
            else:
                self.answer(b"no", "text/plain", status=404)

    return Handler


@pytest.mark.parametrize(
    "start",
    [
        "/consulta/listado.jsp;jsessionid=7F3A9C21D0B4E8F65A1C2B3D4E5F6A7B",
        "/(S(x2kq4v55ab3ljf45tmwx0r55))/consulta/listado.jsp",
        "/consulta/listado.jsp?PHPSESSID=r2t5uvq0ho9kd8l3m7n1",
    ],
)
def test_a_start_url_copied_with_its_session_is_asked_without_it(
    tmp_path: Path, start: str
) -> None:
    paths: list[str] = []
    api = open_api(tmp_path / "data")
    try:
        with serving_handler(_site(paths)) as base:
            spec = listing_spec(f"{base}{start}", id="pj-gto-sesion")
            spec["listing"]["items"] = "css:tbody tr"
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            spec["listing"]["next_page"] = "css:a.pag::attr(href)"
            run = _run(api, spec)
        titles = sorted(d.title for d in api.library.db.iter_documents())
    finally:
        api.close()
    pages = [p for p in paths if p != "/robots.txt"]
    assert titles == ["Sentencia 1/2024", "Sentencia 2/2024", "Sentencia 3/2024"], (paths, run)
    assert pages.count("/consulta/listado.jsp") == 1, paths
    assert not [p for p in pages if "jsessionid" in p or "(S(" in p or "PHPSESSID" in p], paths
