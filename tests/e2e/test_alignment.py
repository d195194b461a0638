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
