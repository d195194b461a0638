"""Deep links: the address that opens a session's video at a speech's second."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from indexer.readers.videos import on_host, youtube_id

_TIME_PARAMS = {"t", "start", "time_continue"}


def deep_link(url: str, seconds: float | None) -> str:
    """``url`` opened at ``seconds``: YouTube's ``watch?v=ID&t=1234s`` (other time
    parameters dropped), Vimeo's ``#t=1234s``, a media fragment ``#t=1234`` for an HTML5
    video or any other page. ``None`` seconds gives the video as it is."""
    if seconds is None:
        return url
    at = max(0, int(seconds))
    vid = youtube_id(url)
    if vid:
        return f"https://www.youtube.com/watch?v={vid}&t={at}s"
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if k not in _TIME_PARAMS]
    host = (parts.hostname or "").lower()
    fragment = f"t={at}s" if on_host(host, "vimeo.com") else f"t={at}"
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), fragment))
