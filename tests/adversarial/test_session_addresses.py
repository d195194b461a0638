"""The same page under many addresses (a session id or a campaign's tracking in each
link) is one document, not one per address; parameters that select content stay, and an
address without such parameters is kept character for character (its document's id is
made from it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import text

from crawlers.links import absolute, without_session
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
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
