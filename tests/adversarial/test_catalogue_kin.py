"""A registered institution's crawl may not file its documents under the name of a
catalogue institution of its own state that is surely another: one of another kind (a
state's judiciary, its administrative, electoral or workers' tribunal, its congress, a
federal chamber) or of a kind beside none. Before, any two of one state that both held
courts, or both held none, were taken as maybe one institution under two names: the
Poder Judicial's crawl kept «Tribunal de Justicia Administrativa del Estado de
Guanajuato» as a committee, and the Congress's kept the Fiscalía as a court. The same
institution under two names (the Poder Judicial and its Supremo Tribunal, the Congreso
and the Poder Legislativo) still publishes as itself. Real SQLite registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.tenancy import own_fields, tenant_of
from indexer.db.registry import Registry
from indexer.library import Library
from tests.adversarial.service import gaceta_spec

GTO = "MX-GUA"
PJ = "Poder Judicial del Estado de Guanajuato"
CONGRESO = "Congreso del Estado de Guanajuato"
# (registered, its kind, a catalogue institution of its state that is surely another)
ANOTHER = [
    (PJ, "court", "Tribunal de Justicia Administrativa del Estado de Guanajuato"),
    (PJ, "court", "Tribunal Estatal Electoral de Guanajuato"),
    (PJ, "court", "Tribunal de Conciliación y Arbitraje del Estado de Guanajuato"),
    ("Tribunal Estatal Electoral de Guanajuato", "court", PJ),
    (CONGRESO, "congress", "Fiscalía General del Estado de Guanajuato"),
    (CONGRESO, "congress", "Instituto Electoral del Estado de Guanajuato"),
]
# the same institution under another name: its own name stays its own
SAME = [
    (PJ, "court", "Supremo Tribunal de Justicia del Estado de Guanajuato"),
    (CONGRESO, "congress", "Poder Legislativo del Estado de Guanajuato"),
]


def _kept(tmp_path: Path, mine: str, kind: str, theirs: str) -> dict[str, object]:
    settings = Settings(data_dir=tmp_path / "data", allow_loopback=True)
    library = Library.open(settings, writer=True)
    try:
        registry = Registry(library.db)
        registry.add_institution("propia", mine, kind, GTO)
        spec = SourceSpec.model_validate(gaceta_spec("propia-fuente", institution=mine))
        registry.create_source("propia", spec, set())
        catalogue = [SourceSpec.model_validate(gaceta_spec("catalogo-otra", institution=theirs))]
        tenant = tenant_of(library, spec, catalogue)
        fields = {"court": theirs, "chamber": theirs, "committee": theirs, "title": "Acta"}
        kept, _ = own_fields(tenant, fields)
        return kept
    finally:
        library.close()


@pytest.mark.parametrize(("mine", "kind", "theirs"), ANOTHER, ids=range(len(ANOTHER)))
def test_a_catalogue_institution_of_another_kind_is_never_named_as_ones_own(
    tmp_path: Path, mine: str, kind: str, theirs: str
) -> None:
    kept = _kept(tmp_path, mine, kind, theirs)
    assert kept == {"title": "Acta"}


@pytest.mark.parametrize(("mine", "kind", "theirs"), SAME, ids=["judiciary", "congress"])
def test_the_same_institution_under_another_name_keeps_its_own_values(
    tmp_path: Path, mine: str, kind: str, theirs: str
) -> None:
    kept = _kept(tmp_path, mine, kind, theirs)
    assert kept["court" if kind == "court" else "committee"] == theirs
