"""A preview never shows what publication would mask or withhold. An ``html_listing``
preview showed the title read from the listing and the detail page's text as the page
held them: a quejoso's name, CURP and telephone, which the crawl masks before anything
is saved. A trial preview (feeds, JSON APIs, sitemaps) showed them too under the
``withhold`` policy, which keeps such a document back until a person reviews it (its
scratch crawl saves the values unmasked, for the review). Every preview now masks them
with the publication's guard, and says in Spanish how many it hid and why.

Real HTTP sites on 127.0.0.1, the real API and store, a registered institution."""

from __future__ import annotations

import random
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
from indexer.privacy import MASK
from samples import personal
from tests.http_thread import QuietHandler, serving_handler

TSJ = "Tribunal Superior de Justicia de Querétaro"
CURP = personal.curp(random.Random(26))
NAME = "Raúl Ibarra Núñez"
TITLE = f"Amparo promovido por {NAME}"
TEXT = (
    "SENTENCIA DEFINITIVA. Se resuelve el amparo en revisión. "
    f"El quejoso {NAME}, con CURP {CURP} y teléfono 477 123 4567, promovió el juicio. "
)
SECRETS = (CURP, "Ibarra", "477 123 4567")


class Site(QuietHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/api"):
            record = {"id": 1, "titulo": TITLE, "fecha": "2024-03-01", "texto": TEXT * 3}
            self.answer_json({"resultados": [record]})
            return
        if self.path.startswith("/toca/"):
            body = f"<html><body><h1>Amparo</h1><main>{TEXT * 3}</main></body></html>"
            self.answer(body.encode(), "text/html; charset=utf-8")
            return
        rows = (
            f"<li class='toca'><a href='/toca/1'>{TITLE}</a>"
            "<span class='fecha'>2024-03-01</span></li>"
        )
        self.answer(f"<html><body><ul>{rows}</ul></body></html>".encode(), "text/html")


@dataclass
class Service:
    api: TestClient
    key: dict[str, str]
    base: str


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    settings = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("tsj-qro", TSJ, "court", "MX-QUE")
    key = registry.issue_key("tsj-qro")[1]
    with serving_handler(Site) as base, TestClient(create_app(library, settings)) as api:
        yield Service(api, {"Authorization": f"Bearer {key}"}, base)
    library.close()


def _spec(**shape: Any) -> dict[str, Any]:
    return {
        "id": "tsj-qro-amparos", "kind": "sentencia", "jurisdiction": "MX-QUE",
        "institution": TSJ, **shape,
    }  # fmt: skip


def _masked(answer: Any, policy: str) -> dict[str, Any]:
    assert answer.status_code == 200, answer.text
    for secret in SECRETS:
        assert secret not in answer.text, secret
    (document,) = answer.json()["documents"]
    assert MASK in document["fields"]["title"] and MASK in document["detail"]["text_preview"]
    assert document["privacy"]["policy"] == policy and document["privacy"]["hidden"] >= 4
    assert "Se ocultaron" in document["privacidad"]
    return document


@pytest.mark.parametrize("policy", ["mask", "withhold", "flag"])
def test_a_listing_preview_masks_the_title_and_the_detail_text(
    service: Service, policy: str
) -> None:
    listing = {
        "items": "css:li.toca", "link": "css:a::attr(href)",
        "fields": {"title": "css:a::text", "date": "css:span.fecha::text"},
    }  # fmt: skip
    spec = _spec(shape="html_listing", start_urls=[f"{service.base}/"], privacy=policy)
    answer = service.api.post(
        "/v1/sources/preview", json=spec | {"listing": listing}, headers=service.key
    )
    document = _masked(answer, policy)
    assert ("withhold" in document["privacidad"]) == (policy == "withhold")


@pytest.mark.parametrize("policy", ["mask", "withhold"])
def test_a_trial_preview_masks_what_publication_masks_or_withholds(
    service: Service, policy: str
) -> None:
    rules = {
        "records": "resultados", "link": f"{service.base}/toca/{{id}}", "text": "texto",
        "max_pages": 1, "fields": {"title": "titulo", "date": "fecha"},
    }  # fmt: skip
    spec = _spec(shape="json_api", start_urls=[f"{service.base}/api"], privacy=policy)
    answer = service.api.post(
        "/v1/sources/preview", json=spec | {"json_api": rules}, headers=service.key
    )
    _masked(answer, policy)


def test_an_error_quoting_a_field_masks_what_it_quotes(service: Service) -> None:
    """A value refused as implausible is quoted in the preview's errors: masked too."""
    listing = {
        "items": "css:li.toca", "link": "css:a::attr(href)",
        "fields": {"title": "css:span.fecha::text", "date": "css:a::text"},
    }  # fmt: skip
    spec = _spec(shape="html_listing", start_urls=[f"{service.base}/"])
    answer = service.api.post(
        "/v1/sources/preview", json=spec | {"listing": listing}, headers=service.key
    )
    assert answer.status_code == 200, answer.text
    quoted = [e for e in answer.json()["errors"] if e["cause"] == "implausible_field"]
    dates = [e for e in quoted if e["message"].startswith("date")]
    assert dates and all(MASK in e["message"] for e in dates), answer.json()["errors"]
    for secret in SECRETS:
        where = answer.text.find(secret)
        assert where < 0, answer.text[max(0, where - 300) : where + 50]
