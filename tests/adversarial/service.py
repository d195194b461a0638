"""A real API over a real library with one institution and its key, for the hostile cases."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library

INSTITUTION = "Poder Judicial del Estado de Guanajuato"


@dataclass
class Api:
    client: TestClient
    library: Library
    registry: Registry
    settings: Settings
    headers: dict[str, str]

    def close(self) -> None:
        self.library.close()


def open_api(data_dir: Path, **settings: Any) -> Api:
    chosen: dict[str, Any] = {"allow_loopback": True, "crawl_delay_s": 0} | settings
    config = Settings(data_dir=data_dir, **chosen)
    library = Library.open(config)
    registry = Registry(library.db)
    registry.add_institution("pj-gto", INSTITUTION, "court", "MX-GUA")
    _, key = registry.issue_key("pj-gto")
    client = TestClient(create_app(library, config))
    return Api(client, library, registry, config, {"Authorization": f"Bearer {key}"})


def listing_spec(url: str, **change: Any) -> dict[str, Any]:
    return {
        "id": "pj-gto-prueba",
        "kind": "sentencia",
        "jurisdiction": "MX-GUA",
        "start_urls": [url],
        "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)"},
    } | change


def gaceta_spec(source_id: str, **change: Any) -> dict[str, Any]:
    """A congress's gazette listing whose start address answers nothing (port 9)."""
    return {
        "id": source_id,
        "kind": "legislativo",
        "jurisdiction": "MX-GUA",
        "start_urls": ["http://127.0.0.1:9/gaceta"],
        "listing": {"items": "css:li", "link": "css:a::attr(href)"},
    } | change


def open_registry(folder: Path, database_url: str) -> tuple[Settings, Library, Registry]:
    """A library on ``database_url`` (SQLite or PostgreSQL) with its specs folder, and
    its registry, with no institution yet."""
    settings = Settings(
        data_dir=folder / "data", database_url=database_url, allow_loopback=True,
        sources_dir=folder / "specs",
    )  # fmt: skip
    (folder / "specs").mkdir()
    library = Library.open(settings)
    return settings, library, Registry(library.db)
