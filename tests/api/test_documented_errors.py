"""What the OpenAPI says a write may answer is what it answers: a body that is no JSON is
a 422 naming the body, in Spanish (no route answers 400 for it, so none documents one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_sources import Service, make_service

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
