"""Names the operator's catalogue shares with institutions' registered sources.

An id an institution registered through the API and deleted before its source left
anything under it (no document, run or fetch) was still refused to the catalogue forever:
the catalogue's spec was never crawled. It is the catalogue's now, and its crawl writes as
the operator's (before, it would have written as the deleted institution), and once the
operator crawled under it, its history passes back to no institution; an id whose deleted
source left documents still is not the catalogue's, and its documents stay the
institution's.

A registered source under a catalogue's identity scope (not its id) crawls with every
document refused, but nothing told the operator at ``worker``/``serve`` start or in
``abierto sources``: now each says it in Spanish, naming the source, the institution and
the catalogue's source. Real crawls of a real site on 127.0.0.1."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from config.specs import parse_spec
from tests.adversarial.test_catalogue_clash import _abierto
from tests.adversarial.test_tenancy import A_PHRASE, FIXTURE, QRO, _service, session_spec
from tests.e2e.helpers import run_crawl
from tests.shapes.server import FixtureServer

UNUSED = "congreso-qro-borrada"  # registered and deleted before any crawl
USED = "congreso-qro-usada"  # registered, crawled, then deleted
OWN = "Dictamen propio del Poder Legislativo"  # the institution's site's text
CATALOGUE = "H. Congreso del Estado de Querétaro"  # the catalogue's name for it


def test_an_id_deleted_before_it_wrote_anything_is_the_catalogues(tmp_path: Path) -> None:
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
            for source_id in (UNUSED, USED):
                mine = session_spec(f"{server.url}/b", source_id)
                assert api.post("/v1/sources", json=mine, headers=two.a).status_code == 201
            crawled = run_crawl(two.settings.data_dir, server.url, USED, sources_dir=specs)
            assert crawled.returncode == 0, crawled.stdout + crawled.stderr
            for source_id in (UNUSED, USED):
                gone = api.delete(f"/v1/sources/{source_id}", headers=two.a)
                assert gone.status_code == 204, gone.text
            theirs = {
                source_id: session_spec(f"{server.url}/a", source_id, institution=CATALOGUE)
                for source_id in (UNUSED, USED)
            }
            for source_id, spec in theirs.items():
                (specs / f"{source_id}.yaml").write_text(yaml.safe_dump(spec))

            listed = _abierto(two.settings.data_dir, specs, "sources")
            assert listed.returncode == 0, listed.stderr
            assert f"fuente {USED} no se rastreó" in listed.stderr, listed.stderr
            assert UNUSED not in listed.stderr, listed.stderr

            run = run_crawl(two.settings.data_dir, server.url, UNUSED, USED, sources_dir=specs)
            output = run.stdout + run.stderr
            assert f"{UNUSED}: correcta" in run.stdout, output
            assert "foreign_document" not in output, output
            assert "foreign_name" not in output, output
            # the catalogue's sessions, its source alone, its text
            found = api.get("/v1/search", params={"q": f'"{A_PHRASE}"'}).json()["hits"]
            assert len(found) == 1, output
            document = api.get(found[0]["permalink"]).json()
            assert [p["source_id"] for p in document["sources"]] == [UNUSED]
            assert document["institution"] == CATALOGUE, document  # the operator's, not QRO's
            assert "Dictamen" not in (document.get("text") or "")
            # the deleted institution's documents stay its own, and its id is not crawled
            assert run.returncode != 0 and f"fuente {USED} no se rastreó" in run.stderr, output
            kept = api.get("/v1/search", params={"q": f'"{OWN}"'}).json()["hits"]
            assert len(kept) == 1, output
            document = api.get(kept[0]["permalink"]).json()
            assert [p["source_id"] for p in document["sources"]] == [USED]
            # the institution gets nothing back of the catalogue's id
            for path in (UNUSED, f"{UNUSED}/runs", f"{UNUSED}/audit"):
                answer = api.get(f"/v1/sources/{path}", headers=two.a)
                assert answer.status_code == 404, answer.text
            again = api.post(
                "/v1/sources", json=session_spec(f"{server.url}/b", UNUSED), headers=two.a
            )
            assert again.status_code in (409, 422) and "mensaje" in again.text, again.text
            # the catalogue's crawl under it is no clash the next time it is read
            listed = _abierto(two.settings.data_dir, specs, "sources")
            assert UNUSED not in listed.stderr, listed.stderr
            # the operator drops it from the catalogue: its history (the catalogue's runs,
            # the documents filed under it) passes to no institution
            (specs / f"{UNUSED}.yaml").unlink()
            again = api.post(
                "/v1/sources", json=session_spec(f"{server.url}/b", UNUSED), headers=two.a
            )
            assert again.status_code == 422, again.text
            assert again.json()["detail"][0]["loc"][-1] == "id", again.text
            assert api.get(f"/v1/sources/{UNUSED}/runs", headers=two.a).status_code == 404
        finally:
            two.library.close()


def test_a_registered_source_under_a_catalogue_scope_is_said_at_start(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    theirs = session_spec("http://127.0.0.1:9", "congreso-qro-pagina", institution=QRO)
    theirs["identity"] = {"scope": "congreso-qro-sesiones", "key": ["date", "session_type"]}
    (specs / "congreso-qro-pagina.yaml").write_text(yaml.safe_dump(theirs))
    two = _service(tmp_path / "data", sources_dir=specs)
    try:
        # stored before such scopes were refused (or past the API), and paused: the
        # worker starts and says it, and crawls nothing
        named = {
            "congreso-qro-sesiones": {"key": ["date", "session_type"]},  # the scope as id
            "congreso-qro-copia": {"scope": "congreso-qro-sesiones", "key": ["date"]},
            "congreso-qro-otra": {"scope": "congreso-qro-pagina", "key": ["date"]},  # its id
        }
        for source_id, identity in named.items():
            spec = session_spec("http://127.0.0.1:9", source_id, identity=identity)
            two.registry.create_source(
                "congreso-qro", parse_spec(spec | {"institution": QRO}), set()
            )
            two.registry.set_paused(source_id, "congreso-qro", True)
        for command in (("worker", "--once"), ("sources",)):
            ran = _abierto(two.settings.data_dir, specs, *command)
            assert ran.returncode == 0, ran.stderr
            for source_id in named:
                said = (
                    f"la fuente registrada {source_id} de la institución «{QRO}» "
                    "(congreso-qro) escribe bajo «"
                )
                assert said in ran.stderr, (command, ran.stderr)
            assert "de la fuente congreso-qro-pagina del catálogo" in ran.stderr, ran.stderr
            assert "Traceback" not in ran.stderr, ran.stderr
    finally:
        two.library.close()
