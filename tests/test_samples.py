"""Tests for the bundled sample sites (samples.generate) and their server (samples.server)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from parsel import Selector

from samples.es import long_date, slash_date, spelled_date, text_date
from samples.generate import build, generate
from samples.manifest import Manifest, document_paths
from samples.server import SampleServer, serve

Response = tuple[int, dict[str, str], bytes]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Manifest]:
    root = tmp_path_factory.mktemp("sitios")
    return root, generate(root, seed=7)


@pytest.fixture(scope="module")
def server(site: tuple[Path, Manifest]) -> Iterator[SampleServer]:
    with serve(site[0]) as srv:
        yield srv


def fetch(
    srv: SampleServer, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> Response:
    req = urllib.request.Request(srv.url_for(path), headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


def html(srv: SampleServer, path: str) -> Selector:
    status, _, body = fetch(srv, path)
    assert status == 200, path
    return Selector(text=body.decode("utf-8"))


def pdf_text(path: Path) -> tuple[str, int]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc), len(doc)
    finally:
        doc.close()


def flat(text: str) -> str:
    """Collapse whitespace (PDF line breaks split phrases) and lowercase."""
    return re.sub(r"\s+", " ", text).lower()


def doc_text(root: Path, path: str) -> str:
    file = root / path.lstrip("/")
    if file.suffix == ".pdf":
        return pdf_text(file)[0]
    main = Selector(text=file.read_text(encoding="utf-8")).css("main")
    return main.xpath("string()").get() or ""


# --- generation ------------------------------------------------------------------------------


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", seed=7)
    second = generate(tmp_path / "b", seed=7)
    assert first == second

    def digest(root: Path) -> dict[str, str]:
        return {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*")
            if p.is_file()
        }

    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    other, _ = build(seed=8)
    assert other.model_dump(exclude={"seed"}) != first.model_dump(exclude={"seed"})


def test_regeneration_keeps_unchanged_files_and_drops_stale_ones(tmp_path: Path) -> None:
    generate(tmp_path, seed=7)
    pdf = next((tmp_path / "tribunal").rglob("*.pdf"))
    mtime = pdf.stat().st_mtime_ns
    stale = tmp_path / "tribunal" / "sentencias" / "vieja.html"
    stale.write_text("obsoleta", encoding="utf-8")
    time.sleep(0.01)
    generate(tmp_path, seed=7)
    assert pdf.stat().st_mtime_ns == mtime
    assert not stale.exists()


def test_manifest_covers_three_kinds(site: tuple[Path, Manifest]) -> None:
    root, manifest = site
    assert len(manifest.documents) >= 40
    assert {d.kind for d in manifest.documents} == {"sentencia", "sesion", "legislativo"}
    assert Manifest.load(root) == manifest
    assert len({d.path for d in manifest.documents}) == len(manifest.documents)
    assert {s.session_type for s in manifest.sesiones} == {
        "ordinaria",
        "extraordinaria",
        "solemne",
        "comisión",
        "permanente",
    }
    assert {d.doc_type for d in manifest.legislativos} == {
        "gaceta",
        "iniciativa",
        "dictamen",
        "punto de acuerdo",
    }
    assert {s.matter for s in manifest.sentencias} == {
        "civil",
        "penal",
        "familiar",
        "mercantil",
        "administrativa",
        "laboral",
    }
    live = [s for s in manifest.sesiones if any(v.live for v in s.videos)]
    assert len(live) == 1 and live[0] == manifest.sesiones[0]  # the most recent session
    assert live[0].session_type == "ordinaria" and live[0].transcript_path is None
    assert any(len(s.videos) == 2 for s in manifest.sesiones)
    assert all(s.legislature == "LXVI Legislatura" and s.agenda for s in manifest.sesiones)
    assert len(set(manifest.video_paths())) == len(manifest.video_paths())
    assert manifest.get(manifest.legislativos[0].file_path) == manifest.legislativos[0]
    for listing in ("sesiones", "gaceta"):
        assert len(manifest.sites["congreso"].listings[listing]) >= 2
    assert len(manifest.sites["tribunal"].listings["sentencias"]) >= 2


def test_distinctive_phrases_identify_exactly_one_document(site: tuple[Path, Manifest]) -> None:
    root, manifest = site
    texts = {
        d.path: flat(" ".join(doc_text(root, p) for p in document_paths(d)))
        for d in manifest.documents
    }
    for d in manifest.documents:
        matches = [path for path, text in texts.items() if d.distinctive_phrase.lower() in text]
        assert matches == [d.path], d.distinctive_phrase


def test_sentence_pdfs_have_text_layers(site: tuple[Path, Manifest]) -> None:
    root, manifest = site
    assert len(manifest.sentencias) >= 12
    words = ("v i s t o s", "resultandos", "considerandos", "resolutivos", "sentencia")
    for s in manifest.sentencias:
        text, pages = pdf_text(root / s.path.lstrip("/"))
        assert 3 <= pages <= 8 and pages == s.pages
        body = flat(text)
        assert s.distinctive_phrase.lower() in body
        assert "****" in body
        for word in (*words, "decisión", "notificación", s.expediente.lower()):
            assert word in body, (s.path, word)
        assert f"a {spelled_date(s.resolution_date)}." in body
        assert s.court.upper() in text.replace("\r\n", " ")


def test_pdf_page_count_range_holds_for_other_seeds(tmp_path: Path) -> None:
    for seed in (1, 2, 3):
        manifest = generate(tmp_path / str(seed), seed=seed)
        assert all(3 <= s.pages <= 8 for s in manifest.sentencias)
        assert len(manifest.documents) >= 40


def test_legislative_pdfs_and_transcripts_have_text(site: tuple[Path, Manifest]) -> None:
    root, manifest = site
    for d in manifest.legislativos:
        text, pages = pdf_text(root / d.file_path.lstrip("/"))
        assert pages >= 1
        assert d.number.lower() in flat(text) and d.distinctive_phrase.lower() in flat(text)
    for s in manifest.sesiones:
        if s.transcript_path:
            text, _ = pdf_text(root / s.transcript_path.lstrip("/"))
            assert "versión estenográfica" in flat(text)


def test_spanish_dates() -> None:
    d = dt.date(2022, 3, 7)
    assert spelled_date(d) == "siete de marzo de dos mil veintidós"
    assert spelled_date(dt.date(2025, 2, 1)) == "primero de febrero de dos mil veinticinco"
    assert long_date(dt.date(2025, 2, 18)) == "martes 18 de febrero de 2025"
    assert slash_date(d) == "07/03/2022"


# --- HTML structure (the CSS contract documented in samples/README.md) -----------------------


def test_session_pages_match_manifest(site: tuple[Path, Manifest], server: SampleServer) -> None:
    _, manifest = site
    seen: list[str] = []
    path: str | None = manifest.sites["congreso"].listings["sesiones"][0]
    while path:
        sel = html(server, path)
        items = sel.css("ul.lista-sesiones li.sesion-item")
        assert 1 <= len(items) <= 5
        seen += items.css("a.sesion-enlace::attr(href)").getall()
        nxt = sel.css("nav.paginacion a.pagina-siguiente::attr(href)").get()
        path = (path.rsplit("/", 1)[0] + "/" + nxt) if nxt else None
    assert seen == [s.path for s in manifest.sesiones]
    for s in manifest.sesiones:
        art = html(server, s.path).css("article.sesion-detalle")
        assert art.css("h1.sesion-titulo::text").get() == s.title
        assert art.css("dd.sesion-fecha::text").get() == long_date(s.date)
        assert art.css("dd.sesion-tipo::text").get().lower() == s.session_type
        assert art.css("dd.sesion-organo::text").get() == s.chamber
        assert art.css("dd.sesion-legislatura::text").get() == s.legislature
        assert art.css("section.orden-del-dia li.punto-orden::text").getall() == s.agenda
        assert art.css("a.video-enlace::attr(href)").getall() == [v.path for v in s.videos]
        assert art.css("a.version-estenografica::attr(href)").get() == s.transcript_path
        for v in s.videos:
            watch = html(server, v.path)
            assert watch.css("h1.video-titulo::text").get() == v.title
            assert watch.css(".video-estado::text").get() == ("EN VIVO" if v.live else "Grabado")
            assert watch.css("a.video-origen::attr(href)").get() == s.path


def test_legislative_pages_match_manifest(
    site: tuple[Path, Manifest], server: SampleServer
) -> None:
    _, manifest = site
    listed = []
    for path in manifest.sites["congreso"].listings["gaceta"]:
        items = html(server, path).css("div.lista-documentos article.documento-item")
        listed += items.css("a.documento-enlace::attr(href)").getall()
    assert listed == [d.path for d in manifest.legislativos]
    for d in manifest.legislativos:
        art = html(server, d.path).css("article.documento-detalle")
        assert art.css("dd.documento-numero::text").get() == d.number
        assert art.css("dd.documento-fecha::text").get() == text_date(d.date)
        assert art.css("dd.documento-comision::text").get() == d.committee
        assert art.css("dd.documento-estatus::text").get() == d.status
        assert art.css("li.autor::text").getall() == d.authors
        assert art.css("section.documento-resumen p::text").get() == d.summary
        assert art.css("a.documento-adjunto::attr(href)").get() == d.file_path


def test_sentence_table_matches_manifest(site: tuple[Path, Manifest], server: SampleServer) -> None:
    _, manifest = site
    rows = []
    for path in manifest.sites["tribunal"].listings["sentencias"]:
        rows += html(server, path).css("table.tabla-sentencias tbody tr.sentencia-fila")
    assert len(rows) == len(manifest.sentencias)
    for row, s in zip(rows, manifest.sentencias, strict=True):
        assert row.css("td.expediente::text").get() == s.expediente
        assert row.css("td.organo::text").get() == s.court
        assert row.css("td.materia::text").get().lower() == s.matter
        assert row.css("td.fecha-resolucion::text").get() == slash_date(s.resolution_date)
        assert row.css("td.ponente::text").get() == s.ponente
        assert row.css("a.descarga-pdf::attr(href)").get() == s.path


# --- server ----------------------------------------------------------------------------------


def test_every_manifest_path_is_served(site: tuple[Path, Manifest], server: SampleServer) -> None:
    _, manifest = site
    expected = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf"}
    for path in manifest.paths():
        status, headers, body = fetch(server, path)
        assert status == 200, path
        assert headers["Content-Type"] == expected[Path(path).suffix], path
        assert int(headers["Content-Length"]) == len(body)
        if path.endswith(".html"):
            assert b'<meta charset="utf-8">' in body
        else:
            assert body.startswith(b"%PDF")
    for path, ctype in (
        ("/manifest.json", "application/json"),
        ("/video/img/poster.svg", "image/svg"),
    ):
        status, headers, _ = fetch(server, path)
        assert status == 200 and headers["Content-Type"].startswith(ctype)


def test_conditional_requests(site: tuple[Path, Manifest], server: SampleServer) -> None:
    root, manifest = site
    path = manifest.sentencias[0].path
    status, headers, body = fetch(server, path)
    assert status == 200
    assert headers["ETag"] == f'"{hashlib.sha256(body).hexdigest()}"'
    assert (root / path.lstrip("/")).read_bytes() == body
    status, _, body = fetch(server, path, {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")
    status, _, _ = fetch(server, path, {"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304
    status, _, _ = fetch(server, path, {"If-None-Match": '"otro"'})
    assert status == 200
    status, _, _ = fetch(server, path, {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert status == 200
    status, head, body = fetch(server, path, method="HEAD")
    assert status == 200 and body == b"" and head["ETag"] == headers["ETag"]


def test_changed_file_gets_new_etag(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text("<p>uno</p>", encoding="utf-8")
    with serve(tmp_path) as srv:
        _, first, _ = fetch(srv, "/a.html")
        page.write_text("<p>dos, ya modificado</p>", encoding="utf-8")
        status, second, body = fetch(srv, "/a.html", {"If-None-Match": first["ETag"]})
        assert status == 200 and body == b"<p>dos, ya modificado</p>"
        assert second["ETag"] != first["ETag"]
        status, _, body = fetch(srv, "/robots.txt")  # default when ROOT has none
        assert status == 200 and b"User-agent: *" in body


def test_robots_txt(site: tuple[Path, Manifest], server: SampleServer) -> None:
    _, manifest = site
    status, headers, body = fetch(server, "/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(body.decode().splitlines())
    assert manifest.robots_disallow == ["/congreso/privado/"]
    for private in manifest.private_paths:
        assert not parser.can_fetch("EstadoAbiertoBot", server.url_for(private))
        assert fetch(server, private)[0] == 200  # published, just disallowed
    assert all(parser.can_fetch("EstadoAbiertoBot", server.url_for(p)) for p in manifest.paths())
    listing = fetch(server, manifest.sites["congreso"].listings["sesiones"][0])[2].decode()
    assert all(p in listing for p in manifest.private_paths)


def test_missing_paths_and_directories(server: SampleServer) -> None:
    assert fetch(server, "/no-existe.html")[0] == 404
    assert fetch(server, "/congreso/sesiones/estenograficas/")[0] == 404  # no directory listing
    assert fetch(server, "/../../etc/passwd")[0] == 404
    assert fetch(server, "/%2e%2e/%2e%2e/etc/passwd")[0] == 404
    status, _, body = fetch(server, "/congreso/")
    assert status == 200 and b"LXVI Legislatura" in body


def test_hit_counting(site: tuple[Path, Manifest], server: SampleServer) -> None:
    _, manifest = site
    server.reset_counts()
    path = manifest.legislativos[0].file_path
    _, headers, _ = fetch(server, path)
    fetch(server, path, {"If-None-Match": headers["ETag"]})
    session = manifest.sesiones[0].path
    threads = [threading.Thread(target=fetch, args=(server, session)) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert server.hits[path] == 2
    assert server.downloads[path] == 1 and server.not_modified[path] == 1
    assert server.hits[session] == 20


SPIDER = textwrap.dedent(
    """
    import sys
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor

    class Todo(scrapy.Spider):
        name = "todo"
        start_urls = [sys.argv[1] + "/congreso/index.html", sys.argv[1] + "/tribunal/index.html"]

        def parse(self, response):
            if b"text/html" not in response.headers.get("Content-Type", b""):
                return
            for link in LinkExtractor(deny_extensions=[]).extract_links(response):
                yield response.follow(link.url, self.parse)

    settings = {"ROBOTSTXT_OBEY": True, "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False}
    process = CrawlerProcess(settings)
    process.crawl(Todo)
    process.start()
    """
)


def test_scrapy_crawl_obeys_robots(
    site: tuple[Path, Manifest], server: SampleServer, tmp_path: Path
) -> None:
    _, manifest = site
    server.reset_counts()
    script = tmp_path / "spider.py"  # a file, not -c: Scrapy inspects callback source code
    script.write_text(SPIDER, encoding="utf-8")
    subprocess.run([sys.executable, str(script), server.url], check=True, timeout=120)
    assert server.hits["/robots.txt"] >= 1
    assert not [p for p in server.hits if p.startswith("/congreso/privado/")]
    assert [p for p in manifest.paths() if server.downloads[p] == 0] == []
