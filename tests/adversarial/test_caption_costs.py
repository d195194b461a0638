"""A caption track is the source's to write, and its size is bounded (50 MB), not its
shape. A line of 40,000 digits or of 40,000 "<" once took the track reader 10 s (each
position searched to the line's end: hours for a whole track), and two cues of 40,000
lines each 50 s (each line looked up in a list of the previous cue's lines)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from crawlers.alignment_job import align_document
from indexer.models import Sesion, VideoLink, document_id
from indexer.speeches.model import Speech, speech_id
from indexer.speeches.store import save_speeches, session_speeches
from indexer.speeches.timing import session_timing
from tests.api.conftest import make_library
from tests.shapes.server import FixtureServer

SAID = "Se abre la sesión del pleno con la presencia de veinte diputadas y diputados."
# of the process's CPU time, not the wall clock: on a loaded machine a second of work
# takes ten and more
BOUND_S = 10.0  # the old reader took 34 s on this track (about a second now)


def _lines(first: int, count: int) -> str:
    """``count`` distinct lines made of the session's own words (so the track still
    matches what was said)."""
    words = SAID.rstrip(".").split()
    return "\n".join(
        " ".join(words[(n // len(words) ** p) % len(words)] for p in range(5))
        for n in range(first, first + count)
    )


def _hostile_track() -> str:
    lines = 20_000
    return (
        f"WEBVTT\n\n00:00:01.000 --> 00:00:06.000\n{SAID}\n\n"
        + "1" * 40_000
        + "\n\n00:00:07.000 --> 00:00:08.000\n"
        + "<" * 40_000
        + "\n\n00:00:09.000 --> 00:00:10.000\n"
        + _lines(0, lines)
        + "\n\n00:00:11.000 --> 00:00:12.000\n"
        + _lines(lines, lines)
        + "\n"
    )


def test_a_track_of_costly_shapes_is_read_in_bounded_time(tmp_path: Path) -> None:
    site = tmp_path / "sitio"
    site.mkdir()
    (site / "sesion.vtt").write_text(_hostile_track(), encoding="utf-8")
    library = make_library(tmp_path / "data")
    with FixtureServer(site) as server:
        session = Sesion(
            id=document_id("congreso-prueba", f"{server.url}/sesion"),
            title="Sesión ordinaria", date=dt.date(2025, 3, 4),
            institution="Congreso de Prueba", jurisdiction="MX-GUA",
            source_id="congreso-prueba", url=f"{server.url}/sesion", text=SAID,
            congress="Congreso de Prueba",
            video_urls=[VideoLink(url=f"{server.url}/sesion.mp4", platform="web",
                                  captions_url=f"{server.url}/sesion.vtt")],
        )  # fmt: skip
        library.add_document(session)
        library.flush()
        speech = Speech(id=speech_id(session.id, 0), session_id=session.id, order=0,
                        speaker_as_written="Diputada", text=SAID)  # fmt: skip
        save_speeches(library.db, session.id, [speech])
        started = time.process_time()
        align_document(library.db, session, allow_loopback=True, listen=False)
        elapsed = time.process_time() - started
    assert elapsed < BOUND_S, f"the track took {elapsed:.0f} s to read"
    timing = session_timing(library.db, session.id)
    assert timing is not None and timing.status in ("ok", "partial", "mismatch"), timing
    assert len(session_speeches(library.db, session.id)) == 1
    library.close()
