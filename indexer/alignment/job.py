"""The worker's alignment job for one session, after a crawl (never inside it: audio
alignment takes minutes of CPU per hour of video).

Captions are preferred — the platform's own track, or YouTube's through yt-dlp — and
the recording is listened to only when no video has one: a session transmitted in one
piece with an HTML5 stream or file (ffmpeg reads the sound from its URL; YouTube videos
are never downloaded).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from indexer.alignment.audio import align_audio
from indexer.alignment.captions import CaptionError, Getter, fetch_captions
from indexer.alignment.features import AudioError
from indexer.alignment.from_captions import align_tracks
from indexer.alignment.links import deep_link
from indexer.alignment.model import NO_TIME, Alignment, Cue
from indexer.models import VideoLink
from indexer.readers.videos import is_video_url, youtube_id


@dataclass
class SessionAlignment:
    alignment: Alignment
    links: list[str | None]  # each speech's deep link, None when it has no time


def align_session(
    texts: Sequence[str],
    videos: Sequence[VideoLink],
    listen: bool = True,
    check: Callable[[str], None] | None = None,
    get: Getter | None = None,
    locate: Callable[[str], str] | None = None,
) -> SessionAlignment:
    """Each speech of a session placed in its recorded videos, with its deep link.

    ``check`` is called with every address before it is fetched and raises to refuse it
    (the worker passes the crawler's guard against private addresses): the addresses
    come from crawled pages. ``get`` fetches a caption track and ``locate`` follows a
    recording's redirects before ffmpeg reads it (the worker's check every hop: a site
    may send an address on to the server's own network); both raise to refuse."""
    recorded = [v for v in videos if v.state == "recorded"]
    if not texts:
        return SessionAlignment(Alignment([], "ok", None), [])
    try:
        for video in recorded:
            for url in (video.captions_url, video.url):
                if url and check:
                    check(url)
    except Exception as exc:  # the guard's own exception, whatever its class
        return SessionAlignment(_nothing(texts, f"dirección rechazada: {exc}"), [None] * len(texts))
    result = _align(texts, recorded, listen, get, locate)
    links = [
        deep_link(recorded[t.video].url, t.start)
        if t.start is not None and t.video is not None
        else None
        for t in result.timings
    ]
    return SessionAlignment(result, links)


def _align(
    texts: Sequence[str],
    videos: Sequence[VideoLink],
    listen: bool,
    get: Getter | None,
    locate: Callable[[str], str] | None = None,
) -> Alignment:
    if not videos:
        return _nothing(texts, "la sesión no tiene videos grabados")
    tracks: list[tuple[int, list[Cue]]] = []  # (video index, its captions)
    problems = []
    for k, video in enumerate(videos):
        source = video.captions_url or (video.url if youtube_id(video.url) else None)
        if source is None:
            problems.append(f"el video {k + 1} no publica subtítulos")
            continue
        try:
            tracks.append((k, fetch_captions(source, get=get)))
        except CaptionError as exc:
            problems.append(f"video {k + 1}: {exc}")
    if tracks:
        return _with_missing_parts(align_tracks(texts, [c for _, c in tracks]), tracks, problems)
    if not listen:
        return _nothing(texts, "sin subtítulos; " + "; ".join(problems))
    media = videos[0].url
    if len(videos) > 1 or youtube_id(media) or not is_video_url(media):
        return _nothing(
            texts,
            "sin subtítulos, y el audio solo se alinea en transmisiones de una pieza con "
            "archivo o flujo propio" + ("; " + "; ".join(problems) if problems else ""),
        )
    try:
        located = locate(media) if locate else media
    except Exception as exc:  # the guard's own exception, whatever its class
        return _nothing(texts, f"no se pudo leer el audio: {exc}")
    try:
        return align_audio(texts, located)
    except AudioError as exc:
        return _nothing(texts, f"no se pudo leer el audio: {exc}")


def _with_missing_parts(
    result: Alignment, tracks: list[tuple[int, list[Cue]]], problems: list[str]
) -> Alignment:
    """Timings of the captioned parts numbered as the session's videos; the parts
    without captions said in the reason (their speeches have no time)."""
    result.timings = [
        replace(t, video=tracks[t.video][0]) if t.video is not None else t for t in result.timings
    ]
    if problems and result.status == "ok":
        result.status = "partial"
    if problems:
        result.reason = "; ".join([*([result.reason] if result.reason else []), *problems])
    return result


def unavailable(texts: Sequence[str], reason: str) -> SessionAlignment:
    """No speech placed, for ``reason`` (the worker's, when what it read cannot be kept)."""
    return SessionAlignment(_nothing(texts, reason), [None] * len(texts))


def _nothing(texts: Sequence[str], reason: str) -> Alignment:
    return Alignment([NO_TIME] * len(texts), "unavailable", None, reason)
