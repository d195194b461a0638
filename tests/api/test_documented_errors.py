"""What the OpenAPI says a write may answer is what it answers: a body that is no JSON is
a 422 naming the body, in Spanish (no route answers 400 for it, so none documents one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_sources import Service, make_service

BODIES = {
    ("post", "/v1/sources"),
    ("post", "/v1/sources/preview"),
    ("put", "/v1/sources/{source_id}"),
}
WRITES = ["/v1/sources", "/v1/sources/preview", "/v1/alerts", "/v1/reader-keys"]


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    made = make_service(tmp_path)
    yield made
    made.library.close()


@pytest.mark.parametrize("path", WRITES)
def test_a_body_that_is_no_json_is_the_documented_422(service: Service, path: str) -> None:
    answer = service.client.post(
        path,
        content=b"{no es json",
        headers=service.congreso | {"Content-Type": "application/json"},
    )
    assert answer.status_code == 422
    [problem] = answer.json()["detail"]
    assert problem["type"] == "json_invalid"
    assert problem["mensaje"].startswith("el cuerpo no es JSON válido")
    documented = service.client.get("/openapi.json").json()["paths"][path]["post"]["responses"]
    assert "422" in documented
    assert "400" not in documented, f"{path} documents a 400 it never answers"
    assert "507" in documented, f"{path} does not say a full disk is a 507"


def test_each_sources_operation_documents_only_what_it_can_answer(service: Service) -> None:
    """409 (a taken id) only where a source is registered, 413 only where a body is
    read, 404 only where a source is named; every one may answer 401, 429 and 507."""
    paths = service.client.get("/openapi.json").json()["paths"]
    documented = {
        (method, path): set(operation["responses"])
        for path, item in paths.items()
        if path.startswith("/v1/sources")
        for method, operation in item.items()
    }
    for (method, path), statuses in documented.items():
        assert {"401", "429", "507"} <= statuses, (method, path)
        assert ("409" in statuses) == ((method, path) == ("post", "/v1/sources")), (method, path)
        assert ("413" in statuses) == ((method, path) in BODIES), (method, path)
        assert ("404" in statuses) == ("{source_id}" in path), (method, path)
