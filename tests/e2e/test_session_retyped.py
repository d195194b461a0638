"""A session that readers before version 7 typed otherwise (a «Sesión de Junta Previa»
none, a «Sesión Solemne de Congreso General» ``solemne``) was stored under the id of
that type; the next crawl, whose readers read the new type, adopts it under its id: one
document, found once, and the old id answers 301 to it. Another session of that day
stored under the old id (another address) is never folded into it; ``reextract
--releer`` before the crawl leaves one document too. The stored state is written as
those versions wrote it; the crawl is the crawler's, against a fixture server on
127.0.0.1, on the real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.app import create_app
from config.settings import Settings
from indexer.build import build_document
from indexer.library import Library
from indexer.linking import identity_id
from indexer.readers import READERS_VERSION
from indexer.reextract import reread
from indexer.stores import SearchQuery
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

SCOPE = "senado-prueba"
KEY = ["date", "session_type"]
SPEC = """
id: tabla-sesiones
kind: sesion
institution: Senado de la República
jurisdiction: MX
start_urls: ["${ABIERTO_SAMPLES_URL}/sesiones.html"]
listing:
  items: "css:tr.sesion"
  link: "css:a::attr(href)"
  fields:
    date: "css:td.fecha::text"
    session_type: "css:td.tipo::text"
identity: {scope: senado-prueba, key: [date, session_type]}
"""
DAY = "Miércoles 01 de septiembre de 2027"
WORD = "acuíferos"


def _site(www: Path, title: str) -> None:
    (www / "sesiones.html").write_text(
        f'<html><body><table><tr class="sesion"><td class="fecha">{DAY}</td>'
        f'<td class="tipo">{title}</td><td><a href="/ve/1.html">Versión</a></td></tr>'
        "</table></body></html>"
    )
    (www / "ve").mkdir()
    (www / "ve" / "1.html").write_text(
        f"<html><body><h1>Versión estenográfica. {title}</h1><p>-El Senador Tomás Pineda "
        f"Alcalá: Vengo a hablar de los {WORD} del norte.</p></body></html>"
    )


def _store_as_before(library: Library, url: str, title: str, then: str | None) -> str:
    """The session as readers before version 7 stored it: typed ``then``, under that
    type's id, stamped with their version. Returns that id."""
    doc = build_document(
        kind="sesion", source_id="tabla-sesiones", institution="Senado de la República",
        jurisdiction="MX", url=url, text=f"Versión estenográfica. Los {WORD} del norte.",
        fields={"date": DAY, "session_type": title},
    )  # fmt: skip
    old_doc = doc.model_copy(update={"session_type": then})
    old = identity_id(old_doc, SCOPE, KEY)
    library.add_document(old_doc.model_copy(update={"id": old}))
    with library.db.engine.begin() as connection:
        connection.execute(
            text("UPDATE documents SET readers = :v WHERE id = :id"),
            {"v": READERS_VERSION - 1, "id": old},
        )
    return old


@pytest.mark.parametrize(
    ("title", "then", "new_type", "releer"),
    [
        ("Sesión de Junta Previa", None, "junta_previa", False),
        ("Sesión Solemne de Congreso General", "solemne", "congreso_general", False),
        ("Sesión de Junta Previa", None, "junta_previa", True),
        # before 8, a bare «Sesión Permanente» was the recess body's: now none
        ("Sesión Permanente", "permanente", None, False),
    ],
    ids=["junta-previa", "congreso-general", "releer-first", "permanente"],
)
def test_a_session_typed_otherwise_before_is_adopted_under_its_id(
    tmp_path: Path, title: str, then: str | None, new_type: str | None, releer: bool
) -> None:
    www, specs, data = tmp_path / "www", tmp_path / "specs", tmp_path / "data"
    www.mkdir()
    specs.mkdir()
    (specs / "tabla.yaml").write_text(SPEC)
    _site(www, title)
    settings = Settings(data_dir=data, allow_loopback=True, crawl_delay_s=0)
    with FixtureServer(www) as server:
        url = f"{server.url}/ve/1.html"
        library = Library.open(settings, writer=True)
        try:
            old = _store_as_before(library, url, title, then)
            assert library.db.get_document(old).session_type == then  # type: ignore[union-attr]
            library.flush()
            if releer:  # the operator re-reads first: the type changes, not the id
                tally = reread(library)
                assert tally.failed == 0
                library.flush()
                assert [d.id for d in library.db.iter_documents()] == [old]
        finally:
            library.close()
        done = run_abierto(data, server.url, specs, "--source", "tabla-sesiones")
        assert done.returncode == 0, done.stdout + done.stderr
        again = run_abierto(data, server.url, specs, "--source", "tabla-sesiones")
        assert again.returncode == 0, again.stdout + again.stderr
    library = Library.open(settings)
    try:
        [doc] = list(library.db.iter_documents())  # one document, not two
        assert doc.id != old and doc.session_type == new_type  # type: ignore[union-attr]
        found = library.search(SearchQuery(q=WORD))
        assert [h.id for h in found.hits] == [doc.id]  # found once
        client = TestClient(create_app(library, settings), follow_redirects=False)
        page = client.get(f"/d/{old}", headers={"Accept": "text/html"})
        assert page.status_code == 301 and page.headers["location"] == f"/d/{doc.id}"
        api = client.get(f"/v1/documents/{old}")
        assert api.status_code == 301 and api.headers["location"].endswith(f"/{doc.id}")
    finally:
        library.close()


def test_another_session_of_the_day_under_the_old_id_stays_its_own(tmp_path: Path) -> None:
    """A session of that day with no type, at another address, holds the id a Junta
    Previa had before: the crawl of the Junta Previa does not fold it in."""
    www, specs, data = tmp_path / "www", tmp_path / "specs", tmp_path / "data"
    www.mkdir()
    specs.mkdir()
    (specs / "tabla.yaml").write_text(SPEC)
    _site(www, "Sesión de Junta Previa")
    settings = Settings(data_dir=data, allow_loopback=True, crawl_delay_s=0)
    with FixtureServer(www) as server:
        library = Library.open(settings, writer=True)
        try:
            other = _store_as_before(library, f"{server.url}/ve/2.html", "Sesión", None)
            library.flush()
        finally:
            library.close()
        done = run_abierto(data, server.url, specs, "--source", "tabla-sesiones")
        assert done.returncode == 0, done.stdout + done.stderr
    library = Library.open(settings)
    try:
        docs = {d.id: d for d in library.db.iter_documents()}
        assert len(docs) == 2 and other in docs
        assert docs[other].url.endswith("/ve/2.html")
        client = TestClient(create_app(library, settings), follow_redirects=False)
        assert client.get(f"/v1/documents/{other}").status_code == 200
    finally:
        library.close()
