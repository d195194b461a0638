"""A registered spec stored before a validation rule existed is left out with a warning;
the other registered sources still load (one bad row must not stop every crawl)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from cli.registry import registered_specs
from config.settings import Settings
from config.specs import parse_spec
from indexer.db import Database
from indexer.db.registry import Registry
from indexer.db.tables import SourceRow


def spec(source_id: str) -> dict[str, object]:
    return {
        "id": source_id,
        "kind": "sesion",
        "institution": "Senado de la República",
        "jurisdiction": "MX",
        "start_urls": ["https://www.senado.gob.mx/66/sesiones/"],
        "allowed_domains": ["www.senado.gob.mx"],
        "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
    }


def test_a_stored_spec_that_no_longer_validates_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(data_dir=tmp_path)
    db = Database(settings.database)
    registry = Registry(db)
    registry.add_institution("senado", "Senado de la República", "congress", "MX")
    for source_id in ("senado-sesiones", "senado-viejo"):
        registry.create_source("senado", parse_spec(spec(source_id)), reserved=set())
    stale = spec("senado-viejo") | {"allowed_domains": ["infosen.senado.gob.mx"]}
    with db.session() as s, s.begin():
        s.execute(update(SourceRow).where(SourceRow.id == "senado-viejo").values(spec=stale))
    db.close()
    assert [s.id for s in registered_specs(settings)] == ["senado-sesiones"]
    warning = capsys.readouterr().err
    assert "la fuente registrada senado-viejo" in warning and "start_urls.0" in warning
