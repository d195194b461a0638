"""A feed reader that asks only ``If-Modified-Since`` (many do) was told "not modified"
after a document left the feed: ``Last-Modified`` was the newest entry's ``updated``,
and a deletion makes no entry newer (the next document moves in with its older date).
The reader kept showing a withdrawn sentence. Real HTTP on 127.0.0.1, a real
SQLite/Tantivy library, the document deleted as an operator would (its row and its
index entry)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import httpx
from sqlalchemy import text

from api.app import create_app
from indexer.models import Sentencia
from tests.api.conftest import federal_sentencia, make_library
from tests.uvicorn_thread import serving


def _sentence(name: str, year: int) -> Sentencia:
    doc = federal_sentencia(name, "El tribunal resuelve sobre la concesión minera.")
    return doc.model_copy(update={"date": dt.date(year, 5, 1)})


def test_a_withdrawn_document_is_not_answered_not_modified(tmp_path: Path) -> None:
    library = make_library(tmp_path)
    try:
        library.add_document(_sentence("retirada-2024", 2024))  # newest act: first entry
        library.add_document(_sentence("antigua-2022", 2022))
        library.flush()
        time.sleep(1.1)  # Last-Modified has whole seconds
        library.add_document(_sentence("vigente-2023", 2023))  # the newest save
        library.flush()
        with serving(create_app(library)) as base:
            params = {"q": "concesión", "limit": "2"}
            first = httpx.get(f"{base}/v1/search.atom", params=params)
            assert first.status_code == 200 and b"retirada-2024" in first.content
            modified = first.headers["last-modified"]
            time.sleep(1.1)
            with library.db.session() as s:
                s.execute(text("delete from documents where id = 'retirada-2024'"))
                s.commit()
            library.store.delete(["retirada-2024"])
            library.flush()
            now = httpx.get(f"{base}/v1/search.atom", params=params)
            assert b"retirada-2024" not in now.content and b"antigua-2022" in now.content
            again = httpx.get(
                f"{base}/v1/search.atom", params=params, headers={"If-Modified-Since": modified}
            )
            assert again.status_code == 200, "the feed changed: a 304 keeps the withdrawn one"
            assert b"retirada-2024" not in again.content
            # nothing changed since this answer: its date still earns a 304
            same = httpx.get(
                f"{base}/v1/search.atom",
                params=params,
                headers={"If-Modified-Since": again.headers["last-modified"]},
            )
            assert same.status_code == 304
    finally:
        library.close()
