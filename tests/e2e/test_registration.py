"""An institution's whole path, through the API only: register a source, preview it, ask
for a crawl, let the worker run it, find the documents, read the run's health."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from samples.generate import generate
from samples.server import serve
from tests.e2e.helpers import REPO


def test_register_preview_crawl_search(tmp_path: Path) -> None:
    manifest = generate(tmp_path / "sites")
    settings = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("pj-gto", "Poder Judicial del Estado de Guanajuato", "court", "MX-GUA")
    _, key = registry.issue_key("pj-gto")
    headers = {"Authorization": f"Bearer {key}"}
    api = TestClient(create_app(library, settings))

    with serve(tmp_path / "sites") as sites:
        spec = {
            "id": "pj-gto-versiones-publicas",
            "kind": "sentencia",
            "jurisdiction": "MX-GUA",
            "start_urls": [f"{sites.url}/tribunal/sentencias/index.html"],
            "required": ["expediente"],
            "listing": {
                "items": "css:table.tabla-sentencias tr.sentencia-fila",
                "link": "css:a.descarga-pdf::attr(href)",
                "next_page": "css:a.pagina-siguiente::attr(href)",
                "fields": {
                    "expediente": "css:td.expediente::text",
                    "court": "css:td.organo::text",
                    "matter": "css:td.materia::text",
                    "date": "css:td.fecha-resolucion::text",
                },
            },
        }
        preview = api.post("/v1/sources/preview", json=spec, headers=headers).json()
        assert len(preview["documents"]) == 6 and preview["errors"] == []
        assert all(doc["problems"] == [] for doc in preview["documents"])
        assert api.post("/v1/sources", json=spec, headers=headers).status_code == 201
        assert api.post(f"/v1/sources/{spec['id']}/crawl", headers=headers).status_code == 202

        worker = subprocess.run(
            [
                sys.executable,
                "-m",
                "cli.main",
                "--data-dir",
                str(settings.data_dir),
                "worker",
                "--once",
                "--poll",
                "0.2",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
            env={
                "ABIERTO_ALLOW_LOOPBACK": "true",
                "ABIERTO_CRAWL_DELAY_S": "0",
                "PATH": "/usr/bin:/bin",
            },
        )
        assert worker.returncode == 0, worker.stdout + worker.stderr

    found = api.get("/v1/search", params={"source": spec["id"], "limit": 1}).json()
    assert found["total"] == len(manifest.sentencias)
    phrase = manifest.sentencias[3].distinctive_phrase
    hit = api.get("/v1/search", params={"q": f'"{phrase}"'}).json()["hits"][0]
    assert hit["fields"]["expediente"] == manifest.sentencias[3].expediente
    health = api.get(f"/v1/sources/{spec['id']}/runs", headers=headers).json()
    [run] = health["runs"]
    assert run["status"] == "ok" and run["stats"]["new"] == len(manifest.sentencias)
    assert health["stale"] is False
    source = api.get(f"/v1/sources/{spec['id']}", headers=headers).json()
    assert source["last_success_at"] and source["crawl_requested_at"] is None
    library.close()
