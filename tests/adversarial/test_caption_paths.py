"""A video's caption track is read from the web, never from the server's own disk: a
``captions_url`` comes from crawled pages, and one that was a path (``/etc/…``,
``./…``) was opened as a local file and its text aligned into a session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.alignment.captions import NOT_WEB_ADDRESS, CaptionError, fetch_captions
from indexer.alignment.job import align_session
from indexer.models import VideoLink

TRACK = (
    "WEBVTT\n\n00:00:02.000 --> 00:00:06.000\nSe abre la sesión ordinaria del pleno.\n\n"
    "00:00:10.000 --> 00:00:15.000\nSe aprueba el orden del día por unanimidad.\n"
)


@pytest.fixture
def track(tmp_path: Path) -> Path:
    path = tmp_path / "secreto.vtt"
    path.write_text(TRACK, encoding="utf-8")
    return path


@pytest.mark.parametrize("spelling", ["{path}", "./{name}", "../{parent}/{name}"])
def test_an_address_that_is_not_http_is_refused(
    track: Path, spelling: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: every one of these read the file's cues."""
    monkeypatch.chdir(track.parent)
    with pytest.raises(CaptionError, match=re.escape(NOT_WEB_ADDRESS)):
        fetch_captions(spelling.format(path=track, name=track.name, parent=track.parent.name))


def test_the_operator_still_reads_a_file_given_as_a_path(track: Path) -> None:
    assert fetch_captions(track)[0].text == "Se abre la sesión ordinaria del pleno."


def test_a_crawled_local_path_is_a_counted_problem_not_the_files_text(track: Path) -> None:
    """A session whose video's track was a path: no speech placed from the file, and the
    alignment says why. Before: both speeches timed from the server's file."""
    video = VideoLink(
        url="https://videos.ejemplo.invalid/sesion.mp4", platform="web", captions_url=str(track)
    )
    texts = ["Se abre la sesión ordinaria del pleno.", "Se aprueba el orden del día."]
    result = align_session(texts, [video], listen=False)
    assert [t.start for t in result.alignment.timings] == [None, None]
    assert result.alignment.status == "unavailable"
    assert NOT_WEB_ADDRESS in (result.alignment.reason or "")
