"""Addresses a crawl meets twice: sentences sharing an annex are each kept, and a
redirect that comes back to where it started (a loop, a ``<meta refresh>`` to itself, an
empty ``Location``) is a counted error naming the chain, never a document dropped in
silence by the duplicate filter; a redirect not followed says where it pointed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import text

from tests.adversarial.hostile import text_pdf
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.shapes.server import FixtureServer


def _detail(n: int, files: list[str]) -> str:
    links = "".join(f"<a class='f' href='{f}'>archivo</a> " for f in files)
    return (
        f"<html><body><main><h1>Sentencia {n}</h1><p>Texto de la sentencia {n} del amparo "
        f"directo en materia penal.</p>{links}</main></body></html>"
    )


def _site(root: Path, rows: list[str]) -> None:
    table = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='{href}'>ver</a></td></tr>"
        for n, href in enumerate(rows, 1)
    )
    (root / "lista.html").write_text(f"<html><body><table><tbody>{table}</tbody></table>")
    (root / "anexo.pdf").write_bytes(text_pdf(["Anexo comun a las sentencias del pleno"]))
    for n in (1, 2, 3):
        (root / f"propia{n}.pdf").write_bytes(text_pdf([f"Resolucion propia numero {n}"]))
        (root / f"d{n}.html").write_text(_detail(n, [f"propia{n}.pdf", "anexo.pdf"]))
    (root / "propia4.pdf").write_bytes(text_pdf(["Resolucion propia numero 4"]))
    (root / "d4.html").write_text(_detail(4, ["propia4.pdf", "bucle.pdf"]))
    (root / "refresco.html").write_text(
        '<html><head><meta http-equiv="refresh" content="0;url=refresco.html"></head></html>'
    )
    routes = [
        {"path": "/bucle", "redirect": "/bucle"},
        {"path": "/vacio", "status": 302, "headers": {"Location": ""}},
        {"path": "/ida", "redirect": "/vuelta"},
        {"path": "/vuelta", "redirect": "/ida"},
        {"path": "/bucle.pdf", "redirect": "/bucle.pdf"},
        {"path": "/afuera", "status": 302, "headers": {"Location": "file:///etc/passwd"}},
    ]
    (root / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}))


def _crawl(tmp_path: Path, rows: list[str]) -> tuple[Any, dict[str, Any], list[str]]:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www", rows)
    api = open_api(tmp_path / "data")
    with FixtureServer(tmp_path / "www") as server:
        spec = listing_spec(f"{server.url}/lista.html", detail={"files": "css:a.f::attr(href)"})
        spec["listing"]["fields"] = {"title": "css:td.t::text"}
        run = _run(api, spec)
    with api.library.db.engine.connect() as connection:
        titles = sorted(connection.execute(text("select title from documents")).scalars())
    api.close()
    return api, run, titles


def test_sentences_sharing_an_annex_are_each_kept(tmp_path: Path) -> None:
    """The annex is fetched again for each sentence: left to the duplicate filter, the
    second and third sentences never reached the pipeline and the run said ``errors 0``."""
    _, run, titles = _crawl(tmp_path, ["d1.html", "d2.html", "d3.html"])
    assert titles == ["Sentencia 1", "Sentencia 2", "Sentencia 3"], run["errors"]
    assert run["errors"] == {} and run["stats"]["items"] == 3


def test_redirects_back_to_their_start_are_counted_with_the_chain(tmp_path: Path) -> None:
    """A page or a file that redirects back to an address on its way is an error naming
    the chain; a file that does so leaves its document with the files it has."""
    rows = ["d1.html", "bucle", "refresco.html", "vacio", "ida", "d4.html", "afuera"]
    _, run, titles = _crawl(tmp_path, rows)
    assert titles == ["Sentencia 1", "Sentencia 6"], (str(run["stats"]), run["errors"])
    loops = run["errors"]["redirect_loop"]
    assert loops["count"] == 4, run["errors"]
    by_start = {e["url"].rsplit("/", 1)[1]: e["message"] for e in loops["examples"]}
    assert set(by_start) == {"bucle", "refresco.html", "vacio", "ida"}
    assert by_start["ida"].startswith("redirect loop: ") and "/vuelta -> " in by_start["ida"]
    [forever] = run["errors"]["too_many_redirects"]["examples"]
    assert forever["url"].endswith("/bucle.pdf")
    assert "redirects without an answer" in forever["message"]
    [elsewhere] = run["errors"]["http_3xx"]["examples"]
    assert elsewhere["message"] == "HTTP 302 to file:///etc/passwd, which was not followed"
    assert set(run["errors"]) == {"redirect_loop", "too_many_redirects", "http_3xx"}
    assert run["stats"]["items"] == 2


def test_listing_and_start_pages_that_redirect_in_a_loop_are_counted(tmp_path: Path) -> None:
    """A listing's next page, or the start page itself, redirecting back to an address
    on its way: the duplicate filter dropped it in silence, so the listing ended there
    with ``errors 0``, and a run whose start looped read nothing and said ``empty``
    without a cause. Each is a ``redirect_loop`` naming the chain."""
    www = tmp_path / "www"
    www.mkdir()
    rows = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='d{n}.html'>ver</a></td></tr>"
        for n in (1, 2)
    )
    (www / "lista.html").write_text(
        f"<html><body><table><tbody>{rows}</tbody></table>"
        "<a rel='next' href='/pagina-2'>siguiente</a></body></html>"
    )
    for n in (1, 2):
        (www / f"d{n}.html").write_text(_detail(n, []))
    routes = [
        {"path": "/pagina-2", "redirect": "/pagina-2-b"},
        {"path": "/pagina-2-b", "redirect": "/pagina-2"},
        {"path": "/inicio", "redirect": "/inicio"},
    ]
    (www / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}))
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(www) as server:
            paged = listing_spec(f"{server.url}/lista.html", id="pj-gto-paginas")
            paged["listing"] |= {"next_page": "css:a[rel=next]::attr(href)", "max_pages": 5,
                                 "fields": {"title": "css:td.t::text"}}  # fmt: skip
            listing = _run(api, paged)
            start = _run(api, listing_spec(f"{server.url}/inicio", id="pj-gto-inicio"))
    finally:
        api.close()
    assert listing["stats"]["items"] == 2, listing
    [loop] = listing["errors"]["redirect_loop"]["examples"]
    assert loop["url"].endswith("/pagina-2")
    assert loop["message"].endswith(
        "/pagina-2 -> " + f"{server.url}/pagina-2-b -> {server.url}/pagina-2"
    )
    assert set(listing["errors"]) == {"redirect_loop"}
    assert start["status"] == "failed", start
    assert set(start["errors"]) == {"redirect_loop"}, start["errors"]
