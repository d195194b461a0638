"""The sample congress crawled, then its sessions' speeches placed in their videos by
``abierto align`` (the worker's job) from the caption tracks the sample video platform
publishes in its players: starts checked against the sample's true timings."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from config.settings import Settings
from config.specs import load_specs
from crawlers.alignment_job import align_document, sessions
from crawlers.worker import Worker
from indexer.db import Database
from indexer.db.registry import Registry
from indexer.speeches.store import session_speeches
from indexer.speeches.timing import session_timing
from samples.generate import generate
from samples.manifest import Manifest
from samples.server import serve
from tests.e2e.helpers import REPO, client_for, run_crawl


@dataclass
class Aligned:
    manifest: Manifest
    api: TestClient
    first: subprocess.CompletedProcess[str]
    again: subprocess.CompletedProcess[str]


def _align(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "align", "--sin-audio", *args],
        env=os.environ | {"ABIERTO_DATA_DIR": str(data_dir), "ABIERTO_ALLOW_LOOPBACK": "true"},
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Aligned]:
    root = tmp_path_factory.mktemp("sites")
    manifest = generate(root)
    data_dir = tmp_path_factory.mktemp("data")
    with serve(root) as sites:
        crawl = run_crawl(data_dir, sites.url, "congreso-gto-sesiones")
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr
        first = _align(data_dir)
        again = _align(data_dir)
    with client_for(data_dir) as api:
        yield Aligned(manifest, api, first, again)


def _session(api: TestClient, day: str) -> dict:
    found = api.get("/v1/sessions", params={"date_from": day, "date_to": day}).json()
    [session] = found["sessions"]
    return api.get(f"/v1/sessions/{session['id']}/speeches").json()


def test_speech_starts_are_where_the_video_says_them(aligned: Aligned) -> None:
    assert aligned.first.returncode == 0, aligned.first.stdout + aligned.first.stderr
    captioned = [s for s in aligned.manifest.sesiones if any(v.captions_path for v in s.videos)]
    assert len(captioned) >= 5
    timed = close = 0
    for sample in captioned:
        body = _session(aligned.api, str(sample.date))
        assert body["alignment"]["status"] in ("ok", "partial"), body["alignment"]
        recorded = [n for n, v in enumerate(sample.videos) if not v.live]
        said = [s for s in body["speeches"] if not s["procedural"]]
        truth = sample.spoken()
        assert len(said) == len(truth), sample.title
        for got, want in zip(said, truth, strict=True):
            if got["start_s"] is None:
                continue
            timed += 1
            assert got["align_method"] == "captions"
            assert 0 <= got["confidence"] <= 1
            assert got["end_s"] >= got["start_s"]
            assert "t=" in got["video_link"]
            assert int(got["start_s"]) == int(got["video_link"].rsplit("t=", 1)[1].rstrip("s"))
            same_part = recorded[got["video"]] == want.video
            close += same_part and abs(got["start_s"] - (want.start or 0)) <= 1.0
    spoken = sum(len(s.spoken()) for s in captioned)
    assert timed >= 0.9 * spoken
    assert close >= 0.9 * timed, (close, timed)
    print(f"alineadas {timed}/{spoken}; a ±1 s: {close}/{timed}")


def test_a_second_run_leaves_unchanged_sessions_alone(aligned: Aligned) -> None:
    assert aligned.again.returncode == 0, aligned.again.stderr
    assert "alineación: 0 sesiones" in aligned.again.stdout
    assert "sin cambios" in aligned.again.stdout


def test_search_and_people_show_the_moment(aligned: Aligned) -> None:
    hits = aligned.api.get("/v1/speeches", params={"q": "iniciativa"}).json()["speeches"]
    said = [h["speech"] for h in hits if h["speech"]["person_id"]]
    assert said
    speech = said[0]
    assert speech["start_s"] is not None and "t=" in speech["video_link"]
    person = aligned.api.get(f"/v1/people/{speech['person_id']}").json()
    mine = next(s for s in person["speeches"] if s["id"] == speech["id"])
    assert mine["video_link"] == speech["video_link"]


def test_the_worker_aligns_after_its_crawl_and_the_guard_holds(tmp_path: Path) -> None:
    generate(tmp_path / "sites")
    with serve(tmp_path / "sites") as sites:
        settings = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
        db = Database(settings.database)
        registry = Registry(db)
        registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
        catalogue = {s.id: s for s in load_specs()}["congreso-gto-sesiones"]
        spec = catalogue.model_copy(
            update={"id": "congreso-gto-propias", "start_urls": [f"{sites.url}/congreso/sesiones/"]}
        )
        registry.create_source("congreso-gto", spec, reserved=set())
        Worker(settings, name="w-align").run(once=True, poll_s=0.2)

        [session] = [s for s in sessions(db) if session_timing(db, s.id) is not None][:1]
        timing = session_timing(db, session.id)
        assert timing is not None and timing.status in ("ok", "partial")
        assert timing.aligned >= 0.9 * timing.speeches

        # the same session with the guard refusing 127.0.0.1: flagged, no stale times kept
        refused = align_document(db, session, allow_loopback=False, force=True)
        assert refused.timing is not None and refused.timing.status == "unavailable"
        assert "rechazada" in (refused.timing.reason or "")
        assert all(s.start_s is None for s in session_speeches(db, session.id))
        db.close()
