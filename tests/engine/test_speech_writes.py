"""A crawl's batches of sessions write their speeches to the engine without refreshing
its speech index each time (a segment per batch), and a session written again with
fewer speeches leaves none of its old ones behind, even before any refresh."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.db import Database
from indexer.models import Sesion
from indexer.speeches.search import SpeechQuery
from indexer.speeches.search.engine_index import EngineSpeechIndex
from indexer.speeches.service import forget_sessions, process_sessions
from tests.engine.fixtures import ENGINE_KINDS, TEST_BACKOFF, MakeStore

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
    client.delete_index(engine.name)


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
