"""A preview shows what the crawl would publish, and the crawl never publishes a court,
chamber or committee that names another institution: it leaves the field empty and
counts ``foreign_name``. The preview showed the name as read from the page: an
``html_listing`` preview applied no such rule, and a trial preview (feeds, JSON APIs,
sitemaps) crawled into a scratch database that knew no institution but the caller's, so
another registered institution's name («Tribunal de Justicia Administrativa de
Querétaro», for the state's superior court) was shown as the court of the caller's
documents. Both now drop it as the crawl does, and say so with the crawl's cause.

Real HTTP sites on 127.0.0.1, the real API and store, three registered institutions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from tests.http_thread import QuietHandler, serving_handler

TSJ = "Tribunal Superior de Justicia de Querétaro"
TJA = "Tribunal de Justicia Administrativa de Querétaro"
QRO = "Poder Legislativo del Estado de Querétaro"
COURTS = [TJA, "Sala Civil", "Tribunal Superior de Justicia del Estado de Jalisco"]
TEXT = "SENTENCIA DEFINITIVA. Se resuelve el toca de apelación en definitiva. " * 6


class Site(QuietHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/api"):
            records = [
                {"id": n, "titulo": f"Toca {n}/2024", "fecha": f"2024-03-0{n}",
                 "organo": court, "texto": TEXT}
                for n, court in enumerate(COURTS, start=1)
            ]  # fmt: skip
            self.answer_json({"resultados": records})
            return
        if self.path.startswith("/toca/"):
            body = f"<html><body><h1>Toca</h1><main>{TEXT}</main></body></html>"
            self.answer(body.encode(), "text/html; charset=utf-8")
            return
        rows = "".join(
            f"<li class='toca'><a href='/toca/{n}'>Toca {n}/2024</a>"
            f"<span class='fecha'>2024-03-0{n}</span><span class='organo'>{court}</span></li>"
            for n, court in enumerate(COURTS, start=1)
        )
        page = f"<html><body><ul>{rows}</ul></body></html>"
        self.answer(page.encode(), "text/html; charset=utf-8")


@dataclass
class Service:
    api: TestClient
    tsj: dict[str, str]
    base: str


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    settings = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("tsj-qro", TSJ, "court", "MX-QUE")
    registry.add_institution("tja-qro", TJA, "court", "MX-QUE")
    registry.add_institution("congreso-qro", QRO, "congress", "MX-QUE")
    key = registry.issue_key("tsj-qro")[1]
    with serving_handler(Site) as base, TestClient(create_app(library, settings)) as api:
        yield Service(api, {"Authorization": f"Bearer {key}"}, base)
    library.close()


def _spec(base: str, **shape: Any) -> dict[str, Any]:
    return {
        "id": "tsj-qro-tocas", "kind": "sentencia", "jurisdiction": "MX-QUE",
        "institution": TSJ, **shape,
    }  # fmt: skip


def _courts(answer: dict[str, Any]) -> dict[str, str | None]:
    """Each previewed document's court, by its title."""
    return {str(doc["fields"]["title"]): doc["fields"].get("court") for doc in answer["documents"]}


def _said(answer: dict[str, Any]) -> list[dict[str, Any]]:
    return [*answer["errors"], *answer.get("notices", [])]


def test_a_listing_preview_drops_a_court_that_names_another_institution(
    service: Service,
) -> None:
    listing = {
        "items": "css:li.toca", "link": "css:a::attr(href)",
        "fields": {"title": "css:a::text", "date": "css:span.fecha::text",
                   "court": "css:span.organo::text"},
    }  # fmt: skip
    spec = _spec(service.base, shape="html_listing", start_urls=[f"{service.base}/"])
    answer = service.api.post(
        "/v1/sources/preview", json=spec | {"listing": listing}, headers=service.tsj
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    courts = _courts(body)
    assert courts == {"Toca 1/2024": None, "Toca 2/2024": "Sala Civil", "Toca 3/2024": None}
    assert TJA not in answer.text and "Jalisco" not in answer.text
    foreign = [e for e in _said(body) if e["cause"] == "foreign_name"]
    assert len(foreign) == 2, _said(body)
    assert all("court" in e["message"] and e["mensaje"] for e in foreign)
    assert (
        body["error_counts"].get("foreign_name", body.get("notice_counts", {}).get("foreign_name"))
        == 2
    )


def test_a_trial_preview_knows_the_other_registered_institutions(service: Service) -> None:
    rules = {
        "records": "resultados", "link": f"{service.base}/toca/{{id}}", "text": "texto",
        "max_pages": 1,
        "fields": {"title": "titulo", "date": "fecha", "court": "organo"},
    }  # fmt: skip
    spec = _spec(service.base, shape="json_api", start_urls=[f"{service.base}/api"])
    answer = service.api.post(
        "/v1/sources/preview", json=spec | {"json_api": rules}, headers=service.tsj
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert _courts(body) == {
        "Toca 1/2024": None, "Toca 2/2024": "Sala Civil", "Toca 3/2024": None,
    }  # fmt: skip
    assert [doc for doc in body["documents"] if TJA in str(doc)] == []
    assert any(e["cause"] == "foreign_name" for e in _said(body)), _said(body)
