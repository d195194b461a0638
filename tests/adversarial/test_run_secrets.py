"""A crawl's record (what ``GET /v1/sources/{id}/runs`` shows and the database keeps for
good) quotes the addresses and messages of its errors: an API asked with its key in the
query (``json_api.params``) or whose ``next`` link repeats it left the key readable there,
as the audit log no longer does. Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import yaml

from indexer.db import Database
from indexer.db.audited_spec import spec_secrets, without_secrets
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_parse_stall import CUBIC
from tests.adversarial.test_parse_stall import _crawl as stall_crawl
from tests.adversarial.test_parse_stall import _site as stall_site
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

KEY = "k3y-del-congreso-2026+/="


def _serve() -> Iterator[str]:
    class Api(QuietHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/api?"):  # its next page: a link carrying the key back
                page = {"data": [{"id": 1}], "next": f"/roto?clave={KEY}&p=2", "total": 5}
                body = json.dumps(page).encode()
            else:
                body = b"<html>Error interno</html>"
            self.answer(body)

    with serving_handler(Api) as url:
        yield url


def test_a_runs_examples_keep_none_of_the_specs_credentials(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = {
        "id": "congreso-gto-api", "kind": "legislativo", "shape": "json_api",
        "institution": "H. Congreso de Guanajuato", "jurisdiction": "MX-GUA",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/api"],
        "json_api": {
            "records": "data", "next": "next", "total": "total", "link": "/doc/{id}",
            "params": {"api_key": KEY, "pagina": "{page}"},
        },
    }  # fmt: skip
    (specs / f"{spec['id']}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    for url in _serve():
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs(spec["id"])[0]
    finally:
        db.close()
    examples = [e for entry in run.errors.values() for e in entry["examples"]]
    assert any("/roto?clave=(oculto)&p=2" in e["url"] for e in examples), run.errors
    recorded = json.dumps(run.errors, ensure_ascii=False)
    assert KEY not in recorded and "k3y-del-congreso-2026" not in recorded


def test_a_querys_plain_words_stay_in_the_record() -> None:
    """Only credentials are hidden: a parameter's plain words (also hidden in the audit
    copy) are what error messages say, and the Spanish messages are read from them."""
    spec = {
        "json_api": {
            "params": {"tipo": "sentencia", "orden": "fecha_desc", "k": "AbC123xyz789QWE000"},
            "headers": {"Authorization": "Bearer s3cr3t-del-congreso"},
        }
    }
    secrets = spec_secrets(spec)
    text = "http://a.example/api?tipo=sentencia&orden=fecha_desc&k=AbC123xyz789QWE000"
    assert without_secrets(text, secrets) == (
        "http://a.example/api?tipo=sentencia&orden=fecha_desc&k=(oculto)"
    )
    assert without_secrets("Bearer s3cr3t-del-congreso rechazada", secrets) == (
        "(oculto) rechazada"
    )


def test_a_stalled_runs_message_keeps_none_of_the_specs_credentials(tmp_path: Path) -> None:
    """A crawl stopped on a page its selectors would read for hours is ``failed`` with a
    message naming the page: a page asked with the key in its address keeps it hidden
    there, as in the run's examples."""
    (tmp_path / "www").mkdir()
    stall_site(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html?clave={KEY}", id="pj-gto-lenta")
            spec["listing"]["fields"] = {"title": CUBIC}
            created = api.client.post("/v1/sources", json=spec, headers=api.headers)
            assert created.status_code == 201, created.text
            done = stall_crawl(api, "pj-gto-lenta")
        assert done.returncode != 0, done.stdout + done.stderr
        answer = api.client.get("/v1/sources/pj-gto-lenta/runs", headers=api.headers)
        [run] = answer.json()["runs"]
        assert run["message"].startswith("parse_timeout"), run
        assert "clave=(oculto)" in run["message"], run["message"]
        assert "k3y-del-congreso-2026" not in answer.text
        assert "k3y-del-congreso-2026" not in done.stdout + done.stderr
    finally:
        api.close()
