"""An institution registered a source; later the operator's catalogue gains a spec with
the same id. A crawl looks a source's institution up by id, so the catalogue's spec
crawled as the institution (every document refused as another institution's) and the
institution's wrote where the catalogue files its documents, with nothing telling the
operator why. The clash is said in Spanish wherever specs are read (``abierto sources``,
``abierto crawl``), naming the id and the institution; neither spec is crawled, the
institution's documents stay as its own crawl wrote them, and the catalogue's other
sources crawl. Real crawls of a real site on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.adversarial.test_tenancy import A_PHRASE, FIXTURE, QRO, _service, session_spec
from tests.e2e.helpers import REPO, run_crawl
from tests.shapes.server import FixtureServer

SOURCE = "congreso-qro-pleno"  # the institution's, then also the catalogue's
OTHER = "catalogo-qro-sesiones"  # the catalogue's other source
OWN = "Dictamen propio del Poder Legislativo"  # the institution's site's text


def _abierto(data_dir: Path, specs: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"ABIERTO_DATA_DIR": str(data_dir), "ABIERTO_SOURCES_DIR": str(specs)}
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_a_catalogue_id_an_institution_registered_is_crawled_by_neither(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    shutil.copytree(FIXTURE, sites / "a")
    shutil.copytree(FIXTURE, sites / "b")
    page = sites / "b" / "sesiones" / "2025-02-19.html"
    page.write_text(page.read_text(encoding="utf-8").replace(A_PHRASE, OWN), encoding="utf-8")
    specs = tmp_path / "specs"
    specs.mkdir()
    with FixtureServer(sites) as server:
        two = _service(tmp_path / "data", sources_dir=specs)
        try:
            api = two.api
            mine = session_spec(f"{server.url}/b", SOURCE)
            assert api.post("/v1/sources", json=mine, headers=two.a).status_code == 201
            first = run_crawl(two.settings.data_dir, server.url, SOURCE, sources_dir=specs)
            assert first.returncode == 0, first.stdout + first.stderr
            before = {
                hit["permalink"]: api.get(hit["permalink"]).json()
                for hit in api.get("/v1/search", params={"q": "", "kind": "sesion"}).json()["hits"]
            }
            assert len(before) == 2
            # the operator's catalogue gains a spec under the institution's id, and another
            for source_id in (SOURCE, OTHER):
                theirs = session_spec(f"{server.url}/a", source_id, institution=QRO)
                (specs / f"{source_id}.yaml").write_text(yaml.safe_dump(theirs))

            listed = _abierto(two.settings.data_dir, specs, "sources")
            assert listed.returncode == 0, listed.stderr
            said = f"«{SOURCE}», que ya es el de una fuente registrada por la institución «{QRO}»"
            assert said in listed.stderr, listed.stderr
            assert "no se rastrea" in listed.stdout, listed.stdout
            worker = _abierto(two.settings.data_dir, specs, "worker", "--once")
            assert worker.returncode == 0 and said in worker.stderr, worker.stderr

            one = run_crawl(two.settings.data_dir, server.url, SOURCE, sources_dir=specs)
            every = run_crawl(two.settings.data_dir, server.url, sources_dir=specs)
            for crawl in (one, every):
                assert crawl.returncode != 0, crawl.stdout + crawl.stderr
                assert said in crawl.stderr, crawl.stderr
                assert "foreign_document" not in crawl.stdout, crawl.stdout
            assert f"{OTHER}: correcta" in every.stdout, every.stdout

            # the institution's documents are as its own crawl wrote them, its alone
            for permalink, document in before.items():
                assert api.get(permalink).json() == document
            assert api.get("/v1/search", params={"q": f'"{OWN}"'}).json()["total"] == 1
            # the catalogue's site was published by its other source alone
            found = api.get("/v1/search", params={"q": f'"{A_PHRASE}"'}).json()["hits"]
            assert len(found) == 1
            document = api.get(found[0]["permalink"]).json()
            assert [p["source_id"] for p in document["sources"]] == [OTHER]
            # the institution reads why its source was not crawled
            run = api.get(f"/v1/sources/{SOURCE}", headers=two.a).json()["last_run"]
            assert run["status"] == "failed"
            assert "catálogo del operador" in run["mensaje"], run
        finally:
            two.library.close()
