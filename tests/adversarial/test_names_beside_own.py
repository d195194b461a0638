"""A body's name that names another institution is refused even when it names the
publisher too. A court, chamber or committee holding the publisher's own name was taken
for a body inside it, whatever else it said: «Sala Penal del Tribunal Superior de Justicia
de Querétaro y del Poder Legislativo del Estado de Querétaro» was a 201 for the court, and
its documents would carry the congress's name as their body (the same at crawl time, for
what a page gives). The other's name is looked for in what is left once the publisher's
own is taken out; a publisher whose own name holds another's (a body named after it)
still names itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawlers.tenancy import Tenant, own_fields
from indexer.attribution import foreign_chamber, foreign_committee, foreign_court, publisher_of
from tests.adversarial.test_tenancy import QRO, Two, _loc, _service

TSJ = "Tribunal Superior de Justicia de Querétaro"


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Two]:
    made = _service(tmp_path / "data")
    yield made
    made.library.close()


def _court_spec(court: str) -> dict[str, Any]:
    return {
        "id": "tsj-qro-sentencias",
        "kind": "sentencia",
        "jurisdiction": "MX-QUE",
        "start_urls": ["http://127.0.0.1:9/sentencias"],
        "listing": {"items": "css:li", "link": "css:a::attr(href)"},
        "constants": {"court": court},
    }


@pytest.mark.parametrize(
    "court",
    [f"Sala Penal del {TSJ} y del {QRO}",
     f"{QRO}, {TSJ}",
     f"{TSJ} / {QRO.upper()}"],
)  # fmt: skip
def test_a_court_naming_another_institution_beside_its_own_is_refused(two: Two, court: str) -> None:
    for path in ("/v1/sources", "/v1/sources/preview"):
        refused = two.api.post(path, json=_court_spec(court), headers=two.b)
        assert _loc(refused) == [("body", "constants", "court")], refused.text[:300]
        [problem] = refused.json()["detail"]
        assert "nombra a otra institución" in problem["mensaje"]
    assert two.registry.list_sources() == []
    own = two.api.post("/v1/sources", json=_court_spec(f"Sala Penal del {TSJ}"), headers=two.b)
    assert own.status_code == 201, own.text


def test_a_committee_naming_another_institution_beside_its_own_is_refused(two: Two) -> None:
    """(A chamber is read as its kind, «Pleno», and so names nobody.)"""
    spec = _court_spec("") | {"id": "congreso-qro-gaceta", "kind": "legislativo"}
    spec["constants"] = {"committee": f"Comisión de Justicia del {QRO} y del {TSJ}"}
    refused = two.api.post("/v1/sources", json=spec, headers=two.a)
    assert _loc(refused) == [("body", "constants", "committee")], refused.text[:300]
    spec["constants"] = {"committee": f"Comisión de Justicia del {QRO}"}
    assert two.api.post("/v1/sources", json=spec, headers=two.a).status_code == 201


def test_what_a_page_gives_beside_the_own_name_is_left_out_at_crawl_time() -> None:
    tenant = Tenant("tsj-qro-sentencias", "tsj-qro", TSJ, "MX-QUE", (QRO,))
    kept, dropped = own_fields(tenant, {"court": f"{TSJ}, {QRO}", "title": "Amparo"})
    assert "court" not in kept and kept["title"] == "Amparo"
    assert dropped


def test_names_inside_the_own_name_are_still_its_own() -> None:
    congress = publisher_of(QRO, "MX-QUE", [TSJ])
    court = publisher_of(TSJ, "MX-QUE", [QRO])
    assert foreign_committee(f"Comisión de Justicia del {QRO} y del {TSJ}", congress)
    assert not foreign_committee(f"Comisión de Justicia del {QRO}", congress)
    assert foreign_court(f"{TSJ}; {QRO}", court)
    assert not foreign_court(f"Primera Sala Penal del {TSJ}", court)
    assert not foreign_chamber(f"Pleno del {QRO}", congress)
    # an institution named after another (its own name holds the other's) names itself,
    # and names the other when the other's name stands apart from its own
    inner = publisher_of(f"Contraloría Interna del {QRO}", "MX-QUE", [QRO])
    assert not foreign_committee(f"Comisión de la Contraloría Interna del {QRO}", inner)
    assert foreign_committee(f"Contraloría Interna del {QRO} ante el {QRO}", inner)
