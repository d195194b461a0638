"""A bulk request the engine answers late, but within what its size asks for, is sent
once: its read timeout grows with its body. Before, a request of some MB that took longer
than the client's fixed timeout was sent again whole, and the engine, which had taken the
first one, indexed every document twice. A real proxy on 127.0.0.1 between the client and
the node holds each bulk answer back."""

from __future__ import annotations

import threading
import time

import pytest

from indexer.stores.engine import Connection, EngineStore, connect
from tests.citations.test_library import sentencia
from tests.engine.es_compat_proxy import EsCompatProxy
from tests.engine.fixtures import ENGINE_KINDS, TEST_BACKOFF, MakeStore, client_kind, engine_url

TEXT = "Considerando que el acto reclamado carece de fundamentación y motivación. " * 800
# the engine's answer, late: past the client's 3 s timeout, within its 3 s per MB (a
# base of 3 s, not 1, so that the other requests hold on a loaded machine)
TIMEOUT_S = 3.0
DELAY_S = 3.5


class Slow:
    """Passes every request on; a bulk one after ``DELAY_S``, counted."""

    def __init__(self) -> None:
        self.bulks = 0
        self.lock = threading.Lock()

    def __call__(self, method: str, path: str, body: bytes) -> None:
        if path.split("?")[0].endswith("/_bulk"):
            with self.lock:
                self.bulks += 1
            time.sleep(DELAY_S)
        return None


@pytest.mark.parametrize("kind", ENGINE_KINDS)
def test_a_slow_answer_to_a_large_bulk_request_is_awaited_not_sent_again(
    request: pytest.FixtureRequest, make_engine_store: MakeStore, kind: str
) -> None:
    made = make_engine_store(kind)  # its indices removed after the test
    made.ensure()  # made without the proxy, so only the bulk request is held back
    alias = made.alias
    docs = [sentencia(f"s{n:02d}", "2023-09-01", f"Amparo {n}. " + TEXT) for n in range(75)]
    slow = Slow()
    with EsCompatProxy(engine_url(request, kind), intercept=slow) as proxy:
        client = connect(client_kind(kind), Connection(proxy.url, timeout_s=TIMEOUT_S))  # type: ignore[arg-type]
        store = EngineStore(client, alias, backoff=TEST_BACKOFF)
        try:
            store.ensure()
            report = store.upsert(docs)  # one request of ~4.5 MB: 15 s
            assert (report.indexed, report.errors) == (len(docs), {})
            assert slow.bulks == 1  # awaited: never sent again
            assert store.count() == len(docs)
        finally:
            store.close()
