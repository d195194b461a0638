"""A document stored by an earlier version under an address a newer one writes clean.

Earlier versions kept a link's ``#section`` in its document's address (a gazette's
``gp_hoy.html#Iniciativa1``) and a spec's credential in its query (``lista?token=…``);
both are part of the id. After the upgrade, the next crawl reads the same publications at
their clean addresses: they stay the documents they were (same id, so the same feed entry
and the same alert matches), now at their clean addresses, and the former publication
(secret and all) is forgotten: one document each in the database, the search and the
feed, and the secret nowhere. Crawled end to end from a real server on 127.0.0.1; the
former documents saved through the library as the earlier pipeline saved them."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.app import create_app
from config.settings import Settings
from crawlers.moves import Move, moved
from indexer.build import AnyDocument, build_document
from indexer.library import Library
from indexer.models import FileRef, SourceLink, document_id
from indexer.stores import SearchQuery
from tests.adversarial.abierto import abierto
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

TOKEN = "Tk9f8e7d6c5b4a3Z21"
SOURCE = "congreso-gaceta"
INSTITUTION = "Congreso del Estado de Guanajuato"
WORDS = "iniciativa reforma ley aguas nacionales"
PAGES = {"uno": "Iniciativa con proyecto de decreto", "dos": "Dictamen de la comisión"}


def _site(root: Path) -> tuple[Path, Path]:
    site = root / "www" / "sitio"
    site.mkdir(parents=True)
    rows = (
        f'<tr><td><a href="uno.html?token={TOKEN}">Iniciativa de reforma</a></td></tr>'
        '<tr><td><a href="dos.html#Iniciativa1">Dictamen de la comisión</a></td></tr>'
    )
    (site / "lista.html").write_text(f"<table><tbody>{rows}</tbody></table>")
    for name, heading in PAGES.items():
        body = f"{heading}: {WORDS}. " * 10
        (site / f"{name}.html").write_text(f"<title>{heading}</title><p>{body}</p>")
    specs = root / "specs"
    specs.mkdir()
    spec = {
        "id": SOURCE, "kind": "legislativo", "jurisdiction": "MX-GUA",
        "institution": INSTITUTION,
        "start_urls": [f"${{ABIERTO_SAMPLES_URL}}/sitio/lista.html?token={TOKEN}"],
        "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)",
                    "fields": {"title": "css:a::text"}},
    }  # fmt: skip
    (specs / f"{SOURCE}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    return specs, root / "data"


def _save_as_before(settings: Settings, former: dict[str, str]) -> None:
    """The documents as the earlier pipeline saved them: built and saved under the
    address as read, then indexed."""
    library = Library.open(settings, writer=True)
    try:
        for url, title in former.items():
            doc = build_document(
                kind="legislativo", source_id=SOURCE, institution=INSTITUTION,
                jurisdiction="MX-GUA", url=url, fields={"title": title},
                text=f"{title}: {WORDS}. " * 10,
            )  # fmt: skip
            library.add_document(doc)
        library.flush()
    finally:
        library.close()


def test_documents_stored_under_their_former_addresses_stay_one_each(tmp_path: Path) -> None:
    specs, data = _site(tmp_path)
    settings = Settings(data_dir=data, allow_loopback=True, crawl_delay_s=0)
    with FixtureServer(tmp_path / "www") as server:
        base = f"{server.url}/sitio"
        former = {
            f"{base}/uno.html?token={TOKEN}": "Iniciativa de reforma",
            f"{base}/dos.html#Iniciativa1": "Dictamen de la comisión",
        }
        _save_as_before(settings, former)
        for _ in range(2):  # the upgrade's first crawl, and the one after
            result = run_abierto(data, server.url, specs)
            assert "Traceback" not in result.stderr, result.stderr
    library = Library.open(settings)
    try:
        with library.db.session() as s:
            rows = s.execute(text("SELECT id, url, data FROM documents ORDER BY url")).all()
            published = s.execute(text("SELECT url, document_id FROM document_sources")).all()
        assert [(row.id, row.url) for row in rows] == [
            (document_id(SOURCE, f"{base}/dos.html#Iniciativa1"), f"{base}/dos.html"),
            (document_id(SOURCE, f"{base}/uno.html?token={TOKEN}"), f"{base}/uno.html"),
        ], result.stderr[-3000:]
        assert sorted(url for url, _ in published) == [f"{base}/dos.html", f"{base}/uno.html"]
        everything = json.dumps(
            [[*row[:2], row.data] for row in rows] + [list(p) for p in published]
        )
        assert TOKEN not in everything
        found = library.search(SearchQuery(q="aguas nacionales"))
        assert sorted(hit.id for hit in found.hits) == sorted(row.id for row in rows)
        feed = TestClient(create_app(library, settings)).get(
            "/v1/search.atom", params={"q": "aguas nacionales"}
        )
        assert feed.status_code == 200
        assert feed.text.count("<entry>") == 2 and TOKEN not in feed.text
    finally:
        library.close()


def test_video_links_read_from_pages_carry_no_credential(tmp_path: Path) -> None:
    site = tmp_path / "www" / "sitio"
    site.mkdir(parents=True)
    stream = f"https://transmision.congreso.example/sesion-12.m3u8?canal=2&token={TOKEN}"
    row = (
        '<tr><td><a class="doc" href="sesion.html">Sesión ordinaria del 12 de marzo de 2024'
        f'</a></td><td><a class="video" href="{stream}">Video</a></td></tr>'
    )
    (site / "lista.html").write_text(f"<table><tbody>{row}</tbody></table>")
    body = "Versión estenográfica de la sesión ordinaria del Pleno. " * 10
    (site / "sesion.html").write_text(f"<title>Sesión ordinaria</title><p>{body}</p>")
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = {
        "id": "congreso-sesiones", "kind": "sesion", "jurisdiction": "MX-GUA",
        "institution": INSTITUTION,
        "start_urls": [f"${{ABIERTO_SAMPLES_URL}}/sitio/lista.html?token={TOKEN}"],
        "listing": {"items": "css:tbody tr", "link": "css:a.doc::attr(href)",
                    "fields": {"title": "css:a.doc::text",
                               "video_urls": "css:a.video::attr(href)"}},
    }  # fmt: skip
    (specs / "congreso-sesiones.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    with FixtureServer(tmp_path / "www") as server:
        result = run_abierto(tmp_path / "data", server.url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    library = Library.open(Settings(data_dir=tmp_path / "data"))
    try:
        [doc] = list(library.db.iter_documents())
    finally:
        library.close()
    assert [video.url for video in doc.video_urls] == [
        "https://transmision.congreso.example/sesion-12.m3u8?canal=2"
    ]
    assert TOKEN not in doc.model_dump_json()


def test_clean_addresses_rewrites_published_secrets_without_a_crawl(tmp_path: Path) -> None:
    specs, data = _site(tmp_path)
    settings = Settings(data_dir=data, allow_loopback=True, crawl_delay_s=0)
    base = "https://congreso.example/sitio"
    former = f"{base}/uno.html?token={TOKEN}"
    library = Library.open(settings, writer=True)
    try:
        doc = build_document(
            kind="legislativo", source_id=SOURCE, institution=INSTITUTION,
            jurisdiction="MX-GUA", url=former, fields={"title": "Iniciativa de reforma"},
            text=f"Iniciativa: {WORDS}. " * 10,
            files=[FileRef(url=f"{base}/anexo.pdf?id=3&token={TOKEN}", sha256="a" * 64)],
        )  # fmt: skip
        library.add_document(doc)
        library.flush()
    finally:
        library.close()
    result = abierto(
        data, "db", "clean-addresses", unset=("ABIERTO_DATABASE_URL",),
        env={"ABIERTO_SOURCES_DIR": str(specs), "ABIERTO_SAMPLES_URL": "https://congreso.example"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"{SOURCE}: 1 documento y 1 publicación sin la credencial" in result.stdout
    library = Library.open(settings)
    try:
        with library.db.session() as s:
            rows = s.execute(text("SELECT id, url, data FROM documents")).all()
            published = s.execute(text("SELECT url FROM document_sources")).scalars().all()
        assert [(row.id, row.url) for row in rows] == [(doc.id, f"{base}/uno.html")]
        assert published == [f"{base}/uno.html"]
        assert TOKEN not in json.dumps([list(row) for row in rows])
        [stored] = list(library.db.iter_documents())
        assert [f.url for f in stored.files] == [f"{base}/anexo.pdf?id=3"]
        feed = TestClient(create_app(library, settings)).get(
            "/v1/search.atom", params={"q": "aguas nacionales"}
        )
        assert feed.text.count("<entry>") == 1 and TOKEN not in feed.text, feed.text
    finally:
        library.close()


def _built(url: str) -> AnyDocument:
    return build_document(
        kind="legislativo", source_id=SOURCE, institution=INSTITUTION, jurisdiction="MX-GUA",
        url=url, fields={"title": "Dictamen de la comisión"}, text=f"Dictamen: {WORDS}. " * 10,
    )  # fmt: skip


def test_a_document_is_found_after_its_section_or_its_credential_changed(tmp_path: Path) -> None:
    """The page's link now names another section (``#Iniciativa3`` where it said
    ``#Iniciativa1``), or the site's token changed since the document moved: it is still
    the document stored before. A source whose addresses keep their sections (a feed's
    ``rss#guid``) never takes another of its documents for this one."""
    page = "https://congreso.example/gaceta/gp_hoy.html"
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        before = _built(f"{page}#Iniciativa1")
        library.add_document(before)
        now = _built(page)
        renamed = Move(SourceLink(source_id=SOURCE, url=f"{page}#Iniciativa3"), sections=True)
        assert moved(library, renamed, now, None)[0].id == before.id
        kept = Move(SourceLink(source_id=SOURCE, url=f"{page}?token={TOKEN}"))
        assert moved(library, kept, now, None)[0].id == now.id  # a feed's sections stay apart

        first = Move(SourceLink(source_id=SOURCE, url=f"{page}?token={TOKEN}"))
        stored = _built(f"{page}?token={TOKEN}")
        library.add_document(stored)
        library.add_documents(
            [moved(library, first, _built(page), None)[0]], [None], [first.former]
        )
        rotated = Move(SourceLink(source_id=SOURCE, url=f"{page}?token=Otra{TOKEN[::-1]}"))
        assert moved(library, rotated, _built(page), None)[0].id == stored.id
    finally:
        library.close()


def test_a_pages_other_sections_stored_apart_are_retired_into_it(tmp_path: Path) -> None:
    """An earlier version stored two sections of one page as two documents; the page
    read at its clean address is one: the first is kept, the other retired (gone from
    the database, the search and the feed) and its old link leads to the one kept."""
    specs, data = _site(tmp_path)
    settings = Settings(data_dir=data, allow_loopback=True, crawl_delay_s=0)
    with FixtureServer(tmp_path / "www") as server:
        base = f"{server.url}/sitio"
        _save_as_before(
            settings,
            {
                f"{base}/dos.html#Iniciativa1": "Dictamen de la comisión",
                f"{base}/dos.html#Iniciativa2": "Dictamen de la comisión, segunda parte",
            },
        )
        result = run_abierto(data, server.url, specs)
        assert "Traceback" not in result.stderr, result.stderr
    kept = document_id(SOURCE, f"{base}/dos.html#Iniciativa1")
    retired = document_id(SOURCE, f"{base}/dos.html#Iniciativa2")
    library = Library.open(settings)
    try:
        with library.db.session() as s:
            ids = s.execute(text("SELECT id FROM documents WHERE url LIKE '%dos.html%'")).all()
        assert [row.id for row in ids] == [kept], result.stderr[-3000:]
        found = library.search(SearchQuery(q="dictamen comisión"))
        assert [hit.id for hit in found.hits] == [kept]
        client = TestClient(create_app(library, settings), follow_redirects=False)
        feed = client.get("/v1/search.atom", params={"q": "dictamen"})
        assert feed.text.count("<entry>") == 1
        old_link = client.get(f"/d/{retired}", headers={"Accept": "text/html"})
        assert old_link.status_code == 301 and old_link.headers["location"] == f"/d/{kept}"
    finally:
        library.close()


def test_clean_addresses_retires_a_document_already_stored_at_its_clean_address(
    tmp_path: Path,
) -> None:
    """A document stored with the credential in its address while a later crawl saved
    the same page at its clean one: cleaning made two documents of one page (two search
    hits, two feed entries). The first is retired into the second, and its old link
    answers 301 to it, never a 404."""
    specs, data = _site(tmp_path)
    settings = Settings(data_dir=data, allow_loopback=True, crawl_delay_s=0)
    base = "https://congreso.example/sitio"
    _save_as_before(
        settings,
        {
            f"{base}/uno.html?token={TOKEN}": "Iniciativa de reforma",
            f"{base}/uno.html": "Iniciativa",
        },
    )
    former, clean = (
        document_id(SOURCE, u) for u in (f"{base}/uno.html?token={TOKEN}", f"{base}/uno.html")
    )
    result = abierto(
        data, "db", "clean-addresses", unset=("ABIERTO_DATABASE_URL",),
        env={"ABIERTO_SOURCES_DIR": str(specs), "ABIERTO_SAMPLES_URL": "https://congreso.example"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (
        f"{SOURCE}: 1 documento ya estaba guardado en su dirección limpia con otro "
        "identificador: se retiró y su enlace lleva al que queda"
    ) in result.stdout, result.stdout
    library = Library.open(settings)
    try:
        with library.db.session() as s:
            rows = s.execute(text("SELECT id, url FROM documents")).all()
        assert [(row.id, row.url) for row in rows] == [(clean, f"{base}/uno.html")]
        found = library.search(SearchQuery(q="aguas nacionales"))
        assert [hit.id for hit in found.hits] == [clean]
        client = TestClient(create_app(library, settings), follow_redirects=False)
        old_link = client.get(f"/d/{former}", headers={"Accept": "text/html"})
        assert old_link.status_code == 301 and old_link.headers["location"] == f"/d/{clean}"
        feed = client.get("/v1/search.atom", params={"q": "aguas nacionales"})
        assert feed.text.count("<entry>") == 1 and TOKEN not in feed.text
    finally:
        library.close()
