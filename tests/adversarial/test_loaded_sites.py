"""One site, one crawl at a time, counting the hosts a source's crawl loads besides its
start hosts: an institution's other server (a court's file server, the Cámara's
Gaceta) is kept to one crawl at a time too. The Cámara de Diputados' SITL pages
(``sitl.diputados.gob.mx``, saved in ``../shared/corpus/diputados-sitl``) link each
deputy's initiatives to the Gaceta's daily pages on ``gaceta.diputados.gob.mx``, the
start host of the catalogue's ``diputados-gaceta``: before, a SITL source and the
Gaceta's were claimed together and the Gaceta's server read by two crawls at once. A
shared platform (Google Drive) is nobody's server: sources of two courts whose files it
holds still crawl together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from config.settings import Settings
from config.specs import parse_spec
from crawlers.runner import crawl
from indexer.db import Database
from indexer.db.crawl_sites import record_loaded_sites, source_sites
from indexer.db.registry import Registry
from indexer.db.tables import SourceRow
from indexer.library import Library
from samples.background import BackgroundServer
from samples.server import _Server

LEASE = dt.timedelta(minutes=30)
NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
GACETA = "https://gaceta.diputados.gob.mx/Gaceta/66/2026/dic/20261207.html"
SITL = "https://sitl.diputados.gob.mx/LXVI_leg/iniciativas_por_pernplxvi.php?iddipt=1"


def _spec(source_id: str, url: str) -> dict[str, object]:
    return {
        "id": source_id, "kind": "legislativo", "jurisdiction": "MX", "institution": "Cámara",
        "start_urls": [url],
        "listing": {"items": "article", "link": "a::attr(href)", "fields": {"title": "a::text"}},
    }  # fmt: skip


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    registry = Registry(db)
    registry.add_institution("diputados", "Cámara de Diputados", "congress", "MX")
    registry.add_institution("pjgto", "Poder Judicial de Guanajuato", "court", "MX-GUA")
    registry.add_institution("pjcdmx", "Poder Judicial de la Ciudad de México", "court", "MX-CMX")
    yield db
    db.close()


def _register(db: Database, sources: dict[str, tuple[str, int]]) -> Registry:
    """``sources``: id → (start address, hours it has been due); the id's first part
    is its institution."""
    registry = Registry(db)
    for source_id, (url, _) in sources.items():
        registry.create_source(source_id.split("-")[0], parse_spec(_spec(source_id, url)), set())
    with db.session() as s, s.begin():
        for source_id, (_, hours) in sources.items():
            when = NOW - dt.timedelta(hours=hours)
            s.execute(update(SourceRow).where(SourceRow.id == source_id).values(next_run_at=when))
    return registry


def _claim(registry: Registry, worker: str, free: int) -> list[str]:
    return [row.id for row in registry.claim_due(worker, LEASE, free, now=NOW)]


def test_a_source_loading_another_sources_start_host_waits_for_it(db: Database) -> None:
    registry = _register(db, {"diputados-sitl": (SITL, 5), "diputados-gaceta": (GACETA, 3)})
    # its last crawl: its own pages, the Gaceta's pages it links, a Drive file, one
    # stray link to the Senado
    answers = {
        "sitl.diputados.gob.mx": 60, "gaceta.diputados.gob.mx": 40, "drive.google.com": 12,
        "www.senado.gob.mx": 2,
    }  # fmt: skip
    record_loaded_sites(db, "diputados-sitl", [SITL], answers)
    assert registry.get_source("diputados-sitl").loaded_sites == [
        "gaceta.diputados.gob.mx",
        "drive.google.com",
    ]
    assert _claim(registry, "w1", 2) == ["diputados-sitl"]  # before: both
    assert _claim(registry, "w2", 2) == []  # the Gaceta's server is being read
    registry.release("diputados-sitl", "w1", succeeded=True)
    assert _claim(registry, "w2", 2) == ["diputados-gaceta"]
    # and the other way: while the Gaceta is crawled, the SITL source waits
    with db.session() as s, s.begin():
        s.execute(update(SourceRow).where(SourceRow.id == "diputados-sitl").values(next_run_at=NOW))
    assert _claim(registry, "w3", 2) == []


def test_a_shared_platform_keeps_no_two_courts_apart(db: Database) -> None:
    """Both courts' sentences are Drive files: Drive is not their server."""
    registry = _register(
        db,
        {
            "pjgto-sentencias": ("https://www.poderjudicial-gto.gob.mx/sentencias", 5),
            "pjcdmx-sentencias": ("https://www.poderjudicialcdmx.gob.mx/sentencias", 3),
        },
    )
    for source_id in ("pjgto-sentencias", "pjcdmx-sentencias"):
        start = registry.get_source(source_id).spec["start_urls"]
        record_loaded_sites(db, source_id, start, {"drive.google.com": 30})
    assert _claim(registry, "w1", 2) == ["pjgto-sentencias", "pjcdmx-sentencias"]


