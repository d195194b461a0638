"""A document withheld after it was indexed stays in the search index until the indexer
next runs (its commit every half minute, or the next crawl's flush). Meanwhile the feed
listed it from the index and wrote its summary from the database: the title and the
first lines of a text held back for the personal data a review found. The document's
page answers 451 and the export leaves it out; the feed now does too, and leaves out a
document the database no longer has (its link would be a 404). Real HTTP on 127.0.0.1, a
real SQLite/Tantivy library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
from sqlalchemy import text

from api.app import create_app
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia
from tests.api.conftest import federal_sentencia, make_library
from tests.uvicorn_thread import serving

SECRET = "María Guadalupe Hernández López, CURP HELM800101MDFRPR09"


def _sentence(name: str, year: int, who: str = "La empresa") -> Sentencia:
    doc = federal_sentencia(name, f"{who} promovió el juicio por la concesión minera.")
    return doc.model_copy(update={"date": dt.date(year, 5, 1)})


def test_a_document_withheld_or_deleted_before_reindexing_leaves_the_feed(
    tmp_path: Path,
) -> None:
    library = make_library(tmp_path)
    try:
        library.add_document(_sentence("retenida", 2024, SECRET))
        library.add_document(_sentence("borrada", 2023))
        library.add_document(_sentence("publica", 2022))
        library.flush()
        finding = PrivacyFinding(kind="curp", field="text", start=37, end=55)
        withheld = _sentence("retenida", 2024, SECRET).model_copy(
            update={"privacy": PrivacyReport(policy="withhold", findings=[finding])}
        )
        library.add_document(withheld)  # saved; the index is not written until a flush
        with library.db.session() as s:
            s.execute(text("delete from documents where id = 'borrada'"))
            s.commit()
        with serving(create_app(library)) as base:
            assert httpx.get(f"{base}/v1/documents/retenida").status_code == 451
            for params in ({}, {"q": "concesión"}):
                feed = httpx.get(f"{base}/v1/search.atom", params=params)
                assert feed.status_code == 200
                body = feed.content.decode()
                assert "retenida" not in body and "CURP" not in body
                assert "borrada" not in body
                assert "Sentencia publica" in body
    finally:
        library.close()


def test_the_subtitle_counts_only_the_documents_still_listed(tmp_path: Path) -> None:
    """The subtitle's count came from the index: three documents over the one entry left,
    until the indexer's next commit (a watcher learned two matching were just withheld or
    deleted). It counts what the feed lists; after the commit it is the same, so the
    ETag does not change a second time."""
    library = make_library(tmp_path)
    try:
        for name, year in (("retenida", 2024), ("borrada", 2023), ("publica", 2022)):
            library.add_document(_sentence(name, year, SECRET if name == "retenida" else "X"))
        library.flush()
        finding = PrivacyFinding(kind="curp", field="text", start=37, end=55)
        library.add_document(
            _sentence("retenida", 2024, SECRET).model_copy(
                update={"privacy": PrivacyReport(policy="withhold", findings=[finding])}
            )
        )
        with library.db.session() as s:
            s.execute(text("delete from documents where id = 'borrada'"))
            s.commit()
        with serving(create_app(library)) as base:
            for params in ({}, {"q": "concesión"}):
                body = httpx.get(f"{base}/v1/search.atom", params=params).content.decode()
                assert body.count("<entry>") == 1
                assert "<subtitle>1 documento coincide con esta búsqueda.</subtitle>" in body
    finally:
        library.close()


def test_a_document_withheld_beyond_the_feeds_page_is_not_counted_either(
    tmp_path: Path,
) -> None:
    """The newest entries fill the page; the one withheld since the index's last commit
    is older and falls beyond it: the subtitle counted it all the same («3 documentos»
    over a library that publishes two)."""
    library = make_library(tmp_path)
    try:
        for name, year in (("nueva", 2024), ("media", 2023), ("retenida", 2020)):
            library.add_document(_sentence(name, year, SECRET if name == "retenida" else "X"))
        library.flush()
        finding = PrivacyFinding(kind="curp", field="text", start=37, end=55)
        library.add_document(
            _sentence("retenida", 2020, SECRET).model_copy(
                update={"privacy": PrivacyReport(policy="withhold", findings=[finding])}
            )
        )
        with serving(create_app(library)) as base:
            for params in ({"limit": 1}, {"q": "concesión", "limit": 1}):
                answer = httpx.get(f"{base}/v1/search.atom", params=params)
                assert answer.status_code == 200, answer.text
                body = answer.content.decode()
                assert body.count("<entry>") == 1 and "Sentencia nueva" in body
                assert "<subtitle>2 documentos coinciden" in body, body[:600]
    finally:
        library.close()
