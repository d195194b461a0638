"""What only the engine store does: analysis parity with Tantivy checked word by word,
per-document bulk errors, retries with backoff, and the alias swap of a rebuild."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import threading
import time

import httpx
import pytest

from indexer.analysis import stem_tokens
from indexer.stores import SearchQuery
from indexer.stores.base import StoreUnavailable
from indexer.stores.engine import Backoff, EngineUnavailable
from indexer.stores.engine.schema import STEMMED, index_settings, mappings
from tests.engine.es_compat_proxy import EsCompatProxy
from tests.engine.fixtures import MakeStore
from tests.engine.opensearch import OpenSearchNode
from tests.stores.corpus import corpus, sentencia

CLIENTS = ["opensearch", "elasticsearch"]
LEGAL_WORDS = (
    "resolución resoluciones constitución constitucional constitucionalidad gobernación "
    "información notificación notificaciones sentencia sentencias sentenciado decisión "
    "decisiones amparo amparos indirecto juzgados tribunal tribunales colegiado niñez "
    "pensión alimenticia alimentos prescripción usucapión adquisitiva inmueble legislatura "
    "dictamen dictámenes iniciativa iniciativas votación votaciones comisión comisiones "
    "ordinaria extraordinaria solemne diputadas diputados senadoras reforma reformas "
    "artículo artículos fracción fracciones párrafo acción acciones nación región opinión "
    "reparación integral víctima víctimas daño daños perjuicios calificado robo homicidio "
    "imputado imputada vinculación proceso suspensión definitiva improcedente procedente "
    "fundado infundado inoperante agravio agravios revisión queja recurso recursos "
    "LXVI 1135 12/LXVI año años pequeña pingüino cigüeña ÁNGEL Über"
)


def test_engine_analysis_stems_every_word_as_tantivy_does(opensearch_node: OpenSearchNode) -> None:
    words = sorted(set(LEGAL_WORDS.split()) | _corpus_words())
    index = "analysis-parity"
    url = opensearch_node.url
    httpx.put(
        f"{url}/{index}",
        json={"settings": index_settings(1, 0), "mappings": mappings()},
        timeout=30,
    ).raise_for_status()
    try:
        answer = httpx.post(
            f"{url}/{index}/_analyze", json={"analyzer": STEMMED, "text": words}, timeout=30
        ).json()
        engine = [t["token"] for t in answer["tokens"]]
        embedded = [token for word in words for token in stem_tokens(word)]
        assert engine == embedded
    finally:
        httpx.delete(f"{url}/{index}", timeout=30)


def _corpus_words() -> set[str]:
    return {w for doc in corpus() for w in re.findall(r"\w+", f"{doc.title} {doc.text}")}


@pytest.mark.parametrize("kind", CLIENTS)
def test_a_document_the_engine_refuses_is_reported_by_id(
    kind: str, make_engine_store: MakeStore
) -> None:
    store = make_engine_store(kind)
    # provoke a mapping conflict: the live index says ``expediente`` is a number
    conflicting = mappings()
    conflicting["properties"]["expediente"] = {"type": "integer"}
    first = f"{store.alias}-000000"
    store.client.create_index(first, index_settings(1, 0), conflicting)
    store.client.update_aliases([{"add": {"index": first, "alias": store.alias}}])

    report = store.upsert(corpus())

    refused = {d.id for d in corpus() if d.kind == "sentencia"}  # "1/2023" is no integer
    assert set(report.errors) == refused
    assert all("expediente" in reason for reason in report.errors.values())
    assert report.indexed == len(corpus()) - len(refused)
    found = store.search(SearchQuery(q="agua"))
    assert {h.id for h in found.hits} == {"ses-001", "leg-001"}


def _bulk_items_429(body: bytes) -> bytes:
    lines = [json.loads(line) for line in body.splitlines() if line.strip()]
    heads = [line for line in lines if set(line) & {"index", "delete"}]
    items = [
        {
            op: {
                "_id": spec["_id"],
                "status": 429,
                "error": {"type": "es_rejected_execution_exception"},
            }
        }
        for head in heads
        for op, spec in head.items()
    ]
    return json.dumps({"took": 1, "errors": True, "items": items}).encode()


@pytest.mark.parametrize("kind", CLIENTS)
def test_busy_answers_are_retried_with_exponential_backoff(
    kind: str, make_engine_store: MakeStore, opensearch_node: OpenSearchNode
) -> None:
    bulks: list[float] = []

    def busy(method: str, path: str, body: bytes) -> tuple[int, bytes] | None:
        if "_bulk" in path:
            bulks.append(time.monotonic())
            if len(bulks) <= 2:  # the whole request refused twice
                return 429, b'{"error": {"type": "too_many_requests"}, "status": 429}'
            if len(bulks) == 3:  # then every document refused once
                return 200, _bulk_items_429(body)
        return None

    backoff = Backoff(attempts=5, base_s=0.1, cap_s=1.0)
    with EsCompatProxy(opensearch_node.url, intercept=busy) as proxy:
        store = make_engine_store(kind, url=proxy.url, backoff=backoff)
        report = store.upsert(corpus())
    assert report.indexed == len(corpus()) and not report.errors
    assert len(bulks) == 4
    gaps = [later - earlier for earlier, later in itertools.pairwise(bulks)]
    # the request: waits of 0.1 s then 0.2 s (±20% jitter); then the refused documents,
    # on their own schedule: 0.1 s
    assert 0.08 <= gaps[0] < gaps[1] and gaps[1] >= 0.16 and gaps[2] >= 0.08
    assert store.count() == len(corpus())


@pytest.mark.parametrize("kind", CLIENTS)
def test_an_engine_that_does_not_answer(kind: str, make_engine_store: MakeStore) -> None:
    store = make_engine_store(
        kind,
        url="http://127.0.0.1:9",  # discard port: nothing listens
        backoff=Backoff(attempts=2, base_s=0.01),
        search_backoff=Backoff(attempts=2, base_s=0.01),
    )
    health = store.health()
    assert health["ok"] is False and health["store"] == store.kind
    assert "Connection" in str(health["error"])
    with pytest.raises(EngineUnavailable):
        store.upsert(corpus())
    with pytest.raises(StoreUnavailable):
        store.search(SearchQuery(q="daño"))


@pytest.mark.parametrize("kind", CLIENTS)
def test_rebuild_swaps_the_alias_while_searches_keep_answering(
    kind: str, make_engine_store: MakeStore
) -> None:
    store = make_engine_store(kind)
    store.upsert(corpus())
    old = store.client.alias_targets(store.alias)
    assert len(old) == 1

    answers: list[int] = []
    failures: list[BaseException] = []
    building = threading.Event()

    def search_meanwhile() -> None:
        while not building.is_set():
            try:
                answers.append(store.search(SearchQuery(q='"daño moral"')).total)
            except BaseException as exc:
                failures.append(exc)
                return

    def slowly() -> object:
        for doc in corpus():
            time.sleep(0.05)
            if doc.id == "sen-001":
                doc = doc.model_copy(update={"text": "Ahora trata de servidumbre de paso."})
            yield doc

    reader = threading.Thread(target=search_meanwhile)
    reader.start()
    try:
        report = store.rebuild(slowly())  # type: ignore[arg-type]
    finally:
        building.set()
        reader.join()
    assert report.indexed == len(corpus())
    assert not failures and len(answers) > 3
    assert set(answers) <= {1, 0} and answers[0] == 1  # the old index until the swap
    new = store.client.alias_targets(store.alias)
    assert len(new) == 1 and new != old
    assert not store.client.index_exists(old[0])
    assert {h.id for h in store.search(SearchQuery(q="servidumbre")).hits} == {"sen-001"}
    assert store.count() == len(corpus())


@pytest.mark.parametrize("facet_size", [1, 5])
def test_facets_on_several_shards_count_exactly(
    facet_size: int, make_engine_store: MakeStore
) -> None:
    """Each shard ranks its own terms: a court that is first overall but never first on
    one shard must still be counted whole, and the courts that follow it in order."""
    store = make_engine_store("opensearch", shards=4)
    courts = [f"Juzgado {i:03d} de Distrito" for i in range(300)]
    counts = {court: 1 + (i * 7) % 4 for i, court in enumerate(courts)}
    counts["Sala Regional Mayor"] = 6
    docs = [
        sentencia(n, "Amparo indirecto resuelto.", court, "civil", dt.date(2024, 1, 1))
        for n, court in enumerate(c for c, k in counts.items() for _ in range(k))
    ]
    assert not store.upsert(docs).errors

    found = store.search(SearchQuery(q="amparo", facets=["court"], facet_size=facet_size))

    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:facet_size]
    assert found.total == len(docs)
    assert [(f.value, f.count) for f in found.facets["court"]] == expected
