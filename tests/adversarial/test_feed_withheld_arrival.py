"""The Atom feed's ``Last-Modified`` was when any document was last saved: a document
withheld for personal data (no entry, no page, counted nowhere) moved it when it came in,
so a watcher polling a feed learned that something withheld had arrived, and when. The
feed's validators now move only with what a reader could see: a document published
saved, one withdrawn, one deleted; not a document withheld since it arrived saved again
(it was never published: ``documents.never_published``). Real HTTP on 127.0.0.1, a real
SQLite/PostgreSQL and Tantivy library."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from api.app import create_app
from config.settings import Settings
from indexer.db.tables import DocumentRow
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia
from tests.api.conftest import federal_sentencia
from tests.uvicorn_thread import serving

SAID = "{} promovió el juicio por la concesión minera del cerro de San Pedro."
LONG_AGO = dt.datetime(
    2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC
)  # the saves before the watch, as old as this
PARAMS = {"q": "concesión"}


@pytest.fixture(params=["sqlite", "postgresql"])
def library(request: pytest.FixtureRequest, tmp_path: Path) -> Library:
    url = None
    if request.param == "postgresql":
        name = f"abierto_feedheld_{uuid.uuid4().hex[:8]}"
        url = request.getfixturevalue("postgres").create_database(name)
    return Library.open(Settings(data_dir=tmp_path, database_url=url))


def _withheld(doc: Sentencia) -> Sentencia:
    finding = PrivacyFinding(kind="nombre", field="text", start=0, end=15)
    return doc.model_copy(update={"privacy": PrivacyReport(policy="withhold", findings=[finding])})


def _validators(base: str) -> tuple[str, str, bytes]:
    answer = httpx.get(f"{base}/v1/search.atom", params=PARAMS, timeout=120)
    assert answer.status_code == 200, answer.text[:300]
    return answer.headers["etag"], answer.headers["last-modified"], answer.content


def test_a_withheld_arrival_moves_no_validator_of_the_feed(library: Library) -> None:
    try:
        # dates apart: the feed's order is the documents' own, with no tie to break
        publica = federal_sentencia("publica", SAID.format("La empresa"))
        library.add_document(publica)
        otra = federal_sentencia("otra", SAID.format("La minera"))
        library.add_document(otra.model_copy(update={"date": dt.date(2023, 3, 1)}))
        library.flush()
        with library.db.session() as s, s.begin():  # saved long before the watch begins
            for row in s.scalars(select(DocumentRow)):
                row.created_at = row.updated_at = LONG_AGO
                row.data = {**row.data, "updated_at": LONG_AGO.isoformat()}
        with serving(create_app(library)) as base:
            etag, modified, body = _validators(base)
            assert b"publica" in body and b"otra" in body
            assert modified == "Thu, 02 Jan 2020 03:04:05 GMT"

            # a document withheld as it arrives, that the search would find
            library.add_document(
                _withheld(federal_sentencia("retenida", SAID.format("Juan Pérez")))
            )
            library.flush()
            now = _validators(base)
            assert b"retenida" not in now[2]
            assert now[:2] == (etag, modified), "the feed tells that something withheld came in"
            again = httpx.get(
                f"{base}/v1/search.atom", params=PARAMS, headers={"If-Modified-Since": modified}
            )
            assert again.status_code == 304

            # the withheld document crawled again and saved anew (its text changed): it
            # was never published, and the feed still says nothing of it
            library.add_document(
                _withheld(federal_sentencia("retenida", SAID.format("Juan Pérez") + " Bis."))
            )
            library.flush()
            resaved = _validators(base)
            assert b"retenida" not in resaved[2]
            assert resaved[:2] == (etag, modified), "a withheld document's new save moved it"

            # a published document withdrawn leaves the feed: both validators move
            library.add_document(_withheld(publica))
            library.flush()
            gone = _validators(base)
            assert b"publica" not in gone[2] and b"otra" in gone[2]
            assert gone[0] != etag and gone[1] != modified
            answered = httpx.get(
                f"{base}/v1/search.atom", params=PARAMS, headers={"If-Modified-Since": modified}
            )
            assert answered.status_code == 200 and b"publica" not in answered.content
    finally:
        library.close()
