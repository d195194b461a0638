"""A phrase of common words repeated (``"de la el de la el …"~5``): the embedded store
counts its work and refuses it past its budget (``query_too_costly``, 0.2 s at 100k
documents), while the engine read it to the end (26 s of its CPU at 100k documents, the
API waiting 90 s and asking it again twice on its client's timeout). The engine is now
given a time for a question's matching (``timeout``); a search it stopped there is the
embedded store's 422 ``query_too_costly`` with the same Spanish advice, never the part
it read given as the answer."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from indexer.query import QueryTooCostly
from indexer.speeches.model import Speech
from indexer.speeches.search import SpeechQuery
from indexer.speeches.search.engine_index import EngineSpeechIndex
from indexer.stores import SearchQuery, Store
from indexer.stores.engine import request
from tests.engine.fixtures import TEST_BACKOFF, MakeStore, drop_speech_index
from tests.stores.corpus import sentencia

# the engine's matching checks its time between windows of at least 1,024 documents, and
# reads a clock it refreshes every 200 ms: the first window must be far more work than
# that on any machine. 1,800 words a document make it about 1.2 s here (the whole
# question 3.5-4 s on either engine); 90 words made it 0.1 s, and a quiet CI machine
# once answered the whole question before the engine's clock had moved.
DOCS = 3000
COMMON = "de la el " * 600
COSTLY = '"' + " ".join(["de", "la", "el"] * 8) + '"~5'
ADVICE = "acorte la frase o reduzca la proximidad"


def _load(store: Store) -> Store:
    docs = [
        sentencia(n, COMMON + f"expediente {n}", "Sala Civil", "civil", dt.date(2023, 1, 1))
        for n in range(1, DOCS + 1)
    ]
    report = store.upsert(docs)
    assert report.indexed == DOCS and not report.errors
    return store


def _refusal(store: Store) -> QueryTooCostly:
    with pytest.raises(QueryTooCostly) as refused:
        store.search(SearchQuery(q=COSTLY))
    return refused.value


@pytest.mark.parametrize("kind", ["opensearch", "elasticsearch"])
def test_the_engine_stops_the_phrase_and_refuses_it_the_same(
    make_engine_store: MakeStore, kind: str
) -> None:
    # a millisecond: the engine stops after the first window of documents
    store = _load(make_engine_store(kind, work_s=0.001))
    refused = _refusal(store)
    assert ADVICE in refused.mensaje
    # a question the engine answers within its time is answered
    answer = make_engine_store(kind)
    answer.upsert([sentencia(1, "daño moral", "Sala Civil", "civil", dt.date(2023, 1, 1))])
    assert answer.search(SearchQuery(q='"daño moral"~2')).total == 1


def test_a_store_asks_the_engine_a_third_of_its_wait(make_engine_store: MakeStore) -> None:
    store = make_engine_store("opensearch")
    assert store.work_s == pytest.approx(store.client.timeout_s / 3)


def test_the_speech_search_is_stopped_the_same(
    make_engine_store: MakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``/v1/speeches`` asks the engine with the same time (``request.work_seconds``):
    a speech as long as the documents above, so that its first window is as far beyond
    the engine's clock, and the same refusal (the API's 422 ``query_too_costly``)."""
    client = make_engine_store("opensearch").client
    speeches = EngineSpeechIndex(client, f"t-{uuid.uuid4().hex[:12]}-speeches", TEST_BACKOFF)
    try:
        said = [
            Speech(id=f"s-{n}", session_id="ses-1", order=n, text=COMMON + f"turno {n}")
            for n in range(DOCS)
        ]
        assert speeches.rebuild(said) == DOCS
        # answered within the client's own time (a third of its wait)
        found = speeches.search(SpeechQuery(q="turno 7", include_procedural=True))
        assert found.total >= 1
        monkeypatch.setattr(request, "work_seconds", lambda client: 0.001)
        with pytest.raises(QueryTooCostly) as refused:
            speeches.search(SpeechQuery(q=COSTLY, include_procedural=True))
        assert ADVICE in refused.value.mensaje
    finally:
        drop_speech_index(client, speeches.name)