def test_an_institutions_hosts_are_its_start_hosts_siblings_or_under_them() -> None:
    sitl = [SITL]
    loaded = ["gaceta.diputados.gob.mx", "archivos.sitl.diputados.gob.mx", "drive.google.com",
              "www.gob.mx", "127.0.0.2", "no es un host"]  # fmt: skip
    assert source_sites(sitl, loaded) == {
        "sitl.diputados.gob.mx",
        "gaceta.diputados.gob.mx",
        "archivos.sitl.diputados.gob.mx",
    }
    # a start host of three labels has no sibling in gob.mx: only hosts under it
    bare = ["https://congresocdmx.gob.mx/"]
    assert source_sites(bare, ["www.gob.mx", "documentos.congresocdmx.gob.mx"]) == {
        "congresocdmx.gob.mx",
        "documentos.congresocdmx.gob.mx",
    }
    assert source_sites(sitl, None) == {"sitl.diputados.gob.mx"}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_crawl_keeps_the_hosts_its_documents_came_from(tmp_path: Path) -> None:
    """A listing on one server (127.0.0.1) whose four documents are on another
    (127.0.0.2): the crawl keeps that host on its source, not the stray one a single
    link reaches, nor its start host or anyone's robots.txt."""
    (tmp_path / "site").mkdir()
    files = tmp_path / "files"
    for n in range(4):
        body = f"Acuerdo {n} de la sesión. " + "Texto del acuerdo aprobado por el pleno. " * 40
        _write(
            files / f"acuerdo-{n}.html",
            f"<html><body><main><h1>Acuerdo {n}</h1><p>{body}</p></main></body></html>",
        )
    stray = tmp_path / "stray"
    _write(
        stray / "nota.html",
        "<html><body><main><p>" + "Nota aislada. " * 60 + "</p></main></body></html>",
    )
    # one port on the three addresses: a loopback crawl reads only the port its spec names
    with BackgroundServer(_Server(("127.0.0.1", 0), tmp_path / "site"), name="sitio") as home:
        port = int(home.url.rsplit(":", 1)[1])
        with (
            BackgroundServer(_Server(("127.0.0.2", port), files), name="archivos") as archive,
            BackgroundServer(_Server(("127.0.0.3", port), stray), name="nota") as note,
        ):
            links = [f"{archive.url}/acuerdo-{n}.html" for n in range(4)]
            items = "".join(
                f'<article><a href="{link}">Documento</a></article>'
                for link in [*links, f"{note.url}/nota.html"]
            )
            _write(tmp_path / "site" / "listado.html", f"<html><body>{items}</body></html>")
            settings = Settings(
                data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0,
                download_timeout_s=120,
            )  # fmt: skip
            library = Library.open(settings)
            try:
                registry = Registry(library.db)
                registry.add_institution("diputados", "Cámara de Diputados", "congress", "MX")
                spec = parse_spec(_spec("diputados-acuerdos", f"{home.url}/listado.html"))
                registry.create_source("diputados", spec, set())
                (report,) = crawl(settings, [spec], library)
                assert report.stats["items"] == 5, report
                assert registry.get_source("diputados-acuerdos").loaded_sites == ["127.0.0.2"]
            finally:
                library.close()
