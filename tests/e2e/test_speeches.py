"""The sample congress crawled end to end: every turn of every stenographic version is
a speech with the speaker, person, party and agenda item the sample says, and the
initiative an agenda item presents lists that session."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from samples.congreso import CONGRESS, ROSTER_PATH
from samples.generate import generate
from samples.manifest import Manifest
from samples.server import serve
from tests.e2e.helpers import REPO, client_for, run_crawl


@dataclass
class Congress:
    manifest: Manifest
    api: TestClient


@pytest.fixture(scope="module")
def congress(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Congress]:
    root = tmp_path_factory.mktemp("sites")
    manifest = generate(root)
    data_dir = tmp_path_factory.mktemp("data")
    roster = data_dir / "padron.csv"
    with serve(root) as sites:
        with urllib.request.urlopen(sites.url + ROSTER_PATH, timeout=10) as response:
            roster.write_bytes(response.read())
        crawl = run_crawl(data_dir, sites.url, "congreso-gto-gaceta", "congreso-gto-sesiones")
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    imported = subprocess.run(
        [sys.executable, "-m", "cli.main", "padron", str(roster), "--congreso", CONGRESS,
         "--legislatura", "LXVI"],
        env=os.environ | {"ABIERTO_DATA_DIR": str(data_dir)},
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "18 personas" in imported.stdout
    with client_for(data_dir) as api:
        yield Congress(manifest, api)


def _session_id(api: TestClient, day: str) -> str:
    found = api.get("/v1/sessions", params={"date_from": day, "date_to": day}).json()
    [session] = found["sessions"]
    return str(session["id"])


def test_every_turn_of_every_transcript_is_attributed(congress: Congress) -> None:
    with_transcript = [s for s in congress.manifest.sesiones if s.transcript_path]
    assert len(with_transcript) >= 10
    for sample in with_transcript:
        doc = congress.api.get(f"/v1/documents/{_session_id(congress.api, str(sample.date))}")
        parts = doc.json()["speeches"]
        if parts and parts[0]["speaker_as_written"] is None:
            # the record's text before anyone speaks: kept, procedural and no one's
            assert parts[0]["procedural"] and parts[0]["person_name"] is None, parts[0]
            parts = parts[1:]
        got = [
            (s["speaker_as_written"], s["person_name"], s["party"], s["agenda_index"],
             s["procedural"])
            for s in parts
        ]  # fmt: skip
        want = [
            (t.speaker_as_written, t.person, t.party, t.agenda_index, t.procedural)
            for t in sample.speeches
        ]
        assert got == want, sample.title


def test_what_a_legislator_said_about_water_is_found(congress: Congress) -> None:
    body = congress.api.get("/v1/speeches", params={"q": "acuíferos"}).json()
    assert body["total"] >= 1
    hit = body["speeches"][0]
    assert "<mark>" in hit["highlights"][0]
    assert hit["speech"]["role"] == "compareciente"
    people = {f["value"] for f in congress.api.get("/v1/speeches").json()["facets"]["speaker"]}
    assert len(people) >= 5


def test_the_presented_initiative_lists_its_session(congress: Congress) -> None:
    presented = [
        (s, item)
        for s in congress.manifest.sesiones
        for item in s.agenda
        if item.startswith("Presentación de la Iniciativa")
    ]
    assert presented
    sample, item = presented[0]
    number = item.removeprefix("Presentación de la ").split(",")[0]
    found = congress.api.get("/v1/search", params={"q": f'"{number}"', "kind": "legislativo"})
    initiative = next(h for h in found.json()["hits"] if h["fields"]["number"] == number)
    discussed = congress.api.get(f"/v1/documents/{initiative['id']}").json()["discussed_in"]
    assert _session_id(congress.api, str(sample.date)) in [d["id"] for d in discussed]
