"""A cache in front of the API (a CDN, Varnish, nginx's proxy_cache) must not keep an
answer made for one institution's key and hand it to whoever asks the same address next.

Shared caches leave alone requests with ``Authorization``, but ``X-API-Key`` is this
API's own header: an answer that said nothing about caching (``GET /v1/sources/{id}``
with the spec, its runs, its audit log, the institution's alerts and their webhooks)
was kept for institution B, or anyone, asking the same address. Every such answer now
says ``Cache-Control: private, no-store``; anonymous reads stay cacheable."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from indexer.models import FileRef
from tests.adversarial.service import gaceta_spec
from tests.api.conftest import PDF_BYTES, _docs

SOURCE = "congreso-gto-pruebas"


@dataclass
class Keyed:
    api: TestClient
    key: str
    alert_id: str
    made: list[str]  # Cache-Control of the source's and the alert's creation


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Keyed]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        allow_loopback=True,
        public_url="https://estadoabierto.example",
        read_limit_anonymous=1_000_000,
        write_rate_per_minute=1_000,
        alert_rate_per_minute=1_000,
    )
    library = Library.open(settings, writer=True)
    pdf = FileRef(url="https://ejemplo.gob.mx/a.pdf", sha256=library.archive.put(PDF_BYTES),
                  content_type="application/pdf", size=len(PDF_BYTES))  # fmt: skip
    for doc in _docs(pdf, pdf):
        library.add_document(doc)
    library.flush()
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", "Congreso del Estado de Guanajuato", "congress",
                             "MX-GUA")  # fmt: skip
    key = registry.issue_key("congreso-gto")[1]
    with TestClient(create_app(library, settings), raise_server_exceptions=False) as api:
        own = {"X-API-Key": key}
        made = api.post("/v1/sources", json=gaceta_spec(SOURCE), headers=own)
        assert made.status_code == 201, made.text
        alert = api.post(
            "/v1/alerts",
            json={"query": {"q": "amparo"}, "delivery": {"webhook": "http://127.0.0.1:9/hook"}},
            headers=own,
        )
        assert alert.status_code == 201, alert.text
        creations = [r.headers.get("cache-control", "") for r in (made, alert)]
        yield Keyed(api, key, alert.json()["id"], creations)
    library.close()


OWN_READS = [
    "/v1/sources",
    f"/v1/sources/{SOURCE}",
    f"/v1/sources/{SOURCE}/runs",
    f"/v1/sources/{SOURCE}/audit",
    "/v1/alerts",
    "/v1/alerts/{alert}",
    "/v1/search?q=amparo",
    "/v1/sessions",
]


@pytest.mark.parametrize("header", ["X-API-Key", "Authorization"])
@pytest.mark.parametrize("path", OWN_READS)
def test_an_answer_to_a_key_is_kept_by_no_cache(keyed: Keyed, path: str, header: str) -> None:
    value = keyed.key if header == "X-API-Key" else f"Bearer {keyed.key}"
    answer = keyed.api.get(path.format(alert=keyed.alert_id), headers={header: value})
    assert answer.status_code == 200, answer.text
    cache = answer.headers.get("cache-control", "")
    assert "private" in cache and "no-store" in cache, (path, cache)


def test_a_creation_answer_with_its_secret_is_kept_by_no_cache(keyed: Keyed) -> None:
    """The alert's creation carries its signing secret, shown once."""
    assert all("no-store" in cache for cache in keyed.made), keyed.made


def test_the_institutions_routes_are_private_even_when_refused(keyed: Keyed) -> None:
    """A 401 or 404 of the institutions' routes is no answer to keep either."""
    for path in ("/v1/sources", f"/v1/sources/{SOURCE}", "/v1/alerts"):
        answer = keyed.api.get(path)
        assert answer.status_code == 401
        assert "no-store" in answer.headers.get("cache-control", "")


def test_an_alert_token_answer_is_kept_by_no_cache(keyed: Keyed) -> None:
    answer = keyed.api.get(f"/v1/alerts/{keyed.alert_id}", headers={"X-Alert-Token": "x" * 32})
    assert answer.status_code == 404
    assert "no-store" in answer.headers.get("cache-control", "")


def test_anonymous_reads_stay_cacheable(keyed: Keyed) -> None:
    """Public answers are the same for everybody: a cache in front may keep them."""
    answer = keyed.api.get("/v1/search?q=amparo")
    assert answer.status_code == 200
    assert "no-store" not in answer.headers.get("cache-control", "")
    feed = keyed.api.get("/v1/search.atom?q=amparo", headers={"X-API-Key": keyed.key})
    assert feed.status_code == 200
    assert feed.headers["cache-control"] == "public, max-age=60"
