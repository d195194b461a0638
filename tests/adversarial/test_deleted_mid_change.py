"""Two requests of one institution at once: one deletes a source while another changes
it (replaces its spec, pauses or resumes it, asks for a crawl). The change found the
source, then checked its spec while the deletion went through, and its write found
nothing: an ``assert`` made that a 500 with a traceback. It is the 404 the change gets
a moment later, in Spanish, and the source stays deleted. Real API over a real library;
the deletion is run, by the registry the DELETE route calls, right after the change
found the source (the moment the two requests cross)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.routers import sources
from tests.adversarial.service import Api, gaceta_spec, open_api

SOURCE = "pj-gto-cruzada"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Api]:
    made = open_api(tmp_path, write_rate_per_minute=1_000)
    yield made
    made.client.close()
    made.close()


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("PUT", ""), ("POST", "/pause"), ("POST", "/resume"), ("POST", "/crawl")],
)
def test_a_change_crossing_a_deletion_is_a_spanish_404(
    service: Api, monkeypatch: pytest.MonkeyPatch, method: str, suffix: str
) -> None:
    created = service.client.post("/v1/sources", json=gaceta_spec(SOURCE), headers=service.headers)
    assert created.status_code == 201, created.text
    found = sources._owned

    def then_deleted(*args: Any, **kwargs: Any) -> Any:
        row = found(*args, **kwargs)
        assert service.registry.delete_source(SOURCE, "pj-gto")  # the other request
        return row

    monkeypatch.setattr(sources, "_owned", then_deleted)
    body = gaceta_spec(SOURCE, description="otra") if method == "PUT" else None
    answer = service.client.request(
        method, f"/v1/sources/{SOURCE}{suffix}", json=body, headers=service.headers
    )
    assert answer.status_code == 404, answer.text
    assert answer.json()["mensaje"] == f"su institución no tiene la fuente «{SOURCE}»"
    assert service.registry.get_source(SOURCE) is None
