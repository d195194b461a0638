"""A name checked by a pattern ending in ``$`` took one last line break along (``$``
matches before it): ``pj-gto-prueba\\n`` was registered as a source beside
``pj-gto-prueba``, two ids that read alike in every list, log and audit line, and an
operator could add an institution ``pj-gto\\n``. An identity scope, hashed into document
ids beside a line break, had no format at all (``pj-gto-a\\nidentity:x`` was kept); it
now has an id's. Each is refused like any other character outside the format, with its
Spanish ``mensaje``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.db.registry import RegistryError
from tests.adversarial.service import Api, listing_spec, open_api


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    made = open_api(Path(tmp_path_factory.mktemp("data")), write_rate_per_minute=1000)
    yield made
    made.close()


@pytest.mark.parametrize("path", ["/v1/sources", "/v1/sources/preview"])
def test_a_source_id_ending_in_a_line_break_is_a_422_naming_the_id(api: Api, path: str) -> None:
    spec = listing_spec("http://127.0.0.1:9/lista", id="pj-gto-prueba\n")
    response = api.client.post(path, json=spec, headers=api.headers)
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body", "id"] and problem["mensaje"], problem
    listed = api.client.get("/v1/sources", headers=api.headers).json()["sources"]
    assert [s["id"] for s in listed] == []


@pytest.mark.parametrize("scope", ["pj-gto-sesiones\n", "pj-gto-a\nidentity:x", "pj-gto-Sesiones"])
def test_an_identity_scope_outside_the_id_format_is_a_422_naming_it(api: Api, scope: str) -> None:
    spec = listing_spec("http://127.0.0.1:9/lista", id="pj-gto-alcance")
    spec["identity"] = {"scope": scope, "key": ["expediente"]}
    response = api.client.post("/v1/sources", json=spec, headers=api.headers)
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body", "identity", "scope"] and problem["mensaje"], problem


def test_the_same_id_without_the_line_break_is_registered(api: Api) -> None:
    spec = listing_spec("http://127.0.0.1:9/lista", id="pj-gto-prueba")
    response = api.client.post("/v1/sources", json=spec, headers=api.headers)
    assert response.status_code == 201, response.text[:300]
    api.client.delete("/v1/sources/pj-gto-prueba", headers=api.headers)


def test_an_institution_id_ending_in_a_line_break_is_refused(api: Api) -> None:
    with pytest.raises(RegistryError):
        api.registry.add_institution("tsj-gto\n", "Tribunal", "court", "MX-GUA")
    assert "tsj-gto\n" not in {i.id for i in api.registry.list_institutions()}
