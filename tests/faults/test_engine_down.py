"""The OpenSearch node dies in the middle of bulk writes and comes back: meanwhile the
API answers 503 (retry later), the writes are retried, and once the node is back every
document is indexed once — nothing lost, nothing twice.

Needs java (and mvn for the first build), like tests/engine; skips without them outside CI.
The node is killed with SIGKILL (no clean shutdown) and started again on the same folder
and port, as a supervisor would restart it.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from bench.legal_corpus import LegalCorpus
from config.settings import Settings
from indexer.archive import FileArchive
from indexer.db import Database
from indexer.extract import ExtractionLimits
from indexer.library import Library
from indexer.stores import SearchQuery
from indexer.stores.engine import Backoff, Connection, EngineStore, connect
from tests.engine.fixtures import in_ci, missing_tools
from tests.engine.opensearch import start

DOCUMENTS = 1500
ALIAS = "faults"
# long enough to outlast a node restart on a busy machine (about two minutes in all),
# asking every second: the flush carries on within a second of the node's return
PATIENT = Backoff(attempts=150, base_s=0.5, cap_s=1.0)


def test_engine_node_killed_mid_bulk_then_back(tmp_path: Path) -> None:
    reason = missing_tools()
    if reason:
        if in_ci():
            pytest.fail(f"engine fault tests must run in CI: {reason}")
        pytest.skip(f"no OpenSearch test node: {reason}")
    home = tmp_path / "node"
    node = start(home)
    try:
        settings = Settings(
            data_dir=tmp_path / "data",
            search_url=node.url,
            search_engine="opensearch",
            search_index=ALIAS,
            search_timeout_s=5,
        )
        db = Database(settings.database)
        client = connect("opensearch", Connection(node.url, timeout_s=5))
        store = EngineStore(client, ALIAS, backoff=PATIENT, bulk_docs=50, bulk_workers=1)
        library = Library(db, store, FileArchive(settings.files_dir), ExtractionLimits())
        corpus = list(LegalCorpus(DOCUMENTS))
        for doc in corpus:
            library.add_document(doc)

        flushed: dict[str, object] = {}

        def flush() -> None:
            try:
                flushed["count"] = library.flush()
            except Exception as exc:  # reported by the assertions below
                flushed["error"] = exc

        writer = threading.Thread(target=flush)
        writer.start()
        deadline = time.monotonic() + 120
        while db.count_pending() == DOCUMENTS and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(node.pid, signal.SIGKILL)  # mid-bulk: some batches sent, the rest not
        node.stop()
        assert writer.is_alive(), "the flush ended before the node was stopped"
        pending_while_down = db.count_pending()
        assert 0 < pending_while_down < DOCUMENTS

        with TestClient(create_app(settings=settings)) as api:
            down = api.get("/v1/search", params={"q": "amparo"})
            assert down.status_code == 503 and down.headers["Retry-After"]
            assert api.get("/healthz").status_code == 503

        node = start(home, port=node.port)
        writer.join(timeout=240)
        assert not writer.is_alive(), "the flush did not finish after the node came back"
        assert "error" not in flushed, flushed.get("error")
        assert db.count_pending() == 0
        assert store.count() == DOCUMENTS  # every document once: ids are the engine's _id
        every = store.search(SearchQuery(q="", limit=1, facets=[]))
        assert every.total == DOCUMENTS
        with TestClient(create_app(settings=settings)) as api:
            assert api.get("/v1/search", params={"q": "amparo"}).status_code == 200
        db.close()
        store.close()
    finally:
        node.stop()
