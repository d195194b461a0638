"""Speeches placed in the sample transmissions from their caption tracks (served over
HTTP, with recogniser errors and silent stretches), and sessions whose video is not
theirs flagged instead of mis-timed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.alignment.captions import fetch_captions
from indexer.alignment.from_captions import align_captions, align_tracks
from indexer.alignment.job import align_session
from indexer.models import VideoLink
from samples.generate import generate
from samples.manifest import Manifest, Sesion
from samples.server import SampleServer, serve


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Manifest]:
    root = tmp_path_factory.mktemp("muestras")
    return root, generate(root)


@pytest.fixture(scope="module")
def server(site: tuple[Path, Manifest]) -> Iterator[SampleServer]:
    with serve(site[0]) as srv:
        yield srv


def _captioned(manifest: Manifest) -> list[Sesion]:
    return [s for s in manifest.sesiones if s.spoken() and s.videos[0].captions_path]


def test_watch_pages_offer_their_caption_track(
    site: tuple[Path, Manifest], server: SampleServer
) -> None:
    _, manifest = site
    session = _captioned(manifest)[0]
    video = session.videos[0]
    page = (site[0] / video.path.lstrip("/")).read_text(encoding="utf-8")
    assert '<track kind="captions" srclang="es"' in page and video.captions_path in page
    cues = fetch_captions(server.url_for(video.captions_path or ""))
    assert cues and cues[0].start >= 10  # the transmission starts before the session


def test_speeches_start_within_a_second_of_the_truth(
    site: tuple[Path, Manifest], server: SampleServer
) -> None:
    _, manifest = site
    total = close = 0
    for session in _captioned(manifest):
        tracks = [fetch_captions(server.url_for(v.captions_path or "")) for v in session.videos]
        result = align_tracks([d.text for d in session.spoken()], tracks)
        assert result.status != "mismatch"
        for truth, found in zip(session.spoken(), result.timings, strict=True):
            total += 1
            if found.start is None:
                continue
            assert found.video == truth.video and truth.start is not None
            assert abs(found.start - truth.start) <= 5, (truth.text, found, truth.start)
            close += abs(found.start - truth.start) <= 1
            assert found.method == "captions" and 0 < found.confidence <= 1
    assert total > 150
    assert close / total >= 0.95


def test_another_sessions_video_is_flagged_not_timed(site: tuple[Path, Manifest]) -> None:
    root, manifest = site
    sessions = [s for s in _captioned(manifest) if len(s.videos) == 1]
    mine, other = sessions[0], sessions[-1]
    cues = fetch_captions(root / (other.videos[0].captions_path or "").lstrip("/"))
    result = align_captions([d.text for d in mine.spoken()], cues)
    assert result.status == "mismatch" and "otra sesión" in (result.reason or "")
    assert all(t.start is None for t in result.timings)


def test_a_missing_hour_is_flagged_and_left_untimed(site: tuple[Path, Manifest]) -> None:
    """The text goes on where the video stopped: the speeches past its end get no time."""
    root, manifest = site
    session = max(
        (s for s in _captioned(manifest) if len(s.videos) == 1), key=lambda s: len(s.spoken())
    )
    cues = fetch_captions(root / (session.videos[0].captions_path or "").lstrip("/"))
    extra = " ".join(
        f"Intervención {n} sobre el presupuesto de obra del municipio de León, "
        f"tramo {n}, con observaciones de la auditoría número {n + 40}."
        for n in range(60)
    )
    texts = [d.text for d in session.spoken()] + [extra]
    result = align_captions(texts, cues)
    assert result.status == "partial" and "no contiene" in (result.reason or "")
    assert result.timings[-1].start is None
    assert sum(t.start is not None for t in result.timings[:-1]) >= len(session.spoken()) - 1


def test_the_worker_job_links_speeches_from_the_platform_captions(
    site: tuple[Path, Manifest], server: SampleServer
) -> None:
    _, manifest = site
    session = next(s for s in _captioned(manifest) if len(s.videos) == 2)
    videos = [
        VideoLink(
            url=server.url_for(v.path),
            platform="TransmiteMX",
            captions_url=server.url_for(v.captions_path or ""),
        )
        for v in session.videos
    ]
    done = align_session([d.text for d in session.spoken()], videos)
    assert done.alignment.method == "captions"
    timed = [
        (link, t, d)
        for link, t, d in zip(done.links, done.alignment.timings, session.spoken(), strict=True)
        if t.start is not None
    ]
    assert len(timed) >= len(session.spoken()) - 2
    for link, t, truth in timed:
        assert t.video == truth.video
        assert link == f"{videos[truth.video or 0].url}#t={int(t.start or 0)}"


def test_no_captions_and_no_stream_of_its_own_is_said_not_guessed() -> None:
    """A YouTube video without captions is never downloaded to be listened to."""
    done = align_session(
        ["Se abre la sesión."],
        [VideoLink(url="http://127.0.0.1:9/no-existe.vtt", platform="TransmiteMX",
                   captions_url="http://127.0.0.1:9/no-existe.vtt")],
        listen=False,
    )  # fmt: skip
    assert done.alignment.status == "unavailable" and done.links == [None]
    assert "no se pudieron descargar los subtítulos" in (done.alignment.reason or "")


def test_addresses_refused_by_the_guard_are_never_fetched(server: SampleServer) -> None:
    def guard(url: str) -> None:
        if "127.0.0.1" in url:
            raise PermissionError(f"{url} is a loopback address")

    server.reset_counts()
    done = align_session(
        ["Se abre la sesión."],
        [VideoLink(url=server.url_for("/video/index.html"), platform="TransmiteMX",
                   captions_url=server.url_for("/video/captions/x.vtt"))],
        check=guard,
    )  # fmt: skip
    assert done.alignment.status == "unavailable" and "rechazada" in (done.alignment.reason or "")
    assert not server.hits


def test_a_part_without_captions_leaves_only_its_speeches_untimed(
    site: tuple[Path, Manifest], server: SampleServer
) -> None:
    _, manifest = site
    session = next(s for s in _captioned(manifest) if len(s.videos) == 2)
    first, second = session.videos
    videos = [
        VideoLink(url=server.url_for(first.path), platform="TransmiteMX"),
        VideoLink(
            url=server.url_for(second.path),
            platform="TransmiteMX",
            captions_url=server.url_for(second.captions_path or ""),
        ),
    ]
    done = align_session([d.text for d in session.spoken()], videos)
    assert done.alignment.status == "partial"
    assert "video 1 no publica subtítulos" in (done.alignment.reason or "")
    for truth, timing in zip(session.spoken(), done.alignment.timings, strict=True):
        if truth.video == 0:
            assert timing.start is None
        elif timing.start is not None:
            assert timing.video == 1 and abs(timing.start - (truth.start or 0)) <= 3
    assert sum(t.video == 1 for t in done.alignment.timings) >= 3
