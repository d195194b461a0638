"""A caption track is what a crawled page points to: its cue times are the source's to
write. A cue said to start "9999…" hours in (read as infinity, or as millions of years)
once crashed the alignment job, or was stored as a speech's second and linked; an infinite
time stored made the session's page and its JSON a 500."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from crawlers.alignment_job import align_document
from indexer.alignment.captions import MAX_SECONDS, CaptionError, parse_captions
from indexer.library import Library
from indexer.models import Sesion, VideoLink, document_id
from indexer.speeches.model import Speech, speech_id
from indexer.speeches.store import save_speeches, session_speeches, set_alignment
from tests.api.conftest import make_library
from tests.shapes.server import FixtureServer

SAID = [
    "Se abre la sesión del pleno con la presencia de veinte diputadas y diputados.",
    "Presento la iniciativa sobre movilidad urbana y transporte público en la capital.",
    "Votaré en contra de la iniciativa porque no prevé presupuesto para las rutas nuevas.",
]
ENDLESS = "9" * 400  # hours: float() reads it as infinity
AGES = "99999999999"  # hours: a finite time of eleven million years


def _track(hours: list[str]) -> str:
    cues = [
        f"{h}:00:{5 * n + 1:02d}.000 --> {h}:00:{5 * n + 4:02d}.000\n{text}"
        for n, (h, text) in enumerate(zip(hours, SAID, strict=True))
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


@pytest.fixture
def aligned(tmp_path: Path) -> Iterator[tuple[Library, str, TestClient]]:
    """A session whose transmission's caption track (served on 127.0.0.1) times the first
    speech rightly and the other two millions of years or endlessly in, aligned by the
    worker's own job."""
    site = tmp_path / "sitio"
    site.mkdir()
    (site / "sesion.vtt").write_text(_track(["00", AGES, ENDLESS]), encoding="utf-8")
    library = make_library(tmp_path / "data")
    with FixtureServer(site) as server:
        session = Sesion(
            id=document_id("congreso-prueba", f"{server.url}/sesion"),
            title="Sesión ordinaria",
            date=dt.date(2025, 3, 4),
            institution="Congreso de Prueba",
            jurisdiction="MX-GUA",
            source_id="congreso-prueba",
            url=f"{server.url}/sesion",
            text=" ".join(SAID),
            congress="Congreso de Prueba",
            video_urls=[VideoLink(url=f"{server.url}/sesion.mp4", platform="web",
                                  captions_url=f"{server.url}/sesion.vtt")],
        )  # fmt: skip
        library.add_document(session)
        library.flush()
        speeches = [
            Speech(id=speech_id(session.id, n), session_id=session.id, order=n,
                   speaker_as_written=f"Diputada {n}", text=text)
            for n, text in enumerate(SAID)
        ]  # fmt: skip
        save_speeches(library.db, session.id, speeches)
        align_document(library.db, session, allow_loopback=True, listen=False)
    with TestClient(create_app(library), raise_server_exceptions=False) as client:
        yield library, session.id, client
    library.close()


def test_a_cue_beyond_any_video_times_no_speech(aligned: tuple[Library, str, TestClient]) -> None:
    library, session, _ = aligned
    times = [(s.start_s, s.end_s) for s in session_speeches(library.db, session)]
    assert times[0][0] is not None and times[0][0] < 10, times
    assert times[1:] == [(None, None), (None, None)], times


def test_the_session_reads_whole_with_its_one_timed_speech(
    aligned: tuple[Library, str, TestClient],
) -> None:
    _, session, client = aligned
    page = client.get(f"/d/{session}")
    assert page.status_code == 200 and "Votaré en contra" in page.text
    assert page.text.count("#t=") == 1, page.text
    assert client.get(f"/v1/documents/{session}").status_code == 200
    answer = client.get(f"/v1/sessions/{session}/speeches")
    assert answer.status_code == 200
    links = [s["video_link"] for s in answer.json()["speeches"]]
    assert links[0].endswith("/sesion.mp4#t=1") and links[1:] == [None, None]


def test_a_track_timed_only_beyond_a_week_is_refused_saying_so() -> None:
    with pytest.raises(CaptionError, match="más de una semana"):
        parse_captions(_track([AGES, ENDLESS, ENDLESS]))
    [cue] = parse_captions(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n"
        f"se<{ENDLESS}:00:02.000><c> abre</c><00:00:03.000><c> la sesión</c>\n"
    )
    assert (cue.start, cue.end, cue.text) == (1.0, 4.0, "se abre la sesión")
    assert MAX_SECONDS == 7 * 24 * 3600


@pytest.mark.parametrize("start", [math.inf, -math.inf, math.nan, -3.0])
def test_a_time_no_video_has_is_stored_as_none(tmp_path: Path, start: float) -> None:
    library = make_library(tmp_path / "data")
    session = document_id("congreso-prueba", "https://congreso.example/s")
    speech = Speech(id=speech_id(session, 0), session_id=session, order=0,
                    speaker_as_written="Diputada", text=SAID[0])  # fmt: skip
    save_speeches(library.db, session, [speech])
    set_alignment(library.db, speech.id, start, 12.0, math.nan, "captions", 0)
    [stored] = session_speeches(library.db, session)
    assert (stored.start_s, stored.end_s, stored.align_confidence, stored.video) == (
        None, None, None, None
    )  # fmt: skip
    library.close()
