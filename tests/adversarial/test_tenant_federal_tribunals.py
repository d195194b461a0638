"""Federal courts outside the federal judiciary: the agrarian tribunals (the Tribunal
Superior Agrario and its Tribunales Unitarios), the Tribunal Federal de Justicia
Administrativa with its Salas Regionales, the Tribunal Federal de Conciliación y
Arbitraje. The walls knew the SCJN, the TEPJF and the federal judiciary's circuit and
district bodies by their names, but not these: a registered state high court's pages
naming them published its judgments «of» a federal tribunal. Now its crawl empties such a
court and counts it; the tribunals' own judgments, registered or in the operator's
catalogue, keep their courts. Real crawls of sites served on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.adversarial.test_tenancy import _service
from tests.adversarial.test_tenant_courts import _guanajuato, _judgments, _site
from tests.e2e.helpers import run_crawl
from tests.shapes.server import FixtureServer

STJ = "Supremo Tribunal de Justicia del Estado de Guanajuato"
TFJA = "Tribunal Federal de Justicia Administrativa"
TSA = "Tribunal Superior Agrario"  # only in the catalogue
FEDERAL = (
    "Tribunal Unitario Agrario del Distrito 11, con sede en Guanajuato, Guanajuato",
    f"Sala Regional del Centro I del {TFJA}",
    "Segunda Sala del Tribunal Federal de Conciliación y Arbitraje",
)
TFJA_OWN = (
    f"Sala Regional del Centro I del {TFJA}",
    f"Pleno Jurisdiccional de la Sala Superior del {TFJA}",
)
TSA_OWN = ("Tribunal Unitario Agrario del Distrito 11", TSA)


def _of(api: Any, institution: str) -> list[dict[str, Any]]:
    found = api.get("/v1/search", params={"institution": institution, "limit": "50"}).json()
    return [api.get(hit["permalink"]).json() for hit in found["hits"]]


def test_a_state_court_publishes_no_federal_tribunal_as_its_court(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    _site(sites / "stj", FEDERAL, "impostada")
    _site(sites / "tfja", TFJA_OWN, "propia")
    _site(sites / "tsa", TSA_OWN, "agraria")
    specs = tmp_path / "specs"
    with FixtureServer(sites) as server:
        catalogue = _judgments(f"{server.url}/tsa", "tsa-sentencias", TSA, jurisdiction="MX")
        specs.mkdir()
        (specs / "tsa-sentencias.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True))
        two = _service(tmp_path / "data", sources_dir=specs)
        try:
            _congress, court = _guanajuato(two)
            two.registry.add_institution("tfja", TFJA, "court", "MX")
            tfja = {"Authorization": f"Bearer {two.registry.issue_key('tfja')[1]}"}
            mine = _judgments(f"{server.url}/stj", "stj-gto-sentencias", STJ)
            theirs = _judgments(f"{server.url}/tfja", "tfja-sentencias", TFJA, jurisdiction="MX")
            for spec, key in ((mine, court), (theirs, tfja)):
                answer = two.api.post("/v1/sources", json=spec, headers=key)
                assert answer.status_code == 201, answer.text
            ids = ["stj-gto-sentencias", "tfja-sentencias", "tsa-sentencias"]
            run = run_crawl(two.settings.data_dir, server.url, *ids, sources_dir=specs)
            output = run.stdout + run.stderr

            api = two.api
            documents = _of(api, STJ)
            assert len(documents) == len(FEDERAL), output
            assert [d["court"] for d in documents] == [None] * len(FEDERAL), documents
            lines = [line for line in output.splitlines() if "[foreign_name]" in line]
            assert len(lines) == 1 and f"[foreign_name]: {len(FEDERAL)} errores" in lines[0], output
            hits = api.get("/v1/search", params={"q": "impostada", "court": FEDERAL[1]}).json()
            assert hits["hits"] == [], hits

            for institution, own in ((TFJA, TFJA_OWN), (TSA, TSA_OWN)):
                documents = _of(api, institution)
                assert len(documents) == len(own), (institution, output)
                assert all(d["court"] for d in documents), documents
                kept = " ".join(d["court"] for d in documents)
                assert ("Administrativa" if institution == TFJA else "Agrario") in kept, kept
        finally:
            two.library.close()
