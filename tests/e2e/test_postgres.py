"""The whole crawl with PostgreSQL as the source of truth, as a scaled-out deployment runs."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from samples.generate import generate
from samples.server import serve
from tests.e2e.helpers import run_crawl
from tests.services.postgres import PostgresServer


def test_crawl_into_postgresql_and_search(tmp_path: Path, postgres: PostgresServer) -> None:
    url = postgres.create_database("abierto_e2e")
    manifest = generate(tmp_path / "sites")
    with serve(tmp_path / "sites") as sites:
        first = run_crawl(tmp_path / "data", sites.url, database_url=url)
        assert first.returncode == 0, first.stdout + first.stderr
        again = run_crawl(tmp_path / "data", sites.url, database_url=url)
        assert again.returncode == 0 and "(0 nuevos, 0 actualizados" in again.stdout
    settings = Settings(data_dir=tmp_path / "data", database_url=url)
    with TestClient(create_app(settings=settings)) as api:
        body = api.get("/v1/search", params={"limit": 1}).json()
        assert body["total"] == len(manifest.documents)
        health = api.get("/healthz").json()
        assert health["database"]["documents"] == len(manifest.documents)
