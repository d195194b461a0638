"""A run that lost part of its work is never ``ok``. A later listing page that failed
(HTTP 500, or a 200 whose body is the site's error page), a detail page that failed, a
file that failed, a spec limit that ended the reading: each run saved documents and was
stored ``ok``, read «correcta» by ``abierto crawl`` and on /fuentes. Now it is
``partial`` (``incompleta``), its message counting the errors by cause and naming the
listing pages, documents and files not read, in Spanish where people read it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from scrapy.http import HtmlResponse
from sqlalchemy import text

from crawlers.causas import run_mensaje
from crawlers.outcome import judge_run
from crawlers.soft_404 import server_error_said
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_parse_stall import REPO, _crawl
from tests.adversarial.test_run_notices import _runs, _signed_page
from tests.http_thread import QuietHandler, serving_handler
from tests.unit.test_run_outcome import SPEC


def _rows(*links: str, next_page: str = "") -> bytes:
    rows = "".join(
        f"<tr><td class='t'>Sentencia {link}</td><td><a href='/{link}'>ver</a></td></tr>"
        for link in links
    )
    pager = f"<a class='sig' href='{next_page}'>Siguiente</a>" if next_page else ""
    return f"<html><body><table><tbody>{rows}</tbody></table>{pager}</body></html>".encode()


def _detail(name: str, file: str = "") -> bytes:
    link = f"<a class='f' href='/{file}'>PDF</a>" if file else ""
    return (
        f"<html><head><title>Sentencia {name}</title></head><body><main>Texto de la "
        f"sentencia {name} del pleno, resuelta por unanimidad.</main>{link}</body></html>"
    ).encode()


class Site(QuietHandler):
    """Page 1 lists three sentences and links page 2; ``second`` says how page 2
    answers. ``d2`` fails (HTTP 500); ``d3``'s file fails (HTTP 503)."""

    second = "500"

    def do_GET(self) -> None:
        path = urlsplit(self.path)
        page = parse_qs(path.query).get("p", ["1"])[0]
        if path.path == "/robots.txt":  # none (a 5xx robots.txt bars the whole site)
            self.answer(b"no hay", "text/plain", 404)
        elif path.path == "/lista" and self.second == "fake_ok":
            self.answer(_rows("d1", "d6", "d7"), "text/html")
        elif path.path == "/d6":  # the site's error page, sent with 200
            body = b"<html><head><title>Error 500 - Error interno del servidor</title></head>"
            self.answer(body + b"<body><p>Intente mas tarde.</p></body></html>", "text/html")
        elif path.path == "/d7":
            self.answer(_detail("d7", "f7.pdf"), "text/html")
        elif path.path == "/f7.pdf":  # ASP.NET's yellow page, in place of the PDF
            body = b"<html><head><title>Runtime Error</title></head><body><h1>Server Error "
            self.answer(body + b"in '/' Application.</h1></body></html>", "text/html")
        elif path.path == "/lista" and page == "1":
            self.answer(_rows("d1", "d2", "d3", next_page="/lista?p=2"), "text/html")
        elif path.path == "/lista" and self.second == "500":
            self.answer(b"<html><body>Error interno</body></html>", "text/html", 500)
        elif path.path == "/lista" and self.second == "error_page":
            body = b"<html><head><title>Error 500</title></head><body><h1>Error 500</h1>"
            self.answer(body + b"<p>Intente mas tarde.</p></body></html>", "text/html")
        elif path.path == "/lista":
            number = int(page) + 2  # a new sentence on each page, forever
            self.answer(_rows(f"d{number}", next_page=f"/lista?p={int(page) + 1}"), "text/html")
        elif path.path == "/d3":
            self.answer(_detail("d3", "f3.pdf"), "text/html")
        elif path.path == "/d2":
            self.answer(b"<html><body>Error</body></html>", "text/html", 500)
        elif path.path.startswith("/d"):
            self.answer(_detail(path.path[1:]), "text/html")
        else:
            self.answer(b"no disponible", "text/plain", 503)


