"""The same page under many addresses (a session id or a campaign's tracking in each
link) is one document, not one per address; parameters that select content stay, and an
address without such parameters is kept character for character (its document's id is
made from it)."""

from __future__ import annotations

import hashlib
import re
import secrets
from pathlib import Path
from typing import ClassVar

from sqlalchemy import text

from crawlers.links import absolute, without_session
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _crawl, _run
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.server import FixtureServer


def _token(n: int) -> str:
    return hashlib.md5(str(n).encode()).hexdigest()  # 32 hex digits, as phpBB's sid


def test_a_detail_linked_under_100_session_ids_is_one_document(tmp_path: Path) -> None:
    """Each listing page carried its visitor's session in its links: the one sentence
    became 100 documents (plus one per tracking link)."""
    www = tmp_path / "www"
    www.mkdir()
    links = [f"sentencia.html?sid={_token(n)}" for n in range(100)]
    links += [
        "sentencia.html?PHPSESSID=r2t5uvq0ho&utm_source=boletin&utm_medium=correo",
        f"sentencia.html?sessionid={_token(7)}",
        "otra.html?expediente=15/2024&page=2&utm_campaign=x",
    ]
    rows = "".join(
        f"<tr><td class='t'>Sentencia</td><td><a href='{link}'>ver</a></td></tr>" for link in links
    )
    (www / "lista.html").write_text(f"<html><body><table><tbody>{rows}</tbody></table>")
    for name in ("sentencia", "otra"):
        (www / f"{name}.html").write_text(
            f"<html><body><main><h1>{name}</h1><p>Texto de la {name} del amparo directo en "
            "materia penal.</p></main></body></html>"
        )
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(www) as server:
            spec = listing_spec(f"{server.url}/lista.html")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            run = _run(api, spec)
            base = server.url
        with api.library.db.engine.connect() as connection:
            urls = sorted(connection.execute(text("select url from documents")).scalars())
    finally:
        api.close()
    assert urls == [f"{base}/otra.html?expediente=15/2024&page=2", f"{base}/sentencia.html"], (
        len(urls),
        run["stats"],
    )
    assert run["errors"] == {}


def test_only_session_and_tracking_parameters_go() -> None:
    assert without_session("http://a.mx/ver.jsp;jsessionid=0AF3B2C1?id=7") == (
        "http://a.mx/ver.jsp?id=7"
    )
    assert without_session("http://a.mx/x.asp?ASPSESSIONIDQSTCABCD=KJHGFD&id=3#p2") == (
        "http://a.mx/x.asp?id=3#p2"
    )
    assert without_session("http://a.mx/x?fbclid=IwAR0abc&gclid=Cj0K") == "http://a.mx/x"
    assert absolute("http://a.mx/lista", "d.php?PHPSESSID=abc&expediente=1/2024") == (
        "http://a.mx/d.php?expediente=1/2024"
    )
    # a short sid or sessionid selects content (a section; a legislature's session)
    for kept in (
        "http://congreso.mx/sesion?sessionid=45",
        "http://a.mx/x?sid=12&id=3",
        "http://a.mx/x?id=5&page=2&expediente=100/2023&tipo=amparo",
        "http://a.mx/x?B=1&a=2&&c",  # order and empty pieces as written
        "http://a.mx/x?",
        "http://a.mx/x?utm=1&utmost=2",
    ):
        assert without_session(kept) == kept


class _Cookieless(QuietHandler):
    """An ASP.NET site with cookieless sessions: an address without ``/(S(…))/``, or with
    one it did not give (expired), is redirected to a fresh one, and the pages' relative
    links stay under it."""

    given: ClassVar[set[str]] = set()

    def do_GET(self) -> None:
        found = re.match(r"/\(S\(([a-z0-9]{24})\)\)(/.*)", self.path)
        if found is None or found.group(1) not in self.given:
            session = secrets.token_hex(12)
            self.given.add(session)
            rest = found.group(2) if found else self.path
            self.send_response(302)
            self.send_header("Location", f"/(S({session}))" + rest)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        page = found.group(2)
        if page == "/Sentencias/Lista.aspx":
            rows = "".join(
                f"<tr><td class='t'>Amparo {n}/2024</td><td><a href='Ver.aspx?id={n}'>ver</a>"
                "</td></tr>"
                for n in (1, 2, 3)
            )
            self.answer(
                f"<html><body><table><tbody>{rows}</tbody></table></body></html>".encode(),
                "text/html; charset=utf-8",
            )
        elif page.startswith("/Sentencias/Ver.aspx?id="):
            n = page.rsplit("=", 1)[1]
            body = (
                f"<html><body><main><h1>Amparo {n}/2024</h1><p>Sentencia del amparo directo "
                f"{n}/2024 en materia administrativa.</p></main></body></html>"
            )
            self.answer(body.encode(), "text/html; charset=utf-8")
        else:
            self.answer(b"", "text/plain", status=404)


def test_a_cookieless_aspnet_site_keeps_one_address_per_document(tmp_path: Path) -> None:
    """The session ASP.NET puts in the path (``/(S(…))/``, a new one each visit) was kept
    in every document's address: each crawl made each sentence a new document, three
    more every run. The start address pasted from a browser carries a stale one too."""
    api = open_api(tmp_path / "data")
    try:
        with serving_handler(_Cookieless) as url:
            start = f"{url}/(S(lit3py55t21z5v55vlm25s55))/Sentencias/Lista.aspx"  # expired
            spec = listing_spec(start)
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            first = _run(api, spec)
            second = _crawl(api, spec["id"])
            assert second.returncode == 0, second.stdout + second.stderr
        with api.library.db.engine.connect() as connection:
            urls = sorted(connection.execute(text("select url from documents")).scalars())
    finally:
        api.close()
    assert urls == [f"{url}/Sentencias/Ver.aspx?id={n}" for n in (1, 2, 3)], urls
    assert first["errors"] == {}, first["errors"]


def test_aspnet_cookieless_tickets_go_and_parentheses_of_a_path_stay() -> None:
    assert without_session("http://a.mx/(S(lit3py55t21z5v55vlm25s55))/Ver.aspx?id=1") == (
        "http://a.mx/Ver.aspx?id=1"
    )
    assert without_session("http://a.mx/app/(X(1)S(abc012)A(Zx-_9))/Ver.aspx") == (
        "http://a.mx/app/Ver.aspx"
    )
    assert without_session("http://a.mx/(S(abc012))") == "http://a.mx/"
    for kept in ("http://a.mx/docs/(2024)/a.pdf", "http://a.mx/a/(S(x)/b", "http://a.mx/(a)(b)"):
        assert without_session(kept) == kept
