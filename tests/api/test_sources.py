"""Institutions register and manage their own sources through the API, and only theirs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from samples.generate import generate
from samples.server import SampleServer, serve
from tests.shapes.server import FixtureServer

GTO = "H. Congreso del Estado de Guanajuato"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SampleServer]:
    root = tmp_path_factory.mktemp("sites")
    generate(root)
    with serve(root) as server:
        yield server


@dataclass
class Service:
    client: TestClient
    library: Library
    registry: Registry
    congreso: dict[str, str]
    tribunal: dict[str, str]
    congreso_key_id: str


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def make_service(tmp_path: Path, **settings: Any) -> Service:
    config = Settings(data_dir=tmp_path, allow_loopback=True, **settings)
    library = Library.open(config)
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", GTO, "congress", "MX-GUA")
    registry.add_institution("pj-gto", "Poder Judicial del Estado de Guanajuato", "court", "MX-GUA")
    key_id, congreso = registry.issue_key("congreso-gto")
    _, tribunal = registry.issue_key("pj-gto")
    client = TestClient(create_app(library, config))
    return Service(client, library, registry, _auth(congreso), _auth(tribunal), key_id)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    made = make_service(tmp_path)
    yield made
    made.library.close()


def spec(base: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "congreso-gto-gaceta-propia",
        "kind": "legislativo",
        "jurisdiction": "MX-GUA",
        "start_urls": [f"{base}/congreso/gaceta/index.html"],
        "required": ["number"],
        "listing": {
            "items": "css:div.lista-documentos article.documento-item",
            "link": "css:a.documento-enlace::attr(href)",
            "next_page": "css:nav.paginacion a.pagina-siguiente::attr(href)",
            "fields": {
                "title": "css:a.documento-enlace::text",
                "number": "css:span.documento-numero::text",
                "date": "css:span.documento-fecha::text",
            },
        },
        "detail": {"files": "css:a.documento-adjunto::attr(href)", "text": "css:article"},
        "schedule": {"every_hours": 12},
    }
    return data | changes


def test_a_key_is_required_and_a_revoked_key_stops_at_once(service: Service) -> None:
    assert service.client.get("/v1/sources").status_code == 401
    bad = service.client.get("/v1/sources", headers=_auth("ea_0000_nope"))
    assert bad.status_code == 401 and bad.headers["www-authenticate"] == "Bearer"
    assert service.client.get("/v1/sources", headers=service.congreso).status_code == 200
    service.registry.revoke_key(service.congreso_key_id)
    assert service.client.get("/v1/sources", headers=service.congreso).status_code == 401


def test_register_read_update_pause_resume_delete(service: Service) -> None:
    client, headers = service.client, service.congreso
    created = client.post("/v1/sources", json=spec("http://127.0.0.1:1"), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["spec"]["institution"] == GTO and body["every_hours"] == 12
    assert body["stale"] is False and body["last_run"] is None
    listed = client.get("/v1/sources", headers=headers).json()["sources"]
    assert [s["id"] for s in listed] == ["congreso-gto-gaceta-propia"]
    changed = spec("http://127.0.0.1:1", schedule={"every_hours": 3})
    updated = client.put("/v1/sources/congreso-gto-gaceta-propia", json=changed, headers=headers)
    assert updated.status_code == 200 and updated.json()["every_hours"] == 3
    assert client.post("/v1/sources/congreso-gto-gaceta-propia/pause", headers=headers).json()[
        "paused"
    ]
    resumed = client.post("/v1/sources/congreso-gto-gaceta-propia/resume", headers=headers)
    assert resumed.json()["paused"] is False
    asked = client.post("/v1/sources/congreso-gto-gaceta-propia/crawl", headers=headers)
    assert asked.status_code == 202 and asked.json()["crawl_requested_at"]
    assert (
        client.delete("/v1/sources/congreso-gto-gaceta-propia", headers=headers).status_code == 204
    )
    assert client.get("/v1/sources/congreso-gto-gaceta-propia", headers=headers).status_code == 404
    actions = [
        row.action for row in reversed(service.registry.audit_log("congreso-gto-gaceta-propia"))
    ]
    assert actions == ["create", "update", "pause", "resume", "crawl", "delete"]
    assert {row.institution_id for row in service.registry.audit_log()} == {"congreso-gto"}


def test_another_institution_sees_and_changes_nothing(service: Service) -> None:
    client = service.client
    client.post("/v1/sources", json=spec("http://127.0.0.1:1"), headers=service.congreso)
    other = service.tribunal
    for method, path in [
        ("get", "/v1/sources/congreso-gto-gaceta-propia"),
        ("get", "/v1/sources/congreso-gto-gaceta-propia/runs"),
        ("post", "/v1/sources/congreso-gto-gaceta-propia/pause"),
        ("post", "/v1/sources/congreso-gto-gaceta-propia/crawl"),
        ("delete", "/v1/sources/congreso-gto-gaceta-propia"),
    ]:
        response = client.request(method, path, headers=other)
        assert response.status_code == 404, (method, path)
        assert "gaceta" not in response.text.replace("congreso-gto-gaceta-propia", "")
    response = client.put(
        "/v1/sources/congreso-gto-gaceta-propia", json=spec("http://127.0.0.1:1"), headers=other
    )
    assert response.status_code == 404
    assert client.get("/v1/sources", headers=other).json()["sources"] == []
    still = client.get("/v1/sources/congreso-gto-gaceta-propia", headers=service.congreso).json()
    assert still["paused"] is False


@pytest.mark.parametrize(
    ("change", "loc", "words"),
    [
        ({"id": "Mal Id"}, ["body", "id"], "lowercase"),
        ({"start_urls": ["file:///etc/passwd"]}, ["body", "start_urls"], "http"),
        ({"start_urls": ["gopher://x/"]}, ["body", "start_urls"], "http"),
        ({"listing": {"link": "a"}}, ["body", "listing", "items"], "required"),
        ({"kind": "boletin"}, ["body", "kind"], "sentencia"),
        ({"jurisdiction": "MX-CMX"}, ["body", "jurisdiction"], "MX-GUA"),
        (
            {"listing": {"items": "li", "fields": {"court": "td"}}},
            ["body", "listing", "fields", "court"],
            "not a field of a legislativo",
        ),
    ],
)
def test_invalid_specs_are_422s_naming_the_field(
    service: Service, change: dict[str, Any], loc: list[str], words: str
) -> None:
    response = service.client.post(
        "/v1/sources", json=spec("http://127.0.0.1:1", **change), headers=service.congreso
    )
    assert response.status_code == 422, response.text
    [problem] = response.json()["detail"]
    assert problem["loc"][: len(loc)] == loc
    assert words in problem["msg"]


def test_catalogue_ids_and_taken_ids_conflict(service: Service) -> None:
    catalogue = spec("http://127.0.0.1:1", id="congreso-gto-gaceta")
    response = service.client.post("/v1/sources", json=catalogue, headers=service.congreso)
    assert response.status_code == 409
    created = spec("http://127.0.0.1:1")
    service.client.post("/v1/sources", json=created, headers=service.congreso)
    again = service.client.post("/v1/sources", json=created, headers=service.congreso)
    assert again.status_code == 409


def test_preview_shows_what_would_be_extracted_and_stores_nothing(
    service: Service, sites: SampleServer
) -> None:
    response = service.client.post(
        "/v1/sources/preview", json=spec(sites.url), headers=service.congreso
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["pages"] == 1 and body["errors"] == []
    assert body["next_page"] == sites.url_for("/congreso/gaceta/pagina-2.html")
    first = body["documents"][0]
    assert first["fields"]["number"].endswith("/LXVI") and first["problems"] == []
    assert first["problemas"] == []
    assert first["detail"]["type"] == "html" and first["detail"]["text_preview"]
    assert first["files"] and first["files"][0].endswith(".pdf")
    assert service.library.db.count_documents() == 0
    assert service.registry.list_sources() == []


def test_preview_reports_broken_selectors(service: Service, sites: SampleServer) -> None:
    broken = spec(sites.url, listing={"items": "css:table.nada tr", "link": "a::attr(href)"})
    body = service.client.post("/v1/sources/preview", json=broken, headers=service.congreso).json()
    assert body["documents"] == []
    assert [e["cause"] for e in body["errors"]] == ["selector_empty"]
    assert body["errors"][0]["mensaje"] == "listing.items no encontró nada en la página"


def test_preview_says_in_spanish_what_each_item_lacks(
    service: Service, sites: SampleServer
) -> None:
    """An item whose link selector finds nothing, or whose required field is empty, would
    be a crawl error: the spec's author reads why in Spanish, item by item."""
    listing = spec(sites.url)["listing"]
    no_link = spec(sites.url, listing=listing | {"link": "css:a.nada::attr(href)"})
    body = service.client.post("/v1/sources/preview", json=no_link, headers=service.congreso)
    documents = body.json()["documents"]
    assert documents and all(
        d["problemas"] == ["listing.link no encontró nada en este elemento: no hay documento "
                           "que traer"] for d in documents
    )  # fmt: skip
    no_number = listing | {"fields": listing["fields"] | {"number": "css:span.nada::text"}}
    body = service.client.post(
        "/v1/sources/preview", json=spec(sites.url, listing=no_number), headers=service.congreso
    )
    documents = body.json()["documents"]
    assert documents and all(
        d["problemas"] == ["falta el campo obligatorio «number» o está vacío"] for d in documents
    )


