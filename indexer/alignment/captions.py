"""Caption tracks: WebVTT (also YouTube's automatic captions, whose cues roll: each cue
repeats the previous line before adding a new one) and SRT, read into cues; and
fetching a track, by URL or file, without ever downloading the video."""

from __future__ import annotations

import html
import re
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from config.web_urls import lower_scheme
from indexer.alignment.model import Cue
from indexer.readers.videos import youtube_id

# A stamp starts where no digit precedes it, and a tag never holds a "<": searching a
# line of 40,000 digits or "<" from each position took 10 s, a 50 MB track hours.
_TIMING = re.compile(
    r"(?<!\d)(?P<a>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*"
    r"(?P<b>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_TAG = re.compile(r"<[^<>]*>")
_INLINE = re.compile(r"<((?:\d+:)?\d{2}:\d{2}[.,]\d{3})>")
MAX_BYTES = 50_000_000
# no transmission lasts a week: a cue said to start later (a track's "9999…:00:01.000", read
# as billions of years or as infinity) is no time in any video
MAX_SECONDS = 7 * 24 * 3600.0


class CaptionError(ValueError):
    """A caption track that could not be read or fetched; the message says why."""


def seconds(stamp: str) -> float:
    """``01:02:03.450`` or ``02:03,450`` in seconds."""
    parts = stamp.replace(",", ".").split(":")
    value = 0.0
    for part in parts:
        value = value * 60 + float(part)
    return value


def parse_captions(text: str) -> list[Cue]:
    """The cues of a WebVTT or SRT track, in time order, tags and rolled repeats removed.

    Raises ``CaptionError`` when the text has no timed cue at all."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    cues: list[Cue] = []
    previous_lines: set[str] = set()  # a set: two blocks of 40,000 lines took 50 s as lists
    beyond = 0
    for block in re.split(r"\n\n+", text):  # a line of spaces does not end a cue
        lines = block.strip("\n").split("\n")
        at = next((i for i, line in enumerate(lines) if _TIMING.search(line)), None)
        if at is None:
            continue  # header, NOTE, STYLE, REGION blocks
        timing = _TIMING.search(lines[at])
        assert timing is not None
        raw = [line for line in lines[at + 1 :] if _clean(line)]
        fresh = [line for line in raw if _clean(line) not in previous_lines]
        if raw:
            previous_lines = {_clean(line) for line in raw}
        start, end = seconds(timing["a"]), seconds(timing["b"])
        if not (_in_video(start) and _in_video(end)):
            beyond += 1
            continue
        for line in fresh:
            cues += _timed_words(line, start, max(end, start))
    if not cues and beyond:
        raise CaptionError(
            f"{_count(beyond, 'subtítulo empieza', 'subtítulos empiezan')} más de una semana "
            "después del inicio del video"
        )
    if not cues:
        raise CaptionError("la pista no tiene subtítulos con tiempos (ni WebVTT ni SRT)")
    cues.sort(key=lambda c: c.start)
    return cues


def _timed_words(line: str, start: float, end: float) -> list[Cue]:
    """A caption line as cues: one, or one per word when the line carries the word
    timestamps of automatic captions (``se<00:00:01.320><c> abre</c>``)."""
    parts = _INLINE.split(line)
    if len(parts) == 1:
        return [Cue(start, end, _clean(line))]
    times = [start] + [seconds(stamp) for stamp in parts[1::2]]
    if not all(_in_video(at) for at in times):
        return [Cue(start, end, _clean(_INLINE.sub("", line)))]
    texts = [_clean(text) for text in parts[0::2]]
    out = []
    for n, (at, said) in enumerate(zip(times, texts, strict=True)):
        until = times[n + 1] if n + 1 < len(times) else end
        if said:
            out.append(Cue(at, max(until, at), said))
    return out


def _in_video(at: float) -> bool:
    return 0.0 <= at <= MAX_SECONDS


def _clean(line: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", line)).split())


# a caption track's address that is not http(s) (a local path, file://…): refused
NOT_WEB_ADDRESS = "la dirección de los subtítulos no es una dirección http(s)"

# Fetches a track's address, raising CaptionError: the worker's checks every hop.
Getter = Callable[[str], bytes]


def fetch_captions(
    source: str | Path, timeout: float = 60.0, get: Getter | None = None
) -> list[Cue]:
    """The cues of a caption track given as a file (a ``Path``), a ``.vtt``/``.srt`` URL,
    or a YouTube video URL (Spanish track, uploaded or automatic, fetched with yt-dlp).
    ``get`` fetches a URL instead of urllib: an address read from a crawled page must
    go through the crawler's guard at every redirect (``crawlers.alignment_job``).

    A text is an address, never a file: a video's ``captions_url`` comes from crawled
    pages, and one reading ``/etc/passwd`` or ``file:///…`` read the server's own files
    into a session's alignment. Anything but http(s) is refused (a ``CaptionError``: the
    session's alignment counts it among its videos' problems)."""
    if isinstance(source, Path):
        path = source
        if not path.is_file():
            raise CaptionError(f"no existe el archivo de subtítulos {path}")
        return parse_captions(path.read_text(encoding="utf-8", errors="replace"))
    if not source.lower().startswith(("http://", "https://")):
        raise CaptionError(f"{NOT_WEB_ADDRESS}: {source[:80]!r}")
    url = lower_scheme(source)
    video = youtube_id(url)
    if video:  # yt-dlp is given YouTube's own address, never the one a page wrote
        return _youtube(f"https://www.youtube.com/watch?v={video}")
    if get is not None:
        return parse_captions(get(url).decode("utf-8", errors="replace"))
    request = urllib.request.Request(url, headers={"User-Agent": "EstadoAbierto/1.0"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
    except OSError as exc:
        why = _why(exc)
        raise CaptionError(f"no se pudieron descargar los subtítulos de {url}: {why}") from exc
    if len(data) > MAX_BYTES:
        raise CaptionError(
            f"los subtítulos de {url} pasan de {MAX_BYTES // 1_000_000} MB: no se leyeron"
        )
    return parse_captions(data.decode("utf-8", errors="replace"))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one}" if n == 1 else f"{n} {many}"


def _why(exc: OSError) -> str:
    """An unreachable track's cause in Spanish (the alignment's reason is read by people;
    the library's own text is English)."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"el servidor respondió con el error HTTP {exc.code}"
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):
        return "el servidor no respondió a tiempo"
    return "no se pudo conectar con el servidor"


def _youtube(url: str) -> list[Cue]:
    """Only the caption track: yt-dlp is told to skip the video itself."""
    import yt_dlp  # imported here: only YouTube sources need it

    with tempfile.TemporaryDirectory() as folder:
        options = {
            "skip_download": True,
            "writesubtitles": True,
            "writeautomaticsub": True,
            "subtitleslangs": ["es", "es-.*"],
            "subtitlesformat": "vtt",
            "outtmpl": str(Path(folder) / "track"),
            "quiet": True,
            "no_warnings": True,
        }
        try:
            with yt_dlp.YoutubeDL(options) as ydl:
                ydl.download([url])
        except Exception as exc:  # yt-dlp raises its own DownloadError and others
            raise CaptionError(f"YouTube no entregó los subtítulos de {url}") from exc
        tracks = sorted(Path(folder).glob("track*.vtt"))
        if not tracks:
            raise CaptionError(f"{url} no publica subtítulos en español")
        return parse_captions(tracks[0].read_text(encoding="utf-8", errors="replace"))
