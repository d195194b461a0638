"""A feed reader polls a search's Atom feed with the validators of the copy it has
(``If-None-Match``, ``If-Modified-Since``). The server built the whole feed (the search,
the hits' rows, the lag's checks, the rendering) only to find it unchanged and answer
304. It now answers such a poll from the validators it remembered for the same state of
the library (the index's commit, what was withheld, deleted or masked since, the last
change a reader could see), without searching; and every change a reader would see in
the feed (a document withheld, deleted, masked or added; the index's commit leaves it
as it was) is answered with the new feed, never a 304. Real HTTP on 127.0.0.1, both
databases."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from api import index_lag
from api.app import create_app
from api.routers import feed as feed_router
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia
from indexer.privacy import MASK
from tests.uvicorn_thread import serving

TIMEOUT = httpx.Timeout(120.0)
WAIT_S = 60.0  # a bound on waiting for the listening thread, never a measure
HELD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="nombre", start=0, end=5)])
OPENING = "Sentencia sobre la concesión minera promovida por "


def _judgment(doc_id: str, party: str, day: int) -> Sentencia:
    return Sentencia(
        id=doc_id,
        title=f"Amparo {doc_id}",
        date=dt.date(2024, 5, day),
        institution="Poder Judicial de la Federación",
        jurisdiction="MX",
        source_id="pjf",
        url=f"https://ejemplo.gob.mx/{doc_id}",
        text=f"{OPENING}{party}.",
    )


NAMED = _judgment("nombrada", "Mariana Quintero Salas", 1)
OTHERS = [_judgment(f"otra-{n}", "la empresa minera", 2 + n) for n in range(3)]


@pytest.fixture
def library(tmp_path: Path, database_url: str) -> Iterator[Library]:
    library = Library.open(Settings(data_dir=tmp_path, database_url=database_url))
    for doc in [NAMED, *OTHERS]:
        library.add_document(doc)
    library.flush()
    yield library
    library.close()


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The feeds' searches, counted (the work a 304 from what is remembered saves)."""
    asked: list[str] = []
    search = feed_router.run_search

    def counted(library: Library, query: object) -> object:
        asked.append(query.q)  # type: ignore[attr-defined]
        return search(library, query)  # type: ignore[arg-type]

    monkeypatch.setattr(feed_router, "run_search", counted)
    return asked


def _heard(library: Library, write: Callable[[], object]) -> None:
    """``write``, and on PostgreSQL until this process's listening thread heard of it."""
    watch = index_lag._watch(library.db)
    before = watch._heard if isinstance(watch, index_lag._Listening) else None
    write()
    deadline = time.monotonic() + WAIT_S
    while before is not None and watch._heard == before:  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the change was never heard"
        time.sleep(0.01)


def _moment(answer: httpx.Response) -> dt.datetime:
    return parsedate_to_datetime(answer.headers["last-modified"])


class Reader:
    """A feed reader's copy of one feed, polled with its validators both ways."""

    def __init__(self, http: httpx.Client, url: str, q: str) -> None:
        self.http, self.url, self.params = http, url, {"q": q}
        self.copy = self._get({})
        assert self.copy.status_code == 200

    def _get(self, headers: dict[str, str]) -> httpx.Response:
        return self.http.get(self.url, params=self.params, headers=headers)

    def polls(self) -> list[httpx.Response]:
        """The two polls (by ETag, by date), and the feed asked anew."""
        etag = {"If-None-Match": self.copy.headers["etag"]}
        since = {"If-Modified-Since": self.copy.headers["last-modified"]}
        return [self._get(etag), self._get(since), self._get({})]

    def unchanged(self) -> None:
        by_tag, by_date, fresh = self.polls()
        assert fresh.status_code == 200 and fresh.content == self.copy.content
        assert by_tag.status_code == 304 and by_tag.content == b""
        assert by_tag.headers["etag"] == self.copy.headers["etag"]
        assert by_date.status_code == 304

    def changed(self) -> httpx.Response:
        by_tag, by_date, fresh = self.polls()
        assert fresh.status_code == 200 and fresh.content != self.copy.content
        assert by_tag.status_code == 200 and by_tag.content == fresh.content
        # a date says whole seconds: a change within the second of the copy's date is
        # not told by it (HTTP's limit); one in a later second always is
        before, after = (_moment(r) for r in (self.copy, fresh))
        assert after >= before
        if after > before:
            assert by_date.status_code == 200 and by_date.content == fresh.content
        self.copy = fresh
        return fresh


def test_an_unchanged_feed_is_answered_304_without_searching(
    library: Library, searches: list[str]
) -> None:
    with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
        reader = Reader(http, f"{base}/v1/search.atom", "concesión")
        assert searches == ["concesión"]
        for _ in range(3):
            by_tag, by_date, _fresh = reader.polls()
            assert by_tag.status_code == 304 and by_date.status_code == 304
        assert searches == ["concesión"] * 4  # the three fresh ones alone searched
        # another question is another feed: built, then remembered too
        other = Reader(http, f"{base}/v1/search.atom", "minera")
        assert other.copy.content != reader.copy.content
        other.unchanged()
        reader.unchanged()


def test_a_changed_feed_is_never_answered_304(library: Library) -> None:
    with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
        feed = f"{base}/v1/search.atom"
        reader = Reader(http, feed, "concesión")
        named = Reader(http, feed, "Quintero")
        assert "nombrada" in named.copy.text
        reader.unchanged()
        named.unchanged()
        # withheld since the index's commit: its entry leaves, the subtitle counts 3
        _heard(
            library, lambda: library.add_document(OTHERS[0].model_copy(update={"privacy": HELD}))
        )
        assert "otra-0" not in reader.changed().text and "3 documentos" in reader.copy.text
        reader.unchanged()
        library.flush()  # the index's commit: the same feed, from the index
        reader.unchanged()

        # deleted by an operator, the index keeps it until its commit
        def delete() -> None:
            with library.db.session() as s:
                s.execute(text("delete from documents where id = 'otra-1'"))
                s.commit()

        _heard(library, delete)
        assert "otra-1" not in reader.changed().text
        reader.unchanged()
        # a name masked since the commit: not in the feed of that name any more
        masked = NAMED.model_copy(
            update={
                "text": f"{OPENING}{MASK}.",
                "privacy": PrivacyReport(
                    findings=[
                        PrivacyFinding(kind="nombre", start=len(OPENING), end=len(OPENING) + 15)
                    ]
                ),
            }
        )
        _heard(library, lambda: library.add_document(masked))
        assert "nombrada" not in named.changed().text
        named.unchanged()
        assert "Quintero" not in reader.changed().text  # its text is the masked one
        reader.unchanged()
        library.flush()  # the index's snippet, marked, where the text's beginning was
        named.unchanged()
        assert "&lt;mark&gt;concesión" in reader.changed().text
        reader.unchanged()
        # a new document
        library.add_document(_judgment("nueva", "el ejido", 20))
        library.flush()
        assert "nueva" in reader.changed().text
        reader.unchanged()
        # withheld from its arrival: nothing a reader sees, and no validator tells
        arrived = _judgment("retenida", "el ejido vecino", 21)
        _heard(library, lambda: library.add_document(arrived.model_copy(update={"privacy": HELD})))
        reader.unchanged()
        library.flush()
        reader.unchanged()