def test_writes_are_rate_limited(tmp_path: Path) -> None:
    made = make_service(tmp_path, write_rate_per_minute=3)
    for n in range(3):
        body = spec("http://127.0.0.1:1", id=f"congreso-gto-fuente-{n}")
        assert made.client.post("/v1/sources", json=body, headers=made.congreso).status_code == 201
    limited = made.client.post(
        "/v1/sources",
        json=spec("http://127.0.0.1:1", id="congreso-gto-fuente-9"),
        headers=made.congreso,
    )
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    reads = made.client.get("/v1/sources", headers=made.congreso)
    assert reads.status_code == 200 and len(reads.json()["sources"]) == 3
    made.library.close()


def test_preview_of_a_feed_that_does_not_answer_reports_it(service: Service) -> None:
    feed = {
        "id": "congreso-gto-boletines",
        "kind": "legislativo",
        "shape": "feed",
        "jurisdiction": "MX-GUA",
        "start_urls": ["http://127.0.0.1:1/boletines.xml"],
        "feed": {"follow": True},
    }
    response = service.client.post("/v1/sources/preview", json=feed, headers=service.congreso)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["documents"] == []
    assert {e["cause"] for e in body["errors"]} == {"connection_refused"}
    assert {e["mensaje"] for e in body["errors"]} == {"conexión rechazada"}