def _spec(url: str, source_id: str, **listing: object) -> dict:
    spec = listing_spec(f"{url}/lista?p=1", id=source_id, detail={"files": "css:a.f::attr(href)"})
    spec["listing"] |= {"fields": {"title": "css:td.t::text"}, "next_page": "css:a.sig::attr(href)"}
    spec["listing"] |= listing
    return spec


def _crawled(tmp_path: Path, second: str, source_id: str, **listing: object):
    handler = type("Served", (Site,), {"second": second})
    api = open_api(tmp_path / "data")
    with serving_handler(handler) as url:
        spec = _spec(url, source_id, **listing)
        assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
        done = _crawl(api, source_id)
    return api, done


def test_a_later_page_a_detail_and_a_file_that_fail_make_the_run_incomplete(
    tmp_path: Path,
) -> None:
    api, done = _crawled(tmp_path, "500", "pj-gto-parcial")
    try:
        # what it saved is kept, yet cron and CI tell it from a correct run: exit status 3
        assert done.returncode == 3, done.stdout + done.stderr
        assert "1 ejecución incompleta: lo guardado se conserva" in done.stdout, done.stdout
        [run] = _runs(api, "pj-gto-parcial")
        assert run["status"] == "partial", run
        stats = run["stats"]
        assert stats["items"] == 2, stats  # d1, and d3 without its file
        assert (stats["lost_pages"], stats["lost_documents"], stats["lost_files"]) == (1, 1, 1)
        assert run["message"].startswith("partial: 3 errors (http_5xx 3)"), run["message"]
        assert run["message"].endswith("not read: 1 listing page, 1 document, 1 file")
        said = "no se leyeron: 1 página de listado, 1 documento, 1 archivo"
        assert run["mensaje"].endswith(said), run["mensaje"]
        line = next(x for x in done.stdout.splitlines() if "pj-gto-parcial: " in x and " · " in x)
        assert "pj-gto-parcial: incompleta (3 errores" in line and "correcta" not in line
        assert "guardado: 2 documentos nuevos" in line, line
        page = _signed_page(api)
        assert "Incompleta: 3 errores" in page and said in page
        public = api.client.get("/fuentes").text
        assert "la última lectura quedó incompleta" in public
    finally:
        api.close()


