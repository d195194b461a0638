"""A deployment upgraded onto an engine index of the mapping before the ``ruling`` field
keeps answering searches for the hour ``abierto reindex`` takes: a question naming the
sentido del fallo is refused with what to do (never answered as if no sentencia had
one), the page leaves that facet out, writes wait, and after the reindex everything
answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from cli.main import main
from config.settings import Settings
from indexer.library import Library
from indexer.stores.base import StoreUnavailable
from tests.engine.fixtures import MakeStore, engine_url
from tests.engine.test_engine_mapping import _holding_the_corpus, _written_before_the_ruling
from tests.stores.corpus import corpus

MENSAJE = (
    "este índice aún no tiene el sentido del fallo: el operador debe ejecutar `abierto reindex`"
)
HEADING = "<h3>Sentido del fallo</h3>"


def _ids(answer: dict[str, object]) -> set[str]:
    return {hit["id"] for hit in answer["hits"]}  # type: ignore[attr-defined, index]


def test_an_index_without_the_ruling_answers_every_other_search_until_reindexed(
    make_engine_store: MakeStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    store = make_engine_store("opensearch")
    _holding_the_corpus(store, _written_before_the_ruling())
    url = engine_url(request, "opensearch")
    data = tmp_path / "data"
    settings = Settings(
        data_dir=data, search_url=url, search_engine="opensearch", search_index=store.alias
    )
    writer = Library.open(settings, writer=True)
    writer.add_documents(corpus())  # a crawl after the upgrade: saved, not indexed yet
    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        writer.flush()
    writer.close()

    with TestClient(create_app(settings=settings)) as api:
        plain = api.get("/v1/search", params={"q": '"daño moral"'})
        assert plain.status_code == 200, plain.text
        assert _ids(plain.json()) == {"sen-001"}
        for asked in ({"ruling": "confirma"}, {"q": "fallo:confirma"}, {"facets": "ruling"}):
            refused = api.get("/v1/search", params=asked)
            assert refused.status_code == 422, (asked, refused.text)
            item = refused.json()["detail"][0]
            assert item["type"] == "field_not_indexed" and item["mensaje"] == MENSAJE
            assert item["loc"] == ["query", next(iter(asked))]
        feed = api.get("/v1/search.atom", params={"ruling": "confirma"})
        assert feed.status_code == 422 and MENSAJE in feed.text
        alert = api.post(
            "/v1/alerts",
            json={"query": {"ruling": ["confirma"]}, "delivery": {"email": "a@example.org"}},
        )
        assert alert.status_code == 422 and MENSAJE in alert.text
        export = api.get("/v1/export.csv", params={"q": "sentencia", "ruling": "confirma"})
        assert export.status_code == 422 and MENSAJE in export.text

        page = api.get("/buscar")  # it always asks the ruling facet: left out
        assert page.status_code == 200, page.text
        assert "Sentencia del expediente 1/2023" in page.text and HEADING not in page.text
        chosen = api.get("/buscar", params={"ruling": "confirma"})
        assert chosen.status_code == 400
        assert "Este índice aún no tiene el sentido del fallo" in chosen.text
        assert "Sentencia del expediente 1/2023" not in chosen.text
        health = api.get("/healthz")
        assert health.status_code == 200 and "abierto reindex" in health.json()["store"]["aviso"]

        # the operator reindexes (another process); the running service sees it at once
        monkeypatch.setenv("ABIERTO_SEARCH_URL", url)
        monkeypatch.setenv("ABIERTO_SEARCH_ENGINE", "opensearch")
        monkeypatch.setenv("ABIERTO_SEARCH_INDEX", store.alias)
        assert main(["--data-dir", str(data), "reindex"]) == 0

        confirma = api.get("/v1/search", params={"ruling": "confirma"})
        assert confirma.status_code == 200, confirma.text
        assert _ids(confirma.json()) == {"sen-003", "sen-004"}
        assert HEADING in api.get("/buscar").text
        assert "aviso" not in api.get("/healthz").json()["store"]
