"""A registered source publishes under its key's institution (and in its jurisdiction),
whatever names its spec holds: not only the spec's own ``institution``, but a constant
``institution`` or a rule reading one from the site. Through the API such a spec is a
422 naming the field; a spec stored otherwise (the registry, an older database) still
writes its institution's name."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from config.specs import parse_spec
from tests.adversarial.test_tenancy import FIXTURE, QRO, Two, _loc, _service, session_spec
from tests.e2e.helpers import run_crawl
from tests.shapes.server import FixtureServer

TSJ = "Tribunal Superior de Justicia de Querétaro"


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Two]:
    made = _service(tmp_path / "data")
    yield made
    made.library.close()


def _claims(base: str) -> dict[str, dict[str, Any]]:
    """Specs of the court (B) that name the congress (A) as their documents' publisher."""
    constant = session_spec(base, "tsj-qro-constante", institution=TSJ)
    constant["constants"] = constant["constants"] | {"institution": QRO}
    read = session_spec(base, "tsj-qro-leida", institution=TSJ)
    read["detail"] = {"fields": {"title": "css:h1::text", "institution": "css:h1::text"}}
    return {"constant": constant, "read": read}


@pytest.mark.parametrize(
    ("case", "loc"),
    [("constant", ("body", "constants", "institution")),
     ("read", ("body", "detail", "fields", "institution"))],
)  # fmt: skip
def test_a_spec_naming_another_publisher_is_a_422_naming_the_field(
    two: Two, case: str, loc: tuple[str, ...]
) -> None:
    spec = _claims("http://127.0.0.1:9")[case]
    for path in ("/v1/sources", "/v1/sources/preview"):
        assert _loc(two.api.post(path, json=spec, headers=two.b)) == [loc], path
    assert two.registry.list_sources() == []
    own = session_spec("http://127.0.0.1:9", "tsj-qro-propia", institution=TSJ)
    own["constants"] = own["constants"] | {"institution": TSJ}
    assert two.api.post("/v1/sources", json=own, headers=two.b).status_code == 201


def test_a_stored_spec_naming_another_publisher_writes_its_own_name(
    tmp_path: Path,
) -> None:
    sites = tmp_path / "sites"
    shutil.copytree(FIXTURE, sites / "b")
    (tmp_path / "specs").mkdir()
    two = _service(tmp_path / "data")
    try:
        with FixtureServer(sites) as server:
            claims = _claims(f"{server.url}/b")
            claims["constant"]["jurisdiction"] = "MX"  # federal, not its state's
            for spec in claims.values():  # past the API, as the registry lets it
                two.registry.create_source("tsj-qro", parse_spec(spec), set())
            run = run_crawl(two.settings.data_dir, server.url, *(s["id"] for s in claims.values()),
                            sources_dir=tmp_path / "specs")  # fmt: skip
        assert run.returncode == 0, run.stdout + run.stderr
        for spec in claims.values():
            found = two.api.get("/v1/search", params={"source": spec["id"]}).json()
            assert found["total"] == 2, (spec["id"], found)
            assert {hit["institution"] for hit in found["hits"]} == {TSJ}
            document = two.api.get(found["hits"][0]["permalink"]).json()
            assert (document["institution"], document["jurisdiction"]) == (TSJ, "MX-QUE")
        assert two.api.get("/v1/search", params={"institution": QRO}).json()["total"] == 0
    finally:
        two.library.close()


def test_the_public_sources_page_lists_a_stored_spec_under_its_own_institution(
    two: Two,
) -> None:
    """``/fuentes`` named a registered source by its stored spec's ``institution``: one
    stored naming the congress was listed, for every visitor, as the congress's."""
    spec = session_spec("http://127.0.0.1:9", "tsj-qro-sesiones", institution=TSJ)
    assert two.api.post("/v1/sources", json=spec, headers=two.b).status_code == 201
    two.registry.update_source(
        "tsj-qro-sesiones", "tsj-qro", parse_spec(spec | {"institution": QRO})
    )
    page = two.api.get("/fuentes")
    assert page.status_code == 200
    at = page.text.index("tsj-qro-sesiones")
    name = page.text[:at].rsplit("<tr>", 1)[1].split("<br>")[0]
    assert TSJ in name and QRO not in name, name
