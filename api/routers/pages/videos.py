"""Which transmissions can be played on the page: YouTube's privacy-enhanced player
(``youtube-nocookie.com``), for a video whose id is known; every other platform is a link."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from indexer.models import VideoLink

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}


def youtube_id(video: VideoLink) -> str | None:
    if video.video_id and video.platform == "youtube" and _YOUTUBE_ID.fullmatch(video.video_id):
        return video.video_id
    parts = urlsplit(video.url)
    if parts.hostname not in _YOUTUBE_HOSTS:
        return None
    if parts.hostname == "youtu.be":
        candidate = parts.path.strip("/")
    elif parts.path.startswith(("/live/", "/embed/", "/shorts/")):
        candidate = parts.path.split("/")[2]
    else:
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    return candidate if _YOUTUBE_ID.fullmatch(candidate) else None


def embed_url(videos: list[VideoLink]) -> str | None:
    for video in videos:
        found = youtube_id(video)
        if found:
            return f"https://www.youtube-nocookie.com/embed/{found}"
    return None
