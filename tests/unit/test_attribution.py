"""Which courts and chambers a publisher may name: every body the fixtures' real-shaped
documents name is their own publisher's (a registered court keeps its juzgados and salas),
and each kind of foreign name is caught."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawlers.tenancy import Tenant, own_fields
from indexer.attribution import (
    foreign_chamber,
    foreign_committee,
    foreign_court,
    foreign_value,
    publisher_of,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TSJ = "Tribunal Superior de Justicia de Querétaro"
OTHERS = ("Poder Legislativo del Estado de Querétaro", "Poder Judicial del Estado de Guanajuato")


def _documents() -> list[dict[str, Any]]:
    found = []
    for path in sorted(FIXTURES.glob("**/expected.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found += [d for d in data.get("documents", []) if isinstance(d, dict)]
    return found


def test_the_bodies_real_publishers_name_are_their_own() -> None:
    documents = _documents()
    everyone = sorted({d["institution"] for d in documents})
    checked = 0
    for doc in documents:
        publisher = publisher_of(doc["institution"], doc["jurisdiction"], everyone)
        for name in ("court", "chamber", "committee"):
            if doc.get(name):
                checked += 1
                assert not foreign_value(name, doc[name], publisher), (name, doc[name], doc["url"])
    assert checked >= 30


@pytest.mark.parametrize(
    ("court", "foreign"),
    [("Juzgado Primero Civil de Querétaro", False),
     ("Sala Civil del Tribunal Superior de Justicia de Querétaro", False),
     ("PRIMERA SALA", False),
     ("PRIMERA SALA DE LA SUPREMA CORTE DE JUSTICIA DE LA NACIÓN", True),
     ("Sala Regional Toluca del TEPJF", True),
     ("Juzgado Segundo Civil del Estado de Guanajuato", True),
     ("Juzgado 1o. Penal de la Ciudad de México", True),
     ("Poder Judicial del Estado de Guanajuato", True),
     ("Juzgado Segundo Civil de Guanajuato", True),
     ("Tribunal Superior de Justicia de Baja California Sur", True),
     ("Sala Penal del Tribunal Superior de Justicia de Nuevo León", True),
     ("Juzgado Mixto de Primera Instancia con residencia en Jalisco", True),
     ("Juzgado de Primera Instancia del Estado de Hidalgo", True),
     ("Juzgado Civil del Distrito Judicial de Hidalgo", False),
     ("Juzgado Penal del Distrito Judicial de Morelos", False),
     ("Juzgado Cívico de Santiago de Querétaro", False)],
)  # fmt: skip
def test_a_state_court_may_name_its_bodies_only(court: str, foreign: bool) -> None:
    assert foreign_court(court, publisher_of(TSJ, "MX-QUE", [TSJ, *OTHERS])) is foreign


def test_the_federal_chambers_are_the_federal_congress_own() -> None:
    state = publisher_of(TSJ, "MX-QUE", OTHERS)
    senate = publisher_of("Senado de la República", "MX", OTHERS)
    union = publisher_of("Congreso de la Unión", "MX", OTHERS)
    assert [foreign_chamber(c, state) for c in ("Senado", "Pleno", "Comisión de Justicia")] == [
        True, False, False
    ]  # fmt: skip
    assert foreign_chamber("Cámara de Diputados", senate)
    assert not foreign_chamber("Senado de la República", senate)
    assert not foreign_chamber("Cámara de Diputados", union)
    assert foreign_court("Primera Sala", publisher_of("Suprema Corte de Justicia de la Nación",
                                                      "MX", OTHERS)) is False  # fmt: skip


@pytest.mark.parametrize(
    ("committee", "foreign"),
    [("Comisión de Justicia", False),
     ("Comisiones Unidas de Hacienda y de Gobernación", False),
     ("Comisión de Justicia del Poder Legislativo del Estado de Querétaro", False),
     ("Comisión de Justicia del Tribunal Superior de Justicia de Querétaro", True),
     ("Comisión de Hacienda del Congreso del Estado de Jalisco", True),
     ("Comisión de Hacienda del Congreso de Jalisco", True)],
)  # fmt: skip
def test_a_congress_committee_is_its_own(committee: str, foreign: bool) -> None:
    congress = "Poder Legislativo del Estado de Querétaro"
    assert foreign_committee(committee, publisher_of(congress, "MX-QUE", [TSJ])) is foreign


def test_a_committee_a_page_gives_as_another_congress_is_left_out() -> None:
    congress = "Poder Legislativo del Estado de Querétaro"
    tenant = Tenant("congreso-qro-gacetas", "congreso-qro", congress, "MX-QUE", (TSJ,))
    read = {"title": "Dictamen 12", "committee": "Comisión de Hacienda del Congreso de Jalisco"}
    kept, foreign = own_fields(tenant, read)
    assert foreign == ["committee"] and kept == {"title": "Dictamen 12"}
    kept, foreign = own_fields(tenant, read | {"committee": "Comisión de Hacienda"})
    assert foreign == [] and kept["committee"] == "Comisión de Hacienda"