def test_a_crawl_with_no_source_to_read_fails(tmp_path: Path) -> None:
    """An empty catalogue and no registered source: the crawl read nothing, said
    «rastreando 0 fuentes» and exited 0 like a correct one."""
    (tmp_path / "sin-fuentes").mkdir()
    env = os.environ | {
        "ABIERTO_DATA_DIR": str(tmp_path / "data"),
        "ABIERTO_SOURCES_DIR": str(tmp_path / "sin-fuentes"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "crawl"],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no hay fuentes que rastrear" in done.stderr, done.stderr


def test_a_later_page_answering_200_with_an_error_page_is_a_lost_page(tmp_path: Path) -> None:
    api, _ = _crawled(tmp_path, "error_page", "pj-gto-error200")
    try:
        [run] = _runs(api, "pj-gto-error200")
        assert run["status"] == "partial", run
        assert "selector_empty" not in run["errors"], run["errors"]  # no selector to mend
        said = {
            e["url"].rsplit("/", 1)[1]: e["mensaje"] for e in run["errors"]["http_5xx"]["examples"]
        }
        assert said["lista?p=2"] == (
            "el sitio respondió HTTP 200 con su página de error del servidor («Error 500») en "
            "lugar del listado: no se leyó"
        ), said
        assert run["stats"]["lost_pages"] == 1, run["stats"]
        assert "1 página de listado" in run["mensaje"]
    finally:
        api.close()


def test_error_pages_sent_with_200_are_never_a_document_or_its_file(tmp_path: Path) -> None:
    """A detail page and a PDF answered by the site's «Error 500» page with HTTP 200: the
    error page was saved as a sentence titled «Error 500», and as the PDF's text."""
    api, _ = _crawled(tmp_path, "fake_ok", "pj-gto-falso")
    try:
        [run] = _runs(api, "pj-gto-falso")
        assert run["status"] == "partial", run
        assert run["errors"]["http_5xx"]["count"] == 2, run["errors"]
        stats = run["stats"]
        assert (stats["items"], stats["lost_documents"], stats["lost_files"]) == (2, 1, 1), stats
        examples = run["errors"]["http_5xx"]["examples"]
        said = {e["url"].rsplit("/", 1)[1]: e["mensaje"] for e in examples}
        assert said["d6"].endswith(
            "(«Error 500 - Error interno del servidor») en lugar del documento: no se guardó"
        ), said
        assert said["f7.pdf"].endswith("en lugar del archivo: no se guardó"), said
        with api.library.db.engine.connect() as connection:
            rows = connection.execute(text("select title, text from documents")).all()
        assert sorted(title for title, _ in rows) == ["Sentencia d1", "Sentencia d7"], rows
        assert not any("Error" in (body or "") for _, body in rows), rows
    finally:
        api.close()


def test_a_server_error_page_is_told_from_a_document_that_names_an_error() -> None:
    def said(head: bytes) -> str | None:
        body = b"<html><head>" + head + b"</head><body><p>Texto.</p></body></html>"
        return server_error_said(HtmlResponse("https://sitio.gob.mx/", body=body))

    failed = (
        b"<title>Error 500</title>",
        b"<h1>Server Error in '/' Application.</h1>",
        b"<title>503 Service Unavailable</title>",
        b"<h1>Servicio no disponible</h1>",
    )
    for page in failed:
        assert said(page), page
    for page in (b"<title>Sentencia 500/2023</title>", b"<h1>Error 500/2023 del juzgado</h1>",
                 b"<title>Recurso</title><p>Error interno del servidor</p>",
                 b"<h1>Error judicial en la sentencia</h1>"):  # fmt: skip
        assert said(page) is None, page


def test_a_spec_limit_that_ends_the_listing_says_the_run_is_incomplete(tmp_path: Path) -> None:
    """Endless pages (each a new address): max_pages ends them, and the run says so."""
    api, _ = _crawled(tmp_path, "endless", "pj-gto-limite", max_pages=3)
    try:
        [run] = _runs(api, "pj-gto-limite")
        assert run["status"] == "partial", run
        assert run["message"].startswith("partial: stopped at a limit (listing.max_pages (3))"), run
        assert run["mensaje"].startswith("se detuvo en un límite (listing.max_pages (3))")
        assert run["stats"]["items"] == 4 and "limit_reached" in run["notices"], run
    finally:
        api.close()


def test_limits_of_the_crawl_itself_and_spanish_for_every_part() -> None:
    for reason, flag in (("closespider_itemcount", "--max-items"),
                         ("closespider_timeout", "--max-seconds")):  # fmt: skip
        status, message = judge_run(SPEC, reason, {"pages": 1, "items": 4}, 0, False)
        assert (status, message) == ("partial", f"partial: stopped at a limit ({flag})")
    errors = {"timeout": {"count": 1, "examples": []}, "cut_short": {"count": 2, "examples": []}}
    counts = {"pages": 2, "items": 5, "lost_files": 2, "lost_documents": 1}
    status, message = judge_run(SPEC, "finished", counts, 3, False, 0, errors)
    assert status == "partial"
    assert message == "partial: 3 errors (cut_short 2, timeout 1); not read: 1 document, 2 files"
    said = run_mensaje(status, message)
    assert said is not None and "3 errores (" in said
    assert said.endswith("no se leyeron: 1 documento, 2 archivos"), said
    assert not any(word in said for word in ("errors", "not read", "file"))
