"""A crawl's batches of sessions write their speeches to the engine without refreshing
its speech index each time (a segment per batch), and a session written again with
fewer speeches leaves none of its old ones behind, even before any refresh or when the
engine refused the write that shortened it."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.settings import Settings
from indexer import library as library_module
from indexer.db import Database
from indexer.library import Library
from indexer.models import Sesion
from indexer.speeches.search import SpeechQuery
from indexer.speeches.search.engine_index import EngineSpeechIndex
from indexer.speeches.service import forget_sessions, process_sessions
from indexer.speeches.store import session_speeches
from indexer.stores.engine.loading import LOAD_REFRESH, REFRESH_KEY
from indexer.stores.engine.retry import EngineError
from tests.engine.fixtures import (
    ENGINE_KINDS,
    TEST_BACKOFF,
    MakeStore,
    drop_speech_index,
    engine_url,
)

CONGRESS = "Congreso del Estado de Prueba"


def _session(doc_id: str, turns: int) -> Sesion:
    text = "".join(
        f"-El diputado Pedro Salas Mora (PAN): Intervención {n} sobre el agua potable.\n"
        for n in range(turns)
    )
    return Sesion(
        id=doc_id,
        title="Sesión",
        date=dt.date(2025, 2, 18),
        institution=CONGRESS,
        jurisdiction="MX-GUA",
        source_id="prueba",
        url=f"https://ejemplo.gob.mx/{doc_id}",
        text=text,
        congress=CONGRESS,
        legislature="LXVI",
    )


@pytest.fixture(params=ENGINE_KINDS)
def index(request: pytest.FixtureRequest) -> Iterator[EngineSpeechIndex]:
    make: MakeStore = request.getfixturevalue("make_engine_store")
    client = make(request.param).client
    engine = EngineSpeechIndex(client, f"t-{uuid.uuid4().hex[:12]}-speeches", TEST_BACKOFF)
    engine.ensure()
    # no scheduled refreshes: every refresh counted is one the writes asked for
    client.put_settings(engine.name, {"index.refresh_interval": "-1"})
    yield engine
    drop_speech_index(client, engine.name)


def _refreshes(index: EngineSpeechIndex) -> int:
    stats = index.client.client.indices.stats(index=index.name, metric="refresh")  # type: ignore[attr-defined]
    return int(stats["_all"]["primaries"]["refresh"]["total"])


def _in_session(index: EngineSpeechIndex, session_id: str) -> int:
    query = SpeechQuery(filters={"session_id": [session_id]}, include_procedural=True)
    return index.search(query).total


def test_batches_of_sessions_force_no_refresh_and_are_searchable_after_one(
    index: EngineSpeechIndex, tmp_path: Path
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    try:
        before = _refreshes(index)
        for batch in range(3):
            sessions = [_session(f"b{batch}-s{n}", 20) for n in range(4)]
            assert process_sessions(db, index, sessions) == 80
        assert _refreshes(index) == before
        index.refresh()  # the library's commit, once
        assert index.count() == 240
        assert _in_session(index, "b1-s2") == 20
    finally:
        db.close()


def test_a_session_written_again_with_fewer_speeches_keeps_none_of_the_old(
    index: EngineSpeechIndex, tmp_path: Path
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    try:
        process_sessions(db, index, [_session("s1", 30), _session("s2", 5)])
        index.refresh()
        # written again twice before any refresh: the first rewrite is not searchable
        # when the second comes, and its extra speeches must still go
        process_sessions(db, index, [_session("s1", 12)])
        process_sessions(db, index, [_session("s1", 4)])
        index.refresh()
        assert _in_session(index, "s1") == 4
        assert _in_session(index, "s2") == 5
        forget_sessions(db, index, ["s2"])
        index.refresh()
        assert _in_session(index, "s2") == 0
        assert index.count() == 4
    finally:
        db.close()


def test_a_session_shortened_while_the_engine_refused_its_speeches_keeps_none_of_the_old(
    tmp_path: Path, request: pytest.FixtureRequest, make_engine_store: MakeStore
) -> None:
    """The database commits a session's new (fewer) speeches before the engine writes
    them; when the engine refuses, the flush fails and the session stays queued, and the
    next flush (here after a restart) removes every old speech from the engine although
    the database no longer knows their ids."""
    alias = make_engine_store("opensearch").alias
    settings = Settings(
        data_dir=tmp_path,
        search_url=engine_url(request, "opensearch"),
        search_engine="opensearch",
        search_index=alias,
    )
    library = Library.open(settings, writer=True)
    speeches = f"{alias}-speeches"
    try:
        library.add_document(_session("s1", 30))
        library.add_document(_session("s2", 5))
        library.flush()
        assert _in_session(library.speech_index, "s1") == 30  # type: ignore[arg-type]
        client = library.store.client  # type: ignore[attr-defined]
        client.put_settings(speeches, {"index.blocks.write": True})
        try:
            library.add_document(_session("s1", 4))
            with contextlib.suppress(EngineError):  # refused: the flush says so (it did not)
                library.flush()
        finally:
            client.put_settings(speeches, {"index.blocks.write": False})
        assert len(session_speeches(library.db, "s1")) == 4
        assert library.db.count_pending() == 1  # the session waits to be written again
    finally:
        library.close()
    library = Library.open(settings, writer=True)  # a restart: nothing in memory
    try:
        library.flush()
        assert library.db.count_pending() == 0
        found = library.speech_index.search(  # type: ignore[union-attr]
            SpeechQuery(filters={"session_id": ["s1"]}, include_procedural=True, limit=50)
        )
        in_db = {s.id for s in session_speeches(library.db, "s1")}
        assert {hit.speech.id for hit in found.hits} == in_db
        assert found.total == 4
        assert _in_session(library.speech_index, "s2") == 5  # type: ignore[arg-type]
    finally:
        library.close()


def test_a_flush_of_many_batches_of_sessions_refreshes_the_speech_index_seldom_until_it_ends(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    make_engine_store: MakeStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The speech index, searched, refreshes every second: during a waiting flush of
    several batches it refreshes every 30 s like the documents' index, and as before once
    the flush returns, every speech searchable then."""
    monkeypatch.setattr(library_module, "INDEX_BATCH", 2)
    alias = make_engine_store("opensearch").alias
    settings = Settings(
        data_dir=tmp_path,
        search_url=engine_url(request, "opensearch"),
        search_engine="opensearch",
        search_index=alias,
    )
    library = Library.open(settings, writer=True)
    client = library.store.client  # type: ignore[attr-defined]
    speeches = f"{alias}-speeches"

    def refresh() -> str | None:
        (found,) = client.settings_of(speeches).values()  # the one index the alias names
        return found.get(REFRESH_KEY)

    try:
        library.add_document(_session("s0", 3))
        library.flush()  # the speech index exists from the first session on
        for n in range(1, 8):
            library.add_document(_session(f"s{n}", 10))
        during: list[str | None] = []
        library.flush(lambda done: during.append(refresh()))
        assert len(during) >= 3
        assert set(during[1:]) == {LOAD_REFRESH}
        assert refresh() is None
        assert library.speech_index.count() == 73  # type: ignore[union-attr]
        assert _in_session(library.speech_index, "s7") == 10  # type: ignore[arg-type]
    finally:
        library.close()
