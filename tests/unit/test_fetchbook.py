"""A crawl's fetch validators, looked up and saved in batches, on a real SQLite file:
what was saved is found, what is not yet saved is found too, a second save of a URL
replaces its validators, and nothing is written before ``save``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crawlers import fetchbook
from crawlers.fetchbook import FetchBook, Fetched, Known
from indexer.db import Database, FetchRow


def _row(url: str, etag: str) -> FetchRow:
    return FetchRow(
        url=url, source_id="s", status=200, etag=etag, last_modified=None,
        sha256="a" * 64, content_type="text/html", fetched_at=dt.datetime.now(dt.UTC),
    )  # fmt: skip


def test_validators_are_found_before_and_after_they_are_saved(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'a.db'}")
    book = FetchBook(db, "s")
    book.remember(_row("http://127.0.0.1/1", '"v1"'))
    assert db.get_fetch("http://127.0.0.1/1") is None  # not written yet
    assert book.get("http://127.0.0.1/1") == Known('"v1"', None, "a" * 64, "text/html")
    book.save()
    assert db.get_fetch("http://127.0.0.1/1").etag == '"v1"'
    again = FetchBook(db, "s")
    found = again.lookup(["http://127.0.0.1/1", "http://127.0.0.1/2", "http://127.0.0.1/1"])
    assert found == {
        "http://127.0.0.1/1": Known('"v1"', None, "a" * 64, "text/html"),
        "http://127.0.0.1/2": None,
    }
    again.remember(_row("http://127.0.0.1/1", '"v2"'))
    again.save()
    assert db.get_fetch("http://127.0.0.1/1").etag == '"v2"'
    db.close()


def test_a_full_batch_is_written_without_waiting_for_the_end(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'a.db'}")
    book = FetchBook(db, "s")
    for n in range(fetchbook.SAVE_EVERY + 3):
        book.remember(_row(f"http://127.0.0.1/{n}", f'"{n}"'))
    assert db.get_fetch("http://127.0.0.1/0").etag == '"0"'
    assert db.get_fetch(f"http://127.0.0.1/{fetchbook.SAVE_EVERY + 2}") is None
    assert len(book.unsaved) == 3
    db.close()


def test_plain_records_of_a_crawl_are_saved_as_rows(tmp_path: Path) -> None:
    """What the crawl's middleware remembers (a plain record, not a mapped row) is
    written with every column."""
    db = Database(f"sqlite:///{tmp_path / 'a.db'}")
    book = FetchBook(db, "s")
    at = dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)
    book.remember(
        Fetched(
            url="http://127.0.0.1/s1.html",
            source_id="s",
            status=200,
            etag='"e1"',
            last_modified="Tue, 01 Dec 2026 08:00:00 GMT",
            sha256="b" * 64,
            content_type="text/html; charset=utf-8",
            fetched_at=at,
        )
    )
    assert book.get("http://127.0.0.1/s1.html") == Known(
        '"e1"', "Tue, 01 Dec 2026 08:00:00 GMT", "b" * 64, "text/html; charset=utf-8"
    )
    book.save()
    row = db.get_fetch("http://127.0.0.1/s1.html")
    assert (row.source_id, row.status, row.etag, row.sha256) == ("s", 200, '"e1"', "b" * 64)
    assert row.last_modified == "Tue, 01 Dec 2026 08:00:00 GMT"
    assert row.content_type == "text/html; charset=utf-8"
    assert row.fetched_at.replace(tzinfo=dt.UTC) == at
    db.close()


def test_another_sources_fetch_of_the_url_is_not_known(tmp_path: Path) -> None:
    """Validators are the source's own: what another source fetched is unknown here (a
    fetch by this source replaces the row, so each is then fetched unconditionally)."""
    db = Database(f"sqlite:///{tmp_path / 'a.db'}")
    mine, theirs = FetchBook(db, "s"), FetchBook(db, "otra")
    mine.remember(_row("http://127.0.0.1/1", '"v1"'))
    mine.save()
    assert theirs.get("http://127.0.0.1/1") is None
    assert FetchBook(db, "s").get("http://127.0.0.1/1") is not None
    # a tenant's sources share them; another tenant's source does not see them
    owners = {"s": "pj-gto", "s-2": "pj-gto", "otra": "tsj-qro"}.get
    assert FetchBook(db, "s-2", owners).get("http://127.0.0.1/1") is not None
    assert FetchBook(db, "otra", owners).get("http://127.0.0.1/1") is None
    db.close()
