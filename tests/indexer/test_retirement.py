"""A document retired for good leaves every place it was published, and its old links
lead to what it became (a 301 to the document that adopted it) or say it is gone (410),
never a silent 404. Real SQLite and PostgreSQL, real Tantivy, the real API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import FileRef, Legislativo, Sesion
from indexer.speeches.search import SpeechQuery
from indexer.stores import SearchQuery

CONGRESS = "Congreso del Estado de Guanajuato"
PAGE = "https://congreso.example/gaceta/gp_hoy.html"
HTML = {"Accept": "text/html"}


def _section(n: int, files: list[FileRef]) -> Legislativo:
    return Legislativo(
        id=f"leg-{n}", title=f"Iniciativa {n} en materia de aguas", date=dt.date(2025, 2, 18),
        institution=CONGRESS, jurisdiction="MX-GUA", source_id="gaceta",
        url=f"{PAGE}#Iniciativa{n}", files=files,
        text=f"Iniciativa {n} que reforma la Ley de Aguas; cita el amparo en revisión 1234/2023.",
    )  # fmt: skip


def _session() -> Sesion:
    return Sesion(
        id="ses-1", title="Sesión ordinaria", date=dt.date(2025, 2, 18), institution=CONGRESS,
        jurisdiction="MX-GUA", source_id="gaceta", url=f"{PAGE}#Sesion",
        text="-El diputado Luis Mora Paz (PT): Hablo de acuíferos sobreexplotados.\n",
        congress=CONGRESS, legislature="LXVI",
    )  # fmt: skip


def _count(library: Library, sql: str) -> int:
    with library.db.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar() or 0)


def test_a_retired_document_leaves_everything_and_its_links_lead_on(
    tmp_path: Path, database_url: str
) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    library = Library.open(settings, writer=True)
    try:
        own = library.add_file(
            b"%PDF-1.4 solo de la iniciativa 2", "https://congreso.example/2.pdf"
        )
        shared = library.add_file(b"%PDF-1.4 anexo comun", "https://congreso.example/anexo.pdf")
        heir = _section(1, [shared.ref])
        library.add_documents([heir, _section(2, [own.ref, shared.ref]), _session()])
        library.flush()
        assert library.search(SearchQuery(q="aguas")).total == 2
        assert _count(library, "SELECT count(*) FROM speeches WHERE session_id = 'ses-1'") == 1
        assert _count(library, "SELECT count(*) FROM citations WHERE doc_id = 'leg-2'") >= 1

        assert library.retire({"leg-2": "leg-1", "ses-1": None}) == 2

        assert library.db.get_document("leg-2") is None
        assert [h.id for h in library.search(SearchQuery(q="aguas")).hits] == ["leg-1"]
        assert library.search(SearchQuery(q="acuíferos")).total == 0
        said = library.speech_index.search(SpeechQuery(q="acuíferos"))  # type: ignore[union-attr]
        assert said.hits == []
        for table, column in [("document_sources", "document_id"), ("index_queue", "doc_id"),
                              ("citations", "doc_id"), ("speeches", "session_id")]:  # fmt: skip
            sql = f"SELECT count(*) FROM {table} WHERE {column} IN ('leg-2', 'ses-1')"
            assert _count(library, sql) == 0, table
        # the file only the retired document listed is gone; the one its heir lists stays
        assert library.db.get_file(own.ref.sha256) is None
        assert library.archive.get(own.ref.sha256) is None
        assert library.archive.get(shared.ref.sha256) is not None

        client = TestClient(create_app(library, settings), follow_redirects=False)
        page = client.get("/d/leg-2?q=aguas", headers=HTML)
        assert page.status_code == 301 and page.headers["location"] == "/d/leg-1?q=aguas"
        moved = client.get("/v1/documents/leg-2/text")
        assert moved.status_code == 301
        assert moved.headers["location"] == "/v1/documents/leg-1/text"
        assert client.get(moved.headers["location"]).status_code == 200
        gone = client.get("/v1/documents/ses-1")
        assert gone.status_code == 410
        assert "se retiró" in gone.json()["mensaje"]
        gone_page = client.get("/d/ses-1", headers=HTML)
        assert gone_page.status_code == 410 and "Documento retirado" in gone_page.text
        assert client.get("/v1/documents/nunca-existio").status_code == 404
        feed = client.get("/v1/search.atom", params={"q": "aguas"})
        assert feed.text.count("<entry>") == 1 and "leg-2" not in feed.text
        exported = client.get("/v1/export.jsonl", params={"q": "aguas"})
        assert "leg-2" not in exported.text

        # its heir retired in turn: the oldest link still reaches what it became
        library.add_documents([_section(3, [])])
        library.flush()
        library.retire({"leg-1": "leg-3"})
        assert client.get("/d/leg-2", headers=HTML).headers["location"] == "/d/leg-3"
    finally:
        library.close()


def test_while_another_process_indexes_the_index_forgets_them_at_the_next_flush(
    tmp_path: Path,
) -> None:
    """A big crawl hands indexing to a process of its own: what the crawl retires
    meanwhile leaves the database at once, and both indexes when the crawl indexes
    again (never waiting for the writer another process holds)."""
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    try:
        library.add_documents([_section(1, []), _section(2, []), _session()])
        library.flush()
        library.hand_over()
        assert library.retire({"leg-2": "leg-1", "ses-1": None}) == 2
        assert library.db.get_document("leg-2") is None
        library.take_back()
        library.flush()
        assert [h.id for h in library.search(SearchQuery(q="aguas")).hits] == ["leg-1"]
        said = library.speech_index.search(SpeechQuery(q="acuíferos"))  # type: ignore[union-attr]
        assert said.hits == []
    finally:
        library.close()
