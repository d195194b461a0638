"""What the sources API says before a source runs: a start URL the spider may not fetch
is refused naming the field; a preview reports, per field, how the items filled it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from samples.server import SampleServer
from tests.api.test_sources import Service, make_service, sites, spec

__all__ = ["sites"]  # the sample sites' fixture, shared with test_sources


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    made = make_service(tmp_path)
    yield made
    made.library.close()


def test_a_start_url_outside_allowed_domains_is_a_422_naming_it(service: Service) -> None:
    body = spec("https://www.senado.gob.mx", allowed_domains=["infosen.senado.gob.mx"])
    response = service.client.post("/v1/sources", json=body, headers=service.congreso)
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["body", "start_urls", 0]
    assert "outside allowed_domains" in problem["msg"]
    assert service.registry.list_sources() == []


def test_preview_counts_how_each_field_was_filled(service: Service, sites: SampleServer) -> None:
    body = service.client.post(
        "/v1/sources/preview", json=spec(sites.url), headers=service.congreso
    ).json()
    items = len(body["documents"])
    assert items > 0
    number = body["fields"]["number"]
    assert number == number | {"filled": items, "items": items, "required": True}
    assert number["samples"] and number["samples"][0].endswith("/LXVI")
    assert body["fields"]["title"]["filled"] == items


def test_preview_refuses_a_date_read_as_the_number(service: Service, sites: SampleServer) -> None:
    wrong = spec(sites.url)
    wrong["listing"]["fields"]["number"] = "css:span.documento-fecha::text"
    body = service.client.post("/v1/sources/preview", json=wrong, headers=service.congreso).json()
    items = len(body["documents"])
    assert body["fields"]["number"]["implausible"] == items > 0
    assert body["error_counts"]["implausible_field"] == items
    assert all(e["message"].startswith("number: ") for e in body["errors"])