def test_preview_of_a_feed_runs_its_spider_and_stores_nothing(tmp_path: Path) -> None:
    """Feeds, sitemaps, channels and APIs are previewed by a trial crawl of the real
    spider into a scratch folder."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    config = Settings(data_dir=tmp_path, allow_loopback=True, crawl_delay_s=0)
    library = Library.open(config)
    registry = Registry(library.db)
    registry.add_institution(
        "congreso-nl", "H. Congreso del Estado de Nuevo León", "congress", "MX-NLE"
    )
    _, key = registry.issue_key("congreso-nl")
    client = TestClient(create_app(library, config))
    with FixtureServer(fixtures) as server:
        text = (fixtures / "feed" / "rss-gaceta" / "spec.yaml").read_text(encoding="utf-8")
        spec = yaml.safe_load(text.replace("${ABIERTO_SAMPLES_URL}", server.url))
        spec.pop("institution")
        fixture_id, spec["id"] = spec["id"], f"congreso-nl-{spec['id']}"  # its namespace
        response = client.post("/v1/sources/preview", json=spec, headers=_auth(key))
    assert response.status_code == 200, response.text
    body = response.json()
    expected = json.loads((fixtures / "feed" / "rss-gaceta" / "expected.json").read_text())
    wanted = [doc for doc in expected["documents"] if doc["source_id"] == fixture_id]
    assert len(body["documents"]) == len(wanted) and body["errors"] == []
    titles = {doc["fields"]["title"] for doc in body["documents"]}
    assert titles == {doc["title"] for doc in wanted}
    assert all(doc["detail"]["text_preview"] for doc in body["documents"])
    assert library.db.count_documents() == 0 and library.store.count() == 0
    library.close()


@pytest.mark.parametrize("before", ["9223372036854775808", "9" * 30])
def test_an_audit_page_past_any_stored_id_is_a_422(
    service: Service, sites: SampleServer, before: str
) -> None:
    """A ``before`` no database integer holds was a 500 (SQLite's overflow)."""
    created = service.client.post("/v1/sources", json=spec(sites.url), headers=service.congreso)
    assert created.status_code == 201
    client = TestClient(service.client.app, raise_server_exceptions=False)
    answer = client.get(
        "/v1/sources/congreso-gto-gaceta-propia/audit",
        params={"before": before},
        headers=service.congreso,
    )
    assert answer.status_code == 422, answer.text
    [problem] = answer.json()["detail"]
    assert problem["loc"] == ["query", "before"]
    assert problem["mensaje"].startswith("before:")
